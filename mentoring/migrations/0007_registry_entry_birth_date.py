"""Registry entries keep their participant's birth date (see RegistryEntry.birth_date), so that
depersonalization leaves the age bands of past dates as they were. Entries of people depersonalized
before this migration have no birth date left to copy.

A full cycle now counts from its completion date on: an entry marked without a date takes the first
completion of a pair or group of its academic year in which the person completed the full cycle
(a mentee's own mark; a mentor's unit with a full-cycle mentee). One with no such completion stays
undated and is not counted until the curator gives the date."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_birth_dates(apps, schema_editor):
    Participant = apps.get_model("mentoring", "Participant")
    of_participant = Subquery(Participant.objects.filter(pk=OuterRef("participant_id")).values("birth_date")[:1])
    for name in ("MentorEntry", "MenteeEntry", "HistoricalMentorEntry", "HistoricalMenteeEntry"):
        apps.get_model("mentoring", name).objects.update(birth_date=of_participant)


def date_full_cycles(apps, schema_editor):
    MentoringUnit = apps.get_model("mentoring", "MentoringUnit")
    completed = MentoringUnit.objects.filter(status="completed", finished_on__isnull=False).order_by("finished_on")
    for entry in apps.get_model("mentoring", "MenteeEntry").objects.filter(full_cycle=True, completed_on__isnull=True):
        unit = completed.filter(
            program__academic_year=entry.academic_year,
            mentees__mentee_id=entry.participant_id,
            mentees__full_cycle=True,
        ).first()
        if unit:
            entry.completed_on = unit.finished_on
            entry.save(update_fields=["completed_on"])
    for entry in apps.get_model("mentoring", "MentorEntry").objects.filter(full_cycle=True, completed_on__isnull=True):
        unit = completed.filter(
            program__academic_year=entry.academic_year, mentor_id=entry.participant_id, mentees__full_cycle=True
        ).first()
        if unit:
            entry.completed_on = unit.finished_on
            entry.save(update_fields=["completed_on"])


def birth_date():
    return models.DateField(blank=True, editable=False, null=True, verbose_name="date of birth")


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0006_account_invitation"),
    ]

    operations = [
        migrations.AddField(model_name="historicalmenteeentry", name="birth_date", field=birth_date()),
        migrations.AddField(model_name="historicalmentorentry", name="birth_date", field=birth_date()),
        migrations.AddField(model_name="menteeentry", name="birth_date", field=birth_date()),
        migrations.AddField(model_name="mentorentry", name="birth_date", field=birth_date()),
        migrations.RunPython(copy_birth_dates, migrations.RunPython.noop),
        migrations.RunPython(date_full_cycles, migrations.RunPython.noop),
    ]
