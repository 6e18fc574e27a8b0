"""Import of participants from XLSX: the template, the upload checks, the preview, the confirmation."""

import datetime
import io
import os
import zipfile
import zoneinfo

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from mentoring import workbooks
from mentoring.academic_year import academic_year_of
from mentoring.models import MenteeEntry, MentorEntry, Participant
from mentoring.registry import importing
from mentoring.registry.import_views import SESSION_KEY
from tests.accounts.factories import MembershipFactory
from tests.mentoring.factories import ParticipantFactory

HEADERS = [column.header for column in importing.COLUMNS]
REQUIRED_HEADERS = [column.header for column in importing.COLUMNS if column.required]
UPLOAD = "registry_import"
PREVIEW = "registry_import_preview"
CONFIRM = "registry_import_confirm"

PUPIL = {
    "Категория": "обучающийся",
    "Фамилия": "Соколова",
    "Имя": "Дарья",
    "Отчество": "Андреевна",
    "Дата рождения": datetime.datetime(2013, 4, 5),  # a real date cell
    "Класс или группа": "7Б",
    "Телефон": "+7 900 111-22-33",
    "Родитель или законный представитель": "Соколова Ирина Павловна",
    "ОВЗ": "да",
    "Реестр": "наставляемый",
    "Запрос или компетенции": "подтянуть математику",
}
TEACHER = {
    "Категория": "Учитель",  # a synonym, any case
    "Фамилия": "Громов",
    "Имя": "Пётр",
    "Отчество": "Ильич",
    "Дата рождения": "12.11.1980",  # text
    "Телефон": 79001234567,  # typed as a number
    "E-mail": "gromov@example.test",
    "Должность": "учитель физики",
    "Педагогический стаж с": "01.09.2004",
    "ОВЗ": "нет",
    "Реестр": "Наставник",
    "Дата вхождения в программу": datetime.datetime(2020, 1, 1),  # replaced in the test with a recent date
    "Запрос или компетенции": "олимпиадная физика",
}
PARENT = {
    "Категория": "родитель",
    "Фамилия": "Соколова",
    "Имя": "Ирина",
    "Отчество": "Павловна",
}


