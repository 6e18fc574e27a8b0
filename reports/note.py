"""The municipality's analytical note on the target model of mentoring for a year (seed 003, item 6.2):
one document, PDF and DOCX, that sums up what the organizations' annual reports say.

The figures are those of the year's last reporting date that has come, computed once by
``reports.quarterly.quarterly_data``, as the dashboard and the quarterly XLSX compute them: the
municipality's indicators against the year's targets, the organizations' values with who is below a
target (said in words), the pairs and groups and the people by form of the period, the mentors trained
in the «Школа наставников» where the registries record it, and a conclusion written from them.

The note is an official document in Russian, like the orders (reports.order_content): its texts are
Russian here, its grammar from mentoring.declension (the municipality's name in the case of its
sentence, numbers with agreed nouns). ``note_content`` makes what is printed once; the PDF template and
the DOCX builder only lay it out, so both say the same.
"""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Municipality, User
from mentoring import declension
from mentoring.declension import counted
from mentoring.models import MentorEntry
from monitoring.indicators import aggregates
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import ComparedWithTarget, periods_of
from monitoring.indicators.templatetags.indicator_tags import rounded
from reports import docx as docx_kit
from reports.exporters import PDF_CONTENT_TYPE, Rendered, safe_filename
from reports.jobs import Progress
from reports.models import ExportJob
from reports.pdf import render_pdf
from reports.quarterly import QuarterlyData, quarterly_data

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE_TEMPLATE = "reports/note/note.html"
FORMATS = ("pdf", "docx")
NO_VALUE = "—"
NOT_APPLICABLE = "н/п"
BELOW = "ниже"


@dataclasses.dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float]  # per cent of the text width
    wide: bool = False  # printed on a landscape page
    # Rows printed in bold (the municipality's total).
    bold_rows: frozenset[int] = frozenset()


@dataclasses.dataclass(frozen=True)
class Section:
    heading: str
    blocks: list  # paragraphs (str) and tables (Table), in order
    # On landscape pages of its own (a table of many indicators), heading and legend with the table.
    wide: bool = False


@dataclasses.dataclass(frozen=True)
class NoteContent:
    authority: str
    title: str
    subtitle: str
    sections: list[Section]
    signatory_position: str
    signatory_name: str
    made_on: str


def value_text(value, indicator: Indicator) -> str:
    """As the dashboard shows it: «12,5 %» for a share, «12» for a count, «—» for none."""
    if value is None:
        return NO_VALUE
    if indicator.is_percent:
        return f"{rounded(value, 1)}\u00a0%"
    return rounded(value, 0)


def deviation_text(compared: ComparedWithTarget, indicator: Indicator) -> str:
    deviation = compared.deviation
    if deviation is None:
        return NO_VALUE
    text = rounded(deviation, 1 if indicator.is_percent else 0)
    sign = "+" if not text.startswith("-") and text.strip("0,.") else ""
    return f"{sign}{text}".replace("-", "\u2212")


def assessment(compared: ComparedWithTarget) -> str:
    if compared.value is None:
        return "нет данных"
    if compared.target is None:
        return "контрольное значение не установлено"
    return "достигнуто" if compared.meets_target else "ниже контрольного значения"


def note_period(municipality: Municipality, year: int, today: datetime.date) -> ReportingPeriod | None:
    """The year's last reporting date that has come: its figures are the year's result."""
    return (
        periods_of(municipality)
        .filter(reporting_date__year=year, reporting_date__lte=today)
        .order_by("-reporting_date")
        .first()
    )


def trained_mentors(data: QuarterlyData) -> dict[int, tuple[int, int]]:
    """Organization id -> (mentors in the registry of the academic year of the reporting date, of them
    trained in the «Школа наставников» by that date). One query."""
    on_date = data.period.reporting_date
    year = on_date.year if on_date.month >= 9 else on_date.year - 1
    rows = (
        MentorEntry.objects.filter(organization__municipality=data.municipality, academic_year=year)
        .values("organization_id")
        .annotate(
            mentors=Count("participant", distinct=True),
            trained=Count(
                "participant",
                distinct=True,
                filter=Q(trained=True) & (Q(trained_on__isnull=True) | Q(trained_on__lte=on_date)),
            ),
        )
    )
    return {row["organization_id"]: (row["mentors"], row["trained"]) for row in rows}


