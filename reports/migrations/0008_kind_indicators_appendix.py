"""The municipal order «О внедрении…» carries the indicators with their targets by year (seed 001,
приложение 2) and approves them in an item of its own. A stored kind gets them where its items are
still the ones shipped before; a kind a region edited in the admin is left as it is.
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


def forwards(apps, schema_editor):
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if not kind.indicators_title:
            kind.indicators_title = TITLE
        if kind.items_template == ITEMS_BEFORE:
            kind.items_template = ITEMS_AFTER
        kind.save(update_fields=["indicators_title", "items_template"])


def backwards(apps, schema_editor):
    OrderKind = apps.get_model("reports", "OrderKind")
    for kind in OrderKind.objects.filter(code=CODE):
        if kind.items_template == ITEMS_AFTER:
            kind.items_template = ITEMS_BEFORE
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
