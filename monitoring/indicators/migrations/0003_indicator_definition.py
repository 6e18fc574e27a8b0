from django.db import migrations, models


def fill(apps, schema_editor):
    from monitoring.indicators.shipped import DEFINITIONS

    Indicator = apps.get_model("indicators", "Indicator")
    for code, text in DEFINITIONS.items():
        # An indicator the municipality has defined itself in the admin keeps its own words.
        Indicator.objects.filter(code=code, definition="").update(definition=text)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_shipped_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="definition",
            field=models.TextField(
                blank=True,
                help_text="What the indicator means, in the words of the order that sets it.",
                verbose_name="definition",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
