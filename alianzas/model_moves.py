"""Moving a model to another app without touching its table: the old app's migration drops it
from its state, the new app's creates it in its own state over the same table (db_table), and
its content type changes app, so audit entries, admin logs and permissions keep pointing at it."""

from django.db import migrations


def state_only(*operations):
    return migrations.SeparateDatabaseAndState(state_operations=list(operations), database_operations=[])


def rename_content_types(old_app: str, new_app: str, *models: str):
    def move(apps, schema_editor, source, target):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=target, model=model).exists():
                ContentType.objects.filter(app_label=source, model=model).update(app_label=target)

    return migrations.RunPython(
        lambda apps, editor: move(apps, editor, old_app, new_app), lambda apps, editor: move(apps, editor, new_app, old_app)
    )
