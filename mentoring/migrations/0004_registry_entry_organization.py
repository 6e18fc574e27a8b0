"""Registry entries keep their participant's organization (see RegistryEntry.organization). The
column becomes required in 0005: on PostgreSQL the update's deferred foreign-key checks must be
committed before the table can be altered."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_organizations(apps, schema_editor):
    """Each existing entry, and each historical version of it, takes its participant's organization."""
    Participant = apps.get_model("mentoring", "Participant")
    of_participant = Subquery(Participant.objects.filter(pk=OuterRef("participant_id")).values("organization_id")[:1])
    for name in ("MentorEntry", "MenteeEntry", "HistoricalMentorEntry", "HistoricalMenteeEntry"):
        apps.get_model("mentoring", name).objects.update(organization_id=of_participant)


def entry_organization(**extra):
    return models.ForeignKey(
        editable=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="accounts.organization",
        verbose_name="organization",
        **extra,
    )


def historical():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="accounts.organization",
        verbose_name="organization",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_municipality_authority_municipality_city_and_more"),
        ("mentoring", "0003_forms_of_mentoring"),
    ]

    operations = [
        migrations.AddField(model_name="historicalmenteeentry", name="organization", field=historical()),
        migrations.AddField(model_name="historicalmentorentry", name="organization", field=historical()),
        migrations.AddField(model_name="menteeentry", name="organization", field=entry_organization(null=True)),
        migrations.AddField(model_name="mentorentry", name="organization", field=entry_organization(null=True)),
        migrations.RunPython(copy_organizations, migrations.RunPython.noop),
    ]
