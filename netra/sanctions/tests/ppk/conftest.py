"""Fixtures of the PPK side's tests (this folder; the builders are in ../ppk_factories.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from netra.accounts.tests import factories


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.NETRA_CUTI_BERSAMA_NON_WORKING = True


@pytest.fixture
def officer(db):
    return factories.bawaslu("bawaslu.samarinda", "64.72")


@pytest.fixture
def ppk(db):
    return factories.personnel("ppk.samarinda", agency="PEMKOT-64.72")


@pytest.fixture
def other_ppk(db):
    return factories.personnel("ppk.kaltim", agency="PEMPROV-64")


@pytest.fixture
def analyst(db):
    return factories.analyst("bkn.analis")


@pytest.fixture
def kaltim_officer(db):
    """Bawaslu Kalimantan Timur: handles the cases of the provincial government's employees."""
    return factories.bawaslu("bawaslu.kaltim", "64")
