"""The roadmap as the table users print: the rows in the shape of its layout (seed 000: №, stage,
activity, content, term, responsible; seed 003: №, activity, term, responsible, result; seed 004:
№, activity, content, responsible, term). The XLSX export and the order's appendix both print these."""

from dataclasses import dataclass, field

from roadmap.models import Activity, Layout, Roadmap


@dataclass
class TableRow:
    cells: list[str]
    # Columns whose cell is one merged cell with the cell above (the stage's name over its rows, an
    # «as above» term or responsible).
    merged_up: set[int] = field(default_factory=set)
    is_stage: bool = False


def _activity_number(activity: Activity) -> str:
    """«3.» of «1.3»: how seed 004 numbers the items of its content column."""
    return f"{activity.number.rsplit('.', 1)[-1]}. " if activity.number else ""


def _joined(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def table_rows(roadmap: Roadmap, activities: list[Activity] | None = None) -> list[TableRow]:
    if activities is None:
        activities = list(
            roadmap.activities.select_related("stage")
            .prefetch_related("responsible_users")
            .order_by("stage__position", "stage_id", "position", "pk")
        )
    stages = list(roadmap.stages.order_by("position", "pk"))
    by_stage = {stage.pk: [] for stage in stages}
    for activity in activities:
        by_stage[activity.stage_id].append(activity)
    fields = roadmap.column_fields
    layout = Layout(roadmap.layout)
    rows = []
    for stage in stages:
        stage_rows = by_stage[stage.pk]
        if layout == Layout.MUNICIPAL or not stage_rows:
            cells = {"number": str(stage.position), "stage": stage.title, "activity": stage.title}
            if layout == Layout.SCHOOL:
                cells = {"number": f"{stage.position}.", "stage": stage.title}
            elif layout == Layout.MUNICIPAL_CONTENT:
                cells = {"number": str(stage.position), "stage": stage.title}
            rows.append(TableRow([cells.get(name, "") for name in fields], is_stage=True))
        for index, activity in enumerate(stage_rows):
            first = index == 0
            cells = {
                "term": "" if activity.term_as_above else activity.term_text,
                "responsible": "" if activity.responsible_as_above else activity.responsible_display,
                "result": activity.result,
            }
            if layout == Layout.SCHOOL:
                cells |= {
                    "number": f"{stage.position}." if first else "",
                    "stage": stage.title if first else "",
                    "activity": activity.title,
                    "content": activity.content,
                }
            elif layout == Layout.MUNICIPAL:
                cells |= {
                    "number": "" if activity.continues_previous else activity.number,
                    "activity": _joined(activity.title, activity.content),
                }
            else:
                cells |= {
                    "number": str(stage.position) if first else "",
                    "stage": stage.title if first else "",
                    "activity": _activity_number(activity) + _joined(activity.title, activity.content),
                }
            merged = set()
            if not first:
                # The stage's number and name span its rows; a row going on with the activity above
                # without a title of its own shares that title's cell.
                if layout != Layout.MUNICIPAL:
                    merged |= {fields.index("number"), fields.index("stage")}
                if layout == Layout.SCHOOL and activity.continues_previous and not activity.title:
                    merged.add(fields.index("activity"))
                if activity.term_as_above and "term" in fields:
                    merged.add(fields.index("term"))
                if activity.responsible_as_above and "responsible" in fields:
                    merged.add(fields.index("responsible"))
            rows.append(TableRow([cells.get(name, "") for name in fields], merged))
    return rows


def order_appendix(roadmap: Roadmap) -> dict:
    """The roadmap as an order's appendix (reports.services stores it on the order as is): the table
    with its merged cells and section rows as the XLSX keeps them, and the text above the table —
    the approval stamp, the title and the preamble (basis, aims, expected results)."""
    rows = table_rows(roadmap)
    intro = [line for line in (roadmap.heading, roadmap.title) if line.strip()]
    return {
        "columns": roadmap.column_headings,
        "rows": [row.cells for row in rows],
        "merged": [sorted(row.merged_up) for row in rows],
        "sections": [index for index, row in enumerate(rows) if row.is_stage],
        "stamp": [line.strip() for line in roadmap.approval_text.splitlines() if line.strip()],
        "intro": [line.strip() for line in intro],
        "preamble": [line.strip() for line in roadmap.preamble.splitlines() if line.strip()],
        "years": years_of(roadmap),
    }


def years_of(roadmap: Roadmap) -> str:
    """«2025–2027» for a roadmap of several years (the order approving it names them in its title:
    «… на 2025–2027 годы»); "" for one of an academic year."""
    if roadmap.starts_on and roadmap.ends_on and roadmap.ends_on.year > roadmap.starts_on.year + 1:
        return f"{roadmap.starts_on.year}\u2013{roadmap.ends_on.year}"
    return ""
