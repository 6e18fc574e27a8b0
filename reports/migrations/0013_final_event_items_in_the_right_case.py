"""The final-event kind's items in the right case on databases upgraded by migrations.

0006 gave the stored kind «О проведении итогового мероприятия» its event date ({{ event_date }}), so
its items no longer equalled the old items 0007 looked for, and 0007 left them alone: the item
«Опубликовать итоги мероприятия на официальном сайте {{ organization.short_name }}» kept the
nominative («на официальном сайте МБОУ СОШ № 1» read as a name, not «…сайте МБОУ СОШ № 1» in the
genitive). Here that one item gets the genitive filter where its text is still the shipped one; an
item a region edited in the admin is left as it is.
"""

from django.db import migrations

CODE = "final-event"
OLD = "Опубликовать итоги мероприятия на официальном сайте {{ organization.short_name }}."
NEW = "Опубликовать итоги мероприятия на официальном сайте {{ organization.short_name|genitive }}."


def _replace(apps, was: str, becomes: str) -> None:
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        items = [
            {**item, "text": becomes} if isinstance(item, dict) and item.get("text") == was else item
            for item in kind.items_template or []
        ]
        if items != kind.items_template:
            kind.items_template = items
            kind.save(update_fields=["items_template"])


def forwards(apps, schema_editor):
    _replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_contest_kinds")]

    operations = [migrations.RunPython(forwards, backwards)]
