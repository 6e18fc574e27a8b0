"""Pages of the registry of practices: drafting with a file, sending, the coordinator's review, the
municipal registry's search, a practice read by strangers, and the links from a roadmap activity and
the annual report."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import mentoring.practices.panels  # noqa: F401  (registers the coordinator's panel)
from accounts.models import Role
from mentoring.models import Consent, MentoringForm, Practice, RoleModel
from reports.annual import AnnualReportExporter
from roadmap.models import Activity
from tests.accounts.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import PDF_BYTES, ConsentFactory
from tests.mentoring.practices import SECTIONS, make_practice, registry_mentor, with_file
from tests.reports import pdf_text
from tests.roadmap.factories import activity_in

pytestmark = pytest.mark.django_db
Status = Practice.Status


def as_user(client, user):
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    return {
        "title": "Школа молодого педагога",
        "form": MentoringForm.objects.get(code="teacher-teacher").pk,
        "role_model": RoleModel.objects.get(name="опытный педагог – молодой специалист").pk,
        "topics": "адаптация, молодой педагог",
        **SECTIONS,
        "materials": "",
        **overrides,
    }


def test_the_curator_drafts_a_practice_with_its_authors_and_a_file(world, client):
    author = registry_mentor(world.a.organization, last_name="Громова", first_name="Елена", patronymic="Сергеевна")
    as_user(client, world.a.users[Role.CURATOR])
    page = client.get(reverse("practice_create"))
    assert "Громова Елена Сергеевна" in page.content.decode()
    upload = SimpleUploadedFile("Программа.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("practice_create"),
        form_data(authors=[author.pk], new_file=upload, new_file_title="Программа встреч"),
    )
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("practice_detail", args=[practice.pk])
    assert (practice.status, list(practice.authors.all())) == (Status.DRAFT, [author])
    file = practice.files.get()
    assert file.title == "Программа встреч" and file.file.name.endswith(".pdf")
    detail = client.get(response["Location"]).content.decode()
    assert "Громова Елена Сергеевна" in detail and "публично не называется" in detail
    download = client.get(reverse("practice_file", args=[file.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_wrong_role_model_and_a_page_renamed_pdf_are_said_next_to_their_fields(world, client):
    as_user(client, world.a.users[Role.CURATOR])
    other = RoleModel.objects.filter(form__code="student-student").first()
    page = SimpleUploadedFile("program.pdf", b"<html><body>hi</body></html>", content_type="application/pdf")
    response = client.post(reverse("practice_create"), form_data(role_model=other.pk, new_file=page))
    assert response.status_code == 200
    form = response.context["form"]
    assert "role_model" in form.errors and "new_file" in form.errors
    assert not Practice.objects.exists()


def test_a_mentor_is_the_first_author_of_his_practice_and_edits_only_his_own(world, client):
    school = world.a.organization
    me = registry_mentor(school, user=world.a.users[Role.MENTOR])
    colleague = registry_mentor(school)
    as_user(client, world.a.users[Role.MENTOR])
    page = client.get(reverse("practice_create"))
    assert page.context["form"].initial["authors"] == [me.pk]
    client.post(reverse("practice_create"), form_data(authors=[me.pk]))
    mine = Practice.objects.get()
    assert client.get(reverse("practice_update", args=[mine.pk])).status_code == 200
    theirs = make_practice(school, authors=[colleague])
    assert client.get(reverse("practice_detail", args=[theirs.pk])).status_code == 404
    sent = make_practice(school, status=Status.SUBMITTED, authors=[colleague])
    assert client.get(reverse("practice_update", args=[sent.pk])).status_code == 403
    assert client.post(reverse("practice_submit", args=[mine.pk])).status_code == 403
    mine.refresh_from_db()
    assert mine.status == Status.DRAFT


def test_sending_an_incomplete_practice_says_what_is_missing_and_changes_nothing(world, client):
    practice = make_practice(world.a.organization, problem="", results="Все остались")
    as_user(client, world.a.users[Role.CURATOR])
    response = client.post(reverse("practice_submit", args=[practice.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("practice_update", args=[practice.pk]) + "?check=1"
    assert "Практика не направлена: дополните отмеченные ниже разделы." in response.content.decode()
    errors = response.context["form"].errors
    assert errors["problem"] == ["Заполните этот раздел, прежде чем направлять практику в муниципалитет."]
    assert errors["results"] == ["Приведите результаты в цифрах: сколько человек участвовало, что изменилось."]
    assert set(errors) == {"problem", "results"}
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_the_coordinator_returns_with_remarks_and_the_curator_reads_them(world, client):
    practice = make_practice(world.a.organization, status=Status.SUBMITTED)
    as_user(client, world.a.users[Role.COORDINATOR])
    home = client.get(reverse("home")).content.decode()
    assert "1 практика ждёт вашего рассмотрения" in home
    empty = client.post(reverse("practice_return", args=[practice.pk]), {"remarks": " "})
    assert empty.status_code == 200 and "remarks" in empty.context["form"].errors
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    response = client.post(reverse("practice_return", args=[practice.pk]), {"remarks": "Приложите программу."})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.RETURNED
    # Returned, it is out of the coordinator's sight until it is sent again.
    assert client.get(reverse("practice_detail", args=[practice.pk])).status_code == 404

    as_user(client, world.a.users[Role.CURATOR])
    detail = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert "Приложите программу." in detail and "Возвращена муниципалитетом" in detail
    assert "Направить в муниципалитет" in detail


def test_the_coordinator_publishes_and_strangers_read_the_practice_as_in_public(world, client):
    school = world.a.organization
    consenting = registry_mentor(school, last_name="Громова", first_name="Елена", patronymic="Сергеевна")
    ConsentFactory(
        participant=consenting,
        kind=Consent.Kind.DISTRIBUTION,
        signed_by=Consent.Signer.SELF,
        signed_on=datetime.date(2026, 1, 10),
        allowed_publication=[Consent.Publication.NAME],
    )
    silent = registry_mentor(school, last_name="Скрытова", first_name="Анна", patronymic="Павловна")
    practice = make_practice(school, status=Status.SUBMITTED, authors=[consenting, silent])
    file = with_file(practice)
    coordinator = as_user(client, world.a.users[Role.COORDINATOR])
    detail = coordinator.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert "Громова Елена Сергеевна" in detail and "Скрытова" not in detail
    assert coordinator.get(reverse("practice_file", args=[file.pk])).status_code == 200
    assert coordinator.post(reverse("practice_publish", args=[practice.pk])).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED

    # A curator of another school of the municipality: the registry card, without files.
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    stranger = UserFactory()
    MembershipFactory(user=stranger, role=Role.CURATOR, organization=neighbour)
    as_user(client, stranger)
    detail = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert "Громова Елена Сергеевна" in detail and "Скрытова" not in detail
    assert reverse("practice_file", args=[file.pk]) not in detail
    assert client.get(reverse("practice_file", args=[file.pk])).status_code == 403
    assert client.get(reverse("practice_update", args=[practice.pk])).status_code == 403


def registry(client, **params):
    return client.get(reverse("practice_registry"), params)


def titles(response) -> list[str]:
    return [item.practice.title for item in response.context["rendered"]]


def test_the_registry_finds_by_words_form_role_model_and_topic(world, client):
    school = world.a.organization
    teacher_model = RoleModel.objects.get(name="опытный педагог – молодой специалист")
    student_form = MentoringForm.objects.get(code="student-student")
    young = make_practice(
        school, status=Status.PUBLISHED, title="Ёлочка молодых педагогов", role_model=teacher_model, topics="адаптация"
    )
    pupils = make_practice(
        school,
        status=Status.PUBLISHED,
        title="Дружба: равный – равному в 7-х классах",
        form=student_form,
        topics="Функциональная грамотность",
        actions="Старшеклассники готовили младших к олимпиадам.",
    )
    make_practice(school, status=Status.SUBMITTED, title="Ёлка на рассмотрении")
    make_practice(world.b.organization, status=Status.PUBLISHED, title="Ёлка другого округа")
    as_user(client, world.a.users[Role.MENTOR])
    assert set(titles(registry(client))) == {young.title, pupils.title}
    # Case and ё aside, in the title or in the sections.
    assert titles(registry(client, q="ЕЛОЧКА")) == [young.title]
    assert titles(registry(client, q="олимпиадам старшеклассники")) == [pupils.title]
    assert titles(registry(client, form=student_form.pk)) == [pupils.title]
    assert titles(registry(client, role_model=teacher_model.pk)) == [young.title]
    assert titles(registry(client, topic="функциональная")) == [pupils.title]
    assert titles(registry(client, q="нет такого")) == []
    # Dictionary order: Д before Ё (by code points Ё would come before every capital letter).
    assert titles(registry(client, order="title")) == [pupils.title, young.title]


def test_the_registry_pages_take_as_many_queries_with_more_practices(world, client):
    school = world.a.organization
    as_user(client, world.a.users[Role.COORDINATOR])

    def grow():
        for number in range(25):
            author = registry_mentor(school)
            make_practice(school, status=Status.PUBLISHED, title=f"Практика {number}", authors=[author])

    make_practice(school, status=Status.PUBLISHED, authors=[registry_mentor(school)])
    assert_queries_constant(lambda: registry(client), grow)
    assert registry(client).context["paginator"].num_pages == 2
    assert_queries_constant(
        lambda: client.get(reverse("practice_list")),
        lambda: make_practice(school, status=Status.SUBMITTED),
    )


def test_a_roadmap_activity_cites_a_published_practice_of_the_municipality(world, client):
    activity = activity_in(world.a.organization)
    published = make_practice(
        OrganizationFactory(municipality=world.a.municipality), status=Status.PUBLISHED, title="Опыт соседей"
    )
    draft = make_practice(world.a.organization, title="Черновик")
    as_user(client, world.a.users[Role.CURATOR])
    form = client.get(reverse("activity_update", args=[activity.pk])).content.decode()
    assert "Опыт соседей" in form and "Черновик" not in form
    data = {
        "stage": activity.stage_id,
        "title": activity.title,
        "term_text": activity.term_text,
        "responsible_text": activity.responsible_text,
    }
    refused = client.post(reverse("activity_update", args=[activity.pk]), {**data, "practices": [draft.pk]})
    assert refused.status_code == 200 and "practices" in refused.context["form"].errors
    response = client.post(reverse("activity_update", args=[activity.pk]), {**data, "practices": [published.pk]})
    assert response.status_code == 302
    assert list(Activity.objects.get(pk=activity.pk).practices.all()) == [published]
    detail = client.get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert reverse("practice_detail", args=[published.pk]) in detail and "Опыт соседей" in detail


def test_the_annual_report_lists_the_practices_published_in_the_year(world):
    school = world.a.organization
    make_practice(school, status=Status.PUBLISHED, title="Клуб молодого учителя")
    make_practice(school, status=Status.SUBMITTED, title="Ещё не опубликованная")
    old = make_practice(school, status=Status.PUBLISHED, title="Прошлогодняя")
    Practice.objects.filter(pk=old.pk).update(published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))
    year = datetime.date.today().year
    _name, _type, content = AnnualReportExporter().render(
        {"organization": school, "year": year, "today": datetime.date(year, 12, 31)}
    )
    text = pdf_text(content)
    assert "Практики, опубликованные в муниципальном реестре" in text
    assert "Клуб молодого учителя" in text
    assert "Ещё не опубликованная" not in text and "Прошлогодняя" not in text
