"""The current context of a request: which membership (role and organization or municipality)
the user acts through. Resolved once per request by TenantMiddleware."""

from dataclasses import dataclass

from accounts.models import Membership, Municipality, Organization, Role
from accounts.permissions import Action, role_can

SESSION_KEY = "accounts.membership_id"


@dataclass(frozen=True)
class Tenant:
    membership: Membership

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    @property
    def organization(self) -> Organization | None:
        return self.membership.organization

    @property
    def municipality(self) -> Municipality:
        """The municipality in force: the coordinator's own, or the organization's."""
        if self.membership.municipality_id:
            return self.membership.municipality
        return self.membership.organization.municipality

    @property
    def is_municipal(self) -> bool:
        return self.membership.organization_id is None

    @property
    def owner(self) -> Organization | Municipality:
        """Whose registers and documents the context keeps: the coordinator's municipality, else the
        organization."""
        return self.membership.municipality if self.is_municipal else self.membership.organization

    def can(self, action: Action) -> bool:
        return role_can(self.role, action)


def memberships_of(user) -> list[Membership]:
    """All memberships of a user with their scopes, in one query."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organization__municipality__region", "municipality__region")
        .order_by("pk")
    )


def choose_membership(memberships: list[Membership], chosen_id) -> Membership | None:
    """The membership picked in the session, else the first one the user has."""
    for membership in memberships:
        if membership.pk == chosen_id:
            return membership
    return memberships[0] if memberships else None
