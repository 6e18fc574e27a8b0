"""Pre-filling a draft order from the data: the context the kinds' templates are rendered with.

A kind's texts may use:
- ``organization`` (full_name, short_name, city, address, website…) or ``municipality``;
- ``curator`` and ``director``: people (mentoring.declension.Person: the name, its gender, ``position``,
  ``initials``) to put in the case the sentence needs: ``{{ curator|accusative }}, {{ curator.position|accusative }}``;
- the case filters on anything else: ``{{ municipality|genitive }}``, ``{{ organization.short_name|prepositional }}``,
  and ``{{ person|agree:"назначенный" }}`` (reports.templatetags.declension, built into this engine);
- ``director_name``, ``director_short`` (И. О. Фамилия), ``director_position``;
- ``curator_name``, ``curator_short``, ``curator_position`` (the organization's curator), in the nominative;
- ``academic_year`` («2026/2027»), ``academic_year_dash`` («2026-2027»), ``date``;
- ``partner`` (a thank-you letter), ``roadmap`` (true when a roadmap is attached);
- anything the caller passes in ``extra``.
"""

import datetime

from django.template import Context, Engine, TemplateSyntaxError

from accounts.models import Membership, Municipality, Organization, Role
from mentoring import declension
from mentoring.academic_year import academic_year_label, academic_year_of
from mentoring.declension import Person
from mentoring.models import MentorEntry, Participant

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
    position, gender = user.participants.filter(organization=organization).values_list(
        "position", "gender"
    ).first() or ("", "")
    return Person(user.get_full_name(), gender, position or "")


def drafting_context(
    *,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    on_date: datetime.date,
    extra: dict | None = None,
) -> dict:
    year = academic_year_of(on_date)
    context = {
        "organization": organization,
        "municipality": municipality or (organization.municipality if organization else None),
        "date": on_date,
        "academic_year": academic_year_label(year),
        "academic_year_dash": academic_year_label(year).replace("/", "-"),
        "roadmap": False,
    }
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
    context.update(extra or {})
    return context


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
        .order_by("-full_cycle", "participant__last_name", "participant__first_name")
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
