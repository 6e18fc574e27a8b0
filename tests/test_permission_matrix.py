"""Every URL of the project, requested by everyone.

The URL patterns are discovered from the URLconf; each view declares ``permission_action`` and
the expected answer follows from the permission table:
- anonymous: the login page (302) unless the page is public;
- a role of organization A (the owner of the objects in the URL): 200 if the table allows the
  action, else 403;
- the same role of organization B: 403 if not allowed; if allowed, 404 for a URL about A's
  object and 200 for a URL without one.
POST-only views get an empty POST, and "allowed" there means 200 or a redirect.
A URL with parameters needs one line in OBJECT_URL_KWARGS below: how to point it at A's object;
ROLE_OBJECT_URL_KWARGS points it elsewhere for a role whose own objects are of another kind (the
coordinator changes the municipality's roadmaps, not the schools').
"""

import datetime
from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from accounts.permissions import Action, role_can
from mentoring.models import DevelopmentPlan, MatchingRun, Meeting, MentoringUnit, PlanItem, PlanTemplate
from tests.conftest import World
from tests.indicators import report_url_objects as indicator_report_url_objects
from tests.indicators import url_objects as indicator_url_objects
from tests.mentoring import contest_urls as contest_url_objects
from tests.mentoring import practices as practice_url_objects
from tests.mentoring import training_url_objects
from tests.mentoring.factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    PartnerFactory,
    ProgramFactory,
    StaffFactory,
    consent_with_scan,
    invitation_to,
    unit_of_side,
)
from tests.monitoring import url_objects as monitoring_url_objects
from tests.reports.factories import draft_order, municipal_model, registered_order, statute_in_force, statute_of
from tests.roadmap import url_objects as roadmap_url_objects

# Namespaces with their own access rules, tested elsewhere (the admin: tests/test_admin.py).
SKIPPED_NAMESPACES = {"admin"}


def mentor_template(world: World) -> PlanTemplate:
    return PlanTemplate.objects.create(
        organization=world.a.organization,
        owner=world.a.users[Role.MENTOR],
        name=f"Шаблон {PlanTemplate.objects.count()}",
        goal="Цель",
    )


