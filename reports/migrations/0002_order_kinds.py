from django.db import migrations


def load_kinds(apps, schema_editor):
    from reports.order_kinds import KINDS

    OrderKind = apps.get_model("reports", "OrderKind")
    for data in KINDS:
        OrderKind.objects.update_or_create(code=data["code"], defaults={k: v for k, v in data.items() if k != "code"})


def unload_kinds(apps, schema_editor):
    from reports.order_kinds import KINDS

    apps.get_model("reports", "OrderKind").objects.filter(code__in=[kind["code"] for kind in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load_kinds, unload_kinds)]
