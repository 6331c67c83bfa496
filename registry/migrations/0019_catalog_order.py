"""The catalog's order (reporting country's Spanish name, then name) kept on each initiative, with
an index that gives a page without sorting them all; filled for the initiatives already there."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0018_search_in_three_languages'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='initiative',
            options={'ordering': ['country_order', 'name', 'id'], 'verbose_name': 'initiative', 'verbose_name_plural': 'initiatives'},
        ),
        migrations.AddField(
            model_name='initiative',
            name='country_order',
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.RunSQL(
            "UPDATE registry_initiative AS i SET country_order = c.name_es"
            " FROM registry_institution AS inst JOIN registry_country AS c ON c.iso2 = inst.country_id"
            " WHERE inst.id = i.institution_id",
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['status', 'country_order', 'name', 'id'], name='initiative_catalog_order_idx'),
        ),
    ]
