"""Every entry is chained now: make the sequence required and unique, add PostgreSQL's chain-head
function (netra/audit/chain.py), then refuse UPDATE and DELETE in the database itself
(netra/audit/protection.py). The triggers come last: on SQLite, altering the column rebuilds the
table, which would drop them."""

from django.db import migrations, models

from netra.audit import protection
from netra.audit.chain import POSTGRESQL_HEAD_FUNCTION


def install_triggers(apps, schema_editor):
    protection.install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    protection.remove(schema_editor.connection)


def install_head_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRESQL_HEAD_FUNCTION)


def remove_head_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP FUNCTION IF EXISTS audit_chain_head(bigint)")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_chain_fields_and_backfill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.RunPython(install_head_function, remove_head_function, elidable=False),
        migrations.RunPython(install_triggers, remove_triggers, elidable=False),
    ]