def xlsx(rows, headers=HEADERS, name="участники.xlsx") -> SimpleUploadedFile:
    """A workbook like a curator fills in: headers in row 1, then one row per dict. Strings are text
    cells, «=1+1» too (as Excel keeps it typed after an apostrophe)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=importing.XLSX_CONTENT_TYPE)


def raw_file(content: bytes, name="участники.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=importing.XLSX_CONTENT_TYPE)


def today_of(organization) -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(organization.time_zone))


def text(response) -> str:
    return response.content.decode()


def stored_files() -> list:
    return sorted(importing.stored_uploads())


@pytest.fixture(autouse=True)
def clean_uploads():
    for name in stored_files():
        default_storage.delete(name)
    yield


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def upload(client, file):
    return client.post(reverse(UPLOAD), {"file": file})


def teacher_row(organization) -> dict:
    entered = today_of(organization) - datetime.timedelta(days=3)
    return {**TEACHER, "Дата вхождения в программу": datetime.datetime.combine(entered, datetime.time())}


# The template ------------------------------------------------------------------------------------


def test_template_has_the_headers_and_the_help_sheet(curator):
    response = curator.get(reverse("registry_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == importing.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Участники", "Справка"]
    sheet = workbook["Участники"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].number_format == "DD.MM.YYYY"  # Дата рождения
    lists = {
        str(validation.sqref).split(":")[0]: validation.formula1 for validation in sheet.data_validations.dataValidation
    }
    assert "обучающийся" in lists["A2"] and "представитель НКО или волонтёр" in lists["A2"]
    assert lists["M2"] == '"наставник,наставляемый"'
    help_text = list(workbook["Справка"].iter_rows(values_only=True))
    assert help_text[1][:2] == ("Категория", "да")
    assert all((label,) in {row[:1] for row in help_text} for label in importing.category_labels())
    assert any(row[0] == "Дата рождения" and "дд.мм.гггг" in row[2] for row in help_text)


def test_the_filled_template_imports(curator, world):
    """The downloaded template itself, filled in by openpyxl as Excel would, goes through."""
    workbook = load_workbook(io.BytesIO(curator.get(reverse("registry_import_template")).content))
    sheet = workbook["Участники"]
    sheet.append([PUPIL.get(header) for header in HEADERS])
    output = io.BytesIO()
    workbook.save(output)
    assert upload(curator, raw_file(output.getvalue())).status_code == 302
    assert curator.post(reverse(CONFIRM)).status_code == 302
    assert Participant.objects.filter(organization=world.a.organization).count() == 1


def test_upload_page_links_the_template(curator):
    response = curator.get(reverse(UPLOAD))
    assert response.status_code == 200
    assert reverse("registry_import_template") in text(response)
    assert "Импорт участников из XLSX" in text(response)


# A good file -------------------------------------------------------------------------------------


def test_good_file_imports_everything(curator, world):
    organization = world.a.organization
    today = today_of(organization)
    year = academic_year_of(today)
    response = upload(curator, xlsx([PUPIL, teacher_row(organization), PARENT]))
    assert response.status_code == 302 and response["Location"] == reverse(PREVIEW)
    assert len(stored_files()) == 1

    preview = curator.get(reverse(PREVIEW))
    assert preview.status_code == 200
    assert "3 строки, из них с ошибками 0" in text(preview)
    assert "Импортировать 3 участников" in text(preview)
    assert "12.11.1980" in text(preview) and "05.04.2013" in text(preview)
    assert Participant.objects.count() == 0  # the preview saves nothing

    response = curator.post(reverse(CONFIRM), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("participant_list"))
    assert "Импортировано участников: 3." in text(response)

    pupil = Participant.objects.get(organization=organization, last_name="Соколова", first_name="Дарья")
    assert pupil.category == Participant.Category.STUDENT
    assert pupil.patronymic == "Андреевна"
    assert pupil.birth_date == datetime.date(2013, 4, 5)
    assert pupil.class_name == "7Б" and pupil.grade == 7
    assert pupil.search_name == "соколова дарья андреевна"
    assert pupil.gender == Participant.Gender.FEMALE  # from the patronymic, for the documents' agreement
    assert pupil.guardian_name == "Соколова Ирина Павловна"
    assert pupil.phone == "+7 900 111-22-33"
    assert pupil.has_disability is True
    mentee_entry = MenteeEntry.objects.get(participant=pupil)
    assert mentee_entry.academic_year == year and mentee_entry.organization == organization
    assert mentee_entry.entered_on == today
    assert mentee_entry.birth_date == datetime.date(2013, 4, 5)  # what the age bands read
    assert mentee_entry.key_request == "подтянуть математику"
    assert not pupil.mentor_entries.exists()

    teacher = Participant.objects.get(organization=organization, last_name="Громов")
    assert teacher.category == Participant.Category.STAFF
    assert teacher.first_name == "Пётр" and teacher.search_name == "громов петр ильич"
    assert teacher.gender == Participant.Gender.MALE
    assert teacher.birth_date == datetime.date(1980, 11, 12)
    assert teacher.teaching_since == datetime.date(2004, 9, 1)
    assert teacher.phone == "79001234567"
    assert teacher.email == "gromov@example.test"
    assert teacher.position == "учитель физики"
    assert teacher.grade is None and teacher.has_disability is False
    mentor_entry = MentorEntry.objects.get(participant=teacher)
    assert mentor_entry.academic_year == year and mentor_entry.organization == organization
    assert mentor_entry.entered_on == today - datetime.timedelta(days=3)
    assert mentor_entry.competencies == "олимпиадная физика"

    parent = Participant.objects.get(organization=organization, first_name="Ирина")
    assert parent.category == Participant.Category.PARENT and parent.birth_date is None
    assert not parent.mentor_entries.exists() and not parent.mentee_entries.exists()

    curator_user = world.a.users[Role.CURATOR]
    history = Participant.history.filter(organization=organization)
    assert history.count() == 3
    assert {record.history_type for record in history} == {"+"}
    assert {record.history_user for record in history} == {curator_user}
    assert MentorEntry.history.filter(participant=teacher, history_user=curator_user).count() == 1
    assert MenteeEntry.history.filter(participant=pupil, history_user=curator_user).count() == 1

    assert stored_files() == []
    assert SESSION_KEY not in curator.session
    assert not Participant.objects.filter(organization=world.b.organization).exists()


def test_a_second_confirm_does_not_import_again(curator, world):
    upload(curator, xlsx([PUPIL]))
    curator.post(reverse(CONFIRM))
    response = curator.post(reverse(CONFIRM))
    assert response.status_code == 302 and response["Location"] == reverse(PREVIEW)
    assert Participant.objects.count() == 1
    assert "Файл для импорта не загружен." in text(curator.get(reverse(PREVIEW)))


def test_a_new_upload_replaces_the_previous_file(curator):
    upload(curator, xlsx([PUPIL]))
    first = stored_files()
    upload(curator, xlsx([PARENT], name="родители.xlsx"))
    assert len(stored_files()) == 1 and stored_files() != first
    assert "родители.xlsx" in text(curator.get(reverse(PREVIEW)))


# Bad files ---------------------------------------------------------------------------------------


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    return xlsx(rows, headers).read()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return output.getvalue()


def with_broken_sheet() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([PUPIL])))
    files = {name: source.read(name) for name in source.namelist()}
    files["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>"
    return zip_bytes(files)


OLE2 = importing.OLE2_SIGNATURE + b"\0" * 504
BAD_FILES = {
    "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "Это не книга Excel в формате XLSX."),
    "csv": ("Категория;Фамилия;Имя\nродитель;Иванова;Мария\n".encode(), "Это не книга Excel в формате XLSX."),
    "zip, not a workbook": (zip_bytes({"readme.txt": b"hello"}), "Это не книга Excel в формате XLSX."),
    "old xls": (OLE2 + "Workbook".encode("utf-16-le") + b"\0" * 512, "Это файл старого формата XLS."),
    "password-protected": (
        OLE2 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512,
        "Файл защищён паролем.",
    ),
    "truncated": (xlsx_bytes([PUPIL])[:1500], "Файл повреждён и не читается."),
    "broken sheet": (with_broken_sheet(), "Файл повреждён и не читается."),
    "headers only": (xlsx_bytes([]), "В файле нет строк с данными"),
    "blank rows only": (xlsx_bytes([{"Фамилия": "  "}, {}]), "В файле нет строк с данными"),
    "no headers": (xlsx_bytes([PUPIL], headers=[None] * 3), "В первой строке первого листа должны быть заголовки"),
    "missing headers": (
        xlsx_bytes([PUPIL], headers=[h for h in HEADERS if h not in {"Фамилия", "Дата рождения"}]),
        "Нет обязательных столбцов: «Фамилия», «Дата рождения».",
    ),
    "unknown header": (xlsx_bytes([PUPIL], headers=[*HEADERS, "Тел."]), "Неизвестные столбцы: «Тел.»."),
    "repeated header": (xlsx_bytes([PUPIL], headers=[*HEADERS, "фамилия"]), "Столбцы повторяются: «фамилия»."),
    "too large": (importing.ZIP_SIGNATURE + b"\0" * importing.MAX_BYTES, "Файл больше 10 МБ."),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_gets_a_clear_message_and_saves_nothing(curator, kind):
    content, message = BAD_FILES[kind]
    response = upload(curator, raw_file(content))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"]), response.context["form"].errors
    assert message in text(response)
    assert Participant.objects.count() == 0
    assert stored_files() == []
    assert SESSION_KEY not in curator.session


def test_empty_file(curator):
    response = upload(curator, raw_file(b""))
    assert response.status_code == 200
    assert "Отправленный файл пуст." in text(response)
    assert stored_files() == []


def test_more_than_5000_rows(curator):
    rows = [{"Категория": "родитель", "Фамилия": f"Иванова{n}", "Имя": "Мария"} for n in range(5001)]
    response = upload(curator, xlsx(rows, headers=REQUIRED_HEADERS))
    assert "В файле больше 5000 строк. Разделите его на несколько файлов." in text(response)
    assert stored_files() == []


def test_exactly_5000_rows_pass_the_upload(curator):
    rows = [{"Категория": "родитель", "Фамилия": f"Иванова{n}", "Имя": "Мария"} for n in range(5000)]
    assert upload(curator, xlsx(rows, headers=REQUIRED_HEADERS)).status_code == 302


# Bad rows ----------------------------------------------------------------------------------------

IN_FUTURE = datetime.datetime.now() + datetime.timedelta(days=40)
BAD_ROWS = {
    "bad date": (
        {"Дата рождения": "31.02.2013"},
        "Дата рождения: Не дата: «31.02.2013». Пишите дату в виде дд.мм.гггг.",
    ),
    "date as a number": ({"Дата рождения": 2013}, "Дата рождения: Не дата: «2013»."),
    "date in the future": ({"Дата рождения": IN_FUTURE}, "Дата рождения: Дата рождения в будущем."),
    "no date of birth": ({"Дата рождения": None}, "Дата рождения: Для обучающегося нужна дата рождения."),
    "no last name": ({"Фамилия": None}, "Фамилия: Обязательное поле."),
    "no first name": ({"Имя": "   "}, "Имя: Обязательное поле."),
    "no category": ({"Категория": None}, "Категория: Обязательное поле."),
    "unknown category": ({"Категория": "директор"}, "Категория: Неизвестная категория «директор»: напишите одну из:"),
    "unknown class": ({"Класс или группа": "15Я"}, "Класс или группа: Неизвестный класс «15Я»"),
    "no class": ({"Класс или группа": None}, "Класс или группа: Для обучающегося нужен класс или группа."),
    "bad e-mail": ({"E-mail": "не почта"}, "E-mail: Введите правильный адрес e-mail."),
    "bad disability mark": ({"ОВЗ": "может быть"}, "ОВЗ: Напишите «да» или «нет»."),
    "unknown registry": (
        {"Реестр": "куратор"},
        "Реестр: Напишите «наставник» или «наставляемый» либо оставьте пустым.",
    ),
    "request without registry": ({"Реестр": None}, "Запрос или компетенции: Заполните и «Реестр»"),
    "entry date without registry": (
        {"Реестр": None, "Запрос или компетенции": None, "Дата вхождения в программу": "01.09.2025"},
        "Дата вхождения в программу: Заполните и «Реестр» или оставьте дату пустой.",
    ),
    "entry date in the future": (
        {"Дата вхождения в программу": IN_FUTURE},
        "Дата вхождения в программу: Дата вхождения в программу ещё не наступила.",
    ),
    "too long": ({"Фамилия": "Я" * 151}, "Фамилия: Длиннее 150 символов."),
    "text like a formula as a surname": (
        {"Фамилия": "=1+1"},
        "Фамилия: В имени допускаются только буквы, пробелы, дефисы и апострофы; уберите «=1+».",
    ),
    "text like a formula as a first name": (
        {"Имя": "@Дарья"},
        "Имя: В имени допускаются только буквы, пробелы, дефисы и апострофы; уберите «@».",
    ),
    "a hyphen first": ({"Отчество": "-Андреевна"}, "Отчество: Дефис, апостроф или пробел ставятся только между"),
    "a guardian with initials": (
        {"Родитель или законный представитель": "Соколова И.П."},
        "Родитель или законный представитель: В имени допускаются только буквы, пробелы, дефисы и апострофы; "
        "уберите «.».",
    ),
}


@pytest.mark.parametrize("kind", BAD_ROWS)
def test_one_bad_row_among_good_ones_stops_everything(curator, world, kind):
    changes, message = BAD_ROWS[kind]
    bad = {**PUPIL, "Фамилия": "Плохая", **changes}
    assert upload(curator, xlsx([PARENT, bad, teacher_row(world.a.organization)])).status_code == 302

    preview = curator.get(reverse(PREVIEW))
    page = text(preview)
    assert "3 строки, из них с ошибками 1" in page
    assert "Ничего не сохранено: исправьте строки 3 и загрузите файл снова." in page
    assert message in page
    assert 'id="row-3" class="table-danger"' in page
    assert reverse(CONFIRM) not in page  # no confirm form, only a disabled button

    response = curator.post(reverse(CONFIRM), follow=True)
    assert response.redirect_chain == [(reverse(PREVIEW), 302)]
    assert "Ничего не сохранено: исправьте строки 3 и загрузите файл снова. Строка 3 — " in text(response)
    assert Participant.objects.count() == 0
    assert MentorEntry.objects.count() == 0
    assert len(stored_files()) == 1  # kept until a fixed file replaces it


def test_many_bad_rows_are_all_listed_in_the_table(curator):
    rows = [{**PUPIL, "Фамилия": f"Плохая{n}", "Дата рождения": "вчера"} for n in range(25)]
    upload(curator, xlsx(rows))
    page = text(curator.get(reverse(PREVIEW)))
    assert "25 строк, из них с ошибками 25" in page
    assert "исправьте строки 2, 3, 4" in page and "21 и ещё 5 и загрузите" in page
    assert page.count("<div>Дата рождения: Не дата: «вчера»") == 25  # every row in the table
    assert page.count('href="#row-') == 20  # the summary lists the first 20


def test_rows_keep_excel_numbers_around_blank_lines(curator):
    rows = [PARENT, {}, {**PARENT, "Имя": "Ольга", "Категория": "завуч"}]
    upload(curator, xlsx(rows))
    page = text(curator.get(reverse(PREVIEW)))
    assert "2 строки, из них с ошибками 1" in page
    assert "исправьте строки 4 и" in page


def formula_xlsx(formulas: dict[str, str], texts: dict[str, str] = {}) -> SimpleUploadedFile:  # noqa: B006
    """PARENT in row 2 and a pupil in row 3 whose cells ``formulas`` are real formulas, ``texts`` text cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([PARENT.get(header) for header in HEADERS])
    sheet.append([{**PUPIL, **texts}.get(header) for header in HEADERS])
    for header, formula in formulas.items():
        sheet.cell(row=3, column=HEADERS.index(header) + 1, value=formula)  # openpyxl stores «=…» as a formula
    for header in texts:
        sheet.cell(row=3, column=HEADERS.index(header) + 1).data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return raw_file(output.getvalue())


