import zoneinfo

from django.utils import timezone

from accounts.tenancy import SESSION_KEY, Tenant, choose_membership, memberships_of


class TenantMiddleware:
    """Resolves the user's current membership once per request.

    Sets ``request.tenant`` (or None), ``request.memberships`` and the shortcuts
    ``request.role``, ``request.organization`` and ``request.municipality`` that views and
    selectors start from. Also switches to the organization's time zone: Russia spans eleven.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        memberships = memberships_of(request.user) if request.user.is_authenticated else []
        current = choose_membership(memberships, request.session.get(SESSION_KEY))
        tenant = Tenant(current) if current else None
        request.memberships = memberships
        request.tenant = tenant
        request.role = tenant.role if tenant else None
        request.organization = tenant.organization if tenant else None
        request.municipality = tenant.municipality if tenant else None
        if tenant and tenant.organization:
            timezone.activate(zoneinfo.ZoneInfo(tenant.organization.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
