"""Name keys: titles dropped, old and new spellings merged."""

import pytest

from netra.registry.names import name_key, query_words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Drs. H. Djoko Soesanto, M.Si.", "Joko Susanto"),
        ("Hj. Siti Djoewariyah, S.Pd., M.Pd.", "siti juwariyah"),
        ("Prof. Dr. Ir. Tjahjo Kumolo, S.H., M.M.", "Cahyo Kumolo"),
        ("Jusuf Chairul, S.E.", "Yusuf Khairul"),
        ("Muhammad Abdullah, S.Kom.", "Muhamad Abdulah"),
        ("Dra. Sjamsiah Nasution, S.Sos.", "Syamsiah Nasution"),
        ("dr. Ramadhan Fathurrahman, A.Md.", "Ramadan Faturahman"),
        ("Nyoman Soeprapto, S.T.", "Njoman Suprapto"),
        ("Siti Aminah S.Pd", "SITI AMINAH"),
        ("Agus Salim, S.Kep., Ners", "Agus Salim"),
        ("Zoë Effendi", "Zoe Efendi"),
    ],
)
def test_variants_share_one_key(a, b):
    assert name_key(a) == name_key(b)


def test_titles_that_are_also_initials_stay_without_a_dot_before_the_name():
    # "M." before the name stands for Muhammad, not a degree.
    assert name_key("M. Yusuf") == "m yusuf"
    assert name_key("Budi Santoso, S.Pd.") == "budi santoso"


def test_query_words_are_keyed_like_names():
    assert query_words("Drs. Djoko  soes") == ["yoko", "sus"]
    assert query_words("S.Pd.") == []


def test_everything_after_the_first_comma_is_a_degree():
    assert name_key("Diah Sari Daulay, S.Ke") == "diah sari daulay"
    assert name_key("Agus Salim, M.Kes., Sp.PD") == "agus salim"


def test_unfinished_old_spelling_has_a_variant():
    from netra.registry.names import unfinished_variant

    assert unfinished_variant("hasan so") == "hasan su"
    assert unfinished_variant("d") == "y"
    assert unfinished_variant("budi") is None