@pytest.mark.parametrize("header", ["Фамилия", "Родитель или законный представитель", "Дата рождения", "Телефон"])
def test_a_formula_cell_is_refused_by_row_and_column(curator, header):
    upload(curator, formula_xlsx({header: '=CONCATENATE("Соко","лова")'}))
    page = text(curator.get(reverse(PREVIEW)))
    assert "исправьте строки 3 и загрузите" in page
    assert f"{header}: В ячейке формула, а нужно значение." in page
    response = curator.post(reverse(CONFIRM), follow=True)
    assert f"Строка 3 — {header}: В ячейке формула, а нужно значение." in text(response)
    assert Participant.objects.count() == 0


def test_a_text_cell_that_looks_like_a_formula_gets_the_name_rule(curator):
    upload(curator, formula_xlsx({}, texts={"Фамилия": "=1+1"}))
    page = text(curator.get(reverse(PREVIEW)))
    assert "Фамилия: В имени допускаются только буквы, пробелы, дефисы и апострофы; уберите «=1+»." in page
    assert "формула" not in page


# The row limit, read lazily ----------------------------------------------------------------------

BIG_ROWS = 50_000


@pytest.fixture(scope="module")
def fifty_thousand_rows() -> bytes:
    """A registry file ten times over the limit, made once for the module (write-only: no dimension, as
    many generators write it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(REQUIRED_HEADERS)
    for number in range(BIG_ROWS):
        sheet.append(["родитель", f"Иванова{number}", "Мария", None])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.fixture
def reading_spy(monkeypatch):
    """Counts the data rows the reader pulls from the sheet and the bytes of the sheet's XML unpacked."""
    pulled = {"rows": 0, "sheet_bytes": 0}
    limited = importing.limited_rows

    def counting_limited_rows(rows, **kwargs):
        def counted():
            for row in rows:
                pulled["rows"] += 1
                yield row

        return limited(counted(), **kwargs)

    read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = read(self, n)
        if self.name.startswith("xl/worksheets/"):
            pulled["sheet_bytes"] += len(data)
        return data

    monkeypatch.setattr(importing, "limited_rows", counting_limited_rows)
    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    return pulled


