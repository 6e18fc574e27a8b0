"""Orders and letters as documents: the PDF in the layout of ГОСТ Р 7.0.97 and the DOCX for Word."""

import datetime
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from accounts.models import Role
from reports import pdf, services
from reports.models import Order, OrderKind
from reports.pdf import FontMissingError
from reports.rendering import order_docx, order_pdf
from tests.accounts.factories import MembershipFactory, MunicipalityFactory, OrganizationFactory, UserFactory
from tests.mentoring.factories import PartnerFactory, StaffFactory
from tests.reports import A4, MM, pdf_font_names, pdf_pages_text, pdf_reader, pdf_text, pdf_text_runs, plain

DAY = datetime.date(2026, 9, 1)
FULL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»"
FOUNDER = "Управление образования администрации Заречного городского округа"

ROADMAP_ROWS = [
    [
        "1.",
        "Подготовка условий для запуска программы наставничества",
        "Изучение и систематизация материалов по проблеме наставничества",
        "1. Изучение нормативной документации\n2. Подготовка системных папок",
        "август 2026",
        "директор школы",
    ],
    ["2.", "Формирование базы наставляемых", "Сбор данных о наставляемых", "Анкетирование", "сентябрь 2026", "куратор"],
]
PAIRS_COLUMNS = [
    "№",
    "ФИО наставника, должность (класс)",
    "ФИО наставляемого, должность (класс)",
    "Форма наставничества",
    "Ролевая модель",
    "Срок (с – по)",
]


def words(text: str) -> str:
    """Spaces (the non-breaking ones included) and hyphenation at line ends undone."""
    return " ".join(text.replace("\u2010\n", "").replace("-\n", "").split())


@pytest.fixture
def school(db):
    organization = OrganizationFactory(
        short_name="МБОУ «СОШ № 3»",
        full_name=FULL_NAME,
        founder=FOUNDER,
        director_name="Соколова Марина Викторовна",
        director_position="Директор",
        city="г. Заречный",
        address="ул. Школьная, д. 12",
        postal_code="623003",
        phone="+7 (34000) 2-10-03",
        email="school3@zarechny.example",
        website="https://school3.zarechny.example",
        okpo="00000035",
        ogrn="1020000000030",
        inn="0003000030",
        kpp="000301001",
        municipality__region__name="Заречная область",
    )
    curator = UserFactory(last_name="Белова", first_name="Анна", patronymic="Сергеевна")
    MembershipFactory(user=curator, organization=organization, role=Role.CURATOR)
    StaffFactory(
        organization=organization,
        user=curator,
        last_name="Белова",
        first_name="Анна",
        patronymic="Сергеевна",
        position="заместитель директора по УВР",
    )
    return organization


@pytest.fixture
def director(school):
    user = UserFactory(last_name="Соколова", first_name="Марина", patronymic="Викторовна")
    MembershipFactory(user=user, organization=school, role=Role.DIRECTOR)
    return user


def draft(organization, by, code="model-introduction", **kwargs) -> Order:
    kind = OrderKind.objects.get(code=code)
    return services.order_draft(kind=kind, by=by, organization=organization, on_date=DAY, **kwargs)


def with_rows(order: Order, by, rows, **fields) -> Order:
    appendix = dict(order.appendices[0], rows=rows)
    return services.order_update(order=order, by=by, appendices=[appendix], **fields)


@pytest.fixture
def introduction(school, director):
    order = draft(school, director)
    order = with_rows(order, director, ROADMAP_ROWS, acquainted=["Белова Анна Сергеевна", "Кузнецов Игорь Петрович"])
    return services.order_register(order=order, by=director)


def page_number(page) -> str | None:
    """What is printed in the top margin of the page, if anything."""
    numbers = [text for _, y, _, text in pdf_text_runs(page) if y > A4[1] - 20 * MM]
    return " ".join(numbers) or None


