"""Import of participants from an XLSX file filled in from our template.

The flow: ``read_workbook`` checks the file and turns every data row into cleaned values and the
problems found while reading; ``check_rows`` adds the shared rules of a participant's data
(``participant_problems``) and duplicates, both inside the file and against the organization's
participants; ``import_participants`` checks again under a lock and saves all rows in one
transaction, or nothing. The uploaded file waits in the default storage under ``imports/`` between
the upload, the preview and the confirmation.

The column headers are Russian constants: they are the format of the file, which the template
fixes, and must not change with the interface language.
"""

import datetime
import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from accounts.data_version import data_changed
from accounts.models import Organization, User
from mentoring.academic_year import academic_year_of
from mentoring.models import MenteeEntry, MentorEntry, Participant, normalize_name
from mentoring.registry.validation import participant_problems
from mentoring.uploads import check_xlsx_archive
from mentoring.workbooks import TooManyRows, limited_rows, open_workbook

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
BATCH_SIZE = 500
# Uploaded files nobody confirmed are removed after this long.
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
UPLOADS_FOLDER = "imports"
# How many bad rows the summary above the table names; the table shows them all.
SUMMARY_ROWS = 20

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_FILENAME = "Шаблон импорта участников.xlsx"
DATA_SHEET = "Участники"
HELP_SHEET = "Справка"
DATE_FORMAT = "DD.MM.YYYY"
TEMPLATE_ROWS = 5000

ZIP_SIGNATURE = b"PK\x03\x04"
# Excel saves a password-protected workbook as an OLE2 compound file holding the encrypted package;
# an old .xls is an OLE2 file too, without that stream.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MENTOR = "mentor"
MENTEE = "mentee"
REGISTRY_WORDS = {"наставник": MENTOR, "наставники": MENTOR, "наставляемый": MENTEE, "наставляемые": MENTEE}
YES_WORDS = {"да", "д", "yes", "1", "+"}
NO_WORDS = {"нет", "н", "no", "0", "-"}
CATEGORY_SYNONYMS = {
    "ученик": Participant.Category.STUDENT,
    "ученица": Participant.Category.STUDENT,
    "педагог": Participant.Category.STAFF,
    "учитель": Participant.Category.STAFF,
}
TEXT_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
ROW_PROBLEM = "row"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str  # text, date, category, bool, registry
    help: Promise
    example: str = ""
    required: bool = False
    width: int = 16
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column(
        "Категория",
        "category",
        "category",
        gettext_lazy("One of the categories listed below; «ученик», «педагог» and «учитель» are accepted too."),
        "обучающийся",
        required=True,
        width=30,
    ),
    Column("Фамилия", "last_name", "text", gettext_lazy("As in the documents."), "Иванова", required=True, width=18),
    Column("Имя", "first_name", "text", gettext_lazy("As in the documents."), "Мария", required=True, width=14),
    Column("Отчество", "patronymic", "text", gettext_lazy("If any."), "Петровна", width=18),
    Column(
        "Дата рождения",
        "birth_date",
        "date",
        gettext_lazy("A date cell or text dd.mm.yyyy. Required for students."),
        "15.03.2013",
        required=True,
        width=15,
    ),
    Column(
        "Класс или группа",
        "class_name",
        "text",
        gettext_lazy("For a pupil: the grade and the letter, e.g. 7Б; for a college student: the group."),
        "7Б",
        width=12,
        aliases=("класс", "группа"),
    ),
    Column(
        "Телефон",
        "phone",
        "text",
        gettext_lazy("For a minor, the parent's or representative's phone."),
        "+7 900 123-45-67",
        width=18,
    ),
    Column(
        "E-mail",
        "email",
        "text",
        gettext_lazy("For a minor, the parent's or representative's e-mail."),
        "ivanova@example.ru",
        width=24,
        aliases=("email", "электронная почта", "эл. почта"),
    ),
    Column(
        "Родитель или законный представитель",
        "guardian_name",
        "text",
        gettext_lazy("For a minor: full name."),
        "Иванова Ольга Петровна",
        width=30,
    ),
    Column(
        "Должность",
        "position",
        "text",
        gettext_lazy("For staff and employers' representatives."),
        "учитель математики",
        width=24,
    ),
    Column(
        "Педагогический стаж с",
        "teaching_since",
        "date",
        gettext_lazy("For staff: the start of teaching experience, a date."),
        "01.09.2010",
        width=15,
    ),
    Column("ОВЗ", "has_disability", "bool", gettext_lazy("«да» or «нет»; empty means «нет»."), "нет", width=8),
    Column(
        "Реестр",
        "registry",
        "registry",
        gettext_lazy(
            "«наставник» or «наставляемый» adds the person to that registry of the current academic year; "
            "empty: only to the list of participants."
        ),
        "наставляемый",
        width=16,
    ),
    Column(
        "Дата вхождения в программу",
        "entered_on",
        "date",
        gettext_lazy("Only with «Реестр». A date; empty means the day of the import."),
        "",
        width=15,
    ),
    Column(
        "Запрос или компетенции",
        "request",
        "text",
        gettext_lazy("Only with «Реестр»: the key request of a mentee or the competencies of a mentor."),
        "повысить успеваемость по математике",
        width=36,
        aliases=("ключевой запрос", "компетенции", "запрос"),
    ),
)
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
PARTICIPANT_FIELDS = {column.field for column in COLUMNS} - {"registry", "entered_on", "request"}
MAX_LENGTHS = {
    name: Participant._meta.get_field(name).max_length
    for name in PARTICIPANT_FIELDS
    if getattr(Participant._meta.get_field(name), "max_length", None)
}


