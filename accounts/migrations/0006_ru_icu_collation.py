"""The collation of people's names (accounts/collation.py). PostgreSQL gets an ICU collation; SQLite
registers a collation of the same name on each connection, so there is nothing to create there."""

import django.db.models.functions.comparison
from django.db import migrations, models

CREATE = "CREATE COLLATION IF NOT EXISTS ru_icu (provider = icu, locale = 'ru-RU')"
DROP = "DROP COLLATION IF EXISTS ru_icu"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_phone"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AlterModelOptions(
            name='user',
            options={'ordering': [models.OrderBy(django.db.models.functions.comparison.Collate(models.F('last_name'), 'ru_icu')), models.OrderBy(django.db.models.functions.comparison.Collate(models.F('first_name'), 'ru_icu')), models.OrderBy(django.db.models.functions.comparison.Collate(models.F('patronymic'), 'ru_icu')), 'username'], 'verbose_name': 'user', 'verbose_name_plural': 'users'},
        ),
    ]
