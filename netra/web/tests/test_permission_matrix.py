"""The permission matrix: each role against each kind of object, inside and outside its scope.

Each app decides its own objects (``<app>/permissions.py``); this test, in the top layer, puts them
in one table so a role × object pair cannot be forgotten. A new kind of object joins ``SCOPES``.
Stage 4's pages (the authority's, the PPK's, the employee's record, compliance) answer per role in
test_permission_matrix_pages.py.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from netra.accounts.tests import factories
from netra.cases import permissions as cases_permissions
from netra.cases.models import Case, CaseStatus, ReportedPerson
from netra.prevention import permissions as prevention_permissions
from netra.prevention.models import IntegrityPact, SocializationEvent
from netra.reference.models import CatalogueVersion, CivilServiceAuthority, Election, Region
from netra.registry import permissions as registry_permissions
from netra.registry.models import Agency, Employee
from netra.sanctions import permissions as sanctions_permissions
from netra.sanctions.models import Recommendation

pytestmark = pytest.mark.django_db

SCOPES = {
    # A PPK sees the cases addressed to their agency: the sanction stage's rule, on top of case
    # handling's (sanctions.permissions.visible_cases includes cases.permissions.case_scope).
    Case: sanctions_permissions.visible_cases,
    Employee: registry_permissions.visible_employees,
    Recommendation: sanctions_permissions.visible_recommendations,
    IntegrityPact: prevention_permissions.visible_pacts,
    SocializationEvent: prevention_permissions.visible_events,
}


class permissions:  # noqa: N801 - read as the module of one table: permissions.can_view(...)
    visible_cases = staticmethod(sanctions_permissions.visible_cases)
    visible_employees = staticmethod(registry_permissions.visible_employees)
    visible_recommendations = staticmethod(sanctions_permissions.visible_recommendations)
    visible_pacts = staticmethod(prevention_permissions.visible_pacts)
    can_handle_case = staticmethod(cases_permissions.can_handle_case)
    can_record_sanction = staticmethod(sanctions_permissions.can_record_sanction)
    can_manage_prevention = staticmethod(prevention_permissions.can_manage)
    sees_employee_records = staticmethod(sanctions_permissions.sees_employee_records)

    @staticmethod
    def can_view(user, obj) -> bool:
        """Whether ``user`` may see ``obj``: the same rules as the list functions above."""
        return SCOPES[type(obj)](user).filter(pk=obj.pk).exists()


T0 = dt.datetime(2024, 11, 1, 9, tzinfo=dt.UTC)


def make_case(code, jurisdiction, *, forwarded=False, region="64.72.01"):
    level = {0: "ri", 2: "province", 5: "regency"}[len(jurisdiction)]
    return Case.objects.create(
        code=code,
        election=Election.objects.get(code="pilkada-2024"),
        status=CaseStatus.FORWARDED if forwarded else CaseStatus.REGISTERED,
        origin="laporan",
        handling_level=level,
        jurisdiction_code=jurisdiction,
        incident_region_id=region,
        incident_date=dt.date(2024, 10, 30),
        known_on=dt.date(2024, 10, 30),
        summary="-",
        received_at=T0,
        forwarded_at=T0 if forwarded else None,
    )


def recommend(case, agency_code):
    agency = Agency.objects.get(code=agency_code)
    person = ReportedPerson.objects.create(case=case, name="X", category="pns", agency=agency)
    return Recommendation.objects.create(
        case=case,
        reported_person=person,
        authority=CivilServiceAuthority.objects.get(code="BKN"),
        agency=agency,
        number=f"REK-{case.code}",
        issued_on=dt.date(2024, 11, 5),
        catalogue_version=CatalogueVersion.objects.get(code="skb-5kl-2022"),
        recommended_level="berat",
    )


def employee(nip, agency_code):
    return Employee.objects.create(
        nip=nip,
        name=nip,
        employee_type="pns",
        position_class="pelaksana",
        position_title="-",
        agency=Agency.objects.get(code=agency_code),
    )


@pytest.fixture
def world():
    cases = {
        "samarinda": make_case("C-SMD", "64.72"),
        "kukar": make_case("C-KKR", "64.02", region="64.02.01"),
        "kaltim": make_case("C-KALTIM", "64"),
        "ri": make_case("C-RI", ""),
        "kalsel": make_case("C-KALSEL", "63.71", region="63.71.01"),
        "forwarded_smd": make_case("C-FWD-SMD", "64.72", forwarded=True),
        "forwarded_kukar": make_case("C-FWD-KKR", "64.02", forwarded=True, region="64.02.01"),
    }
    recs = {
        "smd": recommend(cases["forwarded_smd"], "PEMKOT-64.72"),
        "kukar": recommend(cases["forwarded_kukar"], "PEMKAB-64.02"),
    }
    employees = {
        "smd": employee("1" * 18, "PEMKOT-64.72"),
        "kukar": employee("2" * 18, "PEMKAB-64.02"),
    }
    pacts = {
        code: IntegrityPact.objects.create(
            agency=Agency.objects.get(code=agency),
            election=Election.objects.get(code="pilkada-2024"),
            title=code,
            body="-",
            opens_on=dt.date(2024, 8, 1),
            closes_on=dt.date(2024, 9, 1),
        )
        for code, agency in (("smd", "PEMKOT-64.72"), ("kukar", "PEMKAB-64.02"))
    }
    return cases, recs, employees, pacts


def visible_case_keys(user, cases):
    ids = set(permissions.visible_cases(user).values_list("pk", flat=True))
    return {key for key, case in cases.items() if case.pk in ids}


ALL_CASES = {"samarinda", "kukar", "kaltim", "ri", "kalsel", "forwarded_smd", "forwarded_kukar"}


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (lambda: factories.bawaslu("ri"), ALL_CASES),
        (lambda: factories.bawaslu("kaltim", "64"), ALL_CASES - {"ri", "kalsel"}),
        (lambda: factories.bawaslu("samarinda", "64.72"), {"samarinda", "forwarded_smd"}),
        (lambda: factories.bawaslu("kukar", "64.02"), {"kukar", "forwarded_kukar"}),
        (factories.analyst, {"forwarded_smd", "forwarded_kukar"}),
        (lambda: factories.personnel("ppk-smd", "PEMKOT-64.72"), {"forwarded_smd"}),
        (lambda: factories.personnel("ppk-kukar", "PEMKAB-64.02"), {"forwarded_kukar"}),
        (factories.agency_admin, set()),
        (factories.system_admin, set()),
    ],
    ids=[
        "bawaslu-ri",
        "bawaslu-kaltim",
        "bawaslu-samarinda",
        "bawaslu-kukar",
        "bkn",
        "ppk-samarinda",
        "ppk-kukar",
        "agency-admin",
        "system-admin",
    ],
)
def test_cases_each_role_sees(world, make_user, expected):
    cases = world[0]
    user = make_user()
    assert visible_case_keys(user, cases) == expected
    for key, case in cases.items():
        assert permissions.can_view(user, case) == (key in expected)


def test_a_samarinda_officer_never_sees_or_handles_a_kutai_kartanegara_case(world):
    cases = world[0]
    officer = factories.bawaslu("samarinda", "64.72")
    assert not permissions.can_view(officer, cases["kukar"])
    assert not permissions.can_handle_case(officer, cases["kukar"])
    assert permissions.can_handle_case(officer, cases["samarinda"])


def test_only_bawaslu_officers_handle_cases(world):
    cases = world[0]
    for user in (factories.analyst(), factories.personnel(), factories.system_admin()):
        assert not permissions.can_handle_case(user, cases["forwarded_smd"])


@pytest.mark.parametrize(
    ("make_user", "sees_smd", "sees_kukar"),
    [
        (lambda: factories.personnel("p", "PEMKOT-64.72"), True, False),
        (lambda: factories.agency_admin("a", "PEMKOT-64.72"), True, False),
        (lambda: factories.bawaslu("b", "64.72"), True, True),
        (factories.analyst, True, True),
        (factories.system_admin, True, True),
    ],
)
def test_employees_each_role_sees(world, make_user, sees_smd, sees_kukar):
    employees = world[2]
    user = make_user()
    assert permissions.can_view(user, employees["smd"]) is sees_smd
    assert permissions.can_view(user, employees["kukar"]) is sees_kukar


@pytest.mark.parametrize(
    ("make_user", "sees_smd", "sees_kukar"),
    [
        (lambda: factories.personnel("p", "PEMKOT-64.72"), True, False),
        (factories.analyst, True, True),
        (lambda: factories.bawaslu("b", "64.72"), True, False),
        (lambda: factories.bawaslu("b2", "64"), True, True),
        (factories.agency_admin, False, False),
        (factories.system_admin, False, False),
    ],
)
def test_recommendations_each_role_sees(world, make_user, sees_smd, sees_kukar):
    recs = world[1]
    user = make_user()
    assert permissions.can_view(user, recs["smd"]) is sees_smd
    assert permissions.can_view(user, recs["kukar"]) is sees_kukar


@pytest.mark.parametrize(
    ("make_user", "sees_smd", "sees_kukar"),
    [
        (lambda: factories.personnel("p", "PEMKOT-64.72"), True, False),
        (lambda: factories.agency_admin("a", "PEMKOT-64.72"), True, False),
        (factories.analyst, True, True),
        (lambda: factories.bawaslu("b", "64.72"), False, False),
        (lambda: factories.bawaslu("b2"), False, False),
        (factories.system_admin, False, False),
    ],
)
def test_employee_records_each_role_reads(world, make_user, sees_smd, sees_kukar):
    """An employee's proven violations and sanctions: their agency and the authority only (issue
    16), though Bawaslu and the system admin see the employee in the registry."""
    employees = world[2]
    user = make_user()
    assert permissions.sees_employee_records(user, employees["smd"].agency_id) is sees_smd
    assert permissions.sees_employee_records(user, employees["kukar"].agency_id) is sees_kukar


def test_only_the_addressed_agency_records_a_sanction(world):
    recs = world[1]
    assert permissions.can_record_sanction(factories.personnel("p", "PEMKOT-64.72"), recs["smd"])
    assert not permissions.can_record_sanction(
        factories.personnel("q", "PEMKOT-64.72"), recs["kukar"]
    )
    assert not permissions.can_record_sanction(factories.analyst(), recs["smd"])


@pytest.mark.parametrize(
    ("make_user", "sees_smd", "sees_kukar"),
    [
        (lambda: factories.agency_admin("a", "PEMKOT-64.72"), True, False),
        (lambda: factories.personnel("p", "PEMKAB-64.02"), False, True),
        (lambda: factories.bawaslu("b", "64.72"), True, False),
        (lambda: factories.bawaslu("b2"), True, True),
        (factories.analyst, True, True),
    ],
)
def test_pacts_each_role_sees(world, make_user, sees_smd, sees_kukar):
    pacts = world[3]
    user = make_user()
    assert permissions.can_view(user, pacts["smd"]) is sees_smd
    assert permissions.can_view(user, pacts["kukar"]) is sees_kukar


def test_only_the_agency_admin_of_that_agency_manages_prevention():
    smd = Agency.objects.get(code="PEMKOT-64.72")
    assert permissions.can_manage_prevention(factories.agency_admin("a", "PEMKOT-64.72"), smd.pk)
    assert not permissions.can_manage_prevention(
        factories.agency_admin("b", "PEMKAB-64.02"), smd.pk
    )
    assert not permissions.can_manage_prevention(factories.personnel("c", "PEMKOT-64.72"), smd.pk)


def test_inactive_or_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    officer = factories.bawaslu("ri")
    officer.is_active = False
    assert not permissions.visible_cases(officer).exists()
    assert not permissions.visible_cases(AnonymousUser()).exists()
    assert not permissions.visible_employees(AnonymousUser()).exists()


@pytest.mark.parametrize(
    ("role", "office", "region", "agency", "field"),
    [
        ("bawaslu_officer", "regency", "64.72.01", None, "region"),
        # An officer's office is explicit: none at all is not "Bawaslu RI" (issue 14, item 3).
        ("bawaslu_officer", "", None, None, "office_level"),
        ("bawaslu_officer", "", "64", None, "office_level"),
        ("bawaslu_officer", "ri", "64", None, "region"),
        ("bawaslu_officer", "province", None, None, "region"),
        ("bawaslu_officer", "province", "64.72", None, "region"),
        ("bawaslu_officer", "regency", "64", None, "region"),
        ("authority_analyst", "ri", None, None, "office_level"),
        ("agency_personnel", "", None, None, "agency"),
        ("agency_admin", "", None, None, "agency"),
        ("authority_analyst", "", "64", None, "region"),
        ("system_admin", "", None, "PEMKOT-64.72", "agency"),
    ],
)
def test_accounts_with_an_impossible_jurisdiction_are_refused(role, office, region, agency, field):
    with pytest.raises(ValidationError) as err:
        factories.make_user("x", role, region=region, agency=agency, office_level=office)
    assert field in err.value.message_dict


def test_an_officer_without_an_office_sees_no_case_and_cannot_be_stored(world):
    from django.db import IntegrityError, transaction

    from netra.accounts.models import Role, User

    cases = world[0]
    officer = User(username="no-office", role=Role.BAWASLU_OFFICER)  # no level, no region
    assert not permissions.visible_cases(officer).exists()
    assert not permissions.can_handle_case(officer, cases["ri"])
    assert not permissions.visible_recommendations(officer).exists()
    assert not permissions.visible_pacts(officer).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        officer.save()  # the database refuses it too, whoever writes the row


def test_region_helper_matches_codes_by_prefix_not_by_text():
    samarinda = Region.objects.get(code="64.72")
    assert samarinda.contains("64.72.01") and samarinda.contains("64.72")
    assert not samarinda.contains("64.7") and not samarinda.contains("64.721")
