"""Pre-filled consent forms (152-ФЗ) that the curator prints for signature.

The legal text is the content of the document and lives in the templates under
``templates/mentoring/pdf/``; this module fills in who signs for whom: the operator (the
organization), the person, and for a minor the parent or legal representative.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.models import Organization
from accounts.tenancy import Tenant
from mentoring.models import Consent, Participant, PartnerOrganization
from mentoring.registry.selectors import class_names, participants_of
from reports.exporters import DocumentExporter, ExportContext, register

FORM_TEMPLATES = {
    Consent.Kind.PROCESSING: "mentoring/pdf/consent_processing.html",
    Consent.Kind.DISTRIBUTION: "mentoring/pdf/consent_distribution.html",
}
# Pupils and college students get forms for a class or group; staff and parents do not.
STUDENT_CATEGORIES = (Participant.Category.STUDENT, Participant.Category.COLLEGE_STUDENT)
# Mentors from an employer or an NGO work at the partner organization, not at the school.
EXTERNAL_CATEGORIES = (Participant.Category.EMPLOYER, Participant.Category.VOLUNTEER)


def parse_kind(value: str | None) -> Consent.Kind | None:
    """The kind from a query string: empty means processing, an unknown one None."""
    if not value:
        return Consent.Kind.PROCESSING
    return Consent.Kind(value) if value in Consent.Kind.values else None


@dataclass(frozen=True)
class ConsentFormData:
    """What one printed form says about who gives the consent."""

    kind: str
    template_name: str
    participant: Participant
    minor: bool
    # Pre-filled when known; an empty value leaves a line to fill in by hand.
    representative_name: str
    subject_name: str
    birth_date: datetime.date | None
    class_name: str
    school_class: bool
    position: str
    workplace: str
    contacts: str

    @property
    def learner(self) -> bool:
        """Studies rather than works: the form names the class instead of the position."""
        return self.minor or bool(self.class_name and not self.position)

    @property
    def occupation(self) -> str:
        """«МБОУ «СОШ № 3», учитель математики» or «…, 10А»."""
        detail = self.class_name if self.learner else self.position
        return ", ".join(part for part in (self.workplace, detail) if part)

    @property
    def signer_name(self) -> str:
        return self.representative_name if self.minor else self.subject_name

    @property
    def signer_short_name(self) -> str:
        """«Фамилия И. О.» for the line under the signature."""
        parts = self.signer_name.split()
        if not parts:
            return ""
        return " ".join([parts[0], *(f"{part[0]}." for part in parts[1:3])])


def workplace_of(participant: Participant, organization: Organization) -> str:
    partner: PartnerOrganization | None = participant.partner
    if partner is not None and (participant.category in EXTERNAL_CATEGORIES or not participant.class_name):
        return partner.name
    return organization.short_name


def consent_form_data(participant: Participant, kind: str, *, today: datetime.date) -> ConsentFormData:
    minor = participant.is_minor_on(today)
    contacts = ", ".join(value for value in (participant.phone, participant.email) if value)
    return ConsentFormData(
        kind=kind,
        template_name=FORM_TEMPLATES[kind],
        participant=participant,
        minor=minor,
        representative_name=participant.guardian_name if minor else "",
        subject_name=participant.full_name,
        birth_date=participant.birth_date,
        class_name=participant.class_name,
        school_class=participant.grade is not None,
        position=participant.position,
        workplace=workplace_of(participant, participant.organization),
        contacts=contacts,
    )


def consent_forms_context(
    participants: list[Participant], kind: str, *, organization: Organization, today: datetime.date
) -> dict:
    return {
        "organization": organization,
        "kind": kind,
        "today": today,
        "forms": [consent_form_data(participant, kind, today=today) for participant in participants],
        "publication_categories": Consent.Publication.choices,
    }


def kind_title(kind: str) -> str:
    if kind == Consent.Kind.DISTRIBUTION:
        return gettext("Consent to distribution")
    return gettext("Consent to processing")


@register("consent_forms")
class ConsentFormsExporter(DocumentExporter):
    """Context: ``participants`` (a list), ``kind``, ``organization``, ``today``; optional ``class_name``."""

    template_name = "mentoring/pdf/consent_forms.html"

    def filename(self, context: ExportContext) -> str:
        participants = context["participants"]
        if context.get("class_name"):
            subject = gettext("class %(class_name)s") % {"class_name": context["class_name"]}
        else:
            subject = ", ".join(participant.short_name for participant in participants)
        return f"{kind_title(context['kind'])} – {subject}"

    def get_template_context(self, context: ExportContext) -> dict:
        return consent_forms_context(
            list(context["participants"]),
            context["kind"],
            organization=context["organization"],
            today=context["today"],
        )


def consent_form_participants(tenant: Tenant) -> QuerySet[Participant]:
    return participants_of(tenant).select_related("organization", "partner")


def class_students(tenant: Tenant, class_name: str) -> QuerySet[Participant]:
    """The pupils of a class who may still be asked for consent, by name."""
    return (
        consent_form_participants(tenant)
        .filter(class_name=class_name, category__in=STUDENT_CATEGORIES, depersonalized_at__isnull=True)
        .order_by(*name_order(), "pk")
    )


class ClassConsentFormsForm(forms.Form):
    class_name = forms.CharField(label=_("Class or group"), widget=forms.Select)
    kind = forms.ChoiceField(label=_("Kind of consent"), choices=Consent.Kind.choices, initial=Consent.Kind.PROCESSING)

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        choices = [(name, name) for name in class_names(tenant)]
        asked = (self.data.get("class_name") or "").strip() if self.is_bound else ""
        if asked and (asked, asked) not in choices:
            # Keep the class that was asked for in view, next to the message that it has no pupils.
            choices.insert(0, (asked, asked))
        self.fields["class_name"].widget.choices = choices
        self.students: list[Participant] = []

    def clean_class_name(self):
        class_name = self.cleaned_data["class_name"].strip()
        self.students = list(class_students(self.tenant, class_name))
        if not self.students:
            raise forms.ValidationError(
                gettext("There are no pupils in class %(class_name)s.") % {"class_name": class_name}
            )
        return class_name
