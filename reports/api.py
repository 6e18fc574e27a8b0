"""The register's only door for the domain: the pairs and the roadmaps make their orders here.

Other apps call these functions and nothing else of ``reports`` to draft or register an order, so
the kinds, the drafting and the numbering of the register can change behind them. They may still
read the Order model (a foreign key, a query of registered orders); they never build one.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Municipality, Organization, User
from reports.drafting import render_text
from reports.models import Order, OrderKind
from reports.services import order_draft, order_register, order_update

PAIRS_APPROVAL = "pairs-approval"
# An approval order of more units than this gets its PDF from the worker: WeasyPrint's time grows
# with the appendix, and the director needs the number at once, not the file.
PDF_IN_BACKGROUND_ABOVE = 5
# «О внедрении целевой модели наставничества» of a school (its roadmap as the appendix); a municipal
# roadmap is approved by an order of its own (seed 003).
ORGANIZATION_INTRODUCTION = "model-introduction"
MUNICIPAL_ROADMAP = "municipal-roadmap"
# The orders approving a document of sections as their appendix: «Об утверждении Положения о системе
# наставничества» of an organization, «О внедрении…» of a municipality with its target model (seed 001).
STATUTE_APPROVAL = "regulation-approval"
MUNICIPAL_INTRODUCTION = "municipal-introduction"


def _kind_in_use(code: str) -> OrderKind:
    """The kind of the register, refused when the register has retired it."""
    kind = OrderKind.objects.filter(code=code, is_active=True).first()
    if kind is None:
        raise ValidationError(_("The kind of order «%(code)s» is not in use.") % {"code": code})
    return kind


def approval_order_issue(
    *,
    organization: Organization,
    appendix_rows: list[list[str]],
    by: User,
    on_date: datetime.date,
    pdf_in_background: bool | None = None,
) -> Order:
    """The order «Об утверждении наставнических пар/групп», drafted with the units' rows as its
    appendix and registered at once: the director approves the pairs and groups by it. Its
    registration completes the roadmap activities waiting for it, as any registration does.

    Its PDF is made in the background when it lists more than PDF_IN_BACKGROUND_ABOVE units (the
    order page shows when it is ready); ``pdf_in_background`` decides it otherwise."""
    if pdf_in_background is None:
        pdf_in_background = len(appendix_rows) > PDF_IN_BACKGROUND_ABOVE
    order = order_draft(
        kind=OrderKind.objects.get(code=PAIRS_APPROVAL),
        by=by,
        organization=organization,
        on_date=on_date,
        appendix_rows=appendix_rows,
    )
    return order_register(order=order, by=by, pdf_in_background=pdf_in_background)


def introduction_order_draft(
    *,
    by: User,
    appendix_columns: list[str],
    appendix_rows: list[list[str]],
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    appendix_layout: dict | None = None,
) -> Order:
    """A draft of the owner's order approving its roadmap, carried as the appendix: the school's «О
    внедрении…», the municipality's «О реализации…»; the user edits and registers it in the register.
    Refused when the register has retired that kind of order."""
    code = ORGANIZATION_INTRODUCTION if organization is not None else MUNICIPAL_ROADMAP
    return order_draft(
        kind=_kind_in_use(code),
        by=by,
        organization=organization,
        municipality=municipality,
        appendix_columns=appendix_columns,
        appendix_rows=appendix_rows,
        appendix_layout=appendix_layout,
    )


def statute_approval_order_draft(
    *,
    by: User,
    appendix_layout: dict,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    on_date: datetime.date | None = None,
) -> Order:
    """A draft of the order carrying a version of the owner's document (reports.statute.content.
    order_appendix): «Об утверждении Положения…» of an organization, «О внедрении…» of a municipality
    with its target model; its registration approves that version. Refused when the register has
    retired that kind of order."""
    code = STATUTE_APPROVAL if organization is not None else MUNICIPAL_INTRODUCTION
    return order_draft(
        kind=_kind_in_use(code),
        by=by,
        organization=organization,
        municipality=municipality,
        on_date=on_date,
        appendix_layout=appendix_layout,
    )


# «Об организации «Школы наставников»»: the program and its schedule come from mentoring.training.
MENTOR_SCHOOL = "mentor-school"
MENTOR_SCHOOL_COLUMNS = ["№", "Тема занятия", "Дата и время", "Место проведения", "Ответственный"]
# The people sent to the training, each in the accusative with the position («Направить … Иванову
# Марию Петровну, учителя математики»): the case filters of the documents decline them.
_TRAINEES_ITEM = (
    "Направить на обучение по программе «{{ program_name }}» "
    "({{ hours }} ч.{% if provider %}, {{ provider }}{% endif %}) "
    "{% for person in trainees %}{{ person|accusative }}{% if person.position %}, {{ person.position|accusative }}"
    "{% endif %}{% if not forloop.last %}; {% endif %}{% endfor %}."
)


def mentor_school_order_draft(
    *,
    organization: Organization,
    by: User,
    program_name: str,
    hours: int,
    provider: str,
    schedule_rows: list[list[str]],
    trainees: list,
    on_date: datetime.date | None = None,
) -> Order:
    """A draft of the school's order «Об организации «Школы наставников»» with the program's schedule as
    its appendix, the people enrolled named in an item (declined) and listed to acknowledge it.
    ``trainees``: mentoring.declension.Person of each (name, gender, position)."""
    order = order_draft(
        kind=_kind_in_use(MENTOR_SCHOOL),
        by=by,
        organization=organization,
        on_date=on_date,
        appendix_rows=schedule_rows,
        appendix_columns=MENTOR_SCHOOL_COLUMNS,
    )
    items = list(order.items)
    if trainees:
        context = {"program_name": program_name, "hours": hours, "provider": provider, "trainees": trainees}
        # After «Организовать обучение…», before the approval of the program and schedule.
        items.insert(min(1, len(items)), {"text": render_text(_TRAINEES_ITEM, context), "responsible": "", "term": ""})
    return order_update(order=order, by=by, items=items, acquainted=[person.full_name for person in trainees])


# The contests' results order and thank-you letters (mentoring.contests), of a school or a municipality.
CONTEST_RESULTS = "contest-results"
MUNICIPAL_CONTEST_RESULTS = "municipal-contest-results"
CONTEST_THANKS = "contest-thanks"
MUNICIPAL_CONTEST_THANKS = "municipal-contest-thanks"


def contest_results_order_draft(
    *,
    by: User,
    context: dict,
    appendix_columns: list[str],
    appendix_rows: list[list[str]],
    organization: Organization | None = None,
    municipality: Municipality | None = None,
) -> Order:
    """A draft of the order «Об итогах конкурса …» from a closed contest's results: ``context`` fills
    the kind's texts (see reports.order_kinds, contests), the rows are the ranked applications."""
    kind = _kind_in_use(CONTEST_RESULTS if organization is not None else MUNICIPAL_CONTEST_RESULTS)
    return order_draft(
        kind=kind,
        by=by,
        organization=organization,
        municipality=municipality,
        extra=context,
        appendix_columns=appendix_columns,
        appendix_rows=appendix_rows,
    )


def contest_thanks_letters_draft(
    *,
    by: User,
    letters: list[dict],
    organization: Organization | None = None,
    municipality: Municipality | None = None,
) -> list[Order]:
    """Draft thank-you letters, one for each context of ``letters`` (a mentor with the place won)."""
    kind = _kind_in_use(CONTEST_THANKS if organization is not None else MUNICIPAL_CONTEST_THANKS)
    return [
        order_draft(kind=kind, by=by, organization=organization, municipality=municipality, extra=context)
        for context in letters
    ]
