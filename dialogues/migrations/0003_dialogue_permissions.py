from django.db import migrations

from registry.reference_data import grant_dialogue_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("dialogues", "0002_concept_note_checks"),
        ("registry", "0002_reference_data_and_roles"),
    ]

    operations = [migrations.RunPython(grant_dialogue_permissions, migrations.RunPython.noop)]
