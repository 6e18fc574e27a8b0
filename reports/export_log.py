"""The log of files handed out: every download is written down where it leaves the product.

``record_download`` hears every response of every view of the product (TenantPermissionMixin sends
``accounts.signals.response_made``), so a new download view is logged without doing anything. A
response is a download when it carries a Content-Disposition header (``reports.responses.file_response`` and Django's
FileResponse both set it); a failed or refused request is not. The view says whether its files
carry personal data (``download_has_personal_data``), and ``file_response`` carries the number of
rows its exporter wrote.
"""

import re
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponseBase

from reports.models import ExportRecord

FILENAME_STAR = re.compile(r"filename\*=utf-8''([^;]+)", re.IGNORECASE)
FILENAME_PLAIN = re.compile(r'filename="([^"]*)"')
MAX_PARAMETER_LENGTH = 200


def _filename(disposition: str) -> str:
    if match := FILENAME_STAR.search(disposition):
        return unquote(match.group(1))
    if match := FILENAME_PLAIN.search(disposition):
        return match.group(1)
    return ""


def _content(response: HttpResponseBase) -> bytes | None:
    """The bytes of an ordinary response; a streamed one (a scan from storage) is not read twice."""
    return None if response.streaming else response.content


def _size(response: HttpResponseBase, content: bytes | None) -> int | None:
    if content is not None:
        return len(content)
    length = response.get("Content-Length")
    return int(length) if length and length.isdigit() else None


def _clean(text: str, length: int) -> str:
    # PostgreSQL stores no NUL character in text or jsonb: a «?x=%00» must not turn a download into a 500.
    return text.replace("\x00", "")[:length]


def _parameters(request: HttpRequest) -> dict:
    match = request.resolver_match
    parameters = {key: str(value) for key, value in (match.kwargs if match else {}).items()}
    for key, values in request.GET.lists():
        parameters[_clean(key, 50)] = _clean(", ".join(values), MAX_PARAMETER_LENGTH)
    return parameters


def export_record(*, request: HttpRequest, response: HttpResponseBase, personal_data: bool) -> ExportRecord | None:
    """Writes down a download; None when the response is not one (a page, a redirect, an error)."""
    disposition = response.get("Content-Disposition", "")
    if response.status_code != 200 or not disposition or not request.user.is_authenticated:
        return None
    tenant = getattr(request, "tenant", None)
    content = _content(response)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    view_name = request.resolver_match.view_name if request.resolver_match else request.path
    user = request.user
    parameters = _parameters(request)
    return ExportRecord.objects.create(
        user=user,
        user_name=(user.get_full_name() or user.get_username())[:300],
        role=tenant.role.value if tenant else "",
        organization=tenant.organization if tenant else None,
        municipality=tenant.municipality if tenant else None,
        view_name=view_name[:100],
        filename=_clean(_filename(disposition), 300),
        content_type=content_type[:100],
        parameters=parameters,
        size=_size(response, content),
        rows=getattr(response, "export_rows", None),
        personal_data=personal_data,
        # The address the server saw; behind the reverse proxy it is the proxy's unless the app
        # server is told to trust X-Forwarded-For (gunicorn --forwarded-allow-ips).
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )


def record_download(sender, *, request: HttpRequest, response: HttpResponseBase, personal_data: bool, **kwargs) -> None:
    """Receiver of ``accounts.signals.response_made``."""
    export_record(request=request, response=response, personal_data=personal_data)
