"""A ficha's initiatives are linked from surveys now (surveys 0005 copied the links first): the
registry's models name no higher app. This is the last registry migration that depends on surveys."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0015_move_to_followup'),
        ('surveys', '0005_ficha_initiative_links'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='initiative',
            name='ficha',
        ),
    ]
