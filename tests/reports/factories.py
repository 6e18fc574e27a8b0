"""Orders of the register, made through the services as the pages make them."""

from accounts.models import Membership, Municipality, Organization, Role
from reports.models import Order, OrderKind
from reports.services import order_draft, order_register
from reports.statute.models import StatuteTemplate
from reports.statute.services import statute_create, statute_order_draft


def _signatory(organization: Organization | None = None, municipality: Municipality | None = None):
    role = Role.DIRECTOR if organization else Role.COORDINATOR
    scope = {"organization": organization} if organization else {"municipality": municipality}
    membership = Membership.objects.filter(role=role, **scope).select_related("user").first()
    return membership.user if membership else None


def draft_order(
    organization: Organization | None = None, *, municipality: Municipality | None = None, kind: str = ""
) -> Order:
    """A draft of the organization's register (or of the municipality's, by keyword)."""
    if organization is not None:
        kind = kind or "curator-appointment"
        return order_draft(
            kind=OrderKind.objects.get(code=kind), by=_signatory(organization), organization=organization
        )
    order = order_draft(
        kind=OrderKind.objects.get(code=kind or "municipal-introduction"),
        by=_signatory(municipality=municipality),
        municipality=municipality,
    )
    # The factory's municipality names no head, so its drafts are unsigned; registering needs a signatory.
    order.signatory_position = "Начальник управления образования"
    order.signatory_name = "А. Б. Начальников"
    order.save(update_fields=["signatory_position", "signatory_name"])
    return order


def registered_order(
    organization: Organization | None = None, *, municipality: Municipality | None = None, kind: str = ""
) -> Order:
    order = draft_order(organization, municipality=municipality, kind=kind)
    return order_register(order=order, by=_signatory(organization, municipality))


def statute_of(organization: Organization):
    """The organization's Положение made from the shipped template (version 1, a draft)."""
    return statute_create(
        owner=organization, template=StatuteTemplate.objects.get(code="standard"), by=_signatory(organization)
    )


def municipal_model(municipality: Municipality):
    """The municipality's target model of mentoring made from the shipped template (version 1, a draft)."""
    return statute_create(
        owner=municipality,
        template=StatuteTemplate.objects.get(code="municipal-model"),
        by=_signatory(municipality=municipality),
    )


def statute_in_force(organization: Organization):
    """A Положение approved by a registered order: its version 1, in force."""
    statute = statute_of(organization)
    version = statute.versions.get()
    by = _signatory(organization)
    order_register(order=statute_order_draft(version=version, by=by), by=by)
    version.refresh_from_db()
    return version
