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
    # Entries with the same menu share one dropdown, so the navbar stays one line wide.
    menu: str = ""

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


@dataclass
class NavEntry:
    """A link of the navbar, or a dropdown menu of links (``links`` not empty)."""

    label: str
    url: str = ""
    url_name: str = ""
    links: list["NavEntry"] = field(default_factory=list)

    @property
    def url_names(self) -> set[str]:
        return {self.url_name} | {link.url_name for link in self.links}


def nav_for(tenant) -> list[NavEntry]:
    """The navbar entries the current role may open, a menu standing where its first entry is.
    A menu with one entry for the role shows as a plain link."""
    if tenant is None:
        return []
    items = sorted(
        (item for item in _nav_items if tenant.can(item.action) and item.applies(tenant)),
        key=lambda item: item.order,
    )
    entries: list[NavEntry] = []
    menus: dict[str, NavEntry] = {}
    for item in items:
        link = NavEntry(str(item.label), item.url(tenant), item.url_name)
        if not item.menu:
            entries.append(link)
        elif item.menu in menus:
            menus[item.menu].links.append(link)
        else:
            menus[item.menu] = NavEntry(str(item.menu), links=[link])
            entries.append(menus[item.menu])
    return [entry.links[0] if len(entry.links) == 1 else entry for entry in entries]
