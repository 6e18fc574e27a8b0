"""The order register: drafts, registration with numbering, cancelling, the stored PDF."""

import datetime
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Municipality, Organization, User
from reports.drafting import (
    drafting_context,
    executor_lines,
    indicators_appendix,
    indicators_header_groups,
    letterhead_details,
    mentors_to_reward,
    render_items,
    render_text,
    roadmap_of_year,
)
from reports.models import Order, OrderKind, PdfStatus
from reports.rendering import order_pdf
from reports.signals import order_registered
from roadmap.services import EVENT_ORDER_PREFIX, activities_complete_on_event
from roadmap.table import order_appendix

logger = logging.getLogger(__name__)

# Appendices that a package built on the register makes from its own data, by the kind's appendix:
# the organization's Положение or the municipality's target model (reports.statute fills this when the
# app starts). A maker gives the appendix's layout (what order_draft's ``appendix_layout`` takes) for
# the order's owner, or None.
appendix_makers: dict[str, Callable[[Organization | Municipality], dict | None]] = {}

EDITABLE_FIELDS = (
    "date",
    "number",
    "place",
    "header_founder",
    "header_organization",
    "header_details",
    "title",
    "preamble",
    "items",
    "control_text",
    "addressee",
    "body",
    "signatory_position",
    "signatory_name",
    "executor",
    "executor_phone",
    "acquainted",
    "appendices",
)


def kinds_for(*, organization: Organization | None = None, municipality: Municipality | None = None):
    """The active kinds of the register: those of its scope, common or of its region."""
    scope = OrderKind.Scope.ORGANIZATION if organization else OrderKind.Scope.MUNICIPALITY
    region = (organization.municipality if organization else municipality).region_id
    return OrderKind.objects.filter(Q(region__isnull=True) | Q(region_id=region), is_active=True, scope=scope)


@transaction.atomic
def order_draft(
    *,
    kind: OrderKind,
    by: User,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    on_date: datetime.date | None = None,
    extra: dict | None = None,
    appendix_rows: list[list[str]] | None = None,
    appendix_columns: list[str] | None = None,
    appendix_layout: dict | None = None,
) -> Order:
    """A draft of the kind, pre-filled from the data; the user edits it before registering.

    Callers that build the appendix from their own data (e.g. the pairs) pass its columns and rows;
    ``appendix_layout`` adds what a roadmap prints with its table (roadmap.table.order_appendix:
    merged cells, section rows, the stamp and the text above the table). A roadmap appendix not
    given is the owner's roadmap of the year, wherever the draft is made.
    """
    if (organization is None) == (municipality is None):
        raise ValueError("An order belongs to an organization or to a municipality.")
    on_date = on_date or timezone.localdate()
    maker = appendix_makers.get(kind.appendix)
    if maker is not None and appendix_layout is None:
        appendix_layout = maker(organization or municipality)
    if kind.appendix == OrderKind.Appendix.STATUTE:
        # The texts refer to the appendix only when there is one.
        extra = {"statute": bool(appendix_layout), **(extra or {})}
    context = drafting_context(
        organization=organization, municipality=municipality, on_date=on_date, extra=extra, kind=kind
    )
    owner = organization or municipality
    if organization is not None:
        header_founder = organization.founder
        header_organization = organization.full_name
        place = organization.city
    else:
        header_founder = ""
        header_organization = municipality.authority or municipality.name
        place = municipality.city
    is_letter = kind.document == OrderKind.Document.LETTER
    appendices = []
    # An owner without its Положение (target model) yet: the order approving one carries no empty appendix.
    if kind.appendix and (appendix_layout or kind.appendix != OrderKind.Appendix.STATUTE):
        if appendix_rows is None and kind.appendix == OrderKind.Appendix.MENTORS and organization is not None:
            appendix_rows = mentors_to_reward(organization, on_date)
        if appendix_rows is None and kind.appendix == OrderKind.Appendix.ROADMAP:
            roadmap = roadmap_of_year(organization or municipality, on_date)
            if roadmap is not None:
                appendix_layout = order_appendix(roadmap)
                appendix_rows, appendix_columns = appendix_layout["rows"], appendix_layout["columns"]
        # «на 2025–2027 годы»: a roadmap of several years names them in the title, wherever it is drafted.
        if (appendix_layout or {}).get("years"):
            context["roadmap_years"] = appendix_layout["years"]
        layout = {
            key: value for key, value in (appendix_layout or {}).items() if key not in {"rows", "columns", "years"}
        }
        appendices.append(
            {
                # The roadmap's own title, when it has one, stands above its table instead.
                "title": "" if layout.get("intro") else render_text(kind.appendix_title, context),
                "columns": appendix_columns or default_appendix_columns(kind),
                "rows": appendix_rows or [],
                **layout,
            }
        )
    if kind.indicators_title:
        # The targets are the municipality's, for its own order and for its organizations' ones.
        columns, rows = indicators_appendix(municipality or organization.municipality)
        appendices.append(
            {
                "title": render_text(kind.indicators_title, context),
                "columns": columns,
                "rows": rows,
                "header_groups": indicators_header_groups(columns),
            }
        )
    order = Order(
        kind=kind,
        organization=organization,
        municipality=municipality,
        date=on_date,
        # A letter's place is in its letterhead's address.
        place="" if is_letter else place,
        header_founder=header_founder,
        header_organization=header_organization,
        header_details="\n".join(letterhead_details(owner)) if is_letter else "",
        title=render_text(kind.title_template, context),
        preamble=render_text(kind.preamble_template, context),
        items=render_items(kind.items_template, context),
        control_text="" if is_letter else kind.control_text,
        body=render_text(kind.body_template, context),
        addressee=render_text(kind.addressee_template, context),
        signatory_position=context["signatory_position"],
        signatory_name=context["signatory_short"],
        executor=executor_lines(by, organization),
        executor_phone=by.phone,
        appendices=appendices,
        created_by=by,
    )
    # The owner may not have named its head yet: the draft says so by its empty signature, and
    # registration insists on one.
    order.full_clean(exclude=["year", "number", "signatory_position", "signatory_name"])
    order.save()
    return order


