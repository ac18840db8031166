"""Labels that come from data files carry both languages; pages show the one being spoken."""

from __future__ import annotations

from django.utils.translation import get_language


def bilingual(indonesian: str, english: str) -> str:
    """``indonesian`` unless the page is in English (or no Indonesian text exists)."""
    language = (get_language() or "id").split("-")[0]
    if language == "en":
        return english or indonesian
    return indonesian or english
