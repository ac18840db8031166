import pytest

from netra.cases.routing import handling_office
from netra.reference.models import Region
from netra.registry.models import Agency

pytestmark = pytest.mark.django_db


def office(region_code, agency_code=None):
    agency = Agency.objects.get(code=agency_code) if agency_code else None
    return tuple(
        handling_office(incident_region=Region.objects.get(code=region_code), agency=agency)
    )


def test_a_ministry_official_goes_to_bawaslu_ri_wherever_it_happened():
    assert office("64.72.01", "KEMENDAGRI") == ("ri", "")


def test_a_provincial_official_goes_to_the_provincial_office():
    assert office("64.72.01", "PEMPROV-64") == ("province", "64")


def test_a_regency_official_goes_to_the_office_of_their_regency_not_the_place():
    assert office("64.72.01", "PEMKAB-64.02") == ("regency", "64.02")


def test_an_unknown_agency_goes_to_the_office_where_it_happened():
    assert office("64.72.01") == ("regency", "64.72")
    assert office("64") == ("province", "64")
