"""Each edition its own front: slots, their record and banners get a language, and existing
rows stay in the default edition (the field's default is the default language when this runs).
A slot's identity becomes (edition, position), so the position is no longer its primary key."""

import website.editions
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0017_editions'),
        ('frontpage', '0003_banners_and_slots_follow_their_story'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='frontslot',
            options={'ordering': ['language', 'position'], 'verbose_name': 'front-page slot'},
        ),
        migrations.AddField(
            model_name='breakingbanner',
            name='language',
            field=models.CharField(default=website.editions.default_language, max_length=12, verbose_name='edition'),
        ),
        # The position stops being the key first: a table has one primary key at a time.
        migrations.AlterField(
            model_name='frontslot',
            name='position',
            field=models.PositiveSmallIntegerField(choices=[(0, 'Lead story'), (1, 'Top story 1'), (2, 'Top story 2'), (3, 'Top story 3'), (4, 'Top story 4')]),
        ),
        migrations.AddField(
            model_name='frontslot',
            name='id',
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID'),
        ),
        migrations.AddField(
            model_name='frontslot',
            name='language',
            field=models.CharField(default=website.editions.default_language, max_length=12, verbose_name='edition'),
        ),
        migrations.AddField(
            model_name='frontslotchange',
            name='language',
            field=models.CharField(default=website.editions.default_language, max_length=12, verbose_name='edition'),
        ),
        migrations.AddConstraint(
            model_name='frontslot',
            constraint=models.UniqueConstraint(fields=('language', 'position'), name='one_slot_per_position_and_edition'),
        ),
    ]
