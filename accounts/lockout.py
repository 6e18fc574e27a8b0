"""How django-axes names the account and the address of a login attempt (see AXES_* in settings).

The login field takes a username or an e-mail address in any letter case (accounts/backends.py),
so failures typed as «Ivanova», «ivanova» and «ivanova@school.ru» must count against one account,
or an attacker would get the failure limit once per spelling.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render


def canonical_username(request, credentials) -> str:
    """The account's username when the typed login names one; else the typed text in lower case."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    typed = (typed or "").strip()
    if not typed:
        return ""
    field = "email__iexact" if "@" in typed else "username__iexact"
    user = get_user_model()._default_manager.filter(**{field: typed}).only("username").first()
    return user.get_username() if user is not None else typed.lower()


def client_ip(request) -> str | None:
    """The address the attempt came from.

    Behind the TLS proxy (BEHIND_TLS_PROXY=1) every request comes from the proxy, so the client is
    the last address of X-Forwarded-For: the one our proxy added. Earlier entries are whatever the
    client sent and cannot be trusted.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """The Russian page of a locked login (HTTP 429), naming how long the lock lasts."""
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