def test_a_registered_order_prints_every_part_in_the_order_of_a_school_order(introduction):
    text = pdf_text(order_pdf(introduction))
    number = introduction.number
    parts = [
        FOUNDER,
        words(FULL_NAME.upper()),
        "ПРИКАЗ",
        "01.09.2026",
        f"№ {number}",
        "г. Заречный",
        "О внедрении целевой модели наставничества",
        "В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145",
        "в целях развития наставничества в МБОУ «СОШ № 3»",
        "ПРИКАЗЫВАЮ:",
        "1. Внедрить в МБОУ «СОШ № 3» целевую модель наставничества на 2026/2027 учебный год.",
        "2. Утвердить дорожную карту",
        "3. Назначить куратором внедрения целевой модели наставничества (далее — куратор) Белову Анну Сергеевну",
        "4. Организовать реализацию мероприятий",
        "Ответственный: А. С. Белова. Срок: в течение учебного года.",
        "6. Разместить нормативные документы",
        "7. Контроль за исполнением настоящего приказа оставляю за собой.",
        "Директор",
        "М. В. Соколова",
        "С приказом ознакомлены:",
        "№ Фамилия, имя, отчество Подпись Дата",
        "1 Белова Анна Сергеевна",
        "2 Кузнецов Игорь Петрович",
        f"Приложение 1 к приказу от 01.09.2026 № {number}",
        "Дорожная карта реализации целевой модели наставничества в МБОУ «СОШ № 3» на 2026/2027 учебный год",
        "№ Этап Мероприятие Содержание деятельности Сроки Ответственные",
        "Подготовка условий для запуска программы наставничества",
        "1. Изучение нормативной документации 2. Подготовка системных папок",
        "Формирование базы наставляемых",
    ]
    positions = []
    for part in parts:
        assert part in text, part
        positions.append(text.index(part, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    assert "ПРОЕКТ" not in text
    assert "ОТМЕНЁН" not in text


def test_the_stored_pdf_is_the_rendered_one(introduction):
    introduction.pdf.open("rb")
    stored = introduction.pdf.read()
    introduction.pdf.close()
    assert pdf_text(stored) == pdf_text(order_pdf(introduction))


def test_a4_liberation_serif_gost_margins_and_page_numbers_from_page_two(introduction):
    content = order_pdf(introduction)
    reader = pdf_reader(content)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    fonts = pdf_font_names(content)
    assert fonts and all("Liberation-Serif" in name for name in fonts), fonts

    first = pdf_text_runs(reader.pages[0])
    assert page_number(reader.pages[0]) is None
    assert min(x for x, *_ in first) == pytest.approx(30 * MM, abs=0.5)  # the left margin
    assert max(y for _, y, *_ in first) < A4[1] - 20 * MM  # the top margin
    assert {round(size) for *_, size, _ in first} == {14}
    preamble = [x for x, _, _, text in first if text.startswith("В соответствии")]
    assert preamble == [pytest.approx(30 * MM + 12.5 * MM, abs=0.5)]  # the paragraph indent

    for number, page in enumerate(reader.pages[1:], start=2):
        assert page_number(page) == str(number)
        x, _, size, text = max(pdf_text_runs(page), key=lambda run: run[1])
        assert (text, round(size)) == (str(number), 12)
        assert x == pytest.approx(30 * MM + (A4[0] - 40 * MM) / 2, abs=8)  # centred over the text


def test_each_appendix_starts_a_page_with_its_heading_at_the_right(introduction):
    reader = pdf_reader(order_pdf(introduction))
    pages = [words(text) for text in pdf_pages_text(order_pdf(introduction))]
    starts = [index for index, text in enumerate(pages) if "Приложение 1" in text]
    assert len(starts) == 1
    runs = pdf_text_runs(reader.pages[starts[0]])
    heading = [x for x, _, _, text in runs if text.startswith("Приложение")]
    assert heading and heading[0] > 30 * MM + (A4[0] - 40 * MM) / 2 - 1  # in the right half
    assert "ПРИКАЗЫВАЮ" not in pages[starts[0]]


def test_responsible_persons_in_the_plural_and_the_control_item_last(school, director):
    order = draft(school, director, code="pairs-approval")
    text = pdf_text(order_pdf(order))
    assert "Ответственные: наставники. Срок: в течение 14 дней." in text
    assert "4. Контроль за исполнением настоящего приказа оставляю за собой." in text
    assert text.index("4. Контроль") > text.index("3. Организовать")


def test_a_draft_is_marked_and_has_no_date_or_number(school, director):
    order = draft(school, director, code="pairs-approval")
    order = with_rows(order, director, [["1", "Иванов Иван Иванович, учитель", "Петров Пётр, 7Б", "", "", ""]])
    content = order_pdf(order)
    pages = pdf_pages_text(content)
    assert all("ПРОЕКТ" in page for page in pages)  # on every page, the appendix included
    text = pdf_text(content)
    assert "01.09.2026" not in text
    assert "____________ № ________" in text
    assert "Приложение 1 к приказу от ________ № ________" in text
    assert "Иванов Иван Иванович, учитель" in text


def test_a_cancelled_order_carries_the_cancelling_date(introduction, director):
    cancelled = services.order_cancel(order=introduction, by=director, reason="Издан в новой редакции")
    cancelled.cancelled_at = datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC)
    content = order_pdf(cancelled)
    pages = [words(page) for page in pdf_pages_text(content)]
    assert all("ОТМЕНЁН 05.10.2026" in page for page in pages)
    assert f"№ {cancelled.number}" in pdf_text(content)  # the number stays


def test_a_registered_order_prints_what_was_stored_not_the_current_data(introduction, school, director):
    school.full_name = "Муниципальное автономное общеобразовательное учреждение «Лицей № 1»"
    school.founder = "Департамент образования"
    school.director_name = "Новиков Олег Игоревич"
    school.city = "г. Новый"
    school.save()
    director.last_name = "Новикова"
    director.save()
    curator = school.memberships.get(role=Role.CURATOR).user
    curator.last_name = "Смирнова"
    curator.save()
    kind = introduction.kind
    kind.title_template = "О другом"
    kind.items_template = [{"text": "Другое.", "responsible": "", "term": ""}]
    kind.save()

    order = Order.objects.get(pk=introduction.pk)
    text = pdf_text(order_pdf(order))
    assert words(FULL_NAME.upper()) in text
    assert FOUNDER in text
    assert "М. В. Соколова" in text
    assert "г. Заречный" in text
    assert "О внедрении целевой модели наставничества" in text
    assert "Белова Анна Сергеевна" in text
    for new in ("ЛИЦЕЙ", "Департамент", "Новиков", "г. Новый", "Смирнова", "О другом", "Другое."):
        assert new not in text
    assert "Лицей" not in " ".join(p.text for p in Document(io.BytesIO(order_docx(order))).paragraphs)


def test_a_300_row_appendix_repeats_its_header_row_on_every_page(school, director):
    rows = [
        [
            str(n),
            f"Наставникова{n} Ольга Петровна, учитель математики",
            f"Ученикова{n} Алёна Игоревна, 7Б",
            "учитель – ученик",
            "успевающий – неуспевающий",
            "01.10.2026 – 31.05.2027",
        ]
        for n in range(1, 301)
    ]
    order = with_rows(draft(school, director, code="pairs-approval"), director, rows)
    content = order_pdf(order)
    pages = [words(page) for page in pdf_pages_text(content)]
    first = next(index for index, page in enumerate(pages) if "Приложение 1" in page)
    appendix_pages = pages[first:]
    assert len(appendix_pages) >= 10
    header = words(" ".join(PAIRS_COLUMNS))
    for page in appendix_pages:
        assert header in page
    text = " ".join(appendix_pages)
    assert all(f"Наставникова{n} Ольга Петровна" in text for n in (1, 150, 300))
    # Every row is printed once: none lost or doubled at the page breaks.
    assert sum(text.count(f"Ученикова{n} Алёна") for n in range(1, 301)) == 300
    numbers = [page_number(page) for page in pdf_reader(content).pages]
    assert numbers == [None] + [str(n) for n in range(2, len(numbers) + 1)]


LETTERHEAD = [
    "ул. Школьная, д. 12, г. Заречный, Заречная область, 623003",
    "тел. +7 (34000) 2-10-03, e-mail: school3@zarechny.example",
    "https://school3.zarechny.example",
    "ОКПО 00000035, ОГРН 1020000000030",
    "ИНН/КПП 0003000030/000301001",
]


def test_a_letter_has_the_letterhead_the_addressee_the_title_and_the_body(school, director):
    """The corner letterhead of ГОСТ Р 7.0.97-2016: the founder, the name, the reference data and
    «исх. № … от …» in the top left corner, the addressee at the right, then the text."""
    partner = PartnerFactory(organization=school, name="ООО «Вектор»")
    letter = draft(school, director, code="partner-thanks", extra={"partner": partner})
    assert letter.header_details.splitlines() == LETTERHEAD
    letter = services.order_register(order=letter, by=director)
    content = order_pdf(letter)
    text = pdf_text(content)
    parts = [
        FOUNDER,
        words(FULL_NAME.upper()),
        *LETTERHEAD,
        f"исх. № {letter.number} от 01.09.2026",
        "Благодарственное письмо",
        "выражает искреннюю благодарность ООО «Вектор»",
        "Надеемся на продолжение нашего плодотворного партнёрства.",
        "Директор",
        "М. В. Соколова",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert "Руководителю ООО «Вектор»" in text
    assert "ПРИКАЗ" not in text
    assert all("Liberation-Serif" in name for name in pdf_font_names(content))
    # The requisites fill the left half of the page, the addressee starts at the right of them.
    runs = pdf_text_runs(pdf_reader(content).pages[0])
    x_of = {text: x for x, _, _, text in runs}
    left = [x for x, _, _, run in runs if run.startswith(("тел.", "ОКПО", "ИНН/КПП"))]
    assert left and max(left) < 30 * MM + 85 * MM
    assert x_of["Руководителю ООО «Вектор»"] > 30 * MM + 90 * MM
    top_of = {text: y for _, y, _, text in runs}
    assert top_of["Руководителю ООО «Вектор»"] > top_of["ИНН/КПП 0003000030/000301001"]


def test_the_letterhead_leaves_out_what_the_organization_has_not_filled_in(school, director):
    school.phone = school.website = school.okpo = school.kpp = ""
    school.save()
    letter = draft(school, director, code="partner-thanks")
    assert letter.header_details.splitlines() == [
        "ул. Школьная, д. 12, г. Заречный, Заречная область, 623003",
        "e-mail: school3@zarechny.example",
        "ОГРН 1020000000030",
        "ИНН 0003000030",
    ]
    # An order's header has no reference data (ГОСТ puts them on letters only).
    assert draft(school, director).header_details == ""


def test_a_municipal_order_has_the_authority_in_its_header(db):
    # Built in memory: rendering needs nothing but the fields stored on the order.
    order = Order(
        kind=OrderKind.objects.get(code="municipal-introduction"),
        municipality=MunicipalityFactory(),
        status=Order.Status.REGISTERED,
        date=DAY,
        number="45",
        place="г. Энск",
        header_organization="Управление образования администрации округа",
        title="О внедрении целевой модели наставничества в образовательных организациях",
        preamble="В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145",
        items=[{"text": "Утвердить дорожную карту (приложение 1).", "responsible": "", "term": ""}],
        control_text="Контроль за исполнением настоящего приказа оставляю за собой.",
        signatory_position="Начальник управления",
        signatory_name="А. Б. Веселов",
        appendices=[{"title": "Дорожная карта", "columns": ["№", "Мероприятие"], "rows": [["1", "Совещание"]]}],
    )
    text = pdf_text(order_pdf(order))
    assert text.startswith("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ОКРУГА ПРИКАЗ 01.09.2026 № 45 г. Энск")
    assert "2. Контроль за исполнением настоящего приказа оставляю за собой. Начальник управления А. Б. Веселов" in text
    assert "Приложение 1 к приказу от 01.09.2026 № 45 Дорожная карта № Мероприятие 1 Совещание" in text


def test_without_the_font_an_order_is_not_rendered_in_another_one(introduction, monkeypatch):
    monkeypatch.setattr(pdf, "font_files", lambda family: ())
    with pytest.raises(FontMissingError):
        order_pdf(introduction)


def docx_of(order: Order):
    content = order_docx(order)
    assert content.startswith(b"PK")
    return Document(io.BytesIO(content))


def test_the_docx_has_the_same_text_in_the_same_order(introduction):
    document = docx_of(introduction)
    texts = [plain(paragraph.text) for paragraph in document.paragraphs]
    number = introduction.number
    assert texts[:5] == [
        FOUNDER,
        FULL_NAME,
        "ПРИКАЗ",
        f"01.09.2026\t№ {number}",
        "г. Заречный",
    ]
    assert texts[5] == "О внедрении целевой модели наставничества"
    assert texts[6].startswith("В соответствии с распоряжением Министерства просвещения")
    assert texts[7] == "ПРИКАЗЫВАЮ:"
    assert "1. Внедрить в МБОУ «СОШ № 3» целевую модель наставничества на 2026/2027 учебный год." in texts
    assert "Ответственный: А. С. Белова. Срок: в течение учебного года." in texts
    control = texts.index("7. Контроль за исполнением настоящего приказа оставляю за собой.")
    assert texts.index("С приказом ознакомлены:") > control
    assert texts[-3:] == [
        "Приложение 1",
        f"к приказу от 01.09.2026 № {number}",
        "Дорожная карта реализации целевой модели наставничества в МБОУ «СОШ № 3» на 2026/2027 учебный год",
    ]
    organization = document.paragraphs[1]
    assert organization.runs[0].bold and organization.runs[0].font.all_caps
    assert document.paragraphs[6].paragraph_format.first_line_indent.cm == pytest.approx(1.25, abs=0.01)

    signature, acquainted, appendix = document.tables
    assert [plain(cell.text) for cell in signature.rows[0].cells] == ["Директор", "", "М. В. Соколова"]
    assert [[plain(cell.text) for cell in row.cells] for row in acquainted.rows] == [
        ["№", "Фамилия, имя, отчество", "Подпись", "Дата"],
        ["1", "Белова Анна Сергеевна", "", ""],
        ["2", "Кузнецов Игорь Петрович", "", ""],
    ]
    assert [plain(cell.text) for cell in appendix.rows[0].cells] == [
        "№",
        "Этап",
        "Мероприятие",
        "Содержание деятельности",
        "Сроки",
        "Ответственные",
    ]
    assert [[plain(cell.text) for cell in row.cells] for row in appendix.rows[1:]] == ROADMAP_ROWS


def test_docx_tables_repeat_their_header_row_and_the_page_is_laid_out(introduction):
    document = docx_of(introduction)
    for table in document.tables[1:]:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(margin.mm) for margin in margins] == [30, 10, 20, 20]
    # Page numbers from page 2, centred at the top: the first page has a header of its own, without one.
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and section.header.paragraphs[0].alignment == 1  # centred
    assert "PAGE" not in section.first_page_header._element.xml
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 14)
    assert "Calibri" not in document.styles.element.xml and "minorHAnsi" not in document.styles.element.xml