# URL name -> kwargs pointing at an object of organization A. Views without an object there
# (e.g. the password-reset link) give values of their own and count as "no object".
OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    "organization_detail": lambda w: {"pk": w.a.organization.pk},
    "organization_update": lambda w: {"pk": w.a.organization.pk},
    "participant_detail": lambda w: {"pk": ParticipantFactory(organization=w.a.organization).pk},
    "participant_update": lambda w: {"pk": ParticipantFactory(organization=w.a.organization).pk},
    "participant_invite": lambda w: {"pk": StaffFactory(organization=w.a.organization).pk},
    "mentor_entry_create": lambda w: {"pk": StaffFactory(organization=w.a.organization).pk},
    "mentee_entry_create": lambda w: {"pk": ParticipantFactory(organization=w.a.organization).pk},
    "mentor_entry_update": lambda w: {
        "pk": MentorEntryFactory(participant=StaffFactory(organization=w.a.organization)).pk
    },
    "mentee_entry_update": lambda w: {
        "pk": MenteeEntryFactory(participant=ParticipantFactory(organization=w.a.organization)).pk
    },
    "consent_create": lambda w: {"pk": ParticipantFactory(organization=w.a.organization).pk},
    "consent_withdraw": lambda w: {
        "pk": ConsentFactory(participant=ParticipantFactory(organization=w.a.organization)).pk
    },
    "consent_scan": lambda w: {"pk": consent_with_scan(w.a.organization).pk},
    "partner_detail": lambda w: {"pk": PartnerFactory(organization=w.a.organization).pk},
    "partner_update": lambda w: {"pk": PartnerFactory(organization=w.a.organization).pk},
    "consent_form_pdf": lambda w: {"pk": ParticipantFactory(organization=w.a.organization).pk},
    "order_detail": lambda w: {"pk": draft_order(w.a.organization).pk},
    "order_update": lambda w: {"pk": draft_order(w.a.organization).pk},
    "order_register": lambda w: {"pk": draft_order(w.a.organization).pk},
    "order_delete": lambda w: {"pk": draft_order(w.a.organization).pk},
    "order_cancel": lambda w: {"pk": registered_order(w.a.organization).pk},
    "order_pdf": lambda w: {"pk": registered_order(w.a.organization).pk},
    "order_pdf_status": lambda w: {"pk": registered_order(w.a.organization).pk},
    "order_docx": lambda w: {"pk": draft_order(w.a.organization).pk},
    # The Положение: a version in force is read by every role that reads it (the coordinator of A's
    # municipality too); a draft version only by its keepers.
    "statute_edit": lambda w: {"pk": statute_of(w.a.organization).pk},
    "statute_version_detail": lambda w: {"pk": statute_in_force(w.a.organization).pk},
    "statute_version_pdf": lambda w: {"pk": statute_in_force(w.a.organization).pk},
    "statute_version_docx": lambda w: {"pk": statute_in_force(w.a.organization).pk},
    "statute_version_compare": lambda w: {"pk": statute_of(w.a.organization).versions.get().pk},
    "statute_version_restore": lambda w: {"pk": statute_of(w.a.organization).versions.get().pk},
    "statute_order_draft": lambda w: {"pk": statute_of(w.a.organization).versions.get().pk},
    "meeting_list": lambda w: {"unit_pk": unit_of_side(w.a).pk},
    "meeting_create": lambda w: {"unit_pk": unit_of_side(w.a).pk},
    "meeting_journal_pdf": lambda w: {"unit_pk": unit_of_side(w.a).pk},
    "matching_run_progress": lambda w: {
        "pk": MatchingRun.objects.create(
            program=ProgramFactory(organization=w.a.organization), key="k", language="ru"
        ).pk
    },
    "meeting_update": lambda w: {
        "pk": Meeting.objects.create(unit=unit_of_side(w.a), held_on=datetime.date(2026, 9, 10), topic="Знакомство").pk
    },
    "unit_complete": lambda w: {"unit_pk": unit_of_side(w.a).pk},
    "plan_detail": lambda w: {"pk": unit_of_side(w.a).mentees.get().pk},
    "plan_update": lambda w: {"pk": unit_of_side(w.a).mentees.get().pk},
    "plan_pdf": lambda w: {"pk": unit_of_side(w.a).mentees.get().pk},
    "plan_item_done": lambda w: {
        "pk": PlanItem.objects.create(
            plan=DevelopmentPlan.objects.create(membership=unit_of_side(w.a).mentees.get(), goal="Цель"),
            activity="Мероприятие",
        ).pk
    },
    "plan_template_save": lambda w: {
        "pk": DevelopmentPlan.objects.create(membership=unit_of_side(w.a).mentees.get(), goal="Цель").membership_id
    },
    "plan_template_apply": lambda w: {"unit_pk": unit_of_side(w.a).pk},
    # A's mentor's own template: A's curator may delete it (the mentor gets one more, below).
    "plan_template_delete": lambda w: {"pk": mentor_template(w).pk},
    "program_detail": lambda w: {"pk": ProgramFactory(organization=w.a.organization).pk},
    "program_update": lambda w: {"pk": ProgramFactory(organization=w.a.organization).pk},
    "unit_detail": lambda w: {"pk": unit_of_side(w.a).pk},
    "unit_update": lambda w: {"pk": unit_of_side(w.a, MentoringUnit.Status.DRAFT).pk},
    "unit_delete": lambda w: {"pk": unit_of_side(w.a, MentoringUnit.Status.DRAFT).pk},
    "unit_submit": lambda w: {"pk": unit_of_side(w.a, MentoringUnit.Status.DRAFT).pk},
    "unit_return": lambda w: {"pk": unit_of_side(w.a, MentoringUnit.Status.SUBMITTED).pk},
    "unit_terminate": lambda w: {"pk": unit_of_side(w.a).pk},
    "unit_mentee_leave": lambda w: {"pk": unit_of_side(w.a).pk},
    # An invitation of another organization to the account of A's mentor: only its owner answers.
    "invitation_accept": lambda w: {"pk": invitation_to(w.a.users[Role.MENTOR]).pk},
    "invitation_decline": lambda w: {"pk": invitation_to(w.a.users[Role.MENTOR]).pk},
    "unmatched_mark": lambda w: {
        "pk": MenteeEntryFactory(participant=ParticipantFactory(organization=w.a.organization)).pk
    },
}


