"""Employee search: NIP, titles, spelling variants, typos, filters and scoping."""

import pytest

from netra.accounts.tests import factories
from netra.registry.models import Agency
from netra.registry.search import search_employees

from .helpers import KALTIM, SAMARINDA, employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "joko": employee("198503122010011002", "Drs. H. Djoko Soesanto, M.Si."),
        "siti": employee("199001012015032001", "Hj. Siti Aminah, S.Pd.", region_id="64.72.01"),
        "yusuf": employee("198001012005011001", "Jusuf Chairul Tanjung, S.E."),
        "muhammad": employee("198202022006011003", "Muhammad Abdullah, S.Kom."),
        "province": employee("197501012000121001", "Joko Susanto", agency=KALTIM),
        "gone": employee("197001011995031002", "Joko Pensiun", is_active=False),
        "honorer": employee(None, "Rudi Honorer", staff_number="H-1"),
    }


def names(result):
    return [e.name for e in result.employees]


def test_titles_in_the_name_and_in_the_query_are_ignored(people):
    bawaslu = factories.bawaslu()
    assert names(search_employees(bawaslu, "siti aminah")) == ["Hj. Siti Aminah, S.Pd."]
    assert names(search_employees(bawaslu, "Hj. Siti")) == ["Hj. Siti Aminah, S.Pd."]
    assert names(search_employees(bawaslu, "abdullah s.kom")) == ["Muhammad Abdullah, S.Kom."]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("joko susanto", "Drs. H. Djoko Soesanto, M.Si."),  # dj/j, oe/u
        ("djoko", "Drs. H. Djoko Soesanto, M.Si."),
        ("yusuf khairul", "Jusuf Chairul Tanjung, S.E."),  # j/y, ch/kh
        ("muhamad abdulah", "Muhammad Abdullah, S.Kom."),  # doubled letters
        ("tanjung yus", "Jusuf Chairul Tanjung, S.E."),  # any order, last word a prefix
    ],
)
def test_spelling_variants_find_the_same_person(people, query, expected):
    result = search_employees(factories.analyst(), query, agency_id=people["joko"].agency_id)
    assert names(result)[0] == expected
    assert result.matched_by == "name"


def test_typos_fall_back_to_similar_names(people):
    result = search_employees(factories.analyst(), "susnto", agency_id=people["joko"].agency_id)
    assert result.matched_by == "similar"
    assert "Drs. H. Djoko Soesanto, M.Si." in names(result)


def test_nip_exact_and_prefix(people):
    user = factories.system_admin()
    result = search_employees(user, "198503122010011002")
    assert (result.matched_by, names(result)) == ("nip", ["Drs. H. Djoko Soesanto, M.Si."])
    assert names(search_employees(user, "19850312 201001 1 002")) == [
        "Drs. H. Djoko Soesanto, M.Si."
    ]
    assert names(search_employees(user, "1990")) == ["Hj. Siti Aminah, S.Pd."]
    assert names(search_employees(user, "199")) == []  # too short to narrow anything
    assert names(search_employees(user, "999999999999999999")) == []


def test_short_queries_return_nothing_rather_than_everything(people):
    result = search_employees(factories.bawaslu(), "jo")
    assert (result.employees, result.matched_by) == ([], "")


def test_inactive_employees_only_on_request(people):
    bawaslu = factories.bawaslu()
    assert "Joko Pensiun" not in names(search_employees(bawaslu, "joko"))
    assert "Joko Pensiun" in names(search_employees(bawaslu, "joko", active_only=False))


def test_filters_by_agency_and_region(people):
    bawaslu = factories.bawaslu()
    everywhere = names(search_employees(bawaslu, "joko"))
    assert set(everywhere) == {"Drs. H. Djoko Soesanto, M.Si.", "Joko Susanto"}
    kaltim = Agency.objects.get(code=KALTIM)
    assert names(search_employees(bawaslu, "joko", agency_id=kaltim.pk)) == ["Joko Susanto"]
    assert names(search_employees(bawaslu, "siti", region="64.72")) == ["Hj. Siti Aminah, S.Pd."]
    assert names(search_employees(bawaslu, "siti", region="64.71")) == []


def test_an_agency_officer_never_sees_another_agencys_employees(people):
    officer = factories.personnel(agency=SAMARINDA)
    found = names(search_employees(officer, "joko susanto"))
    assert found == ["Drs. H. Djoko Soesanto, M.Si."]
    kaltim = Agency.objects.get(code=KALTIM)
    assert names(search_employees(officer, "joko", agency_id=kaltim.pk)) == []
    assert names(search_employees(officer, "197501012000121001")) == []
    admin = factories.agency_admin(agency=KALTIM)
    assert names(search_employees(admin, "joko")) == ["Joko Susanto"]


def test_accounts_without_a_role_find_nothing(people):
    from netra.accounts.models import User

    user = User.objects.create_user("norole", password="x")  # noqa: S106
    assert names(search_employees(user, "joko")) == []


def test_bulk_created_employees_get_search_keys():
    from netra.registry.models import Employee

    agency = Agency.objects.get(code=SAMARINDA)
    Employee.objects.bulk_create(
        [
            Employee(
                nip="198503122010011002",
                name="Ir. Tjahjo Wibowo",
                employee_type="pns",
                position_class="pelaksana",
                position_title="Staf",
                agency=agency,
            )
        ]
    )
    assert names(search_employees(factories.bawaslu(), "cahyo")) == ["Ir. Tjahjo Wibowo"]


def test_an_old_spelling_being_typed_is_found_letter_by_letter(people):
    bawaslu = factories.bawaslu()
    for typed in ("djoko so", "djoko soe", "djoko soes", "joko sus"):
        assert "Drs. H. Djoko Soesanto, M.Si." in names(search_employees(bawaslu, typed)), typed


def test_a_degree_half_typed_after_the_comma_is_ignored(people):
    found = search_employees(factories.bawaslu(), "Siti Aminah, S.P")
    assert names(found) == ["Hj. Siti Aminah, S.Pd."]
