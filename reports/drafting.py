"""Pre-filling a draft order from the data: the context the kinds' templates are rendered with.

A kind's texts may use:
- ``organization`` (full_name, short_name, city, address, website…) or ``municipality``;
- ``director_name``, ``director_short`` (И. О. Фамилия), ``director_position``;
- ``curator_name``, ``curator_short``, ``curator_position`` (the organization's curator);
- ``academic_year`` («2026/2027»), ``academic_year_dash`` («2026-2027»), ``date``;
- ``partner`` (a thank-you letter), ``roadmap`` (true when a roadmap is attached);
- anything the caller passes in ``extra``.
"""

import datetime

from django.template import Context, Engine

from accounts.collation import name_order
from accounts.models import Membership, Municipality, Organization, Role
from mentoring.academic_year import academic_year_label, academic_year_of
from mentoring.models import MentorEntry

# Document texts are plain text; HTML escaping happens when the PDF template prints them.
_ENGINE = Engine(autoescape=False)


def initials_first(full_name: str) -> str:
    """«Соколова Марина Викторовна» -> «М. В. Соколова», as signatures are written."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    initials = " ".join(f"{part[0]}." for part in parts[1:3])
    return f"{initials} {parts[0]}"


def render_text(template: str, context: dict) -> str:
    return _ENGINE.from_string(template).render(Context(context)).strip()


def _curator(organization: Organization) -> tuple[str, str]:
    membership = (
        Membership.objects.filter(organization=organization, role=Role.CURATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return "", ""
    user = membership.user
    position = user.participants.filter(organization=organization).values_list("position", flat=True).first() or ""
    return user.get_full_name(), position


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
        curator_name, curator_position = _curator(organization)
        context.update(
            director_name=organization.director_name,
            director_short=initials_first(organization.director_name),
            director_position=organization.director_position,
            curator_name=curator_name,
            curator_short=initials_first(curator_name) if curator_name else "",
            curator_position=curator_position,
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
        .order_by("-full_cycle", *name_order("participant__"), "pk")
    )
    rows = []
    for number, entry in enumerate(entries, start=1):
        person = entry.participant
        position = person.position or (person.class_name and f"обучающийся {person.class_name} класса") or ""
        if person.partner:
            position = f"{position}, {person.partner.name}".strip(", ")
        rows.append([str(number), person.full_name, position, "благодарность"])
    return rows
