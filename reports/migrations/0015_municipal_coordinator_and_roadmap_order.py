"""The municipal orders of seeds 001 and 003. «О внедрении…» appoints the municipality's coordinator of
mentoring and says what the coordinator does (seed 001, items 2–4), where its items are still the
ones shipped before; a kind a region edited in the admin is left as it is. The order approving the
municipal roadmap (seed 003, «О реализации целевой модели наставничества…») is a kind of its own.
"""

import importlib

from django.db import migrations

CODE = "municipal-introduction"
ROADMAP_CODE = "municipal-roadmap"
before = importlib.import_module("reports.migrations.0008_kind_indicators_appendix")
COORDINATOR_APPOINTMENT = {
    "text": "Назначить муниципальным координатором наставничества "
    "{% if coordinator %}{{ coordinator|accusative }}{% else %}____________________{% endif %}.",
    "responsible": "",
    "term": "",
}
COORDINATOR_SUPPORT = {
    "text": "Муниципальному координатору наставничества обеспечить информационное и организационно-методическое "
    "сопровождение реализации целевой модели наставничества в образовательных организациях "
    "{{ municipality|genitive }}, сбор и анализ результатов её реализации.",
    "responsible": "{{ coordinator_short }}",
    "term": "",
}
ITEMS_BEFORE = before.ITEMS_AFTER
ITEMS_AFTER = [before.ROADMAP_ITEM, before.INDICATORS_ITEM, COORDINATOR_APPOINTMENT, COORDINATOR_SUPPORT, before.HEADS_ITEM]


def forwards(apps, schema_editor):
    from reports.order_kinds import KINDS

    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if kind.items_template == ITEMS_BEFORE:
            kind.items_template = ITEMS_AFTER
            kind.save(update_fields=["items_template"])
    fields = {field.name for field in OrderKind._meta.get_fields()}
    data = next(data for data in KINDS if data["code"] == ROADMAP_CODE)
    if not OrderKind.objects.filter(code=ROADMAP_CODE).exists():
        OrderKind.objects.create(**{key: value for key, value in data.items() if key in fields})


def backwards(apps, schema_editor):
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if kind.items_template == ITEMS_AFTER:
            kind.items_template = ITEMS_BEFORE
            kind.save(update_fields=["items_template"])
    # Kept when orders were drafted of it (the orders protect their kind).
    OrderKind.objects.filter(code=ROADMAP_CODE, orders__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0014_analytical_note_job")]

    operations = [migrations.RunPython(forwards, backwards)]
