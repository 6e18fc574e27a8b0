"""Registry entries keep their participant's birth date (see RegistryEntry.birth_date), so that
depersonalization leaves the age bands of past dates as they were. Entries of people depersonalized
before this migration have no birth date left to copy."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_birth_dates(apps, schema_editor):
    Participant = apps.get_model("mentoring", "Participant")
    of_participant = Subquery(Participant.objects.filter(pk=OuterRef("participant_id")).values("birth_date")[:1])
    for name in ("MentorEntry", "MenteeEntry", "HistoricalMentorEntry", "HistoricalMenteeEntry"):
        apps.get_model("mentoring", name).objects.update(birth_date=of_participant)


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
    ]
