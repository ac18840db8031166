from django.db import migrations

# An agency officer's search box: the same name-prefix range as 0003, within one agency.
INDEX = "registry_employee_agency_name_key_prefix"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_employee "
            '(agency_id, name_key COLLATE "C")'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_employee_name_prefix_index")]

    operations = [migrations.RunPython(add_index, drop_index)]
