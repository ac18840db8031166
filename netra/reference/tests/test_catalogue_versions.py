"""A loaded catalogue version is history: a changed file is refused, a new version is added beside it."""

import datetime as dt

import pytest

from netra.reference.loaders import DATA_DIR, CatalogueRewriteRefused, load_catalogue_file
from netra.reference.models import CatalogueVersion

pytestmark = pytest.mark.django_db

ORIGINAL = DATA_DIR / "catalogue" / "skb-5kl-2022.toml"


def test_reloading_the_same_file_is_a_no_op():
    version = CatalogueVersion.objects.get(code="skb-5kl-2022")
    assert load_catalogue_file(ORIGINAL).pk == version.pk


def test_a_changed_file_under_a_loaded_code_is_refused(tmp_path):
    changed = tmp_path / "skb.toml"
    changed.write_text(ORIGINAL.read_text().replace('level = "berat"', 'level = "sedang"', 1))
    with pytest.raises(CatalogueRewriteRefused):
        load_catalogue_file(changed)
    assert (
        CatalogueVersion.objects.get(code="skb-5kl-2022").violations.filter(level="berat").count()
        > 0
    )


def test_a_correction_is_a_new_version_and_the_old_one_stays(tmp_path):
    corrected = tmp_path / "skb-2026.toml"
    text = ORIGINAL.read_text().replace('code = "skb-5kl-2022"', 'code = "skb-5kl-2026"', 1)
    text = text.replace("effective_from = 2022-09-22", "effective_from = 2026-01-01")
    corrected.write_text(text)
    load_catalogue_file(corrected)
    in_2024 = CatalogueVersion.in_force_on(dt.date(2024, 2, 14))
    in_2026 = CatalogueVersion.in_force_on(dt.date(2026, 6, 1))
    assert in_2024 is not None and in_2024.code == "skb-5kl-2022"
    assert in_2026 is not None and in_2026.code == "skb-5kl-2026"
    assert CatalogueVersion.objects.get(code="skb-5kl-2022").violations.count() == 20
