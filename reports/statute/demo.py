"""Demo of the municipal target model of mentoring (seed 001): the municipality's model made from the
shipped template by its coordinator and approved by the order «О внедрении…», which carries it as
appendix 1 and the indicators with their targets as appendix 2."""

import datetime

from accounts.demo import DemoWorld
from reports.models import Order
from reports.services import order_register
from reports.statute.models import StatuteTemplate
from reports.statute.selectors import statute_of
from reports.statute.services import statute_create, statute_order_draft

TEMPLATE = "municipal-model"


def seed(world: DemoWorld, on_date: datetime.date) -> None:
    """The model and its order, registered on ``on_date``; a municipality that has its model already
    is left as it is."""
    municipality = world.municipality
    template = StatuteTemplate.objects.filter(code=TEMPLATE, is_active=True).first()
    if municipality is None or template is None or statute_of(municipality) is not None:
        return
    coordinator = world.users["coordinator"]
    statute = statute_create(owner=municipality, template=template, by=coordinator, on_date=on_date)
    order = statute_order_draft(version=statute.versions.get(), by=coordinator, on_date=on_date)
    # The signatory is the municipality's head (accounts.demo), as every municipal draft has it.
    if order.status == Order.Status.DRAFT:
        order_register(order=order, by=coordinator)
