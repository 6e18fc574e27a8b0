"""The register tells the Положение that an order was registered (reports.signals.order_registered)."""

from reports.statute.services import statute_version_approve


def approve_on_registration(sender, order, **kwargs) -> None:
    statute_version_approve(order=order)
