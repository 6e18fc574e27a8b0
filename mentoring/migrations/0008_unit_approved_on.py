"""A pair or group keeps the date it entered the program: its approval order's date, which the
figures as of a date read. Units approved before this migration take their order's date, or the day
the director approved them when no order is linked."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone


def date_approvals(apps, schema_editor):
    MentoringUnit = apps.get_model("mentoring", "MentoringUnit")
    Order = apps.get_model("reports", "Order")
    MentoringUnit.objects.filter(approval_order__isnull=False).update(
        approved_on=Subquery(Order.objects.filter(pk=OuterRef("approval_order_id")).values("date")[:1])
    )
    for unit in MentoringUnit.objects.filter(approved_on__isnull=True, approved_at__isnull=False):
        unit.approved_on = timezone.localdate(unit.approved_at)
        unit.save(update_fields=["approved_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0007_registry_entry_birth_date"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentoringunit",
            name="approved_on",
            field=models.DateField(blank=True, null=True, verbose_name="approved on"),
        ),
        migrations.RunPython(date_approvals, migrations.RunPython.noop),
    ]
