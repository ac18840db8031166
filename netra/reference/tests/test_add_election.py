"""The system admin adds the next election with its phases: checked, all or nothing, audited."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.audit.models import AuditEntry
from netra.reference.models import Election, ElectionPhase
from netra.reference.selectors import election_period, elections_under_way
from netra.reference.services import (
    PHASE_ORDER,
    ElectionInput,
    ElectionRefused,
    PhaseInput,
    add_election,
    check_election,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


NEXT_TOML = """
[[election]]
code = "pemilu-2029"
name = "Pemilu 2029"
kind = "pemilu"
voting_date = 2029-02-14
regulation = "PKPU (to be numbered)"
candidates_fixed_on = 2028-11-13
candidates_fixed_confidence = "unverified"
note = "Dates as announced; the PKPU number is not known yet."
phases = [
  { kind = "pre_campaign", starts_on = 2027-06-14, ends_on = 2028-11-27, legal_basis = "UU 7/2017 Pasal 167 ayat (6)", source = "KPU announcement", confidence = "low" },
  { kind = "campaign", starts_on = 2028-11-28, ends_on = 2029-02-10, legal_basis = "PKPU", confidence = "low" },
  { kind = "quiet", starts_on = 2029-02-11, ends_on = 2029-02-13, legal_basis = "PKPU", confidence = "low" },
  { kind = "voting", starts_on = 2029-02-14, ends_on = 2029-02-14, legal_basis = "UU 7/2017 Pasal 167", confidence = "medium" },
  { kind = "counting", starts_on = 2029-02-15, ends_on = 2029-03-20, legal_basis = "PKPU", confidence = "low" },
]
"""


def phases(*spans: tuple[str, dt.date, dt.date]) -> list[PhaseInput]:
    return [PhaseInput(kind, start, end, "PKPU", "low") for kind, start, end in spans]


GOOD = ElectionInput(
    code="pilkada-2029",
    name="Pilkada Serentak 2029",
    kind="pilkada",
    voting_date=D(2029, 11, 28),
    regulation="PKPU",
    phases=phases(
        ("pre_campaign", D(2029, 1, 1), D(2029, 9, 24)),
        ("campaign", D(2029, 9, 25), D(2029, 11, 24)),
        ("quiet", D(2029, 11, 25), D(2029, 11, 27)),
        ("voting", D(2029, 11, 28), D(2029, 11, 28)),
        ("counting", D(2029, 11, 29), D(2029, 12, 16)),
    ),
)


def test_an_election_is_added_with_its_phases_and_an_audit_entry(admin_user):
    election = add_election(actor=admin_user, data=GOOD)
    assert [p.kind for p in election.phases.order_by("starts_on")] == PHASE_ORDER
    assert election.phases.get(kind="voting").confidence == "low"
    entry = AuditEntry.objects.get(action="reference.election_added")
    assert entry.target_id == str(election.pk) and entry.actor == admin_user
    assert entry.data["phases"][0] == {
        "kind": "pre_campaign",
        "starts_on": "2029-01-01",
        "ends_on": "2029-09-24",
        "legal_basis": "PKPU",
        "confidence": "low",
        "source": "",
        "note": "",
    }
    # The public form takes reports about it at once (no stale snapshot).
    assert election_period("pilkada-2029") == (D(2029, 1, 1), D(2029, 12, 16))
    assert [e.code for e in elections_under_way(D(2029, 6, 1))] == ["pilkada-2029"]


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"code": "pilkada-2024"}, "exists; it is never rewritten"),
        ({"code": "pilkada 2029"}, "only letters, digits"),
        ({"kind": "referendum"}, "Unknown election kind"),
        ({"name": " "}, "name is empty"),
        ({"voting_date": D(2029, 11, 27)}, "not within the voting phase"),
        ({"candidates_fixed_on": D(2028, 12, 1)}, "outside the stages before voting"),
        ({"candidates_fixed_confidence": "sure"}, "Unknown confidence sure"),
    ],
)
def test_each_problem_with_the_election_is_named(change, fragment):
    with pytest.raises(ElectionRefused) as exc:
        add_election(actor_label="test", data=replace(GOOD, **change))
    assert any(fragment in p for p in exc.value.problems), exc.value.problems
    assert not Election.objects.filter(code=GOOD.code).exists()
    assert not AuditEntry.objects.filter(action="reference.election_added").exists()


@pytest.mark.parametrize(
    ("spans", "fragment"),
    [
        ([("voting", D(2029, 11, 28), D(2029, 11, 27))], "ends before it starts"),
        ([("voting", D(2029, 11, 28), D(2029, 11, 28))] * 2, "given more than once"),
        ([("recount", D(2029, 11, 28), D(2029, 11, 28))], "Unknown phase recount"),
        ([("campaign", D(2029, 1, 1), D(2029, 11, 27))], "voting phase is missing"),
        (
            [
                ("campaign", D(2029, 1, 1), D(2029, 11, 28)),
                ("voting", D(2029, 11, 28), D(2029, 11, 28)),
            ],
            "campaign and voting overlap (28-11-2029)",
        ),
        (
            [
                ("voting", D(2029, 11, 28), D(2029, 11, 28)),
                ("campaign", D(2029, 11, 29), D(2029, 12, 5)),
            ],
            "not in the order of the stages",
        ),
    ],
)
def test_each_problem_with_the_phases_is_named(spans, fragment):
    problems = check_election(replace(GOOD, phases=phases(*spans)))
    assert any(fragment in p for p in problems), problems


def test_a_phase_without_basis_or_status_is_refused():
    bare = PhaseInput("voting", D(2029, 11, 28), D(2029, 11, 28), " ", "probably")
    problems = check_election(replace(GOOD, phases=[bare]))
    assert any("no legal basis" in p for p in problems)
    assert any("unknown confidence probably" in p for p in problems)


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 40), min_size=5, max_size=5),
    gaps=st.lists(st.integers(-3, 3), min_size=4, max_size=4),
)
def test_phases_are_taken_exactly_when_in_order_without_overlap(lengths, gaps):
    start, spans = D(2029, 1, 1), []
    for i, kind in enumerate(PHASE_ORDER):
        end = start + dt.timedelta(days=lengths[i])
        spans.append((kind, start, end))
        if i < 4:
            start = end + dt.timedelta(days=1 + gaps[i])
    voting = spans[3]
    data = replace(GOOD, code="pilkada-uji", voting_date=voting[1], phases=phases(*spans))
    ordered = all(spans[i][1] > spans[i - 1][2] for i in range(1, 5))
    assert (check_election(data) == []) == ordered


def test_the_command_adds_the_next_election_from_a_toml_file(tmp_path, capsys):
    path = tmp_path / "next.toml"
    path.write_text(NEXT_TOML)
    call_command("add_election", str(path), "--dry-run")
    assert not Election.objects.filter(code="pemilu-2029").exists()
    assert not AuditEntry.objects.filter(action="reference.election_added").exists()
    call_command("add_election", str(path))
    election = Election.objects.get(code="pemilu-2029")
    assert election.candidates_fixed_confidence == "unverified"
    assert ElectionPhase.objects.filter(election=election).count() == 5
    entry = AuditEntry.objects.get(action="reference.election_added")
    assert entry.actor_label.startswith("manage.py add_election (")
    assert "pemilu-2029: added with 5 phases" in capsys.readouterr().out


def test_the_command_adds_nothing_from_a_file_with_a_mistake(tmp_path):
    path = tmp_path / "next.toml"
    path.write_text(NEXT_TOML.replace("2029-02-14\nregulation", '"14-02-2029"\nregulation'))
    with pytest.raises(CommandError, match="voting_date must be a date"):
        call_command("add_election", str(path))
    path.write_text(
        NEXT_TOML
        + NEXT_TOML.replace("pemilu-2029", "pemilu-2029b").replace(
            'kind = "quiet", starts_on = 2029-02-11', 'kind = "quiet", starts_on = 2029-02-10'
        )
    )
    with pytest.raises(CommandError, match="quiet overlap"):
        call_command("add_election", str(path))
    assert not Election.objects.filter(code__startswith="pemilu-2029").exists()
