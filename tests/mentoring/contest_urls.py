"""Where each contest URL with parameters points, for the permission matrix.

A school's contest is run by its curator, a municipal one by the coordinator: the pages that change
a contest point at A's school contest, and at municipality A's contest for the coordinator. The
pages that read point at municipality A's contest, which A's school reads too (it applies and sits
on the jury)."""

from collections.abc import Callable

from accounts.models import Role
from tests.conftest import World
from tests.mentoring.contest_factories import (
    judged_application_of_side,
    material_of_side,
    municipal_contest,
    school_contest,
)


def school(w: World) -> dict:
    return {"pk": school_contest(w.a.organization).pk}


def municipal(w: World) -> dict:
    return {"pk": municipal_contest(w.a.municipality).pk}


CHANGING = (
    "contest_update",
    "contest_nomination_add",
    "contest_criterion_add",
    "contest_advance",
    "contest_close",
    "contest_results_order",
    "contest_letters",
)
OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    "contest_detail": municipal,
    "contest_apply": school,
    "contest_application_detail": lambda w: {"pk": judged_application_of_side(w.a).pk},
    "contest_application_withdraw": lambda w: {"pk": judged_application_of_side(w.a).pk},
    "contest_application_score": lambda w: {"pk": judged_application_of_side(w.a).pk},
    "contest_application_file": lambda w: {"pk": material_of_side(w.a).pk},
    **dict.fromkeys(CHANGING, school),
}
ROLE_OBJECT_URL_KWARGS: dict[Role, dict[str, Callable[[World], dict]]] = {
    Role.COORDINATOR: dict.fromkeys(CHANGING, municipal),
}