def test_a_draft_docx_is_marked_and_has_blanks_for_the_date_and_number(school, director):
    order = draft(school, director, code="pairs-approval")
    document = docx_of(order)
    texts = [plain(paragraph.text) for paragraph in document.paragraphs]
    assert "____________\t№ ________" in texts
    section = document.sections[0]
    assert "ПРОЕКТ" in section.first_page_header.paragraphs[0].text
    assert any("ПРОЕКТ" in paragraph.text for paragraph in section.header.paragraphs)
    assert "Приложение 1" in texts and "к приказу от ________ № ________" in texts


def test_a_letter_docx(school, director):
    partner = PartnerFactory(organization=school, name="ООО «Вектор»")
    letter = services.order_register(
        order=draft(school, director, code="partner-thanks", extra={"partner": partner}), by=director
    )
    document = docx_of(letter)
    texts = [plain(paragraph.text) for paragraph in document.paragraphs]
    assert texts.index("Благодарственное письмо") < texts.index(
        "Надеемся на продолжение нашего плодотворного партнёрства."
    )
    # The body ends the paragraphs, but for the executor's mark under the signature (a table).
    assert texts[-3:] == ["Надеемся на продолжение нашего плодотворного партнёрства.", "Исп.", "Соколова М.В."]
    # The letterhead is the first table: requisites at the left, the addressee at the right, no borders.
    letterhead = document.tables[0]
    requisites, _gap, addressee = letterhead.rows[0].cells
    lines = [paragraph.text for paragraph in requisites.paragraphs]
    # Short parts are glued: no-break spaces and hyphens, so Word breaks a line only after a comma.
    assert "тел.\u00a0+7\u00a0(34000)\u00a02\u201110\u201103, e\u2011mail:\u00a0school3@zarechny.example" in lines
    assert [line.replace("\u00a0", " ").replace("\u2011", "-") for line in lines] == [
        FOUNDER,
        FULL_NAME,
        *LETTERHEAD,
        f"исх. № {letter.number} от 01.09.2026",
    ]
    assert requisites.paragraphs[1].runs[0].font.all_caps and requisites.paragraphs[1].runs[0].bold
    assert addressee.text == "Руководителю ООО «Вектор»"
    assert letterhead._tbl.find(qn("w:tblPr")).find(qn("w:tblBorders")) is None
    assert document.element.body.index(letterhead._tbl) < document.element.body.index(document.paragraphs[0]._p)
