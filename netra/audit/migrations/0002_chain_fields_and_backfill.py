"""Chain the audit trail: sequence numbers and hashes, backfilled over existing entries by id."""

from django.db import migrations, models

from netra.audit.chain import GENESIS, entry_hash

BATCH = 2000


def backfill_chain(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    entries = AuditEntry.objects.using(schema_editor.connection.alias).order_by("id")
    seq, prev_hash, last_id = 0, GENESIS, 0
    while batch := list(entries.filter(id__gt=last_id)[:BATCH]):
        for entry in batch:
            seq += 1
            entry.seq, entry.prev_hash = seq, prev_hash
            entry.hash = prev_hash = entry_hash(
                seq=seq,
                at=entry.at,
                actor_id=entry.actor_id,
                actor_label=entry.actor_label,
                action=entry.action,
                target_type=entry.target_type,
                target_id=entry.target_id,
                summary=entry.summary,
                data=entry.data,
                prev_hash=entry.prev_hash,
            )
        AuditEntry.objects.using(schema_editor.connection.alias).bulk_update(
            batch, ["seq", "prev_hash", "hash"]
        )
        last_id = batch[-1].id


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(backfill_chain, migrations.RunPython.noop, elidable=False),
    ]