def _names(indicators: list[Indicator]) -> str:
    return ", ".join(f"«{indicator.short_name}»" for indicator in indicators)


def _indicator_section(data: QuarterlyData, year: int) -> tuple[Section, list, list]:
    rows, met, below = [], [], []
    for number, indicator in enumerate(data.indicators, start=1):
        municipal = data.municipal[indicator.code]
        rows.append(
            [
                str(number),
                indicator.short_name,
                value_text(municipal.value, indicator),
                value_text(municipal.target, indicator),
                deviation_text(municipal, indicator),
                assessment(municipal),
            ]
        )
        if municipal.meets_target is True:
            met.append(indicator)
        elif municipal.meets_target is False:
            below.append((indicator, municipal))
    columns = ["№", "Показатель", "Значение", f"Контрольное значение {year}", "Отклонение", "Оценка"]
    table = Table(columns, rows, [6, 33, 12, 17, 14, 18])
    note = (
        "Значения по муниципалитету: для долей — отношение суммы числителей организаций к сумме их "
        "знаменателей, для удовлетворённости — по всем ответившим вместе; отклонение долей — "
        "в процентных пунктах."
    )
    return Section("1. Показатели эффективности муниципалитета", [table, note]), met, below


def _organizations_section(data: QuarterlyData) -> tuple[Section, list]:
    """A row per organization: its values (a column per indicator, headed by the indicator's number in
    section 1), «ниже» under a value below its target, the numbers of such indicators, and whether it
    submitted the period."""
    lagging = []
    rows = []
    for number, values in enumerate(data.rows, start=1):
        cells, below = [], []
        for indicator in data.indicators:
            value = values.values.get(indicator.code)
            if value is None or not value.applicable:
                cells.append(NOT_APPLICABLE)
                continue
            text = value_text(value.value, indicator)
            if value.meets_target is False:
                below.append(indicator)
                text = f"{text}\n{BELOW}"
            cells.append(text)
        submitted = (
            f"представлен {timezone.localdate(values.submission.submitted_at):%d.%m.%Y}"
            if values.submission
            else "не представлен"
        )
        numbers = {indicator.pk: index for index, indicator in enumerate(data.indicators, start=1)}
        lagging_text = ", ".join(str(numbers[indicator.pk]) for indicator in below) or "нет"
        rows.append([str(number), values.organization.short_name, *cells, lagging_text, submitted])
        if below:
            lagging.append((values.organization, below))
    total = [
        "",
        "Итого по муниципалитету",
        *(value_text(data.municipal[indicator.code].value, indicator) for indicator in data.indicators),
        "",
        "",
    ]
    rows.append(total)
    columns = [
        "№",
        "Организация",
        *(str(number) for number in range(1, len(data.indicators) + 1)),
        "Ниже контрольного значения (№ показателей)",
        "Отчёт за период",
    ]
    fixed = 4 + 18 + 12 + 11
    each = round((100 - fixed) / max(len(data.indicators), 1), 2)
    widths = [4, 18, *([each] * len(data.indicators)), 12, 11]
    table = Table(columns, rows, widths, wide=True, bold_rows=frozenset({len(rows) - 1}))
    legend = (
        "Номера столбцов — номера показателей в разделе 1. "
        f"«{BELOW}» — значение ниже контрольного значения года; «{NOT_APPLICABLE}» — показатель не относится "
        f"к организации; «{NO_VALUE}» — нет данных."
    )
    return Section("2. Показатели образовательных организаций", [table, legend], wide=True), lagging


