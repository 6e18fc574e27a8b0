"""An organization's ``data_version``: it goes up once a change of what the organization's figures
count is committed (registries, participants, pairs and groups, questionnaire responses). Pages
that keep figures (the dashboard's cache) key them by it. It lives with the organization so that
every package that writes such data can raise it without depending on the figures' package."""

from django.db import transaction
from django.db.models import F, Q

from accounts.models import Organization


def data_changed(organizations: Q) -> None:
    """The organizations matching ``organizations`` changed what their figures count: what is kept
    of them is stale once this transaction commits (``on_commit``, so that no transaction holds a
    lock on the organization's row while it works)."""

    def bump():
        Organization.objects.filter(organizations).update(data_version=F("data_version") + 1)

    transaction.on_commit(bump)
