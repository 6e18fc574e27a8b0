"""Loads the standard questionnaires of monitoring/shipped.py (read-only; organizations copy them)."""

from django.db import migrations

from monitoring.shipped import QUESTIONNAIRES


def load(apps, schema_editor):
    Questionnaire = apps.get_model("monitoring", "Questionnaire")
    Question = apps.get_model("monitoring", "Question")
    for data in QUESTIONNAIRES:
        questionnaire, _created = Questionnaire.objects.update_or_create(
            organization=None,
            code=data["code"],
            defaults={
                "title": data["title"],
                "description": data["description"],
                "audience": data["audience"],
                "purpose": data["purpose"],
            },
        )
        questionnaire.questions.all().delete()
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                position=position,
                kind=kind,
                text=text,
                required=extra.get("required", True),
                options=extra.get("options", []),
                expected_and_actual="expected" in extra,
                expected_text=extra.get("expected", ""),
                matching=extra.get("matching", ""),
            )
            for position, (kind, text, extra) in enumerate(data["questions"], start=1)
        )


def unload(apps, schema_editor):
    Questionnaire = apps.get_model("monitoring", "Questionnaire")
    Questionnaire.objects.filter(organization=None, code__in=[data["code"] for data in QUESTIONNAIRES]).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_questionnaires")]

    operations = [migrations.RunPython(load, unload)]