def _units_section(data: QuarterlyData) -> tuple[Section, dict]:
    found = data.aggregates
    total = aggregates.totals(found)
    window = f"с {found.date_from:%d.%m.%Y} по {found.date_to:%d.%m.%Y}"
    rows = [
        [
            "Пары: начаты / завершены / прекращены",
            f"{total.pairs.started} / {total.pairs.completed} / {total.pairs.terminated}",
        ],
        [
            "Группы: начаты / завершены / прекращены",
            f"{total.groups.started} / {total.groups.completed} / {total.groups.terminated}",
        ],
        ["Наставляемые в парах и группах", str(total.mentees)],
        ["Наставники в парах и группах", str(total.mentors)],
        ["Прошли полный цикл: наставляемые / наставники", f"{total.full_cycle_mentees} / {total.full_cycle_mentors}"],
    ]
    blocks: list = [f"За период {window} по всем организациям:", Table(["Показатель", "Число"], rows, [75, 25])]
    forms = [
        [form.name, str(total.mentees_by_form.get(form.pk, 0)), str(total.mentors_by_form.get(form.pk, 0))]
        for form in found.forms
    ]
    if forms:
        blocks.append("По формам наставничества:")
        blocks.append(Table(["Форма наставничества", "Наставляемые", "Наставники"], forms, [60, 20, 20]))
    else:
        blocks.append("Пар и групп наставничества за период нет.")
    return Section("3. Наставнические пары и группы", blocks), {"total": total, "window": window}


def _training_section(data: QuarterlyData) -> tuple[Section, tuple[int, int]]:
    trained = trained_mentors(data)
    rows = []
    for number, values in enumerate(data.rows, start=1):
        mentors, done = trained.get(values.organization.pk, (0, 0))
        rows.append([str(number), values.organization.short_name, str(mentors), str(done)])
    all_mentors = sum(mentors for mentors, _done in trained.values())
    all_trained = sum(done for _mentors, done in trained.values())
    if not all_mentors:
        blocks: list = ["Реестры наставников учебного года не содержат записей об обучении наставников."]
    else:
        rows.append(["", "Итого по муниципалитету", str(all_mentors), str(all_trained)])
        blocks = [
            "По реестрам наставников учебного года (на дату отчёта):",
            Table(
                ["№", "Организация", "Наставники в реестре", "Из них обучены в «Школе наставников»"],
                rows,
                [6, 54, 20, 20],
                bold_rows=frozenset({len(rows) - 1}),
            ),
        ]
    return Section("4. Обучение наставников", blocks), (all_mentors, all_trained)


def _conclusion(data, year, met, below, lagging, units, training) -> Section:
    municipality = data.municipality
    place = declension.decline_phrase(municipality.name, declension.PREPOSITIONAL)
    organizations = len(data.rows)
    submitted = sum(1 for row in data.rows if row.submission)
    with_target = len(met) + len(below)
    paragraphs = [
        f"По состоянию на {data.period.reporting_date:%d.%m.%Y} в мониторинге целевой модели наставничества "
        f"в {place} — {counted(organizations, 'образовательная организация')}; отчёт за период представлен "
        f"{submitted} из {organizations}."
    ]
    if with_target:
        if met:
            text = (
                f"Контрольные значения {year} года по муниципалитету достигнуты по "
                f"{counted(len(met), 'показатель', declension.DATIVE)} из {with_target}"
            )
        else:
            text = (
                f"Контрольные значения {year} года по муниципалитету не достигнуты ни по одному из "
                f"{counted(with_target, 'показатель', declension.GENITIVE)}"
            )
        if below:
            details = "; ".join(
                f"«{indicator.short_name}» — {value_text(value.value, indicator)} при контрольном значении "
                f"{value_text(value.target, indicator)}"
                for indicator, value in below
            )
            text += f". Ниже контрольных значений: {details}"
        paragraphs.append(text + ".")
    else:
        paragraphs.append(f"Контрольные значения {year} года для показателей муниципалитета не установлены.")
    if lagging:
        names = "; ".join(
            f"{organization.short_name} ({counted(len(indicators), 'показатель')}: {_names(indicators)})"
            for organization, indicators in lagging
        )
        paragraphs.append(
            f"Ниже контрольных значений хотя бы по одному показателю — {counted(len(lagging), 'организация')}: {names}."
        )
    else:
        paragraphs.append("Ни одна организация не отстаёт от контрольных значений года.")
    total = units["total"]
    if total.pairs.started or total.groups.started:
        started = (
            f"начаты {counted(total.pairs.started, 'пара')} и {counted(total.groups.started, 'группа')} наставничества"
        )
    else:
        started = "новые пары и группы наставничества не начаты"
    text = f"За период {units['window']} {started}"
    if total.mentees or total.mentors:
        text += (
            f"; в парах и группах — {counted(total.mentees, 'наставляемый')} и {counted(total.mentors, 'наставник')}"
        )
    if total.full_cycle_mentees or total.full_cycle_mentors:
        text += (
            f"; полный цикл прошли {counted(total.full_cycle_mentees, 'наставляемый')} и "
            f"{counted(total.full_cycle_mentors, 'наставник')}"
        )
    paragraphs.append(text + ".")
    mentors, trained = training
    if mentors:
        paragraphs.append(
            f"Обучение в «Школе наставников» прошли {trained} из {counted(mentors, 'наставник', declension.GENITIVE)} "
            "реестров учебного года."
        )
    if lagging or organizations > submitted:
        paragraphs.append(
            "Рекомендуется руководителям организаций, отстающих от контрольных значений или не представивших "
            "отчёт, проанализировать причины и внести изменения в дорожные карты реализации целевой модели "
            "наставничества; муниципальному координатору — оказать им методическую помощь."
        )
    return Section("5. Выводы", paragraphs)


