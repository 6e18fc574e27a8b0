"""Files the exporters render, handed to the browser."""

from urllib.parse import quote

from django.http import HttpResponse

from reports.exporters import Rendered


def file_response(rendered: Rendered, *, as_attachment: bool = True, rows: int | None = None) -> HttpResponse:
    """A download whose Cyrillic file name survives every browser (RFC 6266 with an ASCII fallback).
    ``rows``: the data rows of a table (people, answers), for the export log."""
    filename, content_type, content = rendered
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    ascii_name = filename if filename.isascii() else f"document.{extension}"
    ascii_name = ascii_name.replace("\\", "").replace('"', "")
    disposition = "attachment" if as_attachment else "inline"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    # Personal data: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response.export_rows = rows
    return response
