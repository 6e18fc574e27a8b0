"""Reads of the work of pairs: the plan templates a user may use, starting from the current organization.

Who sees which template: the curator every template of the organization (he looks after the work of
all its mentors); a mentor the organization's templates (saved by a curator) and his own. Deleting:
the curator any template, a mentor only his own.
"""

from django.db.models import Q, QuerySet

from accounts.models import Role, User
from accounts.permissions import Action
from accounts.tenancy import Tenant
from mentoring.models import PlanTemplate


def plan_templates_visible(tenant: Tenant | None, user: User) -> QuerySet[PlanTemplate]:
    if tenant is None or tenant.organization is None or not tenant.can(Action.UNIT_WORK):
        return PlanTemplate.objects.none()
    templates = PlanTemplate.objects.filter(organization=tenant.organization)
    if tenant.role != Role.CURATOR:
        templates = templates.filter(Q(owner__isnull=True) | Q(owner=user))
    return templates


def may_delete_template(tenant: Tenant, user: User, template: PlanTemplate) -> bool:
    return tenant.role == Role.CURATOR or template.owner_id == user.pk


def template_owner_for(tenant: Tenant, user: User) -> User | None:
    """Whose a newly saved template is: the curator saves for the organization, a mentor for himself."""
    return None if tenant.role == Role.CURATOR else user
