"""Pre-filling a draft order from the data: the context the kinds' templates are rendered with.

A kind's texts may use:
- ``organization`` (full_name, short_name, city, address, phone, email, website…) or ``municipality``
  (name, authority, head_name, head_position…);
- ``signatory_name``, ``signatory_short`` (И. О. Фамилия), ``signatory_position``: who signs, the
  organization's director or the municipality's head;
- ``curator`` and ``director``: people (mentoring.declension.Person: the name, its gender, ``position``,
  ``initials``) to put in the case the sentence needs: ``{{ curator|accusative }}, {{ curator.position|accusative }}``;
- the case filters on anything else: ``{{ municipality|genitive }}``, ``{{ organization.short_name|prepositional }}``,
  and ``{{ person|agree:"назначенный" }}`` (reports.templatetags.declension, built into this engine);
- ``director_name``, ``director_short``, ``director_position`` (an organization's), in the nominative;
- ``head_name``, ``head_short``, ``head_position`` (a municipality's, in its own documents);
- ``coordinator`` (a Person: the municipality's coordinator of mentoring), ``coordinator_name``,
  ``coordinator_short``, in a municipality's documents;
- ``curator_name``, ``curator_short``, ``curator_position`` (the organization's curator), in the nominative;
- ``academic_year`` («2026/2027»), ``academic_year_dash`` («2026-2027»), ``date``;
- ``event_date``: the date of the event an order is about, as a document prints it: "20 мая 2027 г.",
  "«___» мая 2027 г.", "«___» __________ 20___ г." when nothing is known (see ``event_date``);
- ``partner`` (a thank-you letter), ``roadmap`` (true when a roadmap is attached);
- ``roadmap_years`` («2025–2027»): the years of the attached roadmap when it runs over more than two;
- anything the caller passes in ``extra``.
"""

import dataclasses
import datetime
import re

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.template import Context, Engine, TemplateSyntaxError
from django.utils.text import capfirst

from accounts.collation import name_order
from accounts.models import Membership, Municipality, Organization, Role
from accounts.ownership import owner_lookup
from mentoring import declension
from mentoring.academic_year import academic_year_label, academic_year_of
from mentoring.declension import Person
from mentoring.models import MentorEntry, Participant
from monitoring.indicators.models import Indicator
from monitoring.indicators.selectors import indicators_for, target_table, target_years
from reports.models import OrderKind
from roadmap.models import Activity, Roadmap

# Document texts are plain text; HTML escaping happens when the PDF template prints them. The case
# filters are built in, so a kind written in the admin uses them without {% load %}.
_ENGINE = Engine(autoescape=False, builtins=["reports.templatetags.declension"])


def initials_first(full_name: str) -> str:
    """«Соколова Марина Викторовна» -> «М. В. Соколова», as signatures are written."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    initials = " ".join(f"{part[0]}." for part in parts[1:3])
    return f"{initials} {parts[0]}"


def surname_first(full_name: str) -> str:
    """«Михайлова Людмила Викторовна» -> «Михайлова Л.В.», as the executor's mark under a signature is
    written (seed 001): the initials after the surname and without a space between them."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    initials = "".join(f"{part[0]}." for part in parts[1:3])
    return f"{parts[0]} {initials}"


def executor_lines(user, organization: Organization | None) -> str:
    """The executor of a draft (ГОСТ Р 7.0.97-2016, requisite 26) as the order stores it: the position
    the user holds in the organization's registry of participants, when it is there, above «Фамилия
    И.О.»; Order.executor_mark prints it with «Исп.» and the phone."""
    position = _registry_line(user, organization)[0] if organization is not None else ""
    return "\n".join(line for line in (capfirst(position), surname_first(user.get_full_name())) if line)


def template_problem(template: str) -> str | None:
    """Why a kind's text would not render (an unknown filter such as «|genetive», an unclosed tag), or None."""
    try:
        _ENGINE.from_string(template or "")
    except TemplateSyntaxError as error:
        return str(error)
    return None


