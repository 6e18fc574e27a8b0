"""The kinds of the contests (mentoring.contests): the results order of a school and of a municipality,
and their thank-you letters to the winners' mentors."""

from django.db import migrations

CODES = ("contest-results", "municipal-contest-results", "contest-thanks", "municipal-contest-thanks")


def load(apps, schema_editor):
    from reports.order_kinds import KINDS

    OrderKind = apps.get_model("reports", "OrderKind")
    fields = {field.name for field in OrderKind._meta.get_fields()}
    for data in KINDS:
        if data["code"] in CODES:
            defaults = {key: value for key, value in data.items() if key != "code" and key in fields}
            OrderKind.objects.update_or_create(code=data["code"], defaults=defaults)


def unload(apps, schema_editor):
    apps.get_model("reports", "OrderKind").objects.filter(code__in=CODES, orders__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_public_section")]

    operations = [migrations.RunPython(load, unload)]
