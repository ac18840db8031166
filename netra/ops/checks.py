"""System checks of the operational settings (production mode's own refusals are in settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register

from netra.production import DEVELOPMENT_SECRET_KEY


@register()
def development_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY:
        return []
    return [
        Warning(
            "No secret key was generated yet: the development placeholder is in use.",
            hint="Run bin/setup (or `python -m netra.prepare`) once; it writes var/secret_key.",
            id="netra.W001",
        )
    ]
