from django.db import migrations


def load(apps, schema_editor):
    from monitoring.indicators.shipped import INDICATORS, indicator_fields

    Indicator = apps.get_model("indicators", "Indicator")
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    for data in INDICATORS:
        indicator, _ = Indicator.objects.update_or_create(code=data["code"], defaults=indicator_fields(data))
        indicator.forms.set(MentoringForm.objects.filter(code__in=data.get("forms", [])))


def unload(apps, schema_editor):
    from monitoring.indicators.shipped import INDICATORS

    apps.get_model("indicators", "Indicator").objects.filter(code__in=[data["code"] for data in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("mentoring", "0003_forms_of_mentoring"),
    ]

    operations = [migrations.RunPython(load, unload)]
