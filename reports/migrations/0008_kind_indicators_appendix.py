"""The orders «О внедрении…» carry the indicators with their targets by year (seed 001, приложение 2):
the municipal one approves them in an item of its own, an organization's refers to them in the item
on reaching them. A stored kind gets them where its items are still the ones shipped before; a kind a
region edited in the admin is left as it is.
"""

from django.db import migrations, models

CODE = "municipal-introduction"
TITLE = "Показатели эффективности внедрения целевой модели наставничества в {{ municipality|prepositional }}"
ROADMAP_ITEM = {
    "text": "Утвердить дорожную карту внедрения целевой модели наставничества "
    "в {{ municipality|prepositional }} (приложение 1).",
    "responsible": "",
    "term": "",
}
INDICATORS_ITEM = {
    "text": "Утвердить показатели эффективности внедрения целевой модели наставничества "
    "в {{ municipality|prepositional }} и их контрольные значения по годам (приложение 2).",
    "responsible": "",
    "term": "",
}
HEADS_ITEM = {
    "text": "Руководителям образовательных организаций обеспечить внедрение целевой модели "
    "наставничества и ежеквартально, до 10 числа месяца, следующего за отчётным кварталом, "
    "представлять отчёт о достижении показателей.",
    "responsible": "руководители образовательных организаций",
    "term": "ежеквартально",
}
ITEMS_BEFORE = [ROADMAP_ITEM, HEADS_ITEM]
ITEMS_AFTER = [ROADMAP_ITEM, INDICATORS_ITEM, HEADS_ITEM]

ORGANIZATION_CODE = "model-introduction"
ORGANIZATION_TITLE = (
    "Показатели эффективности внедрения целевой модели наставничества в {{ organization.short_name|prepositional }}"
)
REACHING_BEFORE = (
    "Обеспечить достижение показателей эффективности внедрения целевой модели наставничества "
    "на уровне не ниже планируемых."
)
REACHING_AFTER = (
    "Обеспечить достижение показателей эффективности внедрения целевой модели наставничества "
    "на уровне не ниже планируемых (приложение 2)."
)


def _reaching_item(kind, was: str, becomes: str) -> bool:
    """Replaces the text of the item on reaching the indicators, if it is still the shipped one."""
    changed = False
    for item in kind.items_template:
        if isinstance(item, dict) and item.get("text") == was:
            item["text"] = becomes
            changed = True
    return changed


def forwards(apps, schema_editor):
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if not kind.indicators_title:
            kind.indicators_title = TITLE
        if kind.items_template == ITEMS_BEFORE:
            kind.items_template = ITEMS_AFTER
        kind.save(update_fields=["indicators_title", "items_template"])
    for kind in OrderKind.objects.filter(code=ORGANIZATION_CODE):
        if not kind.indicators_title:
            kind.indicators_title = ORGANIZATION_TITLE
        _reaching_item(kind, REACHING_BEFORE, REACHING_AFTER)
        kind.save(update_fields=["indicators_title", "items_template"])


def backwards(apps, schema_editor):
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if kind.items_template == ITEMS_AFTER:
            kind.items_template = ITEMS_BEFORE
            kind.save(update_fields=["items_template"])
    for kind in OrderKind.objects.filter(code=ORGANIZATION_CODE):
        if _reaching_item(kind, REACHING_AFTER, REACHING_BEFORE):
            kind.save(update_fields=["items_template"])


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0007_kinds_in_the_right_case'),
    ]

    operations = [
        migrations.AddField(
            model_name='orderkind',
            name='indicators_title',
            field=models.CharField(blank=True, help_text='The order also carries the indicators of effectiveness with their targets by year, under this heading. Empty: no indicators appendix.', max_length=300, verbose_name='heading of the indicators appendix'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
