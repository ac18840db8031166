"""An attacker with database superuser rights can lift the triggers; the chain still shows the edit.

Each test plays that attacker inside its own transaction, which the test's rollback undoes.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from netra.audit import protection
from netra.audit.chain import entry_hash
from netra.audit.models import AuditEntry
from netra.audit.verify import verify_chain


def as_superuser(sql: str, params: list) -> None:
    """Disable (PostgreSQL) or drop (SQLite) the triggers, then run ``sql`` around them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check the deferred foreign keys now: PostgreSQL alters no table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            protection.remove(connection)
        cursor.execute(sql, params)


def rehash(entry: AuditEntry, **changes) -> str:
    """The hash a careful attacker would store for ``entry`` with ``changes``."""
    row = {**AuditEntry.objects.values().get(pk=entry.pk), **changes}
    return entry_hash(**{k: v for k, v in row.items() if k not in ("id", "hash")})


def command_failure(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit_chain", *args)
    assert failure.value.returncode == 1
    return str(failure.value)


def test_an_intact_chain_prints_its_count_and_head(entries, capsys):
    call_command("verify_audit_chain", "--expect-head", f"3:{entries[2].hash}")
    out = capsys.readouterr().out
    assert "Verified 5 audit entries: the chain is intact." in out
    assert f"Head: 5:{entries[4].hash}" in out


def test_a_changed_summary_names_that_entry(entries):
    as_superuser(
        "UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["nothing", entries[2].pk]
    )
    report = verify_chain()
    assert report.broken is not None
    assert (report.verified, report.broken.seq, report.broken.id) == (2, 3, entries[2].pk)
    assert "does not match its hash" in report.broken.reason
    message = command_failure()
    assert (
        f"after 2 intact entries. First broken: entry seq 3 (id {entries[2].pk}, test.step, "
        in (message)
    )
    assert entries[2].at.isoformat() in message


def test_a_deleted_entry_names_the_one_after_the_gap(entries):
    as_superuser("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    message = command_failure()
    assert f"entry seq 4 (id {entries[3].pk}, test.step" in message
    assert "expected seq 3: entry 3 is missing" in message


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(entries):
    forged = rehash(entries[1], summary="nothing")
    as_superuser(
        "UPDATE audit_auditentry SET summary = %s, hash = %s WHERE id = %s",
        ["nothing", forged, entries[1].pk],
    )
    assert f"entry seq 3 (id {entries[2].pk}" in command_failure()
    assert "does not link to entry 2" in command_failure()


def test_a_cut_tail_or_a_whole_rewrite_verifies_but_misses_the_recorded_head(entries):
    recorded = f"5:{entries[4].hash}"
    as_superuser("DELETE FROM audit_auditentry WHERE seq > %s", [3])
    assert verify_chain().intact
    assert "is not in the chain" in command_failure("--expect-head", recorded)
    # A whole rewrite: every hash recomputed from the changed entry on. Only the head shows it.
    prev = entries[0].hash
    for entry in entries[1:3]:
        forged = rehash(entry, summary="nothing", prev_hash=prev)
        as_superuser(
            "UPDATE audit_auditentry SET summary = %s, prev_hash = %s, hash = %s WHERE id = %s",
            ["nothing", prev, forged, entry.pk],
        )
        prev = forged
    assert verify_chain().intact
    assert "is not in the chain" in command_failure("--expect-head", f"3:{entries[2].hash}")


def test_lifted_triggers_fail_the_command_even_with_the_chain_intact(entries):
    as_superuser("SELECT 1", [])
    assert verify_chain().intact
    assert "triggers on audit_auditentry are missing or disabled" in command_failure()


def test_a_malformed_head_is_refused(entries):
    with pytest.raises(CommandError, match="expect-head"):
        call_command("verify_audit_chain", "--expect-head", "5:nothex")
