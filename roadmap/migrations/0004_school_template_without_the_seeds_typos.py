"""The shipped school roadmap template without the typos it copied from seed 000 («дорожной карты»
внедрение → внедрения, «куратора внедрение Целевой модели» → «куратора внедрения целевой модели»):
the activity's content changes line by line where a line is still the shipped one; a template edited
in the admin keeps its own lines, and roadmaps already made from the template are the owners' own."""

from django.db import migrations

TEMPLATE_NAME = "Дорожная карта школы (7 этапов целевой модели)"
LINES = [
    (
        "2. Разработка и утверждение Целевой модели наставничества в {org}",
        "2. Разработка и утверждение целевой модели наставничества в {org}",
    ),
    (
        "3. Разработка и утверждение «дорожной карты» внедрение системы наставничества в {org}.",
        "3. Разработка и утверждение «дорожной карты» внедрения системы наставничества в {org}.",
    ),
    (
        "4. Назначение куратора внедрение Целевой модели наставничества {org} (издание приказа)",
        "4. Назначение куратора внедрения целевой модели наставничества в {org} (издание приказа)",
    ),
]


def _replace(apps, pairs) -> None:
    Activity = apps.get_model("roadmap", "Activity")
    activities = Activity.objects.filter(
        roadmap__is_template=True,
        roadmap__organization=None,
        roadmap__municipality=None,
        roadmap__template_name=TEMPLATE_NAME,
    )
    replacements = dict(pairs)
    for activity in activities:
        lines = activity.content.split("\n")
        fixed = [replacements.get(line, line) for line in lines]
        if fixed != lines:
            activity.content = "\n".join(fixed)
            activity.save(update_fields=["content"])


def forwards(apps, schema_editor):
    _replace(apps, LINES)


def backwards(apps, schema_editor):
    _replace(apps, [(new, old) for old, new in LINES])


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0003_activity_practices")]

    operations = [migrations.RunPython(forwards, backwards)]
