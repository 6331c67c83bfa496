"""The link between a ficha and its initiatives moves from registry.Initiative.ficha to a table of
surveys, so the registry knows nothing of campaigns (issue 17) and one initiative can be reported
again in a later campaign's ficha (issue 21). Existing links are copied before registry drops its
column (registry 0016 runs after this migration)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Initiative = apps.get_model("registry", "Initiative")
    FichaInitiative = apps.get_model("surveys", "FichaInitiative")
    FichaInitiative.objects.bulk_create(
        FichaInitiative(ficha_id=ficha_id, initiative_id=pk)
        for pk, ficha_id in Initiative.objects.exclude(ficha=None).values_list("pk", "ficha_id")
    )


def copy_links_back(apps, schema_editor):
    Initiative = apps.get_model("registry", "Initiative")
    for link in apps.get_model("surveys", "FichaInitiative").objects.order_by("added_at"):
        Initiative.objects.filter(pk=link.initiative_id).update(ficha_id=link.ficha_id)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0015_move_to_followup'),
        ('surveys', '0004_answer_limits'),
    ]

    operations = [
        migrations.CreateModel(
            name='FichaInitiative',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('ficha', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='surveys.ficha')),
                ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ficha_entries', to='registry.initiative')),
            ],
        ),
        migrations.AddField(
            model_name='ficha',
            name='initiatives',
            field=models.ManyToManyField(related_name='fichas', through='surveys.FichaInitiative', to='registry.initiative', verbose_name='initiatives'),
        ),
        migrations.AddConstraint(
            model_name='fichainitiative',
            constraint=models.UniqueConstraint(fields=('ficha', 'initiative'), name='ficha_initiative_once'),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