def test_a_file_far_over_the_limit_is_refused_after_reading_one_row_past_it(curator, fifty_thousand_rows, reading_spy):
    response = upload(curator, raw_file(fifty_thousand_rows))
    assert "В файле больше 5000 строк. Разделите его на несколько файлов." in text(response)
    assert response.context["form"].errors["file"] == ["В файле больше 5000 строк. Разделите его на несколько файлов."]
    assert reading_spy["rows"] == importing.MAX_ROWS + 1
    # Opening the workbook does not read the whole sheet either (openpyxl does, looking for a
    # missing dimension): a little more than a tenth of it is unpacked.
    with zipfile.ZipFile(io.BytesIO(fifty_thousand_rows)) as archive:
        sheet_size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    assert reading_spy["sheet_bytes"] < sheet_size / 5
    assert stored_files() == [] and Participant.objects.count() == 0


def lying_dimension(content: bytes, dimension: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    files = {name: source.read(name) for name in source.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    files["xl/worksheets/sheet1.xml"] = sheet.replace(
        "<sheetData>", f'<dimension ref="{dimension}"/><sheetData>', 1
    ).encode()
    return zip_bytes(files)


def test_a_lying_dimension_changes_nothing(curator):
    content = lying_dimension(xlsx_bytes([PARENT]), "A1:XFD1048576")
    assert upload(curator, raw_file(content)).status_code == 302
    page = text(curator.get(reverse(PREVIEW)))
    assert "1 строка, из них с ошибками 0" in page


def test_blank_rows_do_not_run_on_without_end(curator, reading_spy):
    """One cell a million rows down: the rows in between are not walked through."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([PARENT])))
    files = {name: source.read(name) for name in source.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    far = '<row r="1000000"><c r="B1000000" t="inlineStr"><is><t>Иванова</t></is></c></row></sheetData>'
    files["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", far, 1).encode()
    response = upload(curator, raw_file(zip_bytes(files)))
    assert "В файле больше 5000 строк." in text(response)
    assert reading_spy["rows"] <= 1 + importing.MAX_ROWS * (1 + workbooks.BLANK_ROWS_PER_ROW) + 1


# Duplicates --------------------------------------------------------------------------------------


def test_duplicate_of_an_existing_participant(curator, world):
    ParticipantFactory(
        organization=world.a.organization,
        last_name="Семёнова",
        first_name="Алёна",
        patronymic="Игоревна",
        birth_date=datetime.date(2013, 4, 5),
    )
    row = {**PUPIL, "Фамилия": "СЕМЕНОВА", "Имя": "Алена", "Отчество": "игоревна"}
    upload(curator, xlsx([PARENT, row]))
    page = text(curator.get(reverse(PREVIEW)))
    assert "Уже есть среди участников: те же ФИО и дата рождения (05.04.2013)." in page
    assert "исправьте строки 3 и" in page
    curator.post(reverse(CONFIRM))
    assert Participant.objects.filter(organization=world.a.organization).count() == 1


def test_same_name_with_another_birth_date_is_not_a_duplicate(curator, world):
    ParticipantFactory(
        organization=world.a.organization, last_name="Соколова", first_name="Дарья", patronymic="Андреевна"
    )
    upload(curator, xlsx([PUPIL]))
    assert "1 строка, из них с ошибками 0" in text(curator.get(reverse(PREVIEW)))


def test_duplicate_without_birth_date(curator, world):
    ParticipantFactory(
        organization=world.a.organization,
        category=Participant.Category.PARENT,
        last_name="Соколова",
        first_name="Ирина",
        patronymic="Павловна",
        birth_date=None,
        class_name="",
    )
    upload(curator, xlsx([PARENT]))
    assert "Уже есть среди участников: те же ФИО, дата рождения не указана." in text(curator.get(reverse(PREVIEW)))


def test_the_same_person_in_another_organization_is_no_duplicate(curator, world):
    ParticipantFactory(
        organization=world.b.organization,
        last_name="Соколова",
        first_name="Дарья",
        patronymic="Андреевна",
        birth_date=datetime.date(2013, 4, 5),
    )
    upload(curator, xlsx([PUPIL]))
    assert "1 строка, из них с ошибками 0" in text(curator.get(reverse(PREVIEW)))
    curator.post(reverse(CONFIRM))
    assert Participant.objects.filter(organization=world.a.organization).count() == 1


def test_duplicates_inside_the_file(curator):
    upload(curator, xlsx([PUPIL, PARENT, {**PUPIL, "Фамилия": "соколова"}]))
    page = text(curator.get(reverse(PREVIEW)))
    assert "Повторяет строку 2: те же ФИО и дата рождения." in page
    assert "исправьте строки 4 и" in page
    curator.post(reverse(CONFIRM))
    assert Participant.objects.count() == 0


def test_a_duplicate_added_after_the_preview_stops_the_confirm(curator, world):
    upload(curator, xlsx([PUPIL, PARENT]))
    assert "с ошибками 0" in text(curator.get(reverse(PREVIEW)))
    ParticipantFactory(
        organization=world.a.organization,
        last_name="Соколова",
        first_name="Ирина",
        patronymic="Павловна",
        birth_date=None,
        category=Participant.Category.PARENT,
        class_name="",
    )
    response = curator.post(reverse(CONFIRM), follow=True)
    assert "Ничего не сохранено: исправьте строки 3" in text(response)
    assert Participant.objects.filter(organization=world.a.organization).count() == 1


# One transaction ---------------------------------------------------------------------------------


def test_a_failure_while_saving_leaves_nothing(world, monkeypatch):
    parsed = importing.read_workbook(xlsx([PUPIL, teacher_row(world.a.organization)]))
    original = importing.bulk_create_with_history

    def failing(objs, model, **kwargs):
        if model is MenteeEntry:
            raise RuntimeError("the disk is full")
        return original(objs, model, **kwargs)

    monkeypatch.setattr(importing, "bulk_create_with_history", failing)
    with pytest.raises(RuntimeError):
        importing.import_participants(
            organization=world.a.organization, rows=parsed.rows, by=world.a.users[Role.CURATOR]
        )
    assert Participant.objects.count() == 0
    assert MentorEntry.objects.count() == 0
    assert Participant.history.count() == 0


def test_an_import_marks_the_organization_for_the_indicators(world, django_capture_on_commit_callbacks):
    """bulk_create sends no signal: the import marks the organization itself, so the dashboard
    counts its registries afresh."""
    organization = world.a.organization
    parsed = importing.read_workbook(xlsx([PUPIL, teacher_row(organization)]))
    with django_capture_on_commit_callbacks(execute=True):
        importing.import_participants(organization=organization, rows=parsed.rows, by=world.a.users[Role.CURATOR])
    organization.refresh_from_db()
    assert organization.data_version > 0
    world.b.organization.refresh_from_db()
    assert world.b.organization.data_version == 0


# Sessions and roles ------------------------------------------------------------------------------


def test_preview_without_an_upload(curator):
    response = curator.get(reverse(PREVIEW))
    assert response.status_code == 200
    assert "Файл для импорта не загружен." in text(response)
    assert reverse(UPLOAD) in text(response)
    response = curator.post(reverse(CONFIRM))
    assert response.status_code == 302 and response["Location"] == reverse(PREVIEW)


def test_stored_file_gone(curator):
    upload(curator, xlsx([PUPIL]))
    for name in stored_files():
        default_storage.delete(name)
    response = curator.get(reverse(PREVIEW))
    assert "Загруженный файл больше не хранится. Загрузите его снова." in text(response)
    assert curator.post(reverse(CONFIRM)).status_code == 302
    assert Participant.objects.count() == 0


def test_forgotten_uploads_are_removed_a_day_later(curator):
    """A file nobody confirmed (an abandoned session) does not stay in the storage: the next
    upload by anyone removes it once it is a day old."""
    forgotten = importing.upload_name(importing.store_upload(xlsx([PUPIL])))
    old = (timezone.now() - datetime.timedelta(seconds=importing.KEEP_UPLOADS_SECONDS + 60)).timestamp()
    os.utime(default_storage.path(forgotten), (old, old))
    upload(curator, xlsx([PUPIL]))
    (kept,) = stored_files()
    assert kept != forgotten and kept.startswith(f"{importing.UPLOADS_FOLDER}/")


def test_session_of_another_organization_after_switching_the_role(client, world):
    user = world.a.users[Role.CURATOR]
    own = user.memberships.get()
    other = MembershipFactory(user=user, role=Role.CURATOR, organization=world.b.organization)
    client.force_login(user)
    assert upload(client, xlsx([PUPIL])).status_code == 302
    client.post(reverse("context_switch"), {"membership": other.pk})

    response = client.get(reverse(PREVIEW))
    assert response.status_code == 200
    assert (
        "Файл «участники.xlsx» загружен в другой организации: после этого вы сменили роль. "
        "Здесь ничего не сохранено; загрузите файл снова." in text(response)
    )
    assert reverse(UPLOAD) in text(response)
    assert "Соколова" not in text(response)

    response = client.post(reverse(CONFIRM))
    assert response.status_code == 302 and response["Location"] == reverse(PREVIEW)
    assert Participant.objects.count() == 0

    # Back in the organization the file was uploaded in, it imports there.
    client.post(reverse("context_switch"), {"membership": own.pk})
    assert client.post(reverse(CONFIRM)).status_code == 302
    assert Participant.objects.get().organization == world.a.organization


def test_a_forged_session_entry_is_harmless(curator, world):
    session = curator.session
    session[SESSION_KEY] = {"uuid": "../../etc/passwd", "name": "x.xlsx", "organization": world.a.organization.pk}
    session.save()
    response = curator.get(reverse(PREVIEW))
    assert "Загруженный файл больше не хранится." in text(response)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.MENTOR, Role.MENTEE, Role.COORDINATOR])
def test_only_the_curator_imports(client, world, role):
    client.force_login(world.a.users[role])
    for name in (UPLOAD, "registry_import_template", PREVIEW):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.post(reverse(CONFIRM)).status_code == 403
    assert client.post(reverse(UPLOAD), {"file": xlsx([PUPIL])}).status_code == 403
    assert stored_files() == []
