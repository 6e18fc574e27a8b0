import datetime

import factory

from monitoring.indicators.models import ContingentFigures, ReportingPeriod, Target
from tests.accounts.factories import MunicipalityFactory, OrganizationFactory


class PeriodFactory(factory.django.DjangoModelFactory):
    """The period as of 1 October 2026 (academic year 2026/2027), due by 10 October."""

    class Meta:
        model = ReportingPeriod
        django_get_or_create = ("municipality", "reporting_date")

    municipality = factory.SubFactory(MunicipalityFactory)
    reporting_date = datetime.date(2026, 10, 1)
    due_on = factory.LazyAttribute(lambda period: period.reporting_date.replace(day=10))


class ContingentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContingentFigures

    organization = factory.SubFactory(OrganizationFactory)
    period = factory.SubFactory(PeriodFactory, municipality=factory.SelfAttribute("..organization.municipality"))
    students_total = 400
    students_10_19 = 240
    students_15_19 = 80
    students_additional = 120
    teachers = 40
    teachers_under_35 = 10
    young_specialists = 5
    staff_trained = 12
    partner_organizations = 4


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2026
    value = 50


def period_of(side, reporting_date=datetime.date(2026, 10, 1)) -> ReportingPeriod:
    return PeriodFactory(municipality=side.municipality, reporting_date=reporting_date)
