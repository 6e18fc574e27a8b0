"""Extension points of the home page and the navbar.

Each app registers, in its AppConfig.ready(), the panels its users need on the home page ("what
needs me now") and its navbar entries. The home view and base.html only ask this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse

from accounts.permissions import Action


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    action: Action
    order: int = 100
    # Builds the URL's kwargs from the current tenant, for pages about one's own organization.
    kwargs: Callable | None = None
    # Narrows the entry further than the action, e.g. to organization-level contexts.
    applies: Callable = lambda tenant: True

    def url(self, tenant) -> str:
        return reverse(self.url_name, kwargs=self.kwargs(tenant) if self.kwargs else None)


PanelProvider = Callable[[HttpRequest], Panel | None]

_panel_providers: list[PanelProvider] = []
_nav_items: list[NavItem] = []


def home_panel(provider: PanelProvider) -> PanelProvider:
    """Decorator: registers a function that returns a Panel for the request, or None."""
    _panel_providers.append(provider)
    return provider


def nav_item(item: NavItem) -> None:
    _nav_items.append(item)


def panels_for(request: HttpRequest) -> list[Panel]:
    panels = (provider(request) for provider in _panel_providers)
    return sorted((panel for panel in panels if panel is not None), key=lambda panel: panel.order)


def nav_for(tenant) -> list[tuple[str, str, str]]:
    """(label, url, url_name) of the navbar entries the current role may open."""
    if tenant is None:
        return []
    items = sorted(
        (item for item in _nav_items if tenant.can(item.action) and item.applies(tenant)),
        key=lambda item: item.order,
    )
    return [(item.label, item.url(tenant), item.url_name) for item in items]