def published_section(world: World, order: bool = False) -> dict:
    """A's public section with its contacts (and, asked, a registered order) published: the public
    pages answer everyone alike."""
    from reports.publication.services import publication_set, section_ensure

    section = section_ensure(organization=world.a.organization)
    curator = world.a.users[Role.CURATOR]
    publication_set(section=section, source="contacts", key="contacts", publish=True, by=curator)
    kwargs = {"slug": section.slug}
    if order:
        published = registered_order(world.a.organization)
        publication_set(section=section, source="orders", key=str(published.pk), publish=True, by=curator)
        kwargs["pk"] = published.pk
    return kwargs


def published_statute(world: World) -> dict:
    """A's Положение in force, published in its section."""
    from reports.publication.services import publication_set
    from tests.reports.factories import statute_in_force

    kwargs = published_section(world)
    version = statute_in_force(world.a.organization)
    from reports.publication.models import PublicSection

    section = PublicSection.objects.get(slug=kwargs["slug"])
    publication_set(
        section=section, source="statute", key=str(version.pk), publish=True, by=world.a.users[Role.CURATOR]
    )
    return {**kwargs, "pk": version.pk}


OBJECT_URL_KWARGS |= {
    "public_section": published_section,
    "public_feed": published_section,
    "public_order_pdf": lambda w: published_section(w, order=True),
    "public_statute_pdf": published_statute,
}
# Areas that keep their tables beside their own tests.
AREA_URL_OBJECTS = (
    roadmap_url_objects,
    monitoring_url_objects,
    indicator_url_objects,
    indicator_report_url_objects,
    practice_url_objects,
    training_url_objects,
    contest_url_objects,
)
for area in AREA_URL_OBJECTS:
    OBJECT_URL_KWARGS |= area.OBJECT_URL_KWARGS


def _municipal_model_version(world: World):
    return municipal_model(world.a.municipality).versions.get()


ROLE_OBJECT_URL_KWARGS: dict[Role, dict[str, Callable[[World], dict]]] = {
    Role.COORDINATOR: {
        **roadmap_url_objects.COORDINATOR_OBJECT_URL_KWARGS,
        # The coordinator keeps the municipality's target model, and only reads the schools' Положения.
        "statute_edit": lambda w: {"pk": municipal_model(w.a.municipality).pk},
        **{
            name: lambda w: {"pk": _municipal_model_version(w).pk}
            for name in ("statute_version_compare", "statute_version_restore", "statute_order_draft")
        },
    },
}
for area in AREA_URL_OBJECTS:
    for role, table in getattr(area, "ROLE_OBJECT_URL_KWARGS", {}).items():
        ROLE_OBJECT_URL_KWARGS.setdefault(role, {}).update(table)
# Deleting takes the template away: the mentor, who may delete his own too, is given another.
ROLE_OBJECT_URL_KWARGS.setdefault(Role.MENTOR, {})["plan_template_delete"] = lambda w: {"pk": mentor_template(w).pk}