def render_text(template: str, context: dict) -> str:
    return _ENGINE.from_string(template).render(Context(context)).strip()


def _curator(organization: Organization) -> Person:
    """The organization's curator; the position and the gender come from the curator's own line in
    the registry of participants, the gender else from the name."""
    membership = (
        Membership.objects.filter(organization=organization, role=Role.CURATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return Person("")
    user = membership.user
    position, gender = _registry_line(user, organization)
    return Person(user.get_full_name(), gender, position)


def _registry_line(user, organization: Organization) -> tuple[str, str]:
    """(position, gender) of the user's own line in the organization's registry of participants, the
    first one with a position; ("", "") without one."""
    without_position = ExpressionWrapper(Q(position=""), output_field=BooleanField())
    line = (
        user.participants.filter(organization=organization)
        .order_by(without_position, "pk")
        .values_list("position", "gender")
        .first()
    )
    return (line[0] or "", line[1] or "") if line else ("", "")


def _coordinator(municipality: Municipality) -> Person:
    """The municipality's coordinator of mentoring: the first coordinator's account (its name; the
    gender from the patronymic)."""
    membership = (
        Membership.objects.filter(municipality=municipality, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return Person(membership.user.get_full_name()) if membership else Person("")


def letterhead_details(owner: Organization | Municipality) -> list[str]:
    """The reference data a letterhead prints under the name (ГОСТ Р 7.0.97-2016, requisite 07), a line
    each: the postal address, the phone and e-mail, the website, ОКПО and ОГРН, ИНН/КПП. What the owner
    has not filled in is left out."""
    municipality = owner if isinstance(owner, Municipality) else owner.municipality
    address = [owner.address.strip()]
    if owner.city and owner.city.lower() not in owner.address.lower():
        address.append(owner.city)
    if municipality.region.name.lower() not in owner.address.lower():
        address.append(municipality.region.name)
    address.append(owner.postal_code)
    contacts = [f"тел. {owner.phone}" if owner.phone else "", f"e-mail: {owner.email}" if owner.email else ""]
    codes = [f"ОКПО {owner.okpo}" if owner.okpo else "", f"ОГРН {owner.ogrn}" if owner.ogrn else ""]
    if owner.inn:
        tax = f"ИНН/КПП {owner.inn}/{owner.kpp}" if owner.kpp else f"ИНН {owner.inn}"
    else:
        tax = f"КПП {owner.kpp}" if owner.kpp else ""
    lines = [
        ", ".join(part for part in address if part) if owner.address.strip() else "",
        ", ".join(part for part in contacts if part),
        owner.website,
        ", ".join(part for part in codes if part),
        tax,
    ]
    return [line for line in lines if line]


def signatory_of(owner: Organization | Municipality) -> tuple[str, str]:
    """(position, full name) of who signs the owner's documents: the organization's director, the
    municipality's head (of its education authority)."""
    if isinstance(owner, Organization):
        return owner.director_position, owner.director_name
    return owner.head_position, owner.head_name


def drafting_context(
    *,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    on_date: datetime.date,
    extra: dict | None = None,
    kind: OrderKind | None = None,
) -> dict:
    """The variables of the kind's texts. ``extra["event_date"]`` (a date typed by the user) is the date
    of the order's event; without it the kind's roadmap activity gives it (see ``event_date``)."""
    year = academic_year_of(on_date)
    extra = dict(extra or {})
    context = {
        "organization": organization,
        "municipality": municipality or (organization.municipality if organization else None),
        "date": on_date,
        "academic_year": academic_year_label(year),
        "academic_year_dash": academic_year_label(year).replace("/", "-"),
        "roadmap": False,
    }
    owner = organization or municipality
    position, name = signatory_of(owner)
    signatory = {"name": name, "short": initials_first(name) if name else "", "position": position}
    context.update({f"signatory_{key}": value for key, value in signatory.items()})
    if organization is not None:
        curator = _curator(organization)
        context.update(
            curator=curator,
            director=Person(organization.director_name, position=organization.director_position),
            director_name=organization.director_name,
            director_short=initials_first(organization.director_name),
            director_position=organization.director_position,
            curator_name=curator.full_name,
            curator_short=initials_first(curator.full_name) if curator else "",
            curator_position=curator.position,
        )
    else:
        context.update({f"head_{key}": value for key, value in signatory.items()})
        coordinator = _coordinator(municipality)
        context.update(
            coordinator=coordinator,
            coordinator_name=coordinator.full_name,
            coordinator_short=initials_first(coordinator.full_name) if coordinator else "",
        )
    given = extra.pop("event_date", None)
    if kind is not None and _uses_event_date(kind):
        context["event_date"] = event_date(kind=kind, owner=owner, on_date=on_date, given=given)
    context.update(extra)
    return context


def _uses_event_date(kind: OrderKind) -> bool:
    texts = [kind.title_template, kind.preamble_template, kind.body_template, kind.addressee_template]
    texts += [value for item in kind.items_template for value in item.values() if isinstance(value, str)]
    return any("event_date" in text for text in texts)


MONTHS_GENITIVE = [
    "",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
BLANK_DAY = "«___»"
BLANK_MONTH = "__________"
BLANK_YEAR = "20___"
DEADLINE_WORDS = re.compile(r"(до|не позднее|не позже)\s", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class EventDate:
    """The date of an event as far as it is known: a day, a month or only a year; what is not known is
    a blank to fill in by hand. Printed in a text as "20 мая 2027 г.", "«___» мая 2027 г.",
    "«___» __________ 2027 г." or "«___» __________ 20___ г."."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of_window(cls, start: datetime.date, end: datetime.date) -> "EventDate":
        if start == end:
            return cls(end.year, end.month, end.day)
        if (start.year, start.month) == (end.year, end.month):
            return cls(end.year, end.month)
        if start.year == end.year:
            return cls(end.year)
        return cls()

    def __str__(self) -> str:
        day = str(self.day) if self.day else BLANK_DAY
        month = MONTHS_GENITIVE[self.month] if self.month else BLANK_MONTH
        year = str(self.year) if self.year else BLANK_YEAR
        return f"{day} {month} {year} г."


def roadmap_of_year(owner: Organization | Municipality, on_date: datetime.date) -> Roadmap | None:
    """The owner's roadmap for the academic year of the date (the one the order «о внедрении»
    approves); without one, the roadmap running on the date."""
    roadmaps = Roadmap.objects.filter(is_template=False, **owner_lookup(owner))
    return (
        roadmaps.filter(academic_year=academic_year_of(on_date)).order_by("-starts_on", "-pk").first()
        or roadmaps.filter(starts_on__lte=on_date, ends_on__gte=on_date).order_by("-starts_on", "-pk").first()
    )


def event_date(
    *,
    kind: OrderKind,
    owner: Organization | Municipality,
    on_date: datetime.date,
    given: datetime.date | None = None,
) -> EventDate:
    """The date of the order's event: the one the user gave; else the term of the owner's roadmap
    activity that the kind's ``event_words`` name (the roadmap running on the order's date, the next
    window of a recurring term); else nothing known, so the whole date is left to fill in."""
    if given is not None:
        return EventDate(given.year, given.month, given.day)
    words = [word.strip().lower() for word in kind.event_words.splitlines() if word.strip()]
    if not words:
        return EventDate()
    roadmap = (
        Roadmap.objects.filter(is_template=False, starts_on__lte=on_date, ends_on__gte=on_date, **owner_lookup(owner))
        .order_by("-starts_on", "-pk")
        .first()
    )
    if roadmap is None:
        return EventDate()
    activities = Activity.objects.filter(roadmap=roadmap).order_by("stage__position", "stage_id", "position", "pk")
    for activity in activities:
        text = f"{activity.title}\n{activity.content}".lower()
        if not any(word in text for word in words):
            continue
        windows = activity.term.windows(roadmap.starts_on, roadmap.ends_on)
        if not windows:
            continue
        upcoming = [window for window in windows if window.due >= on_date]
        window = upcoming[0] if upcoming else windows[-1]
        found = EventDate.of_window(window.start, window.due)
        if found.day and DEADLINE_WORDS.match(activity.term_text.strip()):
            # «до 20 мая 2027»: a deadline, not the day of the event, which may come a month earlier.
            found = EventDate(found.year)
        return found
    return EventDate()


def render_items(items_template: list[dict], context: dict) -> list[dict]:
    """Items whose text renders empty (e.g. behind an {% if %}) are left out."""
    items = []
    for item in items_template:
        rendered = {key: render_text(item.get(key, ""), context) for key in ("text", "responsible", "term")}
        if rendered["text"]:
            items.append(rendered)
    return items


def mentors_to_reward(organization: Organization, on_date: datetime.date) -> list[list[str]]:
    """Rows of the reward order's appendix: the mentors of the academic year, those who completed
    the full cycle first. The director strikes out or adds rows in the draft."""
    entries = (
        MentorEntry.objects.filter(organization=organization, academic_year=academic_year_of(on_date))
        .select_related("participant__partner")
        .order_by("-full_cycle", *name_order("participant__"), "pk")
    )
    school = organization.kind == Organization.Kind.SCHOOL
    rows = []
    for number, entry in enumerate(entries, start=1):
        person = entry.participant
        position = person.position or learner_title(person, school=school)
        if person.partner:
            position = f"{position}, {person.partner.name}".strip(", ")
        rows.append([str(number), person.full_name, position, "благодарность"])
    return rows


def learner_title(person: Participant, *, school: bool) -> str:
    """«обучающаяся 10А класса», «студент группы ТМ-21»: agreeing with the person's gender, with a
    class at a school and a group elsewhere (a college, a kindergarten, additional education)."""
    if not person.class_name:
        return ""
    gender = declension.as_person(person).known_gender
    college = person.category == Participant.Category.COLLEGE_STUDENT  # a partner college's student too
    word = "студент/студентка" if college else "обучающийся"
    group = declension.study_group(person.class_name, school=school and not college, case=declension.GENITIVE)
    return f"{declension.agree(word, gender)} {group}"


INDICATOR_UNITS = {Indicator.Unit.PERCENT: "%", Indicator.Unit.COUNT: "ед."}
# The header of seed 001, приложение 2: the number, the name, the unit, then «Контрольные значения по
# годам» over a column per year.
INDICATORS_LEAD_COLUMNS = ("№ п/п", "Наименование показателя", "Ед. изм.")
YEARS_HEADER = "Контрольные значения по годам"


def indicators_header_groups(columns: list[str]) -> list[dict]:
    """The header cell that spans the year columns of the indicators appendix (none without years)."""
    years = len(columns) - len(INDICATORS_LEAD_COLUMNS)
    if years <= 0:
        return []
    return [{"title": YEARS_HEADER, "first": len(INDICATORS_LEAD_COLUMNS), "span": years}]


def _target_text(value) -> str:
    """«20», «12,5»: a target as the order prints it, without trailing zeros."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


def indicators_appendix(municipality: Municipality) -> tuple[list[str], list[list[str]]]:
    """Columns and rows of the indicators appendix (seed 001, приложение 2: «Показатели эффективности …,
    контрольные значения по годам»): the municipality's indicators in their order, by their full name,
    with the unit and a column per year that has targets. A year without a target of an indicator is
    left blank for the official to fill in. Four queries, whatever the number of indicators or years."""
    indicators = indicators_for(municipality)
    years = target_years(municipality)
    targets = target_table(municipality, years)
    columns = [*INDICATORS_LEAD_COLUMNS, *(str(year) for year in years)]
    rows = [
        [
            str(number),
            indicator.name,
            INDICATOR_UNITS.get(indicator.unit, ""),
            *(_target_text(targets.get((indicator.pk, year))) for year in years),
        ]
        for number, indicator in enumerate(indicators, start=1)
    ]
    return columns, rows
