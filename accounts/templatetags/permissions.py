"""What the current role may open, for templates: a link is shown only to whom it opens.

``{% load permissions %}`` … ``{% if request|can:"order.view" %}<a href="…">…</a>{% endif %}`` asks
the permission table (accounts/permissions.py) with the role of the request's current membership,
as the view behind the link will (TenantPermissionMixin). An action that is not in the table is an
error, not a silent «no»: a misspelt name must not hide a link from everyone.
"""

from django import template

from accounts.permissions import Action

register = template.Library()


@register.filter
def can(request, action: str) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is not None and tenant.can(Action(action))