def normalize_header(text: str) -> str:
    return " ".join(str(text).lower().replace("ё", "е").split()).rstrip("*: ")


def normalize_word(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


HEADER_LOOKUP = {normalize_header(name): column for column in COLUMNS for name in (column.header, *column.aliases)}


def category_labels() -> list[str]:
    """The Russian names of the categories, as the template offers them."""
    with translation.override("ru"):
        return [str(label) for label in Participant.Category.labels]


def category_lookup() -> dict[str, str]:
    lookup = {normalize_word(word): value for word, value in CATEGORY_SYNONYMS.items()}
    lookup.update({normalize_word(value): value for value in Participant.Category.values})
    labels = zip(category_labels(), Participant.Category.values, strict=True)
    lookup.update({normalize_word(label): value for label, value in labels})
    return lookup


@dataclass
class ImportRow:
    """One data row of the file: what it says, what it means, and what is wrong with it."""

    number: int  # as Excel shows it; the header is row 1
    cells: dict[str, str]  # field -> the text shown in the preview
    values: dict[str, Any]  # Participant field -> cleaned value
    registry: str = ""
    entered_on: datetime.date | None = None
    request: str = ""
    reading_problems: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, datetime.date | None] | None:
        """What makes two rows the same person: the normalized full name and the date of birth."""
        if not (self.values.get("last_name") and self.values.get("first_name")):
            return None
        name = " ".join(
            part for part in (self.values["last_name"], self.values["first_name"], self.values["patronymic"]) if part
        )
        return normalize_name(name), self.values.get("birth_date")

    def problem_texts(self) -> list[str]:
        """«Column: message» for every problem, in the order of the columns."""
        found = [column for column in COLUMNS if column.field in self.problems]
        texts = [f"{column.header}: {self.problems[column.field]}" for column in found]
        if ROW_PROBLEM in self.problems:
            texts.append(self.problems[ROW_PROBLEM])
        return texts


@dataclass
class ParsedFile:
    columns: list[Column]  # the template's columns present in the file, in the template's order
    rows: list[ImportRow]

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    def table(self) -> list[tuple[ImportRow, list[tuple[str, str | None]]]]:
        """Every row with its cells in the order of ``columns``: (text, problem or None)."""
        return [
            (row, [(row.cells[column.field], row.problems.get(column.field)) for column in self.columns])
            for row in self.rows
        ]


