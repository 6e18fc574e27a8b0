"""Installs the shipped templates (roadmap.templates_data) with the models it is given: the data
migration passes its historical models, so this uses nothing but fields and the pure term reader."""

import datetime

from roadmap.templates_data import TEMPLATES
from roadmap.terms import Term, TermKind, parse_term


def install(Roadmap, Stage, Activity, Occurrence) -> None:
    for data in TEMPLATES:
        shipped = Roadmap.objects.filter(
            is_template=True, organization=None, municipality=None, template_name=data["template_name"]
        )
        if shipped.exists():
            continue
        starts_on = datetime.date.fromisoformat(data["starts_on"])
        ends_on = datetime.date.fromisoformat(data["ends_on"])
        roadmap = Roadmap.objects.create(
            is_template=True,
            scope=data["scope"],
            template_name=data["template_name"],
            heading=data["heading"],
            title=data["title"],
            academic_year=data["academic_year"],
            starts_on=starts_on,
            ends_on=ends_on,
            layout=data["layout"],
        )
        for stage_number, (stage_title, rows) in enumerate(data["stages"], start=1):
            stage = Stage.objects.create(roadmap=roadmap, position=stage_number, title=stage_title)
            previous = None
            counter = 0
            for position, row in enumerate(rows, start=1):
                title, content, term, responsible, roles, result, completes_on, *more = row
                continues = previous is not None and (title is None or bool(more and more[0]))
                term_as_above = previous is not None and not term
                responsible_as_above = previous is not None and not responsible
                if not continues:
                    counter += 1
                activity = Activity(
                    roadmap=roadmap,
                    stage=stage,
                    position=position,
                    number="" if continues else f"{stage_number}.{counter}",
                    continues_previous=continues,
                    title=title or "",
                    content="\n".join(content),
                    term_text=previous.term_text if term_as_above else term,
                    term_as_above=term_as_above,
                    responsible_text=previous.responsible_text if responsible_as_above else responsible,
                    responsible_as_above=responsible_as_above,
                    responsible_roles=list(previous.responsible_roles if responsible_as_above else roles),
                    result=result,
                    completes_on=completes_on,
                )
                parsed = parse_term(activity.term_text, starts_on, ends_on) or Term(TermKind.TEXT)
                windows = parsed.windows(starts_on, ends_on)
                activity.term_kind = parsed.kind.value
                activity.term_start, activity.term_end, activity.term_rule = parsed.start, parsed.end, parsed.rule
                activity.is_recurring = len(windows) > 1
                activity.starts_on = windows[0].start if windows else None
                activity.due_on = windows[-1].due if windows else None
                activity.save()
                if activity.is_recurring:
                    Occurrence.objects.bulk_create(
                        [Occurrence(activity=activity, starts_on=w.start, due_on=w.due) for w in windows]
                    )
                previous = activity


def uninstall(Roadmap) -> None:
    names = [data["template_name"] for data in TEMPLATES]
    Roadmap.objects.filter(is_template=True, organization=None, municipality=None, template_name__in=names).delete()
