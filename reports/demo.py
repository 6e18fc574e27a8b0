"""Demo data of the order register: the demo school's orders of the academic year and a municipal one.

The school's register in the order of dates, so that its numbers grow with them (1-ОД, 2-ОД…):
- 1 September: «О внедрении целевой модели наставничества» with the school's roadmap as its appendix,
  and «О назначении куратора внедрения целевой модели наставничества»;
- late September: «Об организации «Школы наставников»» with its programme of four sessions;
- (the orders approving the pairs and groups, registered by mentoring.pairs.demo;)
- a registered thank-you letter to the partner enterprise;
- a draft «О поощрении наставников», its list filled from the registry of mentors.
The municipality gets «О внедрении целевой модели наставничества в образовательных организациях…»
with its roadmap as the appendix.

The opening orders have to come before the pairs' approval orders in the register: mentoring.pairs.demo
calls ``register_opening_orders`` before it approves anything; this app's ``seed`` calls it again and
finds them made. Safe to run again: an order of the same kind and title in the same register (for
the school: dated within the academic year) is left as it is.
"""

import datetime
import re

from django.utils import timezone

from accounts.collation import name_order
from accounts.demo import DemoWorld
from accounts.models import Organization
from mentoring.academic_year import academic_year_bounds, academic_year_of
from mentoring.models import MentorEntry, Participant, PartnerOrganization
from monitoring.indicators import demo as indicators_demo
from reports.drafting import drafting_context, initials_first, render_text
from reports.models import Order, OrderKind
from reports.services import order_draft, order_register, order_update
from roadmap.models import Roadmap
from roadmap.table import order_appendix

# The «Школа наставников»: (topic, month, day, who leads it — "curator", "psychologist" or "director").
MENTOR_SCHOOL = [
    ("Нормативные основы наставничества. Роль, функции и компетенции наставника", 9, 26, "curator"),
    (
        "Психолого-педагогические основы наставничества: общение, обратная связь, мотивация наставляемого",
        10,
        3,
        "psychologist",
    ),
    ("Индивидуальный план развития наставляемого и журнал встреч наставнической пары", 10, 10, "curator"),
    ("Итоговое занятие: представление планов работы наставнических пар и групп, анкетирование", 10, 17, "director"),
]
MENTOR_SCHOOL_DAY = (9, 22)  # the date of the order


def _kind(code: str) -> OrderKind | None:
    return OrderKind.objects.filter(code=code, is_active=True).first()


def _title(kind: OrderKind, on_date: datetime.date, **owner) -> str:
    return render_text(kind.title_template, drafting_context(on_date=on_date, **owner))


def _school_order_exists(school: Organization, kind: OrderKind, title: str, year: int) -> bool:
    start, end = academic_year_bounds(year)
    return Order.objects.filter(organization=school, kind=kind, title=title, date__range=(start, end)).exists()


def _roadmap_rows(roadmap: Roadmap | None) -> dict:
    """The draft's appendix from the roadmap, as the roadmap's page drafts it; without one, the draft's own."""
    if roadmap is None:
        return {}
    appendix = order_appendix(roadmap)
    return {"appendix_rows": appendix["rows"], "appendix_columns": appendix["columns"], "appendix_layout": appendix}


def _school_roadmap(world: DemoWorld, school: Organization, year: int) -> Roadmap | None:
    roadmap = Roadmap.objects.filter(organization=school, academic_year=year, is_template=False).first()
    if roadmap is None:
        # Called from mentoring's demo, before the roadmap app's: let it make the roadmaps now
        # (it leaves existing ones alone, so its own turn later changes nothing).
        from roadmap import demo as roadmap_demo

        roadmap_demo.seed(world)
        roadmap = Roadmap.objects.filter(organization=school, academic_year=year, is_template=False).first()
    return roadmap


def _register(order: Order, by, **changes) -> Order:
    if changes:
        order = order_update(order=order, by=by, **changes)
    return order_register(order=order, by=by)


def _schedule_rows(school: Organization, year: int, curator_short: str) -> list[list[str]]:
    psychologist = (
        Participant.objects.filter(organization=school, position="педагог-психолог", depersonalized_at__isnull=True)
        .order_by("pk")
        .first()
    )
    leaders = {
        "curator": f"{curator_short}, куратор" if curator_short else "куратор",
        "psychologist": f"{initials_first(psychologist.full_name)}, педагог-психолог"
        if psychologist
        else "педагог-психолог",
        "director": f"{initials_first(school.director_name)}, {school.director_position.lower()}",
    }
    return [
        [str(number), topic, f"{datetime.date(year, month, day):%d.%m.%Y}", leaders[leader]]
        for number, (topic, month, day, leader) in enumerate(MENTOR_SCHOOL, start=1)
    ]


def _mentor_names(school: Organization, year: int) -> list[str]:
    """Adult mentors of the year's registry: they are acquainted with the order on their training."""
    entries = (
        MentorEntry.objects.filter(participant__organization=school, academic_year=year)
        .exclude(participant__category=Participant.Category.STUDENT)
        .select_related("participant")
        .order_by(*name_order("participant__"), "pk")
    )
    return [entry.participant.full_name for entry in entries]


