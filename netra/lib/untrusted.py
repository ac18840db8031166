"""Rendering templates that an admin can edit (letter bodies, pact texts) as hostile input.

The Django template language is safe from code execution, but a few tags reach further than a letter
needs: ``{% include %}``/``{% extends %}`` read other templates from disk, ``{% load %}`` brings in
tag libraries, ``{% debug %}`` prints the whole context. This engine has no template loaders and no
libraries, and a body using those tags is refused with a message the admin can act on.
"""

from __future__ import annotations

import re
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.utils.translation import gettext as _

_FORBIDDEN = re.compile(r"{%\s*(load|include|extends|debug|ssi)\b")
_ENGINE = Engine(loaders=[], libraries={}, debug=False, autoescape=True)


class UnsafeTemplate(ValueError):
    """The template uses a tag that letters may not use, or does not parse."""


def check(body: str) -> None:
    """Raise ``UnsafeTemplate`` with a translated message if ``body`` may not be rendered."""
    if match := _FORBIDDEN.search(body):
        raise UnsafeTemplate(
            _("Templates may not use the “%(tag)s” tag.") % {"tag": match.group(1)}
        )
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise UnsafeTemplate(_("The template does not parse: %(error)s") % {"error": exc}) from exc


def render(body: str, context: dict[str, Any]) -> str:
    check(body)
    return _ENGINE.from_string(body).render(Context(context, autoescape=True))
