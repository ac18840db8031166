"""Name keys: titles dropped, old and new spellings merged."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _reference_key(name: str) -> str:
    """name_key written plainly, without its caches and shortcuts (its first version)."""
    import re
    import unicodedata

    from netra.registry.names import _is_title, spelling_key

    text = name if name.isascii() else unicodedata.normalize("NFKD", name)
    text = text.encode("ascii", "ignore").decode().lower().split(",", 1)[0]
    words = []
    for raw in re.split(r"[\s,;/()]+", text):
        letters = re.sub(r"[^a-z]", "", raw)
        if letters and not _is_title(raw, letters, False):
            words.append(spelling_key(letters))
    return " ".join(words)[:150]


NAME_PARTS = st.sampled_from(
    [
        "Drs.",
        "H.",
        "Hj",
        "Djoko",
        "Soesanto",
        "Siti",
        "S.Pd.",
        "M.Si",
        "ma",
        "Ma.",
        "dr",
        "(Alm)",
        "Zoë",
        "Nyoman",
        "Ramadhan",
        "Muhammad",
        "Tjahjo",
        "/",
        ";",
        ",",
        "-",
        "'",
        "  ",
        "\t",
        "\u00a0",
        "A" * 70,
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(NAME_PARTS, max_size=8).map(" ".join)))
def test_name_key_matches_its_plain_definition(name):
    assert name_key(name) == _reference_key(name)
