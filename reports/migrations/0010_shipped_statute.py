"""The standard regulation on mentoring (reports.statute.shipped), and the order «Об утверждении Положения…»
carrying the organization's Положение as its appendix. A stored kind gets the appendix where its first
item is still the one shipped before; a kind a region edited in the admin is left as it is.
"""

from django.db import migrations

CODE = "regulation-approval"
ITEM_BEFORE = "Утвердить Положение о системе наставничества в {{ organization.short_name|prepositional }}."


def forwards(apps, schema_editor):
    from reports.order_kinds import STATUTE_ITEM, STATUTE_TITLE
    from reports.statute.shipped import install

    install(apps.get_model("reports", "StatuteTemplate"))
    kind = apps.get_model("reports", "OrderKind").objects.filter(code=CODE).first()
    if kind is None or kind.appendix or not kind.items_template:
        return
    if kind.items_template[0].get("text") != ITEM_BEFORE:
        return
    kind.items_template[0]["text"] = STATUTE_ITEM
    kind.appendix = "statute"
    kind.appendix_title = STATUTE_TITLE
    kind.save(update_fields=["items_template", "appendix", "appendix_title"])


def backwards(apps, schema_editor):
    from reports.order_kinds import STATUTE_ITEM
    from reports.statute.shipped import uninstall

    uninstall(apps.get_model("reports", "StatuteTemplate"))
    kind = apps.get_model("reports", "OrderKind").objects.filter(code=CODE, appendix="statute").first()
    if kind is None:
        return
    if kind.items_template and kind.items_template[0].get("text") == STATUTE_ITEM:
        kind.items_template[0]["text"] = ITEM_BEFORE
    kind.appendix = ""
    kind.appendix_title = ""
    kind.save(update_fields=["items_template", "appendix", "appendix_title"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_statute")]

    operations = [migrations.RunPython(forwards, backwards)]
