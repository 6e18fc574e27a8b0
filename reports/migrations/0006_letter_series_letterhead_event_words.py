"""Outgoing letters get their own series of numbers; letters get a letterhead; kinds get event dates.

Registered letters keep their numbers («6-ОД» stays on the letter and its PDF): only their place in the
new series (``sequence``) is counted anew among the letters of the register and year, so the next letter
is the next one of the letters (a register with one letter of «6-ОД» goes on with «исх. № 2»).

The orders' series stops counting the letters. The next order takes the number after the highest order
of the year: where a letter held the last number (orders 1-ОД…5-ОД, then the letter 6-ОД), the next order
is 6-ОД, which the order book never had, and the letter keeps «исх. № 6-ОД» in the other series; where
orders went on after the letter (…, 6-ОД the letter, 7-ОД), the next order is 8-ОД and 6-ОД stays a gap of
the order book, as a cancelled number would.
"""

from django.conf import settings
from django.db import migrations, models

OLD_EVENT_DATE = "«___» __________ {{ date.year }} г."
NEW_EVENT_DATE = "{{ event_date }}"


def letters_to_their_series(apps, schema_editor):
    Order = apps.get_model("reports", "Order")
    Order.objects.filter(kind__document="letter").update(series="letter")
    letters = Order.objects.filter(series="letter").exclude(sequence=None)
    position = {}
    for letter in letters.order_by("organization_id", "municipality_id", "year", "sequence", "pk"):
        key = (letter.organization_id, letter.municipality_id, letter.year)
        position[key] = position.get(key, 0) + 1
        Order.objects.filter(pk=letter.pk).update(sequence=position[key])


def letters_back(apps, schema_editor):
    # The letters' old places among the orders are not kept; their numbers never changed.
    pass


def final_event_date(apps, schema_editor):
    """The shipped kind «О проведении итогового мероприятия» prints its event's date; a kind edited in
    the admin since keeps its texts."""
    from reports.order_kinds import KINDS

    OrderKind = apps.get_model("reports", "OrderKind")
    for data in KINDS:
        kind = OrderKind.objects.filter(code=data["code"]).first()
        if kind is None:
            continue
        items = [
            {**item, "text": item.get("text", "").replace(OLD_EVENT_DATE, NEW_EVENT_DATE)}
            for item in kind.items_template
        ]
        changed = items != kind.items_template
        if changed:
            kind.items_template = items
        if data.get("event_words") and not kind.event_words and (changed or NEW_EVENT_DATE in str(items)):
            kind.event_words = data["event_words"]
            changed = True
        if changed:
            kind.save(update_fields=["items_template", "event_words"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_reference_data_heads_letter_numbers"),
        ("reports", "0005_order_pdf_status"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="order",
            name="reports_order_unique_number_in_organization",
        ),
        migrations.RemoveConstraint(
            model_name="order",
            name="reports_order_unique_number_in_municipality",
        ),
        migrations.AddField(
            model_name="order",
            name="header_details",
            field=models.TextField(blank=True, verbose_name="reference data in the letterhead"),
        ),
        migrations.AddField(
            model_name="order",
            name="series",
            field=models.CharField(
                choices=[("order", "order"), ("letter", "letter")],
                default="order",
                editable=False,
                max_length=10,
                verbose_name="series",
            ),
        ),
        migrations.AddField(
            model_name="orderkind",
            name="event_words",
            field=models.TextField(
                blank=True,
                help_text="For an order about an event (e.g. the final event): words of the roadmap activity that is the event, one per line, e.g. «Лучшая пара». The activity's term gives {{ event_date }} in the texts.",
                verbose_name="words of the event in the roadmap",
            ),
        ),
        migrations.RunPython(letters_to_their_series, letters_back),
        migrations.RunPython(final_event_date, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organization__isnull", False), models.Q(("status", "draft"), _negated=True)),
                fields=("organization", "year", "series", "number"),
                name="reports_order_unique_number_in_organization_series",
            ),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(
                condition=models.Q(("municipality__isnull", False), models.Q(("status", "draft"), _negated=True)),
                fields=("municipality", "year", "series", "number"),
                name="reports_order_unique_number_in_municipality_series",
            ),
        ),
    ]
