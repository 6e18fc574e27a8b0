"""Where the URLs of this area with parameters point, for tests/test_permission_matrix.py."""

import datetime

from accounts.models import Role
from monitoring.indicators.services import period_submit
from tests.indicators.factories import ContingentFactory, period_of


def _submission(world):
    period = period_of(world.a, datetime.date(2026, 10, 1))
    ContingentFactory(organization=world.a.organization, period=period)
    return period_submit(organization=world.a.organization, period=period, by=world.a.users[Role.CURATOR])


OBJECT_URL_KWARGS = {
    # A period is the municipality's: curators and directors of A submit their values of it.
    "period_submit": lambda w: {"period_pk": period_of(w.a).pk},
    "submission_detail": lambda w: {"pk": _submission(w).pk},
    "period_update": lambda w: {"pk": period_of(w.a).pk},
    "period_delete": lambda w: {"pk": period_of(w.a).pk},
    # A value of the municipality's period: its organizations' users and coordinator read how it is
    # made; only the organization's own users list the people behind it.
    "indicator_explain": lambda w: {"period_pk": period_of(w.a).pk, "code": "students-mentees"},
    "indicator_people": lambda w: {"period_pk": period_of(w.a).pk, "code": "students-mentees"},
}
NO_OBJECT_URL_KWARGS = {}
