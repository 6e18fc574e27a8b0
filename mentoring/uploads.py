"""Checks of uploaded files: the type is read from the content, never trusted from the name, a
stored file is named after that type, and a workbook is measured before it is unpacked."""

import io
import uuid
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
UNCHECKED = "application/octet-stream"

EXTENSIONS = {
    PDF: "pdf",
    JPEG: "jpg",
    PNG: "png",
    DOCX: "docx",
    XLSX: "xlsx",
    PPTX: "pptx",
    ODT: "odt",
    ODS: "ods",
    ODP: "odp",
    DOC: "doc",
    XLS: "xls",
    PPT: "ppt",
    UNCHECKED: "bin",
}
SCAN_TYPES = frozenset({PDF, JPEG, PNG})
DOCUMENT_TYPES = frozenset(EXTENSIONS) - {UNCHECKED}

MAX_SCAN_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": PDF,
    b"\xff\xd8\xff": JPEG,
    b"\x89PNG\r\n\x1a\n": PNG,
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS, PPT
ZIP_SIGNATURE = b"PK\x03\x04"
# The main part of an OOXML package says what it is; ODF names itself in its «mimetype» member.
OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ODF_TYPES = frozenset({ODT, ODS, ODP})
# An OLE2 file (also an MSI installer or an Outlook letter) is a document only with the stream of
# one, named in UTF-16 in the file's directory.
OLE2_STREAMS = {
    "WordDocument".encode("utf-16-le"): DOC,
    "Workbook".encode("utf-16-le"): XLS,
    "PowerPoint Document".encode("utf-16-le"): PPT,
}

# A browser that guesses the type of a file renders it as a page if it finds markup among its first
# bytes; a «polyglot» starts with a PDF or image signature to pass a signature check and carries
# such a page right behind it (or appended at the end). A real scan or photo has none of these.
MARKUP_MARKERS = (b"<html", b"<head", b"<body", b"<script", b"<svg", b"<!doctype", b"<iframe", b"<object", b"<embed")
MARKUP_WINDOW = 8 * 1024
# Acrobat looks for the end-of-file marker within the last kilobyte; a file cut short has none.
PDF_EOF_WINDOW = 1024
# A scan of an A4 page at 600 dpi is 35 megapixels; more is a «decompression bomb» that takes the
# memory of the worker (a few KB of PNG can claim gigabytes once decoded).
MAX_IMAGE_PIXELS = 50_000_000


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


# Whatever the archive reader trips on in hostile bytes (encrypted or unknown compression too), the file
# is not a document.
BROKEN_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


def _zip_content_type(file) -> str | None:
    """DOCX/XLSX/PPTX carry [Content_Types].xml and their main part, ODF files a «mimetype» member;
    any other ZIP is not a document (and a ZIP of HTML would be an archive of pages to open)."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                return next(
                    (kind for prefix, kind in OOXML_PARTS.items() if any(name.startswith(prefix) for name in names)),
                    None,
                )
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    declared = member.read(100).decode("ascii", "replace").strip()
                return declared if declared in ODF_TYPES else None
    except BROKEN_ARCHIVE:
        return None
    finally:
        file.seek(0)
    return None


def _ole2_content_type(file) -> str | None:
    # The directory of an OLE2 file may lie anywhere in it; a document is at most 20 MB.
    file.seek(0)
    content = file.read()
    file.seek(0)
    return next((kind for stream, kind in OLE2_STREAMS.items() if stream in content), None)


def content_type_of(file) -> str | None:
    """The type the content declares by its structure (a PDF or an image by its signature, an office
    document by what its archive holds), whatever the file is called. Not yet proof that the
    content is what it declares: ``checked_content_type`` decodes it."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if content_type := sniff_content_type(head):
        return content_type
    if head.startswith(ZIP_SIGNATURE):
        return _zip_content_type(file)
    if head.startswith(OLE2_SIGNATURE):
        return _ole2_content_type(file)
    return None


