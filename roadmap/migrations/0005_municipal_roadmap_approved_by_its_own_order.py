"""A municipal roadmap is approved by the order «О реализации целевой модели наставничества…» (seed
003); the municipal «О внедрении…» now approves the municipal target model instead (reports 0017). An
activity about approving the roadmap that waited for «О внедрении…» waits for the roadmap's order: in
the shipped template and in the roadmaps made from it. Another activity keeps its event as it is."""

from django.db import migrations

BEFORE = "order_registered:municipal-introduction"
AFTER = "order_registered:municipal-roadmap"


def _move(apps, old: str, new: str) -> None:
    Activity = apps.get_model("roadmap", "Activity")
    Activity.objects.filter(completes_on=old, title__icontains="дорожн").update(completes_on=new)


def forwards(apps, schema_editor):
    _move(apps, BEFORE, AFTER)


def backwards(apps, schema_editor):
    _move(apps, AFTER, BEFORE)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0004_school_template_without_the_seeds_typos")]

    operations = [migrations.RunPython(forwards, backwards)]
