"""Each organization keeps how many published initiatives it takes part in (registry.counts), filled
here for the organizations already there."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0019_catalog_order'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='published_initiatives',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(
            "UPDATE registry_organization AS o SET published_initiatives = ("
            " SELECT count(DISTINCT p.initiative_id) FROM registry_participation AS p"
            " JOIN registry_initiative AS i ON i.id = p.initiative_id"
            " WHERE p.organization_id = o.id AND i.status = 'published')",
            migrations.RunSQL.noop,
        ),
    ]