# Reading ------------------------------------------------------------------------------------------


def _read_head(source) -> tuple[bytes, int]:
    """The whole content (at most MAX_BYTES + 1 bytes are read) and the size."""
    if isinstance(source, str | Path):
        with open(source, "rb") as stream:
            content = stream.read(MAX_BYTES + 1)
    else:
        source.seek(0)
        content = source.read(MAX_BYTES + 1)
        source.seek(0)
    return content, len(content)


def _check_container(content: bytes, size: int) -> None:
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    if size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB. Split it into several files."))
    if content.startswith(OLE2_SIGNATURE):
        if ENCRYPTED_STREAM in content:
            raise ImportFileError(
                _(
                    "The file is protected with a password. Open it in Excel, remove the password "
                    "(File → Info → Protect Workbook → Encrypt with Password) and upload it again."
                )
            )
        raise ImportFileError(_("This is an old XLS file. Open it in Excel and save it as «Excel Workbook (*.xlsx)»."))
    if not content.startswith(ZIP_SIGNATURE):
        raise ImportFileError(_("The file is not an XLSX workbook. Fill in the template and save it as XLSX."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportFileError(_("The file is damaged and cannot be read. Save it in Excel again.")) from error
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise ImportFileError(_("The file is not an XLSX workbook. Fill in the template and save it as XLSX."))
    try:
        check_xlsx_archive(content)
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from error


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        # A phone number or a class typed as a number.
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def _date(value) -> tuple[datetime.date | None, str | None]:
    """The date and no problem, or None and what is wrong."""
    if value is None:
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = _text(value)
    if not text:
        return None, None
    if isinstance(value, str):
        for pattern in TEXT_DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date(), None
            except ValueError:
                continue
    return None, _("Not a date: «%(value)s». Write it as dd.mm.yyyy.") % {"value": text}


def _headers(header_row: tuple) -> dict[int, Column]:
    """Column index -> the template's column; an error names what is missing or unknown."""
    found: dict[int, Column] = {}
    unknown, repeated = [], []
    for index, value in enumerate(header_row):
        text = _text(value)
        if not text:
            continue
        column = HEADER_LOOKUP.get(normalize_header(text))
        if column is None:
            unknown.append(text)
        elif column in found.values():
            repeated.append(text)
        else:
            found[index] = column
    missing = [column.header for column in COLUMNS if column.required and column not in found.values()]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s. The first row must hold the headers of the template.")
            % {"columns": ", ".join(f"«{header}»" for header in missing)}
        )
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. Use the headers of the template.")
            % {"columns": ", ".join(f"«{header}»" for header in unknown)}
        )
    if repeated:
        raise ImportFileError(
            _("Columns repeat: %(columns)s. Keep one of each.")
            % {"columns": ", ".join(f"«{header}»" for header in repeated)}
        )
    return found


EMPTY_VALUES = {"date": None, "bool": False}


