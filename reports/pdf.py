"""Official documents as PDF: a Django template rendered by WeasyPrint with the document layout.

Every document template extends ``reports/document_base.html``; the layout of ГОСТ Р 7.0.97
(A4, margins, serif 14 pt, indent, page numbers from page 2) lives in
``static/reports/document.css``. WeasyPrint loads nothing from another host: only ``data:`` URLs
and our own static files are fetched.
"""

import functools
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Liberation Serif has Cyrillic and the metrics of Times New Roman, the font orders are set in.
DOCUMENT_FONT = "Liberation Serif"
DOCUMENT_CSS = "reports/document.css"


class FontMissingError(ImproperlyConfigured):
    pass


@functools.cache
def font_files(family: str) -> tuple[str, ...]:
    """The files fontconfig knows for the family (asked once per process)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    found = subprocess.run(
        [fc_list, f":family={family}", "file"], capture_output=True, text=True, check=False, timeout=30
    )
    return tuple(sorted(line.strip().rstrip(":") for line in found.stdout.splitlines() if line.strip()))


def require_font(family: str = DOCUMENT_FONT) -> None:
    """Fails loudly instead of letting WeasyPrint fall back to a font that may lack Cyrillic."""
    if not font_files(family):
        raise FontMissingError(
            f"The font «{family}» is not installed, so documents cannot be rendered with Cyrillic. "
            "Install it (Debian/Ubuntu: apt-get install fonts-liberation, or `make system-deps`) and restart."
        )


def _static_path(name: str) -> Path | None:
    """A file of our static files: from the source folders, else from STATIC_ROOT (collected)."""
    if ".." in Path(name).parts:
        return None
    try:
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        collected = (root / name).resolve()
        if collected.is_relative_to(root) and collected.is_file():
            return collected
    return None


class LocalFetcher(URLFetcher):
    """Serves ``data:`` URLs and ``{% static %}`` files; refuses everything else, any host included."""

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        path = unquote(urlsplit(url).path)
        if scheme == "file" and path.startswith(static_prefix):
            found = _static_path(path.removeprefix(static_prefix))
            if found is not None:
                return URLFetcherResponse(found.as_uri(), body=found.read_bytes())
        raise ValueError(f"Documents load only our own static files, not {url}")


@functools.cache
def _document_stylesheet() -> CSS:
    path = _static_path(DOCUMENT_CSS)
    if path is None:
        raise ImproperlyConfigured(f"The document stylesheet {DOCUMENT_CSS} is missing from the static files.")
    return CSS(filename=str(path), url_fetcher=LocalFetcher())


def render_html_to_pdf(html: str) -> bytes:
    require_font()
    # Root-relative URLs such as {% static %} ones resolve to file:///static/..., which LocalFetcher maps.
    document = HTML(string=html, base_url="file:///", url_fetcher=LocalFetcher())
    return document.write_pdf(stylesheets=[_document_stylesheet()])


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Renders a template that extends ``reports/document_base.html`` to PDF bytes."""
    return render_html_to_pdf(render_to_string(template_name, context, request=request))