def note_content(
    municipality: Municipality, year: int, today: datetime.date, executor: User | None = None
) -> NoteContent:
    authority = municipality.authority or municipality.name
    subtitle = (
        "о результатах реализации целевой модели наставничества в образовательных организациях "
        f"{declension.decline_phrase(municipality.name, declension.GENITIVE)} за {year} год"
    )
    period = note_period(municipality, year, today)
    if period is None:
        sections = [Section("Данные мониторинга", [f"В {year} году отчётных дат мониторинга ещё не было."])]
        data = None
    else:
        data = quarterly_data(municipality, period, lambda done, total: None, executor)
        first, met, below = _indicator_section(data, year)
        second, lagging = _organizations_section(data)
        third, units = _units_section(data)
        fourth, training = _training_section(data)
        intro = Section(
            "",
            [
                f"Справка составлена по годовым отчётам образовательных организаций и данным мониторинга "
                f"на {period.reporting_date:%d.%m.%Y}, последнюю отчётную дату {year} года; значения "
                "показателей совпадают с панелью показателей и квартальным отчётом на эту дату."
            ],
        )
        sections = [intro, first, second, third, fourth, _conclusion(data, year, met, below, lagging, units, training)]
    signer = (data.executor if data else executor) or None
    return NoteContent(
        authority=authority,
        title="Аналитическая справка",
        subtitle=subtitle,
        sections=sections,
        signatory_position="Муниципальный координатор",
        signatory_name=signer.get_full_name() if signer else "",
        made_on=f"{today:%d.%m.%Y}",
    )


def note_filename(municipality: Municipality, year: int, extension: str) -> str:
    name = gettext("Analytical note %(year)s – %(municipality)s") % {"year": year, "municipality": municipality.name}
    return f"{safe_filename(name)}.{extension}"


def note_pdf(content: NoteContent) -> bytes:
    return render_pdf(NOTE_TEMPLATE, {"doc": content})


def note_docx(content: NoteContent) -> bytes:
    return docx_kit.NoteBuilder(content).build()


def render_note(
    municipality: Municipality, year: int, *, file_format: str, today: datetime.date, executor: User | None = None
) -> Rendered:
    # The document is Russian whatever the language of the user who asked (its numbers' commas too).
    with translation.override("ru"):
        content = note_content(municipality, year, today, executor)
        if file_format == "docx":
            return note_filename(municipality, year, "docx"), DOCX_CONTENT_TYPE, note_docx(content)
        return note_filename(municipality, year, "pdf"), PDF_CONTENT_TYPE, note_pdf(content)


def run_note_job(job: ExportJob, progress: Progress) -> Rendered:
    progress(0, 1)
    file_format = job.params.get("format") if job.params.get("format") in FORMATS else "pdf"
    rendered = render_note(
        job.municipality,
        int(job.params["year"]),
        file_format=file_format,
        today=timezone.localdate(),
        executor=job.requested_by,
    )
    progress(1, 1)
    return rendered