def register_opening_orders(world: DemoWorld) -> list[Order]:
    """The school's orders of September, registered in the order of their dates; returns those made now."""
    school = world.organizations["school"]
    curator, director = world.users["school.curator"], world.users["school.director"]
    today = timezone.localdate()
    year = academic_year_of(today)
    first_day = datetime.date(year, 9, 1)
    made = []
    # «О внедрении…» carries the municipality's targets (its indicators appendix); the pairs' demo
    # registers these orders before the indicators' demo has run.
    indicators_demo.seed_targets(world)

    kind = _kind("model-introduction")
    if kind and not _school_order_exists(school, kind, _title(kind, first_day, organization=school), year):
        extra = _roadmap_rows(_school_roadmap(world, school, year))
        order = order_draft(kind=kind, by=curator, organization=school, on_date=first_day, **extra)
        made.append(_register(order, director))

    kind = _kind("curator-appointment")
    if kind and not _school_order_exists(school, kind, _title(kind, first_day, organization=school), year):
        order = order_draft(kind=kind, by=curator, organization=school, on_date=first_day)
        context = drafting_context(organization=school, on_date=first_day)
        acquainted = [context["curator_name"]] if context["curator_name"] else []
        made.append(_register(order, director, acquainted=acquainted))

    kind = _kind("mentor-school")
    on_date = min(datetime.date(year, *MENTOR_SCHOOL_DAY), today)
    if kind and not _school_order_exists(school, kind, _title(kind, on_date, organization=school), year):
        context = drafting_context(organization=school, on_date=on_date)
        order = order_draft(
            kind=kind,
            by=curator,
            organization=school,
            on_date=on_date,
            appendix_rows=_schedule_rows(school, year, context["curator_short"]),
        )
        made.append(_register(order, director, acquainted=_mentor_names(school, year)))
    return made


def _partner_letter(world: DemoWorld, school: Organization, year: int, today: datetime.date) -> None:
    kind = _kind("partner-thanks")
    partner = (
        PartnerOrganization.objects.filter(organization=school, kind=PartnerOrganization.Kind.ENTERPRISE)
        .order_by("pk")
        .first()
    )
    if kind is None or partner is None:
        return
    # Yesterday, yet never before the last registered order: the register's numbers follow its dates.
    latest = (
        Order.objects.filter(organization=school, date__lte=today)
        .exclude(status=Order.Status.DRAFT)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    on_date = max(today - datetime.timedelta(days=1), latest or today, datetime.date(year, 9, 1))
    on_date = min(on_date, today)
    extra = {"partner": partner}
    title = render_text(kind.title_template, drafting_context(organization=school, on_date=on_date, extra=extra))
    start, end = academic_year_bounds(year)
    letters = Order.objects.filter(organization=school, kind=kind, title=title, date__range=(start, end))
    if letters.filter(addressee__contains=partner.name).exists():
        return
    order = order_draft(kind=kind, by=world.users["school.curator"], organization=school, on_date=on_date, extra=extra)
    _register(order, world.users["school.director"])


def _reward_draft(world: DemoWorld, school: Organization, year: int, today: datetime.date) -> None:
    kind = _kind("mentor-reward")
    if kind is None or _school_order_exists(school, kind, _title(kind, today, organization=school), year):
        return
    # The list of mentors comes from the registry (reports.drafting.mentors_to_reward); the director edits it.
    order_draft(kind=kind, by=world.users["school.curator"], organization=school, on_date=today)


def _municipal_orders(world: DemoWorld, today: datetime.date) -> None:
    """The municipality's «О внедрении…» with its target model (seed 001), then the order approving its
    roadmap (seed 003) with the number and date the roadmap's stamp names («… от 20.01.2025 № 14»)."""
    municipality = world.municipality
    kind = _kind("municipal-roadmap")
    if municipality is None or kind is None:
        return
    roadmap = Roadmap.objects.filter(municipality=municipality, is_template=False).order_by("pk").first()
    found = re.search(r"от (\d{2})\.(\d{2})\.(\d{4}) № (\S+)", roadmap.approval_text if roadmap else "")
    on_date, number = datetime.date(academic_year_of(today), 9, 1), ""
    if found:
        day, month, year_, number = found.groups()
        on_date = datetime.date(int(year_), int(month), int(day))
    from reports.statute import demo as statute_demo

    # The model is introduced before its roadmap is approved.
    statute_demo.seed(world, on_date - datetime.timedelta(days=10))
    if Order.objects.filter(municipality=municipality, kind=kind).exists():
        return
    coordinator = world.users["coordinator"]
    order = order_draft(kind=kind, by=coordinator, municipality=municipality, on_date=on_date, **_roadmap_rows(roadmap))
    # The signatory is the municipality's head (accounts.demo), as every municipal draft has it.
    changes = {}
    taken = Order.objects.filter(municipality=municipality, year=on_date.year, number=number).exclude(
        status=Order.Status.DRAFT
    )
    if number and not taken.exists():
        changes["number"] = number
    _register(order, coordinator, **changes)


def seed(world: DemoWorld) -> None:
    school = world.organizations["school"]
    today = timezone.localdate()
    year = academic_year_of(today)
    register_opening_orders(world)
    _partner_letter(world, school, year, today)
    _reward_draft(world, school, year, today)
    _municipal_orders(world, today)
    # The public section publishes what the register and the roadmaps hold by now.
    from reports.publication import demo as publication_demo

    publication_demo.seed(world)