def _head_and_tail(file) -> tuple[bytes, bytes]:
    file.seek(0)
    head = file.read(MARKUP_WINDOW)
    file.seek(0, io.SEEK_END)
    file.seek(max(file.tell() - MARKUP_WINDOW, 0))
    tail = file.read()
    file.seek(0)
    return head, tail


def _check_no_markup(head: bytes, tail: bytes) -> None:
    if any(marker in part.lower() for part in (head, tail) for marker in MARKUP_MARKERS):
        raise ValidationError(
            _("The file carries a web page (HTML or SVG) and is refused. Save the file again as PDF, JPEG or PNG."),
            code="markup",
        )


def _check_pdf(tail: bytes) -> None:
    if b"%%EOF" not in tail[-PDF_EOF_WINDOW:]:
        raise ValidationError(
            _("The PDF is damaged or cut short: it has no end. Save it again and upload the new file."),
            code="damaged",
        )


def _check_image(file, content_type: str) -> None:
    pillow_format = "PNG" if content_type == PNG else "JPEG"
    too_large = ValidationError(
        _("The image is larger than 50 megapixels. Reduce its resolution and upload it again."), code="too_large"
    )
    try:
        with Image.open(file, formats=[pillow_format]) as image:
            pixels = image.width * image.height
            if pixels <= MAX_IMAGE_PIXELS:
                image.verify()
                # verify() reads the structure without decoding; only a full load decodes every pixel.
                file.seek(0)
                with Image.open(file, formats=[pillow_format]) as decoded:
                    decoded.load()
    except Image.DecompressionBombError as error:
        raise too_large from error
    except Exception as error:  # whatever the decoder trips on, the bytes are not a real image
        raise ValidationError(
            _("The image is damaged or is not a real JPEG or PNG. Save it again and upload the new file."),
            code="damaged",
        ) from error
    finally:
        file.seek(0)
    if pixels > MAX_IMAGE_PIXELS:
        raise too_large


def checked_content_type(file, allowed: frozenset[str]) -> str | None:
    """The type of the content when it is one of ``allowed`` and really is what it declares; None
    when it is none of them; ValidationError (with the reason) when it only looks like one of them."""
    content_type = content_type_of(file)
    if content_type not in allowed:
        return None
    if content_type in SCAN_TYPES:
        head, tail = _head_and_tail(file)
        _check_no_markup(head, tail)
        if content_type == PDF:
            _check_pdf(tail)
        else:
            _check_image(file, content_type)
    return content_type


def validate_scan(upload) -> None:
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    if checked_content_type(upload, SCAN_TYPES) is None:
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


def validate_document(upload) -> None:
    """Evidence of a roadmap activity: a scan, a photo or an office document, read from the content
    (an HTML or SVG page renamed .pdf would run its scripts when someone opens it)."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    if checked_content_type(upload, DOCUMENT_TYPES) is None:
        raise ValidationError(
            _("The file is not a PDF, a JPEG or PNG image, or an office document (DOCX, XLSX, ODT, DOC, XLS).")
        )


def stored_name(folder: str, field_file) -> str:
    """The name an upload is stored under (for upload_to): random, since the client's name may carry
    anything («a.pdf.html», a path, a child's name), with the extension of the content's type."""
    # A model saved with a new upload holds it uncommitted until this name is made (FileField.pre_save).
    # FieldFile.save(name, content), called by code, does not show the content here: such a file
    # gets «.bin» rather than an extension taken on trust.
    upload = None if field_file._committed else field_file._file
    content_type = (content_type_of(upload) if upload is not None else None) or UNCHECKED
    return f"{folder}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"


def attachment(field_file, allowed: frozenset[str], *, name: str) -> FileResponse:
    """A stored upload handed out only as a download, typed by its checked content: a file stored
    before the checks keeps its old name, which says nothing, and one that fails them now is served
    as bytes of no type. ``name``: the download's name without the extension."""
    file = field_file.open("rb")
    try:
        content_type = checked_content_type(file, allowed) or UNCHECKED
    except ValidationError:
        content_type = UNCHECKED
    response = FileResponse(
        file, as_attachment=True, content_type=content_type, filename=f"{name}.{EXTENSIONS[content_type]}"
    )
    # Personal data: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
