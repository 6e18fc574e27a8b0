from django.db import migrations


def load_kinds(apps, schema_editor):
    from reports.order_kinds import KINDS

    OrderKind = apps.get_model("reports", "OrderKind")
    # The kinds are today's; the model is this migration's: fields added later are set by their own migrations.
    fields = {field.name for field in OrderKind._meta.get_fields()}
    for data in KINDS:
        defaults = {key: value for key, value in data.items() if key != "code" and key in fields}
        OrderKind.objects.update_or_create(code=data["code"], defaults=defaults)


def unload_kinds(apps, schema_editor):
    from reports.order_kinds import KINDS

    apps.get_model("reports", "OrderKind").objects.filter(code__in=[kind["code"] for kind in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load_kinds, unload_kinds)]
