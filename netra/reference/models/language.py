"""Labels that come from data files carry both languages; pages show the one being spoken."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def bilingual(indonesian: str, english: str) -> str:
    """``indonesian`` unless the page is in English (or no Indonesian text exists)."""
    language = (get_language() or "id").split("-")[0]
    if language == "en":
        return english or indonesian
    return indonesian or english


# A reviewers' note inside some catalogue rows' articles, English in the published data
# (catalogue-review.md: the article's letter could not be verified).
LETTER_UNVERIFIED = "(letter unverified)"


def catalogue_notes(text: str) -> str:
    """``text`` with the reviewers' notes in the page's language."""
    return text.replace(LETTER_UNVERIFIED, str(_("(letter unverified)")))
