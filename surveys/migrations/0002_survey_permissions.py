from django.db import migrations

from registry.reference_data import grant_survey_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("registry", "0002_reference_data_and_roles"),
    ]

    operations = [migrations.RunPython(grant_survey_permissions, migrations.RunPython.noop)]