APPENDIX_COLUMNS = {
    OrderKind.Appendix.PAIRS: [
        "№",
        "ФИО наставника, должность (класс)",
        "ФИО наставляемого, должность (класс)",
        "Форма наставничества",
        "Ролевая модель",
        "Срок (с – по)",
    ],
    OrderKind.Appendix.ROADMAP: ["№", "Этап", "Мероприятие", "Содержание деятельности", "Сроки", "Ответственные"],
    OrderKind.Appendix.MENTORS: ["№", "ФИО наставника", "Должность", "Форма поощрения"],
    OrderKind.Appendix.SCHEDULE: ["№", "Тема занятия", "Дата", "Ответственный"],
}


def default_appendix_columns(kind: OrderKind) -> list[str]:
    return list(APPENDIX_COLUMNS.get(kind.appendix, []))


def _check_editable(order: Order) -> None:
    if not order.is_draft:
        raise ValidationError(_("A registered order cannot be changed."))


@transaction.atomic
def order_update(*, order: Order, by: User, **fields) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    _check_editable(order)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(order, name, value)
    order.full_clean(exclude=["year"])
    order.save()
    return order


def _register_of(order: Order):
    """The row every registration of the same register waits on: numbering is per register."""
    if order.organization_id:
        return Organization.objects.select_for_update().get(pk=order.organization_id)
    return Municipality.objects.select_for_update().get(pk=order.municipality_id)


def same_series(order: Order):
    """The documents numbered together with the order: its register's orders (or letters) of its year.

    Orders and outgoing letters are two series: a letter never takes a number of the orders («исх. № 3»
    beside «3-ОД»), and the orders' numbers run on without the letters. Letters registered before the
    series were split keep their numbers (the migration «…_letter_series_letterhead_event_words» explains
    what that does to the next order's number).
    """
    return Order.objects.filter(
        organization_id=order.organization_id,
        municipality_id=order.municipality_id,
        year=order.year,
        series=order.series,
    )


def _taken_numbers(order: Order) -> set[str]:
    return set(same_series(order).exclude(status=Order.Status.DRAFT).values_list("number", flat=True))


def format_number(pattern: str, sequence: int) -> str:
    return pattern.replace("{n}", str(sequence))


def number_pattern(order: Order) -> str:
    """The pattern of the order's series in its register: «{n}-ОД» for orders, «{n}» for letters."""
    register = order.organization or order.municipality
    return register.letter_number_pattern if order.is_letter else register.order_number_pattern


