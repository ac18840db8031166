"""A report can name many people: a principal and the school heads they gathered (12-21 people), in
the form and in the API (issue 14: at most 10 before)."""

from __future__ import annotations

import json

import pytest

from netra.cases.models import Case

from .conftest import payload
from .test_pages import URL, step_data

pytestmark = pytest.mark.django_db

HEADS = "\n".join(f"Kepala SD {n}; Kepala SDN {n:03d} Samarinda" for n in range(1, 21))


def test_the_form_adds_twenty_people_at_once_and_files_them_all(client):
    data = step_data(step="2")
    page = client.post(URL, {**data, "action": "add_many", "many_persons": HEADS})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="person"') == 21
    assert html.count('data-testid="person-folded"') == 18  # the list stays short to read
    assert 'value="Kepala SD 20"' in html and 'value="Kepala SDN 020 Samarinda"' in html
    # The page now carries the 21 persons in its fields: send them on to the end.
    data.update({"person-TOTAL_FORMS": "21"})
    for n in range(1, 21):
        data.update(
            {
                f"person-{n}-name": f"Kepala SD {n}",
                f"person-{n}-position_title": f"Kepala SDN {n:03d} Samarinda",
                f"person-{n}-nip": "",
                f"person-{n}-agency": data["person-0-agency"],
                f"person-{n}-category": data["person-0-category"],
            }
        )
    done = client.post(URL, {**data, "step": "4", "action": "submit", "links": ""})
    assert done.status_code == 201, done.content.decode()[:500]
    assert Case.objects.get().reported_persons.count() == 21


def test_the_api_takes_twenty_one_persons(client):
    person = payload()["persons"][0]
    persons = [person] + [
        {**person, "name": f"Kepala SD {n}", "nip": "", "position_title": "Kepala Sekolah"}
        for n in range(1, 21)
    ]
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(payload(persons=persons)),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Case.objects.get().reported_persons.count() == 21


def test_more_than_the_limit_is_refused_with_a_message(client, settings):
    person = payload()["persons"][0]
    too_many = [{**person, "nip": ""} for _ in range(51)]
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(payload(persons=too_many)),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "persons" in json.dumps(response.json())
