"""Countries (ISO 3166-1 in es/pt/en), the report's sectors, and the three role groups."""

from django.db import migrations

from registry.reference_data import create_roles, load_countries, load_sectors


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_countries, migrations.RunPython.noop),
        migrations.RunPython(load_sectors, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
