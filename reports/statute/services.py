"""Writes of the Положение: made from a template, saved as versions, restored, approved by its order.

A version never changes once saved: a save of the editor adds the next one, a restored one is copied
as the newest draft, and editing after approval starts a new draft beside the approved version. The
only later write is the approval, which the registration of the order carrying the version makes.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Municipality, User
from accounts.ownership import Owner, owner_lookup
from mentoring.academic_year import academic_year_of
from mentoring.models import Program
from reports import api
from reports.drafting import drafting_context, render_text
from reports.models import Order
from reports.statute.content import order_appendix
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion
from reports.statute.selectors import latest_version

TITLE_MAX = 500
SECTION_TITLE_MAX = 300


def forms_of_mentoring(owner: Owner, on_date: datetime.date) -> str:
    """«ученик – ученик», «учитель – учитель»: the forms of the programs of the organization (of every
    organization of the municipality), of the academic year of the date, else of any year, in the order
    of the forms' list; "" without programs."""
    if isinstance(owner, Municipality):
        programs = Program.objects.filter(organization__municipality=owner)
    else:
        programs = Program.objects.filter(organization=owner)
    programs = programs.select_related("form")
    of_year = programs.filter(academic_year=academic_year_of(on_date))
    chosen = of_year if of_year.exists() else programs
    forms = {program.form.pk: program.form for program in chosen}
    ordered = sorted(forms.values(), key=lambda form: (form.position, form.name))
    return ", ".join(f"«{form.name}»" for form in ordered)


def _clean_sections(title: str, sections: list[dict]) -> tuple[str, list[dict]]:
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = _("Write the title of the regulation.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title is too long.")
    cleaned = []
    for section in sections:
        section_title = " ".join((section.get("title") or "").split())
        text = "\n".join(line.strip() for line in (section.get("text") or "").splitlines() if line.strip())
        if not section_title and not text:
            continue
        if not section_title:
            errors.setdefault("sections", _("Every section needs a title."))
        cleaned.append({"title": section_title, "text": text})
    if not cleaned:
        errors.setdefault("sections", _("The regulation needs at least one section."))
    if errors:
        raise ValidationError(errors)
    return title, cleaned


def _next_number(statute: Statute) -> int:
    return (statute.versions.aggregate(last=Max("number"))["last"] or 0) + 1


@transaction.atomic
def statute_create(
    *, owner: Owner, template: StatuteTemplate, by: User, on_date: datetime.date | None = None
) -> Statute:
    """The owner's document from the template, filled with its data: the names of the organization (or
    the municipality) in the cases the sentences need, the curator (or the coordinator), the forms of
    mentoring run there, the academic year. Version 1."""
    type(owner).objects.select_for_update().get(pk=owner.pk)
    if Statute.objects.filter(**owner_lookup(owner)).exists():
        raise ValidationError(
            _("The municipality already has its target model of mentoring.")
            if isinstance(owner, Municipality)
            else _("The organization already has its regulation on mentoring.")
        )
    on_date = on_date or timezone.localdate()
    context = drafting_context(**owner_lookup(owner), on_date=on_date)
    context["forms_of_mentoring"] = forms_of_mentoring(owner, on_date)
    sections = [
        {"title": render_text(section.get("title", ""), context), "text": render_text(section.get("text", ""), context)}
        for section in template.sections
    ]
    title, sections = _clean_sections(render_text(template.title_template, context), sections)
    statute = Statute.objects.create(**owner_lookup(owner), template=template, created_by=by)
    StatuteVersion.objects.create(statute=statute, number=1, title=title, sections=sections, created_by=by)
    return statute


@transaction.atomic
def statute_save(*, statute: Statute, title: str, sections: list[dict], by: User) -> StatuteVersion | None:
    """Keeps the edited text as the next version (a draft); None when nothing differs from the latest."""
    statute = Statute.objects.select_for_update().get(pk=statute.pk)
    title, sections = _clean_sections(title, sections)
    latest = statute.versions.order_by("-number").first()
    if latest is not None and latest.title == title and latest.sections == sections:
        return None
    return StatuteVersion.objects.create(
        statute=statute, number=_next_number(statute), title=title, sections=sections, created_by=by
    )


@transaction.atomic
def statute_version_restore(*, version: StatuteVersion, by: User) -> StatuteVersion:
    """An old version's text as the newest draft; the old version stays as it was."""
    statute = Statute.objects.select_for_update().get(pk=version.statute_id)
    return StatuteVersion.objects.create(
        statute=statute,
        number=_next_number(statute),
        title=version.title,
        sections=version.sections,
        restored_from=version,
        created_by=by,
    )


def statute_order_draft(*, version: StatuteVersion, by: User, on_date: datetime.date | None = None) -> Order:
    """A draft of the order approving the version, carrying it as its appendix: «Об утверждении
    Положения…» of the organization, «О внедрении целевой модели…» of the municipality. Whoever
    registers it in the register approves the version."""
    if version.is_approved:
        raise ValidationError(
            _("This version is already approved by order № %(number)s of %(date)s.")
            % {"number": version.approved_number, "date": f"{version.approved_on:%d.%m.%Y}"}
        )
    statute = version.statute
    return api.statute_approval_order_draft(
        organization=statute.organization,
        municipality=statute.municipality,
        by=by,
        on_date=on_date,
        appendix_layout=order_appendix(version),
    )


def latest_version_appendix(owner: Owner) -> dict | None:
    """The register's order drafted without a version chosen carries the owner's latest one."""
    version = latest_version(owner)
    return order_appendix(version) if version is not None else None


@transaction.atomic
def statute_version_approve(*, order: Order) -> StatuteVersion | None:
    """Records the approval by the registered order that carries a version of its owner's document
    (the organization's Положение, the municipality's target model): «утверждено» with the order's
    number and date. An approved version stays as it is."""
    if order.status != Order.Status.REGISTERED:
        return None
    pks = [appendix.get("statute_version") for appendix in order.appendices or [] if appendix.get("statute_version")]
    if not pks:
        return None
    version = (
        StatuteVersion.objects.select_for_update()
        .filter(
            pk=pks[0], statute__organization_id=order.organization_id, statute__municipality_id=order.municipality_id
        )
        .first()
    )
    if version is None or version.is_approved:
        return None
    version.status = StatuteVersion.Status.APPROVED
    version.order = order
    version.approved_number = order.number
    version.approved_on = order.date
    version.save(update_fields=["status", "order", "approved_number", "approved_on"])
    return version
