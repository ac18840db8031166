from django.db import migrations

# Search-as-you-type mostly types a name from its start: a btree range scan under the "C"
# collation answers "keys from 'budi sant' up to 'budi sanu'" in name order at once
# (netra/registry/search.py). PostgreSQL only; SQLite's fallback scans.
PREFIX_INDEX = "registry_employee_name_key_prefix"


def add_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PREFIX_INDEX} ON registry_employee "
            '(name_key COLLATE "C")'
        )


def drop_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PREFIX_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_employee_search_and_imports")]

    operations = [migrations.RunPython(add_prefix_index, drop_prefix_index)]
