from accounts.accessibility import SCHEMES, SIZES, preferences_of
from accounts.home import nav_for


def tenant(request):
    """The current context and the navbar entries of its role, for base.html."""
    current = getattr(request, "tenant", None)
    return {
        "tenant": current,
        "memberships": getattr(request, "memberships", []),
        "nav_items": nav_for(current),
    }


def accessibility(request):
    """The version for the visually impaired as this visitor set it (classes of <html>, the bar)."""
    return {"a11y": preferences_of(request), "a11y_sizes": SIZES.items(), "a11y_schemes": SCHEMES.items()}
