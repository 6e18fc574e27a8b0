"""The registry of practices: the way of a practice (draft → submitted → published / returned with
remarks), who sees which practice, and a practice as strangers read it (authors named only with
their consent)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from accounts.tenancy import Tenant
from mentoring.models import Consent, MentoringForm, Practice, RoleModel
from mentoring.practices import selectors, services
from mentoring.practices.public import public_practice, public_practices
from tests.accounts.factories import OrganizationFactory
from tests.helpers import count_queries
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, StaffFactory
from tests.mentoring.practices import SECTIONS, make_practice, registry_mentor

pytestmark = pytest.mark.django_db
Status = Practice.Status
TODAY = datetime.date(2026, 12, 1)


def teacher_form() -> MentoringForm:
    return MentoringForm.objects.get(code="teacher-teacher")


def drafted(world, **fields) -> Practice:
    return services.practice_create(
        organization=world.a.organization,
        by=world.a.users[Role.CURATOR],
        title="Школа молодого педагога",
        form=teacher_form(),
        **{**SECTIONS, **fields},
    )


def allowing_name(person, **fields):
    return ConsentFactory(
        participant=person,
        kind=Consent.Kind.DISTRIBUTION,
        signed_by=Consent.Signer.SELF,
        representative_name="",
        representative_document="",
        signed_on=datetime.date(2026, 9, 1),
        **{"allowed_publication": [Consent.Publication.NAME, Consent.Publication.RESULTS], **fields},
    )


# The way of a practice ---------------------------------------------------------------------------


def test_returned_once_corrected_and_published_keeps_every_step_with_who_and_why(world):
    curator, coordinator = world.a.users[Role.CURATOR], world.a.users[Role.COORDINATOR]
    practice = drafted(world, results="Все молодые педагоги остались в школе.")
    with pytest.raises(ValidationError) as error:
        services.practice_submit(practice=practice, by=curator)
    assert "results" in error.value.message_dict  # no figure in the results
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT

    services.practice_update(practice=practice, by=curator, results="Остались 6 из 6 молодых педагогов.")
    services.practice_submit(practice=practice, by=curator)
    services.practice_return(practice=practice, by=coordinator, remarks="Добавьте программу встреч.")
    practice.refresh_from_db()
    assert practice.status == Status.RETURNED
    assert services.last_remarks(practice).remarks == "Добавьте программу встреч."

    services.practice_update(practice=practice, by=curator, materials="Программа встреч на год.")
    services.practice_submit(practice=practice, by=curator)
    services.practice_publish(practice=practice, by=coordinator)
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED and practice.published_at is not None
    assert services.last_remarks(practice) is None
    steps = [(step.status_from, step.status_to, step.by, step.remarks) for step in practice.transitions.all()]
    assert steps == [
        ("", Status.DRAFT, curator, ""),
        (Status.DRAFT, Status.SUBMITTED, curator, ""),
        (Status.SUBMITTED, Status.RETURNED, coordinator, "Добавьте программу встреч."),
        (Status.RETURNED, Status.SUBMITTED, curator, ""),
        (Status.SUBMITTED, Status.PUBLISHED, coordinator, ""),
    ]


def test_a_practice_is_submitted_only_with_every_required_section(world):
    practice = drafted(world, problem="", aims=" ")
    with pytest.raises(ValidationError) as error:
        services.practice_submit(practice=practice, by=world.a.users[Role.CURATOR])
    assert set(error.value.message_dict) == {"problem", "aims"}
    assert practice.transitions.count() == 1


def test_returning_needs_remarks_and_only_a_submitted_practice_is_reviewed(world):
    coordinator = world.a.users[Role.COORDINATOR]
    practice = make_practice(world.a.organization, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        services.practice_return(practice=practice, by=coordinator, remarks="  ")
    assert "remarks" in error.value.message_dict
    services.practice_publish(practice=practice, by=coordinator)
    with pytest.raises(ValidationError):
        services.practice_publish(practice=practice, by=coordinator)
    with pytest.raises(ValidationError):
        services.practice_return(practice=practice, by=coordinator, remarks="Поздно")
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED])
def test_a_sent_practice_is_not_edited_nor_its_files(world, status):
    practice = make_practice(world.a.organization, status=status)
    with pytest.raises(ValidationError):
        services.practice_update(practice=practice, by=world.a.users[Role.CURATOR], title="Другое")
    with pytest.raises(ValidationError):
        services.practice_file_add(
            practice=practice,
            by=world.a.users[Role.CURATOR],
            title="План",
            upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
    practice.refresh_from_db()
    assert practice.title == "Школа молодого педагога"


def test_the_role_model_belongs_to_the_form_and_the_authors_to_the_organization(world):
    other_form_model = RoleModel.objects.filter(form__code="student-student").first()
    with pytest.raises(ValidationError) as error:
        drafted(world, role_model=other_form_model)
    assert "role_model" in error.value.message_dict
    stranger = registry_mentor(world.b.organization)
    with pytest.raises(ValidationError) as error:
        drafted(world, authors=[stranger])
    assert "authors" in error.value.message_dict
    assert not Practice.objects.exists()


def test_a_web_page_renamed_pdf_is_not_attached(world):
    practice = drafted(world)
    page = SimpleUploadedFile("program.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as error:
        services.practice_file_add(practice=practice, by=world.a.users[Role.CURATOR], title="", upload=page)
    assert "file" in error.value.message_dict
    assert not practice.files.exists()


# Who sees which practice --------------------------------------------------------------------------


def visible(world, side, role):
    return set(selectors.practices_visible(Tenant(side.membership(role)), side.users[role]))


def test_the_coordinator_sees_only_what_the_organizations_sent_him(world):
    school = world.a.organization
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    draft = make_practice(school)
    returned = make_practice(school, status=Status.RETURNED)
    submitted = make_practice(school, status=Status.SUBMITTED)
    published = make_practice(neighbour, status=Status.PUBLISHED)
    elsewhere = make_practice(world.b.organization, status=Status.SUBMITTED)
    assert visible(world, world.a, Role.COORDINATOR) == {submitted, published}
    assert visible(world, world.b, Role.COORDINATOR) == {elsewhere}
    # The school's own staff: every practice of the school, and the municipality's published ones.
    assert visible(world, world.a, Role.CURATOR) == {draft, returned, submitted, published}
    assert visible(world, world.a, Role.DIRECTOR) == {draft, returned, submitted, published}


def test_a_mentor_sees_his_own_drafts_and_what_the_school_sent_on_but_not_a_colleagues_draft(world):
    school = world.a.organization
    mine = registry_mentor(school, user=world.a.users[Role.MENTOR])
    own_draft = make_practice(school, authors=[mine])
    drafted_by_him = make_practice(school, by=world.a.users[Role.MENTOR])
    colleagues = make_practice(school, authors=[registry_mentor(school)])
    sent = make_practice(school, status=Status.SUBMITTED)
    assert visible(world, world.a, Role.MENTOR) == {own_draft, drafted_by_him, sent}
    assert colleagues not in visible(world, world.a, Role.MENTOR)
    tenant = Tenant(world.a.membership(Role.MENTOR))
    assert selectors.may_change(tenant, world.a.users[Role.MENTOR], own_draft)
    assert not selectors.may_change(tenant, world.a.users[Role.MENTOR], colleagues)
    assert not selectors.may_change(tenant, world.a.users[Role.MENTOR], sent)
    assert not selectors.may_submit(tenant, own_draft)


def test_published_practices_of_an_organization_and_of_a_municipality(world):
    school = world.a.organization
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    ours = make_practice(school, status=Status.PUBLISHED)
    theirs = make_practice(neighbour, status=Status.PUBLISHED)
    make_practice(school, status=Status.SUBMITTED)
    make_practice(world.b.organization, status=Status.PUBLISHED)
    assert list(selectors.published_practices(organization=school)) == [ours]
    assert set(selectors.published_practices(municipality=world.a.municipality)) == {ours, theirs}


def test_the_authors_to_choose_are_the_mentors_of_the_registry(world):
    school = world.a.organization
    mentor = registry_mentor(school, last_name="Ёлкина")
    other = registry_mentor(school, last_name="Елисеева")
    StaffFactory(organization=school)  # a teacher who is no mentor
    ParticipantFactory(organization=school)
    registry_mentor(world.b.organization)
    assert list(selectors.author_choices(school)) == [other, mentor]


# A practice as strangers read it -------------------------------------------------------------------


def test_authors_are_named_in_public_only_with_a_consent_that_allows_the_name(world):
    school = world.a.organization
    named = registry_mentor(school, last_name="Громова", first_name="Елена", patronymic="Сергеевна")
    allowing_name(named)
    no_name = registry_mentor(school, last_name="Тихонова")
    allowing_name(no_name, allowed_publication=[Consent.Publication.RESULTS])
    withdrawn = registry_mentor(school, last_name="Отозвавшая")
    allowing_name(withdrawn, withdrawn_on=datetime.date(2026, 11, 1))
    processing_only = registry_mentor(school, last_name="Безсогласнова")
    ConsentFactory(participant=processing_only, signed_by=Consent.Signer.SELF)
    pupil = ParticipantFactory(organization=school, last_name="Ученикова", birth_date=datetime.date(2012, 1, 1))
    allowing_name(pupil)  # signed by the minor himself: does not count
    practice = make_practice(
        school, status=Status.PUBLISHED, authors=[named, no_name, withdrawn, processing_only, pupil]
    )
    rendered = public_practice(practice, TODAY)
    assert rendered.authors == ["Громова Елена Сергеевна"]
    assert rendered.unnamed_authors == 4
    # Before the withdrawal that author was named.
    assert len(public_practice(practice, datetime.date(2026, 10, 1)).authors) == 2


def test_the_public_rendering_of_many_practices_takes_a_constant_number_of_queries(world):
    school = world.a.organization

    def practices():
        return list(Practice.objects.all())

    make_practice(school, status=Status.PUBLISHED, authors=[registry_mentor(school)])
    few, _ = count_queries(lambda: public_practices(practices(), TODAY))
    for _number in range(5):
        person = registry_mentor(school)
        allowing_name(person)
        make_practice(school, status=Status.PUBLISHED, authors=[person, registry_mentor(school)])
    many, rendered = count_queries(lambda: public_practices(practices(), TODAY))
    assert many == few
    assert sum(len(item.authors) for item in rendered) == 5
    assert [heading for heading, _text in rendered[0].sections] == [
        "Проблема",
        "Цели и задачи",
        "Что сделано",
        "Результаты",
    ]
