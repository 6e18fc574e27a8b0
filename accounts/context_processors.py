from accounts.home import nav_for


def tenant(request):
    """The current context and the navbar entries of its role, for base.html."""
    current = getattr(request, "tenant", None)
    return {
        "tenant": current,
        "memberships": getattr(request, "memberships", []),
        "nav_items": nav_for(current),
    }
