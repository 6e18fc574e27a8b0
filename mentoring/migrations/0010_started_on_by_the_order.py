"""Working pairs and groups start on the day their approval order gives (its term's start, never
before the order's date), not on their first meeting: the start already stored for a working unit is
put right. Completed and terminated units keep theirs: reports of past dates were made with them."""

from django.db import migrations


def approved_start(unit):
    # approved_on is the approval order's date (0008_unit_approved_on).
    return max(unit.planned_from, unit.approved_on) if unit.approved_on else unit.planned_from


def forwards(apps, schema_editor):
    MentoringUnit = apps.get_model("mentoring", "MentoringUnit")
    changed = []
    for unit in MentoringUnit.objects.filter(status="active").iterator(chunk_size=2000):
        start = approved_start(unit)
        if unit.started_on != start:
            unit.started_on = start
            changed.append(unit)
    MentoringUnit.objects.bulk_update(changed, ["started_on"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0009_meeting_before_start"),
        ("reports", "0002_order_kinds"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