def _row(number: int, raw: dict[str, Any], categories: dict[str, str]) -> ImportRow:
    """``raw`` maps a field to the sheet's cell."""
    cells: dict[str, str] = {}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for column in COLUMNS:
        cell = raw.get(column.field)
        value = cell.value if cell is not None else None
        if cell is not None and cell.data_type == "f":
            # What a formula last computed is not the person's data, and the next spreadsheet to
            # open our export would run it.
            cells[column.field] = str(value)
            values[column.field] = EMPTY_VALUES.get(column.kind, "")
            problems[column.field] = _("The cell holds a formula; a value is needed.")
            continue
        if column.kind == "date":
            parsed, problem = _date(value)
            cells[column.field] = parsed.strftime("%d.%m.%Y") if parsed else _text(value)
            values[column.field] = parsed
            if problem:
                problems[column.field] = problem
            continue
        text = _text(value)
        cells[column.field] = text
        if column.kind == "category":
            values["category"] = categories.get(normalize_word(text), "")
            if not text:
                problems["category"] = _("Required.")
            elif not values["category"]:
                problems["category"] = _("Unknown category «%(value)s»: write one of: %(allowed)s.") % {
                    "value": text,
                    "allowed": ", ".join(category_labels()),
                }
        elif column.kind == "bool":
            word = normalize_word(text)
            values[column.field] = word in YES_WORDS
            if word and word not in YES_WORDS | NO_WORDS:
                problems[column.field] = _("Write «да» or «нет».")
        elif column.kind == "registry":
            values["registry"] = REGISTRY_WORDS.get(normalize_word(text), "")
            if text and not values["registry"]:
                problems["registry"] = _("Write «наставник» or «наставляемый», or leave it empty.")
        else:
            values[column.field] = text
            limit = MAX_LENGTHS.get(column.field)
            if limit and len(text) > limit:
                problems[column.field] = _("Longer than %(limit)s characters.") % {"limit": limit}
    row = ImportRow(
        number=number,
        cells=cells,
        values={name: values[name] for name in PARTICIPANT_FIELDS},
        registry=values["registry"],
        entered_on=values["entered_on"],
        request=values["request"],
        reading_problems=problems,
    )
    row.problems = dict(problems)
    return row


def read_workbook(source) -> ParsedFile:
    """Checks the file and reads its data rows; raises ImportFileError when the file as a whole is unusable.

    ``source`` is a path or a file object (an upload).
    """
    content, size = _read_head(source)
    _check_container(content, size)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it drops (e.g. conditional formatting); nothing we read.
            warnings.simplefilter("ignore")
            workbook = open_workbook(content, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(_("The file is damaged and cannot be read. Save it in Excel again.")) from error
    try:
        return _read_rows(workbook)
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(_("The file is damaged and cannot be read. Save it in Excel again.")) from error
    finally:
        workbook.close()


def _is_blank(cells: tuple) -> bool:
    return not any(_text(cell.value) for cell in cells)


def _read_rows(workbook) -> ParsedFile:
    if not workbook.worksheets:
        raise ImportFileError(_("The file has no sheets."))
    sheet = workbook.worksheets[0]
    header_row = next(sheet.iter_rows(max_row=1, values_only=True), None)
    if header_row is None or not any(_text(value) for value in header_row):
        raise ImportFileError(_("The first row of the first sheet must hold the headers of the template; it is empty."))
    columns = _headers(header_row)
    # Cells right of the last header are not read: a stray cell far to the right widens every row.
    width = max(columns) + 1
    data = limited_rows(sheet.iter_rows(min_row=2, max_col=width), first_number=2, limit=MAX_ROWS, is_blank=_is_blank)
    try:
        # The raw rows first, checked only once the count is known to be within the limit.
        raw_rows = [(number, cells) for number, cells in data]
    except TooManyRows as error:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Split it into several files.") % {"max": error.limit}
        ) from error
    if not raw_rows:
        raise ImportFileError(_("The file has no data rows: fill in the rows below the headers."))
    categories = category_lookup()
    rows = [
        _row(
            number, {column.field: cells[index] for index, column in columns.items() if index < len(cells)}, categories
        )
        for number, cells in raw_rows
    ]
    present = set(columns.values())
    return ParsedFile(columns=[column for column in COLUMNS if column in present], rows=rows)


# Checking -----------------------------------------------------------------------------------------


def existing_keys(organization: Organization) -> set[tuple[str, datetime.date | None]]:
    """Name and date of birth of every participant of the organization: one query."""
    return set(Participant.objects.filter(organization=organization).values_list("search_name", "birth_date"))


