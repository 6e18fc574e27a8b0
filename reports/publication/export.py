"""The section as a static folder in a ZIP: index.html, its styles and the PDFs, with relative
links, for a school site that cannot link out to the product."""

import io
import zipfile
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.publication.models import PublicSection
from reports.publication.selectors import page_context

ASSETS = {"assets/bootstrap.min.css": "bootstrap/css/bootstrap.min.css", "assets/app.css": "css/app.css"}


def section_zip(section: PublicSection, *, site_root: str = "") -> bytes:
    """``site_root`` («https://mentor.example.ru»): where the links to the organizations' pages point."""
    context = page_context(section, static=True) | {"preview": False, "site_root": site_root.rstrip("/")}
    folder = section.slug
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/index.html", render_to_string("reports/publication/public_page.html", context))
        for target, static_name in ASSETS.items():
            found = finders.find(static_name)
            if found:
                archive.writestr(f"{folder}/{target}", Path(found).read_bytes())
        for block in context["blocks"]:
            for public_file in block["source"].files(section, block["data"]):
                archive.writestr(f"{folder}/{public_file.path}", public_file.content())
    return buffer.getvalue()
