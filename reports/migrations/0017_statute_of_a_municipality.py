"""The municipality's target model of mentoring (seed 001, приложение 1) is a document of sections like
an organization's Положение: a Положение belongs to an organization or to a municipality, templates say
whom they serve, and the shipped municipal model is installed. The municipal «О внедрении…» carries the
model as its appendix 1 (the indicators become appendix 2) where its items are still the ones shipped
before; its roadmap is approved by the order «О реализации…» (seed 003). A kind a region edited in the
admin is left as it is.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


CODE = "municipal-introduction"
before = importlib.import_module("reports.migrations.0015_municipal_coordinator_and_roadmap_order")
ROADMAP_TITLE_BEFORE = "Дорожная карта внедрения целевой модели наставничества в {{ municipality|prepositional }}"


def forwards(apps, schema_editor):
    from reports.order_kinds import KINDS
    from reports.statute.shipped import MUNICIPAL_TEMPLATES, install

    install(apps.get_model("reports", "StatuteTemplate"), MUNICIPAL_TEMPLATES)
    shipped = next(data for data in KINDS if data["code"] == CODE)
    for kind in apps.get_model("reports", "OrderKind").objects.filter(code=CODE, appendix="roadmap"):
        if kind.items_template == before.ITEMS_AFTER:
            kind.items_template = shipped["items_template"]
            kind.appendix = shipped["appendix"]
            kind.appendix_title = shipped["appendix_title"]
            kind.save(update_fields=["items_template", "appendix", "appendix_title"])


def backwards(apps, schema_editor):
    from reports.order_kinds import KINDS
    from reports.statute.shipped import MUNICIPAL_TEMPLATES, uninstall

    shipped = next(data for data in KINDS if data["code"] == CODE)
    for kind in apps.get_model("reports", "OrderKind").objects.filter(code=CODE, appendix="statute"):
        if kind.items_template == shipped["items_template"]:
            kind.items_template = before.ITEMS_AFTER
            kind.appendix = "roadmap"
            kind.appendix_title = ROADMAP_TITLE_BEFORE
            kind.save(update_fields=["items_template", "appendix", "appendix_title"])
    Statute = apps.get_model("reports", "Statute")
    Statute.objects.filter(municipality__isnull=False).delete()
    uninstall(apps.get_model("reports", "StatuteTemplate"), MUNICIPAL_TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_user_accessibility"),
        ("reports", "0016_order_executor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="statute",
            name="municipality",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="statute",
                to="accounts.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="statutetemplate",
            name="scope",
            field=models.CharField(
                choices=[("organization", "organization"), ("municipality", "municipality")],
                default="organization",
                help_text="An organization's regulation or a municipality's target model of mentoring.",
                max_length=20,
                verbose_name="for whom",
            ),
        ),
        migrations.AlterField(
            model_name="statute",
            name="organization",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="statute",
                to="accounts.organization",
                verbose_name="organization",
            ),
        ),
        migrations.AddConstraint(
            model_name="statute",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("municipality__isnull", True), ("organization__isnull", False)),
                    models.Q(("municipality__isnull", False), ("organization__isnull", True)),
                    _connector="OR",
                ),
                name="reports_statute_one_owner",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