def check_rows(rows: list[ImportRow], *, organization: Organization, on_date: datetime.date) -> None:
    """Sets ``row.problems``: what reading found, the participant rules, the import's own rules, duplicates."""
    existing = existing_keys(organization)
    first_row: dict[tuple, int] = {}
    for row in rows:
        problems = dict(row.reading_problems)
        for name, message in participant_problems(row.values, organization=organization, on_date=on_date).items():
            problems.setdefault(name, message)
        if row.registry:
            if row.entered_on and row.entered_on > on_date:
                problems.setdefault("entered_on", _("The date of entry is in the future."))
        else:
            if row.entered_on:
                problems.setdefault("entered_on", _("Fill in «Реестр» too, or leave the date empty."))
            if row.request:
                problems.setdefault("request", _("Fill in «Реестр» too, or leave this cell empty."))
        key = row.key
        if key is not None:
            if key in existing:
                if key[1] is None:
                    problems[ROW_PROBLEM] = _("Already among the participants: the same full name, no date of birth.")
                else:
                    problems[ROW_PROBLEM] = _(
                        "Already among the participants: the same full name and date of birth (%(date)s)."
                    ) % {"date": key[1].strftime("%d.%m.%Y")}
            elif key in first_row:
                problems[ROW_PROBLEM] = _("Repeats row %(number)s: the same full name and date of birth.") % {
                    "number": first_row[key]
                }
            else:
                first_row[key] = row.number
        row.problems = problems


def load_rows(source, *, organization: Organization, on_date: datetime.date) -> ParsedFile:
    parsed = read_workbook(source)
    check_rows(parsed.rows, organization=organization, on_date=on_date)
    return parsed


def row_numbers(bad_rows: list[ImportRow], limit: int = SUMMARY_ROWS) -> str:
    """«3, 7, 12» for the first bad rows, and how many more there are."""
    text = ", ".join(str(row.number) for row in bad_rows[:limit])
    if len(bad_rows) > limit:
        text += " " + _("and %(count)s more") % {"count": len(bad_rows) - limit}
    return text


def rejection_message(bad_rows: list[ImportRow], limit: int = SUMMARY_ROWS) -> str:
    """Which rows stop the import and why."""
    reasons = " ".join(
        _("Row %(number)s — %(problems)s") % {"number": row.number, "problems": " ".join(row.problem_texts())}
        for row in bad_rows[:limit]
    )
    head = _("Nothing is saved: fix the rows %(rows)s and upload the file again.") % {"rows": row_numbers(bad_rows)}
    return f"{head} {reasons}"


# Saving -------------------------------------------------------------------------------------------


@transaction.atomic
def import_participants(*, organization: Organization, rows: list[ImportRow], by: User) -> list[Participant]:
    """Saves every row as a participant (and its registry entry), or nothing when any row has a problem.

    Rows are checked again here, under a lock of the organization, so that two imports of the same
    file at once cannot both pass the duplicate check.
    """
    list(Organization.objects.select_for_update().filter(pk=organization.pk).values_list("pk", flat=True))
    today = timezone.localdate()
    check_rows(rows, organization=organization, on_date=today)
    bad_rows = [row for row in rows if row.problems]
    if bad_rows:
        raise ValidationError(rejection_message(bad_rows), code="rows")
    participants = []
    for row in rows:
        participant = Participant(organization=organization, **row.values)
        # bulk_create does not call save(), which fills the search name and the grade.
        participant.fill_derived_fields()
        participants.append(participant)
    reason = _("Import from XLSX")
    participants = bulk_create_with_history(
        participants, Participant, batch_size=BATCH_SIZE, default_user=by, default_change_reason=reason
    )
    # The participants are all new (a duplicate of an existing person is a problem above), so none
    # has an entry for this year yet.
    year = academic_year_of(today)
    # The request column is the mentor's competencies or the mentee's key request.
    registries = {MENTOR: (MentorEntry, "competencies"), MENTEE: (MenteeEntry, "key_request")}
    entries_of = {model: [] for model, _field in registries.values()}
    for row, participant in zip(rows, participants, strict=True):
        if row.registry not in registries:
            continue
        model, request_field = registries[row.registry]
        entries_of[model].append(
            model(
                participant=participant,
                organization=organization,
                # bulk_create does not call save(), which copies these.
                birth_date=participant.birth_date,
                academic_year=year,
                entered_on=row.entered_on or today,
                **{request_field: row.request},
            )
        )
    for model, entries in entries_of.items():
        if entries:
            bulk_create_with_history(
                entries, model, batch_size=BATCH_SIZE, default_user=by, default_change_reason=reason
            )
    # bulk_create sends no signal: the indicators' cached counts of the organization are stale.
    data_changed(Q(pk=organization.pk))
    return participants


