"""Where each roadmap URL with parameters points, for the permission matrix and the roadmap access tests.

"A's object" depends on the role for the pages that change a roadmap: the coordinator changes only
the municipality's own roadmaps, so those pages point at municipality A's roadmap for him.
"""

from collections.abc import Callable

from tests.conftest import World
from tests.roadmap.factories import (
    MunicipalRoadmapFactory,
    RemarkFactory,
    RoadmapFactory,
    StageFactory,
    TemplateFactory,
    activity_in,
    activity_with_evidence,
    municipal_activity_in,
    recurring_activity_in,
)

# Organization A's objects.
OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    "roadmap_detail": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_timeline": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_export": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_update": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_delete": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_save_template": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "roadmap_order_draft": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "stage_create": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "remark_create": lambda w: {"pk": RoadmapFactory(organization=w.a.organization).pk},
    "stage_update": lambda w: {"pk": StageFactory(roadmap__organization=w.a.organization).pk},
    "stage_delete": lambda w: {"pk": StageFactory(roadmap__organization=w.a.organization).pk},
    "activity_create": lambda w: {"pk": StageFactory(roadmap__organization=w.a.organization).pk},
    "activity_detail": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_update": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_delete": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_move": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_status": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_comment": lambda w: {"pk": activity_in(w.a.organization).pk},
    "activity_evidence": lambda w: {"pk": activity_with_evidence(w.a.organization).pk},
    "occurrence_status": lambda w: {"pk": recurring_activity_in(w.a.organization).occurrences.first().pk},
    "remark_reply": lambda w: {"pk": RemarkFactory(roadmap__organization=w.a.organization).pk},
    "remark_resolve": lambda w: {"pk": RemarkFactory(roadmap__organization=w.a.organization).pk},
    "roadmap_template_delete": lambda w: {"pk": TemplateFactory(organization=w.a.organization).pk},
}


def municipal_roadmap(w: World) -> dict:
    return {"pk": MunicipalRoadmapFactory(municipality=w.a.municipality).pk}


def municipal_stage(w: World) -> dict:
    return {"pk": StageFactory(roadmap=MunicipalRoadmapFactory(municipality=w.a.municipality)).pk}


def municipal_activity(w: World) -> dict:
    return {"pk": municipal_activity_in(w.a.municipality).pk}


# The coordinator's own objects for the pages that change a roadmap.
COORDINATOR_OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    "roadmap_update": municipal_roadmap,
    "roadmap_delete": municipal_roadmap,
    "roadmap_save_template": municipal_roadmap,
    "roadmap_order_draft": municipal_roadmap,
    "stage_create": municipal_roadmap,
    "stage_update": municipal_stage,
    "stage_delete": municipal_stage,
    "activity_create": municipal_stage,
    "activity_update": municipal_activity,
    "activity_delete": municipal_activity,
    "activity_move": municipal_activity,
    "activity_status": municipal_activity,
    "activity_comment": municipal_activity,
    "occurrence_status": lambda w: {
        "pk": municipal_activity_in(w.a.municipality, term_text="ежеквартально: 1 января, 1 апреля")
        .occurrences.first()
        .pk
    },
    "roadmap_template_delete": lambda w: {
        "pk": TemplateFactory(
            organization=None, municipality=w.a.municipality, scope="municipality", academic_year=None
        ).pk
    },
}
