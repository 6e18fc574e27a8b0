"""Checks of uploaded files: the type is read from the content, never trusted from the name, and
a workbook is measured before it is unpacked."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SCAN_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def validate_scan(upload) -> None:
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if sniff_content_type(head) is None:
        raise ValidationError(_("The file is not a PDF, JPEG or PNG."))


# An XLSX is a ZIP of XML. Real workbooks of the imports (5,000 rows at most) inflate to a few MB;
# a «zip bomb» of a few KB inflates to gigabytes and would take the worker's memory and minutes.
# The sizes are read from the archive's directory before anything is inflated, and Python's zipfile
# never inflates a member beyond its declared size, so a lying directory cannot get past this.
MAX_XLSX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_XLSX_MEMBERS = 1000
# Sheets of repeated empty cells compress well; beyond this ratio a member is built to inflate.
MAX_XLSX_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024


def check_xlsx_archive(content: bytes) -> None:
    """Refuses a workbook whose contents inflate beyond what a real table of the product needs.
    A file that is not a ZIP at all is left to the reader, which says what it is instead."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    too_big = _("The file unpacks to more than 50 MB: this is not a table of the product. Check the file.")
    if len(members) > MAX_XLSX_MEMBERS:
        raise ValidationError(too_big)
    if sum(member.file_size for member in members) > MAX_XLSX_INFLATED_BYTES:
        raise ValidationError(too_big)
    for member in members:
        if member.file_size > RATIO_CHECKED_FROM_BYTES and member.file_size > MAX_XLSX_RATIO * max(
            member.compress_size, 1
        ):
            raise ValidationError(too_big)


OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS
ZIP_SIGNATURE = b"PK\x03\x04"


def _is_office_archive(upload) -> bool:
    """DOCX/XLSX/PPTX carry [Content_Types].xml, ODF files a «mimetype» member; any other ZIP is not
    a document (and a ZIP of HTML would be an archive of pages to open, not evidence)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names or "mimetype" in names


def validate_document(upload) -> None:
    """Evidence of a roadmap activity: a scan, a photo or an office document, read from the content
    (an HTML or SVG page renamed .pdf would run its scripts when someone opens it)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if sniff_content_type(head) or head.startswith(OLE2_SIGNATURE):
        return
    if head.startswith(ZIP_SIGNATURE) and _is_office_archive(upload):
        return
    raise ValidationError(
        _("The file is not a PDF, a JPEG or PNG image, or an office document (DOCX, XLSX, ODT, DOC, XLS).")
    )