# The stored upload --------------------------------------------------------------------------------


def upload_name(upload_id: str) -> str | None:
    """The storage name of an upload's file, or None when the id is malformed."""
    try:
        return f"{UPLOADS_FOLDER}/{uuid.UUID(str(upload_id))}.xlsx"
    except ValueError:
        return None


def stored_uploads() -> list[str]:
    """The storage names of the files waiting for a confirmation."""
    try:
        _folders, files = default_storage.listdir(UPLOADS_FOLDER)
    except FileNotFoundError:  # the local disk before the first upload
        return []
    return [f"{UPLOADS_FOLDER}/{name}" for name in files if name.endswith(".xlsx")]


def open_upload(upload_id: str) -> io.BytesIO | None:
    """The content of a stored upload, or None when it is no longer kept (or the id is forged)."""
    name = upload_name(upload_id)
    if name is None or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stream:
        return io.BytesIO(stream.read(MAX_BYTES + 1))


def store_upload(upload) -> str:
    """Keeps an uploaded file until it is imported; returns its id. Also removes forgotten old uploads.

    The file goes to the default storage, not to this server's disk: behind a load balancer the
    preview and the confirmation may be served by another app server."""
    remove_stale_uploads()
    upload_id = str(uuid.uuid4())
    upload.seek(0)
    default_storage.save(upload_name(upload_id), upload)
    return upload_id


def remove_upload(upload_id: str) -> None:
    name = upload_name(upload_id)
    if name is not None:
        default_storage.delete(name)


def remove_stale_uploads() -> None:
    limit = timezone.now() - datetime.timedelta(seconds=KEEP_UPLOADS_SECONDS)
    for name in stored_uploads():
        try:
            if default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)
        except OSError:  # removed meanwhile by another request
            continue


# The template -------------------------------------------------------------------------------------


def build_template() -> bytes:
    """The XLSX to fill in: the data sheet with headers and hints, and a sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        # A column style: Excel gives it to every cell typed in the column.
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column.field in ("phone", "class_name"):
            # Text, so that Excel keeps «+7…» as typed and does not turn «7-1» into a date.
            dimension.number_format = "@"
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    lists = {
        "category": category_labels(),
        "registry": ["наставник", "наставляемый"],
        "has_disability": ["да", "нет"],
    }
    for index, column in enumerate(COLUMNS, start=1):
        if column.field not in lists:
            continue
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(lists[column.field])),
            allow_blank=True,
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle=column.header,
            error=str(column.help),
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)

    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.append([_("Column"), _("Required"), _("What to write"), _("Example")])
    for cell in help_sheet[1]:
        cell.font = bold
        cell.fill = header_fill
    for column in COLUMNS:
        help_sheet.append([column.header, _("yes") if column.required else "", str(column.help), column.example])
    help_sheet.append([])
    help_sheet.append([_("Categories")])
    help_sheet.cell(row=help_sheet.max_row, column=1).font = bold
    for label in category_labels():
        help_sheet.append([label])
    help_sheet.append([])
    for note in (
        _("The headers stay in the first row of the sheet «%(sheet)s»; one row is one person.") % {"sheet": DATA_SHEET},
        _("At most %(rows)s rows and 10 MB in one file.") % {"rows": MAX_ROWS},
        _("If any row has a problem, nothing is saved: fix the file and upload it again."),
        _("A person already registered with the same full name and date of birth is not added twice."),
    ):
        help_sheet.append([note])
    for letter, width in zip("ABCD", (34, 12, 70, 34), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2, max_row=len(COLUMNS) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    help_sheet.freeze_panes = "A2"

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
