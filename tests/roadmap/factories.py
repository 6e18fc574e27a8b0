import datetime

import factory
from django.core.files.base import ContentFile

from accounts.models import Role
from reports.models import Order, OrderKind
from roadmap import services
from roadmap.models import Activity, Layout, Remark, Roadmap, Stage, Status
from tests.accounts.factories import MunicipalityFactory, OrganizationFactory

YEAR = 2026


class RoadmapFactory(factory.django.DjangoModelFactory):
    """An organization's roadmap for 2026/27 (1 August 2026 – 31 August 2027)."""

    class Meta:
        model = Roadmap

    organization = factory.SubFactory(OrganizationFactory)
    municipality = None
    scope = Roadmap.Scope.ORGANIZATION
    title = factory.Sequence(lambda n: f"Дорожная карта {n}")
    academic_year = YEAR
    starts_on = datetime.date(YEAR, 8, 1)
    ends_on = datetime.date(YEAR + 1, 8, 31)
    layout = Layout.SCHOOL


class MunicipalRoadmapFactory(RoadmapFactory):
    organization = None
    municipality = factory.SubFactory(MunicipalityFactory)
    scope = Roadmap.Scope.MUNICIPALITY
    academic_year = None
    starts_on = datetime.date(YEAR, 1, 1)
    ends_on = datetime.date(YEAR + 2, 12, 31)
    layout = Layout.MUNICIPAL


class TemplateFactory(RoadmapFactory):
    is_template = True
    template_name = factory.Sequence(lambda n: f"Шаблон {n}")


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    roadmap = factory.SubFactory(RoadmapFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Этап {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity whose term is read as the services read it (numbers, deadlines, occurrences)."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    stage = factory.SubFactory(StageFactory)
    roadmap = factory.SelfAttribute("stage.roadmap")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Мероприятие {n}")
    term_text = "октябрь 2026"
    responsible_text = "куратор"
    responsible_roles = factory.LazyFunction(lambda: [Role.CURATOR.value])

    @factory.post_generation
    def people(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.responsible_users.set(extracted)

    @factory.post_generation
    def recompute(obj, create, extracted, **kwargs):
        if create:
            services.recompute_roadmap(obj.roadmap)
            obj.refresh_from_db()


def roadmap_of(organization) -> Roadmap:
    """The organization's roadmap for 2026/27 (one per year), made when missing."""
    existing = Roadmap.objects.filter(organization=organization, academic_year=YEAR, is_template=False).first()
    return existing or RoadmapFactory(organization=organization)


def activity_in(organization, **fields) -> Activity:
    roadmap = roadmap_of(organization)
    stage = roadmap.stages.first() or StageFactory(roadmap=roadmap)
    return ActivityFactory(stage=stage, **fields)


def municipal_activity_in(municipality, **fields) -> Activity:
    return ActivityFactory(
        stage=StageFactory(roadmap=MunicipalRoadmapFactory(municipality=municipality)), responsible_roles=[], **fields
    )


def activity_with_evidence(organization) -> Activity:
    activity = activity_in(organization)
    activity.status = Status.DONE
    activity.completed_on = datetime.date(YEAR, 10, 20)
    # Assigned, then saved: the stored name is made from the content (FieldFile.save would not show it).
    activity.evidence_file = ContentFile(b"%PDF-1.4 protocol\n%%EOF\n", name="protocol.pdf")
    activity.save()
    return activity


def recurring_activity_in(organization, **fields) -> Activity:
    return activity_in(organization, term_text="ежеквартально: 1 января, 1 апреля, 1 июля, 1 октября", **fields)


class RemarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Remark

    roadmap = factory.SubFactory(RoadmapFactory)
    text = factory.Sequence(lambda n: f"Замечание {n}")


def registered_order(*, organization=None, municipality=None, code="model-introduction", number="1-ОД", day=None):
    """A registered order of the register, as reports.services.order_register leaves it (without the PDF)."""
    return Order.objects.create(
        kind=OrderKind.objects.get(code=code),
        organization=organization,
        municipality=municipality,
        status=Order.Status.REGISTERED,
        date=day or datetime.date(YEAR, 9, 1),
        number=number,
        header_organization="МБОУ",
        title="О внедрении целевой модели наставничества",
        signatory_position="Директор",
        signatory_name="И.И. Иванова",
    )
