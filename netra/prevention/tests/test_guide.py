"""The guide: every answer cites catalogue rows that exist; questions typed the way people talk
find the right answer; questions it cannot answer are said to be so, never guessed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.prevention.guide import data
from netra.prevention.guide.rules import missing_codes, rules_for
from netra.prevention.guide.search import search, stem

# (question, the answer that must come first)
QUESTIONS = [
    ("berfoto dengan calon", "foto-bersama-calon"),
    ("foto bareng paslon", "foto-bersama-calon"),
    ("swafoto sama cagub boleh?", "foto-bersama-calon"),
    ("pns boleh dtg resepsi caleg?", "resepsi-calon"),
    ("pose jempol sm cabup kena ga", "pose-jari"),
    ("berpose dua jari", "pose-jari"),
    ("boleh like postingan capres?", "media-sosial-reaksi"),
    ("sebar poster kampanye calon di status wa", "media-sosial-kampanye"),
    ("komen di ig timses", "media-sosial-reaksi"),
    ("asn boleh nyoblos ga?", "memilih"),
    ("apakah asn boleh memilih", "memilih"),
    ("istri saya nyaleg, boleh dampingi?", "keluarga-mencalonkan"),
    ("mau nyalon bupati", "mencalonkan-diri"),
    ("masuk partai politik", "anggota-parpol"),
    ("pakai mobdin ke acara paslon", "fasilitas-negara"),
    ("honorer boleh kampanye?", "non-asn"),
    ("kades jd timses", "kepala-desa"),
    ("asn jadi tim sukses", "tim-sukses"),
    ("pasang baliho di rumah", "spanduk-baliho"),
    ("jadi petugas kpps", "kpps"),
    ("kasih fotokopi ktp buat calon independen", "dukungan-ktp"),
    ("menghadiri deklarasi paslon", "hadir-deklarasi"),
    ("datang ke kampanye hari minggu", "hadir-kampanye"),
    ("ajak warga pilih calon tertentu", "ajakan-keberpihakan"),
    ("kampnye", None),  # a typo of a word many answers share: answered, any of them
    ("may I like a candidate's post?", "media-sosial-reaksi"),
]
UNANSWERABLE = [
    "resep rendang",
    "asn boleh main bola?",
    "cara daftar cpns 2025",
    "asn boleh korupsi?",
    "",
]


def test_stemming_joins_word_forms():
    assert stem("berfoto") == stem("foto") == "foto"
    assert stem("berkampanye") == stem("kampanye")
    assert stem("menghadiri") == "hadir"


@pytest.mark.parametrize(("question", "expected"), QUESTIONS)
def test_questions_people_type_find_the_right_answer(question, expected):
    result = search(question)
    assert result.answered, (question, result.analysis)
    if expected:
        assert result.matches[0].answer.key == expected, [m.answer.key for m in result.matches]


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_outside_the_guide_are_not_answered(question):
    result = search(question)
    assert not result.answered and result.matches == ()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_searched_without_error(text):
    result = search(text)
    assert result.answered in (True, False)
    assert len(result.matches) <= 3


def test_the_data_is_complete_and_disputes_are_explained():
    for guide in data.versions():
        for answer in guide.answers:
            assert answer.verdict in data.VERDICTS
            assert (
                answer.question_id and answer.question_en and answer.answer_id and answer.answer_en
            )
            assert answer.sources, answer.key
            if answer.disputed:
                assert answer.dispute_id and answer.dispute_en and not answer.quiz, answer.key
            if answer.verdict == "tidak_boleh":  # what it risks, with its article
                assert (
                    answer.catalogue_codes
                    or answer.criminal_codes
                    or answer.sanction_codes
                    or answer.articles
                ), answer.key
        topics = {a.topic for a in guide.answers}
        assert {"media_sosial", "foto_pose", "kampanye", "keluarga", "pencalonan", "memilih",
                "fasilitas", "non_asn", "kepala_desa"} <= topics  # fmt: skip


@pytest.mark.django_db
def test_every_cited_code_is_in_the_catalogue_and_carries_its_article():
    guide = data.current()
    assert missing_codes(guide) == []
    photo = guide.by_key("foto-bersama-calon")
    assert photo is not None
    rules = rules_for(photo, guide)
    assert [r.code for r in rules] == ["KE-05", "DS-07"]
    assert all(r.article and r.sanctions for r in rules)


def test_voting_is_allowed_neutral_does_not_mean_not_voting():
    voting = data.current().by_key("memilih")
    assert voting is not None and voting.verdict == "boleh"
    assert "netral bukan berarti tidak memilih" in voting.answer_id
