"""Reads of the order register, already scoped to the current context.

A school's director and curator work in the organization's register; the coordinator works in the
municipality's own register. An order of another register is simply not in the queryset (404).
"""

from django.db.models import Q, QuerySet

from accounts.ownership import owner_lookup
from accounts.permissions import Action
from accounts.tenancy import Tenant
from reports.models import Order, OrderKind
from reports.services import kinds_for, next_number, same_series


def orders_of(tenant: Tenant) -> QuerySet[Order]:
    if tenant.is_municipal:
        return Order.objects.filter(municipality_id=tenant.membership.municipality_id)
    return Order.objects.filter(organization_id=tenant.membership.organization_id)


def register_owner(tenant: Tenant) -> dict:
    """The keyword the services take for the register of the context: organization= or municipality=."""
    return owner_lookup(tenant.owner)


def register_kinds(tenant: Tenant) -> QuerySet[OrderKind]:
    """The kinds a new order of the register may be of."""
    return kinds_for(**register_owner(tenant))


def order_list(tenant: Tenant) -> QuerySet[Order]:
    return orders_of(tenant).select_related("kind")


def order_detail(tenant: Tenant) -> QuerySet[Order]:
    return orders_of(tenant).select_related(
        "kind", "organization", "municipality", "created_by", "registered_by", "cancelled_by"
    )


def kinds_in_register(tenant: Tenant) -> QuerySet[OrderKind]:
    """Kinds to filter the register by: those one may draft and those already used (maybe retired since)."""
    used = orders_of(tenant).values("kind_id")
    return OrderKind.objects.filter(Q(pk__in=register_kinds(tenant).values("pk")) | Q(pk__in=used))


def register_years(tenant: Tenant, current: int) -> list[int]:
    """Calendar years of the register, newest first; the current one is always there."""
    years = set(orders_of(tenant).order_by().values_list("year", flat=True).distinct())
    return sorted(years | {current}, reverse=True)


def drafts_to_register(tenant: Tenant) -> QuerySet[Order]:
    """Drafts waiting for the signatory: the oldest first, they have waited longest."""
    return orders_of(tenant).filter(status=Order.Status.DRAFT).select_related("kind").order_by("created_at", "pk")


def number_taken(order: Order, number: str, year: int) -> bool:
    """Whether a registered (or cancelled) document of the order's series in its register already has
    this number that year (orders and letters are numbered apart)."""
    same_series = Order.objects.filter(
        organization_id=order.organization_id,
        municipality_id=order.municipality_id,
        year=year,
        series=order.series,
        number=number,
    )
    return same_series.exclude(status=Order.Status.DRAFT).exclude(pk=order.pk).exists()


def expected_number(order: Order) -> str:
    """The number registering the draft now would give it (the same rule as reports.services.order_register).

    Only a preview for the confirmation page: another registration may take it first.
    """
    if order.number:
        return order.number
    taken = set(same_series(order).exclude(status=Order.Status.DRAFT).values_list("number", flat=True))
    return next_number(order, taken)[1]


def order_in_register(tenant: Tenant | None, order: Order) -> bool:
    """Whether the order opens in the current context: its role reads the register (ORDER_VIEW) and
    the order is of its register (``orders_of``). The coordinator reading a school's roadmap sees the
    school's order named, not linked: the municipality's register does not hold it."""
    if tenant is None or not tenant.can(Action.ORDER_VIEW):
        return False
    if tenant.is_municipal:
        return order.municipality_id is not None and order.municipality_id == tenant.membership.municipality_id
    return order.organization_id is not None and order.organization_id == tenant.membership.organization_id