# Objects of organization A that an allowed role of A's side still does not reach (404): the
# coordinator keeps the municipality's own register of orders, not the schools' ones.
OUT_OF_REACH: dict[str, set[Role]] = {
    name: {Role.COORDINATOR}
    for name in (
        "order_detail",
        "order_update",
        "order_register",
        "order_delete",
        "order_cancel",
        "order_pdf",
        "order_pdf_status",
        "order_docx",
    )
}
OUT_OF_REACH |= {name: set(Role) - {Role.MENTOR} for name in ("invitation_accept", "invitation_decline")}
NO_OBJECT_URL_KWARGS: dict[str, dict] = {
    "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "registry_export": {"registry": "mentees"},
}
for area in AREA_URL_OBJECTS:
    NO_OBJECT_URL_KWARGS |= getattr(area, "NO_OBJECT_URL_KWARGS", {})
    for name, roles in getattr(area, "OUT_OF_REACH", {}).items():
        OUT_OF_REACH.setdefault(name, set()).update(roles)


def discover(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if (entry.namespace or "") in SKIPPED_NAMESPACES:
                continue
            found += discover(entry, inner)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


URLS = discover(get_resolver())


def view_class(pattern: URLPattern):
    return getattr(pattern.callback, "view_class", pattern.callback)


def build_url(name: str, world: World, role: Role | None = None) -> tuple[str, bool]:
    """The URL (for the role, when it has objects of its own) and whether it names an object of A."""
    for_role = ROLE_OBJECT_URL_KWARGS.get(role, {})
    if name in for_role:
        return reverse(name, kwargs=for_role[name](world)), True
    if name in OBJECT_URL_KWARGS:
        return reverse(name, kwargs=OBJECT_URL_KWARGS[name](world)), True
    return reverse(name, kwargs=NO_OBJECT_URL_KWARGS.get(name)), False


def posts_only(view) -> bool:
    return "get" not in view.http_method_names


def expected_statuses(view, role: Role, own: bool, names_object: bool, name: str = "") -> set[int]:
    """A POST-only view is sent an empty POST: allowed means it answers without 403/404."""
    action = view.permission_action
    if action == Action.PUBLIC:  # e.g. a personal questionnaire link: the same page for everyone
        return {200, 302} if posts_only(view) else {200}
    if not role_can(role, action):
        return {403}
    if names_object and (not own or role in OUT_OF_REACH.get(name, ())):
        return {404}
    return {200, 302} if posts_only(view) else {200}


def test_every_url_is_covered():
    missing_action = [name for name, pattern in URLS if not hasattr(view_class(pattern), "permission_action")]
    assert not missing_action, f"views without permission_action: {missing_action}"
    unmapped = [
        name
        for name, pattern in URLS
        if pattern.pattern.converters or "<" in str(pattern.pattern)
        if name not in OBJECT_URL_KWARGS and name not in NO_OBJECT_URL_KWARGS
    ]
    assert not unmapped, f"add these URLs to OBJECT_URL_KWARGS in {__file__}: {unmapped}"


@pytest.mark.parametrize("name", [name for name, _ in URLS])
def test_url_answers_as_the_permission_table_says(name, world, client):
    view = view_class(dict(URLS)[name])
    url, names_object = build_url(name, world)
    failures = []

    request = client.post if posts_only(view) else client.get
    response = request(url)
    if view.permission_action == Action.PUBLIC:
        if response.status_code not in {200, 302}:
            failures.append(f"anonymous: {response.status_code} for a public page")
    elif response.status_code != 302 or not response["Location"].startswith(reverse("login")):
        failures.append(f"anonymous: {response.status_code} is not a redirect to the login page")

    for role in Role:
        role_url = build_url(name, world, role)[0] if name in ROLE_OBJECT_URL_KWARGS.get(role, {}) else url
        for side, own in ((world.a, True), (world.b, False)):
            client.force_login(side.users[role])
            status = request(role_url).status_code
            expected = expected_statuses(view, role, own, names_object, name)
            if status not in expected:
                failures.append(f"{role.value} of {'A' if own else 'B'}: {status} != {expected}")
            client.logout()

    assert not failures, f"{name} ({url}): " + "; ".join(failures)
