"""Writing a signature and its coverage counter: the hot end of ``signing.sign``.

On PostgreSQL one statement inserts the signature and bumps its counter, and only while the pact is
still open to signing (a pact closed a moment ago in another process is refused here, whatever that
process's cache says). The counter is bumped last in the transaction, so its row lock is held only
until the commit. Elsewhere (SQLite, a single writer) the same steps run as ORM calls.
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _

from ..models import TALLY_SLOTS, IntegrityPact, PactSignature, PactStatus, PactTally
from ..workflow import Conflict

SIGNABLE = (PactStatus.LEADERS, PactStatus.OPEN)
_SIGN_AND_COUNT = """
WITH open_pact AS (
    SELECT id FROM prevention_integritypact
    WHERE id = %(pact)s AND status IN ('leaders', 'open') AND closes_on >= %(today)s
), signed AS (
    INSERT INTO prevention_pactsignature
        (pact_id, employee_id, signed_at, signer_name, unit, region_code, method, session_id, token)
    SELECT id, %(employee)s, %(at)s, %(name)s, %(unit)s, %(region)s, %(method)s, %(session)s, %(token)s
    FROM open_pact
    RETURNING id, pact_id
), counted AS (
    INSERT INTO prevention_pacttally (pact_id, unit, region_code, slot, required, signed)
    SELECT pact_id, %(unit)s, %(region)s, %(slot)s, 0, 1 FROM signed
    ON CONFLICT (pact_id, unit, region_code, slot)
    DO UPDATE SET signed = prevention_pacttally.signed + 1
)
SELECT id FROM signed
"""


def _closed() -> Conflict:
    return Conflict(_("This pact was closed a moment ago: it can no longer be signed."))


def store(signature: PactSignature, *, today) -> None:
    """Insert ``signature`` and count it; ``Conflict`` if the pact closed meanwhile. Runs inside the
    caller's transaction; a second signature by the same person raises ``IntegrityError``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _SIGN_AND_COUNT,
                {
                    "pact": signature.pact_id,
                    "today": today,
                    "employee": signature.employee_id,
                    "at": signature.signed_at,
                    "name": signature.signer_name,
                    "unit": signature.unit,
                    "region": signature.region_code,
                    "method": signature.method,
                    "session": signature.session_id,
                    "token": signature.token,
                    "slot": signature.employee_id % TALLY_SLOTS,
                },
            )
            row = cursor.fetchone()
        if row is None:
            raise _closed()
        signature.pk = row[0]
        return
    still_open = IntegrityPact.objects.filter(
        pk=signature.pact_id, status__in=SIGNABLE, closes_on__gte=today
    )
    if not still_open.exists():
        raise _closed()
    signature.save(force_insert=True)
    count_signature(signature)


def count_signature(signature: PactSignature) -> None:
    """One more signed in the signer's coverage counter (an upsert: units unknown at the last
    recount get their row)."""
    table = PactTally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (pact_id, unit, region_code, slot, required, signed) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, 0, 1) ON CONFLICT (pact_id, unit, region_code, slot) "
            f"DO UPDATE SET signed = {table}.signed + 1",
            [
                signature.pact_id,
                signature.unit,
                signature.region_code,
                signature.employee_id % TALLY_SLOTS,
            ],
        )
