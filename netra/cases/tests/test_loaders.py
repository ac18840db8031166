"""load_reference loads the deadline rules and seeds the letter templates, idempotently."""

import pytest
from django.core.management import call_command

from netra.cases.models import DocumentKind, DocumentTemplate
from netra.reference.models import DeadlineRule

pytestmark = pytest.mark.django_db


def test_load_reference_is_idempotent_and_keeps_office_choices():
    rules = DeadlineRule.objects.count()
    assert DocumentTemplate.objects.count() == len(DocumentKind.values)
    template = DocumentTemplate.objects.get(kind="receipt")
    template.body = "<p>Edited {{ number }}</p>"
    template.save()
    DeadlineRule.objects.filter(code="A1").update(value=45)
    DeadlineRule.objects.filter(code="P2").update(value=99)
    call_command("load_reference", verbosity=0)
    assert DeadlineRule.objects.count() == rules
    assert DocumentTemplate.objects.get(kind="receipt").body == "<p>Edited {{ number }}</p>"
    # A service level stays as the office set it; a statutory value comes back from the file.
    assert DeadlineRule.objects.get(code="A1").value == 45
    assert DeadlineRule.objects.get(code="P2").value == 2
