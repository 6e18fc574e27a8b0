"""The shipped school roadmap template reads as correct Russian, not as seed 000's typos, on a new
database and on one upgraded by the migrations."""

import importlib

from django.apps import apps

from roadmap.models import Activity

migration = importlib.import_module("roadmap.migrations.0004_school_template_without_the_seeds_typos")


def template_activity() -> Activity:
    return Activity.objects.get(
        roadmap__is_template=True,
        roadmap__template_name=migration.TEMPLATE_NAME,
        content__contains="«дорожной карты»",
    )


def test_the_template_names_the_curator_and_the_roadmap_in_the_genitive(db):
    content = template_activity().content
    assert "«дорожной карты» внедрения системы наставничества в {org}." in content
    assert "4. Назначение куратора внедрения целевой модели наставничества в {org} (издание приказа)" in content
    assert "внедрение системы" not in content and "Целевой" not in content


def test_an_upgraded_template_is_corrected_line_by_line_and_an_edited_line_is_kept(db):
    activity = template_activity()
    lines = activity.content.split("\n")
    old = {new: old for old, new in migration.LINES}
    lines = [old.get(line, line) for line in lines]
    lines[0] = "1. Своя строка региона"
    activity.content = "\n".join(lines)
    activity.save()
    migration.forwards(apps, None)
    activity.refresh_from_db()
    assert activity.content.split("\n")[0] == "1. Своя строка региона"
    assert list(activity.content.split("\n")[1:]) == [new for _old, new in migration.LINES]
    migration.backwards(apps, None)
    activity.refresh_from_db()
    assert "куратора внедрение Целевой модели" in activity.content
