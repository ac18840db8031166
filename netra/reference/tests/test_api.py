"""The public reference API: cascading region pickers, elections and phases, the catalogue."""

import pytest

pytestmark = pytest.mark.django_db


def test_provinces_by_default(client):
    rows = client.get("/api/v1/regions").json()
    assert len(rows) == 38
    assert {"code": "64", "name": "Kalimantan Timur", "level": "province", "parent": None} in rows


def test_children_of_a_region(client):
    rows = client.get("/api/v1/regions", {"parent": "64"}).json()
    assert len(rows) == 10 and all(r["parent"] == "64" for r in rows)
    districts = client.get("/api/v1/regions", {"parent": "64.72"}).json()
    assert districts and all(r["code"].startswith("64.72.") for r in districts)


def test_unknown_region_is_a_404_with_a_message(client):
    response = client.get("/api/v1/regions/64.99")
    assert response.status_code == 404
    assert "64.99" in response.json()["detail"]


def test_bad_level_is_a_422_not_a_500(client):
    assert client.get("/api/v1/regions", {"level": "planet"}).status_code == 422


def test_elections_carry_their_phases(client):
    elections = {e["code"]: e for e in client.get("/api/v1/elections").json()}
    assert set(elections) == {"pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"}
    assert elections["pemilu-2024"]["voting_date"] == "2024-02-14"
    assert [p["kind"] for p in elections["pilkada-2024"]["phases"]] == [
        "pre_campaign",
        "campaign",
        "quiet",
        "voting",
        "counting",
    ]


def test_phases_on_a_date_in_two_elections(client):
    rows = client.get("/api/v1/phases", {"date": "2024-02-12"}).json()
    quiet = {"election": "pemilu-2024", "phase": "quiet", "candidate_stage": "calon"}
    assert {**quiet, "candidate_stages": ["calon"]} in rows
    assert any(
        r["election"] == "pilkada-2024" and r["candidate_stage"] == "bakal_calon" for r in rows
    )


def test_a_malformed_date_is_a_422(client):
    assert client.get("/api/v1/phases", {"date": "14-02-2024"}).status_code == 422


def test_the_catalogue_in_force_lists_every_row_with_its_sanctions(client):
    catalogue = client.get("/api/v1/catalogue").json()
    # The corrected version (docs/legal/catalogue-review.md §4) is in force since 2026-11-30.
    assert catalogue["code"] == "skb-5kl-2022-rev-2026-11"
    rows = {v["code"]: v for v in catalogue["violations"]}
    assert len(rows) == 24
    assert set(rows["KE-04"]["allowed_sanctions"]) >= {"SM-TTP", "SM-TBK"}
    assert rows["DS-08"]["disputed"] is True
    first = client.get("/api/v1/catalogue", {"version": "skb-5kl-2022"}).json()
    assert len(first["violations"]) == 20


def test_an_unknown_catalogue_version_is_a_404(client):
    assert client.get("/api/v1/catalogue", {"version": "skb-1999"}).status_code == 404


def test_the_openapi_document_documents_the_404s(client):
    schema = client.get("/api/openapi.json").json()
    assert "404" in schema["paths"]["/api/v1/regions/{code}"]["get"]["responses"]


def test_phases_on_a_day_the_pemilu_races_were_in_different_stages(client):
    rows = client.get("/api/v1/phases", {"date": "2023-11-08"}).json()
    assert rows == [
        {
            "election": "pemilu-2024",
            "phase": "pre_campaign",
            "candidate_stage": None,
            "candidate_stages": ["bakal_calon", "calon"],
        }
    ]
    dpr = client.get("/api/v1/phases", {"date": "2023-11-08", "race": "dpr"}).json()
    assert dpr[0]["candidate_stage"] == "calon" and dpr[0]["candidate_stages"] == ["calon"]