def next_number(order: Order, taken: set[str]) -> tuple[int, str]:
    """The sequence and number the next registration in the order's series gets: after the highest
    sequence of the series, skipping numbers typed by hand that the pattern would give."""
    pattern = number_pattern(order)
    sequences = same_series(order).exclude(sequence=None).values_list("sequence", flat=True)
    sequence = max(sequences, default=0) + 1
    while format_number(pattern, sequence) in taken:
        sequence += 1
    return sequence, format_number(pattern, sequence)


@transaction.atomic
def order_register(*, order: Order, by: User, pdf_in_background: bool = False) -> Order:
    """Gives the order its number, freezes it and stores its PDF (or, ``pdf_in_background``, queues
    it for the worker: the number and the date do not wait for the file).

    Two registrations in the same register at the same moment queue on the register's row lock,
    so each sees the other's number; the unique constraint is the last guard.
    """
    _register_of(order)
    order = Order.objects.select_for_update().get(pk=order.pk)
    _check_editable(order)
    if not order.title.strip() or not order.signatory_name.strip():
        raise ValidationError(_("An order needs a title and a signatory before it is registered."))
    taken = _taken_numbers(order)
    if order.number:
        if order.number in taken:
            raise ValidationError(
                {
                    "number": _("Number %(number)s is already taken in %(year)s.")
                    % {"number": order.number, "year": order.year}
                }
            )
    else:
        order.sequence, order.number = next_number(order, taken)
    order.status = Order.Status.REGISTERED
    order.registered_by = by
    order.registered_at = timezone.now()
    order.save()
    if pdf_in_background:
        _order_pdf_later(order)
    else:
        order_pdf_store(order)
    order_registered.send(sender=Order, order=order)
    if not order.is_letter:
        # Roadmap activities waiting for an order of this kind are done, with the order as evidence.
        activities_complete_on_event(
            event=EVENT_ORDER_PREFIX + order.kind.code,
            organization=order.organization,
            municipality=order.municipality,
            evidence_order=order,
            on_date=order.date,
        )
    return order


@transaction.atomic
def order_cancel(*, order: Order, by: User, reason: str) -> Order:
    """Cancelling is recorded, never a deletion: the number stays taken."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.REGISTERED:
        raise ValidationError(_("Only a registered order can be cancelled."))
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Write why the order is cancelled.")})
    order.status = Order.Status.CANCELLED
    order.cancelled_by = by
    order.cancelled_at = timezone.now()
    order.cancel_reason = reason.strip()
    order.save()
    return order


def order_delete_draft(*, order: Order) -> None:
    _check_editable(order)
    order.delete()


# The stored PDF. WeasyPrint takes about a second per page and an approval order lists every pair in
# its appendix: for a large order the director waits for the number, not for the file, so the
# registration queues the PDF and the order page shows where it stands and the link once it is there.


def order_pdf_store(order: Order) -> None:
    """Renders the order as registered and keeps the file with it."""
    order.pdf.save(f"{order.number.replace('/', '_')}.pdf", ContentFile(order_pdf(order)), save=False)
    order.pdf_status = ""
    order.save(update_fields=["pdf", "pdf_status"])


def _order_pdf_later(order: Order) -> None:
    """Queued once the registration is committed, so that the worker always finds the order."""
    order.pdf_status = PdfStatus.QUEUED
    order.save(update_fields=["pdf_status"])
    transaction.on_commit(lambda: make_order_pdf.enqueue(order.pk))


@task()
def make_order_pdf(order_id: int) -> None:
    """Makes a queued order's PDF once: a task delivered twice finds it claimed and leaves it."""
    claimed = Order.objects.filter(pk=order_id, pdf_status=PdfStatus.QUEUED).update(pdf_status=PdfStatus.RUNNING)
    if not claimed:
        return
    order = Order.objects.select_related("kind", "organization", "municipality").get(pk=order_id)
    try:
        order_pdf_store(order)
    except Exception:
        # The order stays registered: its download renders the frozen text until a PDF is stored.
        logger.exception("The PDF of order %s could not be made", order_id)
        Order.objects.filter(pk=order_id).update(pdf_status=PdfStatus.FAILED)
