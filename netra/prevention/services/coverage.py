"""Coverage counters: who must sign (counted from the registry) and who has (counted as they sign).

``required`` per unit and region is counted when a pact is published and whenever someone asks for a
recount (the agency's page, the reminder job, ``manage.py recount_pacts``): the registry changes with
each import and the registry does not call prevention. ``signed`` grows with each signature
(``store.store``); ``rebuild_signed`` recounts it from the signatures for rows written in
bulk (the demo world, benchmarks) or after a repair.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import CharField, Count, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from netra.audit.services import record
from netra.registry.models import Employee

from ..models import TALLY_SLOTS, IntegrityPact, PactSignature, PactTally
from ..workflow import pact_transition


def _region(pact: IntegrityPact):
    return Coalesce("region_id", Value(pact.agency.region_id or ""), output_field=CharField())


def count_required(pact: IntegrityPact) -> tuple[list[PactTally], int]:
    """Tally rows (slot 0) with ``required`` per unit and region, and the employees outside the set."""
    rows = (
        Employee.objects.filter(pact.scope_q())
        .order_by()
        .values("unit", region_key=_region(pact))
        .annotate(n=Count("pk"))
    )
    tallies = [
        PactTally(pact=pact, unit=r["unit"], region_code=r["region_key"], slot=0, required=r["n"])
        for r in rows
    ]
    active = Employee.objects.filter(agency_id=pact.agency_id, is_active=True).count()
    return tallies, max(active - sum(t.required for t in tallies), 0)


def recount(*, pact: IntegrityPact, actor=None, actor_label: str = "") -> IntegrityPact:
    """Count again who must sign. Signed counts are untouched."""
    pact_transition(pact.status, "recount")
    tallies, outside = count_required(pact)
    with transaction.atomic():
        PactTally.objects.filter(pact=pact, required__gt=0).update(required=0)
        PactTally.objects.bulk_create(
            tallies,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["pact", "unit", "region_code", "slot"],
            update_fields=["required"],
        )
        pact.counted_at = timezone.now()
        pact.not_required = outside
        pact.save(update_fields=["counted_at", "not_required"])
        record(
            actor=actor,
            actor_label=actor_label,
            action="pact.recounted",
            target=pact,
            required=sum(t.required for t in tallies),
            not_required=outside,
        )
    return pact


def rebuild_signed(pact: IntegrityPact) -> None:
    """Set every ``signed`` counter from the signatures themselves (bulk loads, repairs)."""
    slot_of: dict[tuple[str, str, int], int] = {}
    for unit, region, employee_id in (
        PactSignature.objects.filter(pact=pact)
        .order_by()
        .values_list("unit", "region_code", "employee_id")
        .iterator(chunk_size=5000)
    ):
        key = (unit, region, employee_id % TALLY_SLOTS)
        slot_of[key] = slot_of.get(key, 0) + 1
    with transaction.atomic():
        PactTally.objects.filter(pact=pact).update(signed=0)
        PactTally.objects.bulk_create(
            [
                PactTally(pact=pact, unit=u, region_code=r, slot=s, signed=n)
                for (u, r, s), n in slot_of.items()
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["pact", "unit", "region_code", "slot"],
            update_fields=["signed"],
        )
