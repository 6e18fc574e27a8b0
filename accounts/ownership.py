"""«Belongs to an organization or to a municipality»: a school's contest, training program, public
section or Положение, or the municipality's own. Such a model declares its two keys itself (their
related names and whether one owner has one or many differ) and takes from here what is the same
for all of them: the rule that exactly one is set, the owner it names, and the lookup by owner."""

from django.db import models
from django.db.models import Q

from accounts.models import Municipality, Organization

Owner = Organization | Municipality


def owner_lookup(owner: Owner, prefix: str = "") -> dict:
    """The keyword that names the owner in a query or a service call: ``organization=…`` or
    ``municipality=…``, after ``prefix`` («statute__»)."""
    field = "municipality" if isinstance(owner, Municipality) else "organization"
    return {f"{prefix}{field}": owner}


def one_owner(name: str) -> models.CheckConstraint:
    """The database refuses a row of both owners or of none."""
    return models.CheckConstraint(
        condition=Q(organization__isnull=False, municipality__isnull=True)
        | Q(organization__isnull=True, municipality__isnull=False),
        name=name,
    )


class OwnedByOrganizationOrMunicipality:
    """The owner of a model with ``organization`` and ``municipality`` keys, one of them set."""

    @property
    def owner(self) -> Owner:
        return self.organization or self.municipality

    @property
    def is_municipal(self) -> bool:
        return self.municipality_id is not None
