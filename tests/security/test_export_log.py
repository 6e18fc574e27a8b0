"""Every file the product hands out is written down once: who, in which role and context, when, what."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import DevelopmentPlan, PlanItem
from reports.models import ExportJob, ExportRecord
from tests.conftest import World
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    StaffFactory,
    consent_with_scan,
    unit_of_side,
)
from tests.monitoring.factories import campaign, scores
from tests.reports.factories import draft_order, registered_order


def _registry(world: World) -> str:
    year = academic_year_of(timezone.localdate())
    organization = world.a.organization
    for _ in range(3):
        MenteeEntryFactory(participant=ParticipantFactory(organization=organization), academic_year=year)
    MentorEntryFactory(participant=StaffFactory(organization=organization), academic_year=year)
    return reverse("registry_export", args=["mentees"]) + f"?year={year}"


def _campaign_answers(world: World, anonymized: bool = False) -> str:
    made = campaign(world.a.organization, count=2)
    scores(made, (8, 9), (6, 7))
    return reverse("campaign_export", args=[made.pk]) + ("?anonymized=1" if anonymized else "")


def _plan(world: World) -> str:
    membership = unit_of_side(world.a).mentees.get()
    PlanItem.objects.create(plan=DevelopmentPlan.objects.create(membership=membership, goal="Цель"), activity="Дроби")
    return reverse("plan_pdf", args=[membership.pk])


def _class_forms(world: World) -> str:
    ParticipantFactory(organization=world.a.organization, class_name="5В")
    ParticipantFactory(organization=world.a.organization, class_name="5В")
    return reverse("class_consent_forms") + "?class_name=5В&kind=processing"


@dataclass
class Download:
    view_name: str
    role: Role
    url: Callable[[World], str]
    rows: int | None = None
    personal: bool = True


DOWNLOADS = [
    Download("registry_export", Role.DIRECTOR, _registry, rows=3),
    Download(
        "consent_form_pdf",
        Role.CURATOR,
        lambda w: reverse("consent_form_pdf", args=[ParticipantFactory(organization=w.a.organization).pk]),
    ),
    Download("class_consent_forms", Role.CURATOR, _class_forms),
    Download(
        "consent_scan", Role.DIRECTOR, lambda w: reverse("consent_scan", args=[consent_with_scan(w.a.organization).pk])
    ),
    Download("meeting_journal_pdf", Role.MENTOR, lambda w: reverse("meeting_journal_pdf", args=[unit_of_side(w.a).pk])),
    Download("plan_pdf", Role.MENTOR, _plan),
    Download("order_pdf", Role.DIRECTOR, lambda w: reverse("order_pdf", args=[registered_order(w.a.organization).pk])),
    Download("order_docx", Role.CURATOR, lambda w: reverse("order_docx", args=[draft_order(w.a.organization).pk])),
    Download("campaign_export", Role.CURATOR, _campaign_answers, rows=2),
    Download("campaign_export", Role.CURATOR, lambda w: _campaign_answers(w, anonymized=True), rows=2, personal=False),
    Download("campaign_sheet", Role.CURATOR, lambda w: reverse("campaign_sheet", args=[campaign(w.a.organization).pk])),
    Download(
        "annual_report_pdf",
        Role.DIRECTOR,
        lambda w: reverse("annual_report_pdf", args=[timezone.localdate().year]),
        personal=False,
    ),
    Download(
        "registry_import_template", Role.CURATOR, lambda w: reverse("registry_import_template"), rows=0, personal=False
    ),
]


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda d: f"{d.view_name}-{d.role.value}")
def test_a_download_writes_one_record_of_who_and_what(download, client, world):
    url = download.url(world)
    user = world.a.users[download.role]
    client.force_login(user)
    before = timezone.now()
    response = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content

    record = ExportRecord.objects.get()
    assert record.user == user and record.user_name == user.get_full_name()
    assert record.role == download.role
    assert record.organization == world.a.organization and record.municipality == world.a.municipality
    assert record.view_name == download.view_name
    assert record.filename and record.filename.rsplit(".", 1)[-1] in {"pdf", "xlsx", "docx", "png", "jpg"}
    assert record.size == len(content)
    assert record.rows == download.rows
    assert record.personal_data is download.personal
    assert record.ip_address == "10.1.2.3"
    assert before <= record.created_at <= timezone.now()
    for key, value in response.wsgi_request.resolver_match.kwargs.items():
        assert record.parameters[key] == str(value)


def test_the_file_name_and_the_query_are_recorded(client, world):
    url = _registry(world)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(url)
    record = ExportRecord.objects.get()
    assert record.filename in response["Content-Disposition"] or record.filename.isascii() is False
    assert record.filename.endswith(".xlsx") and "Реестр" in record.filename
    assert record.parameters == {"registry": "mentees", "year": str(academic_year_of(timezone.localdate()))}


def test_hostile_query_parameters_are_recorded_without_breaking_the_download(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(reverse("registry_import_template"), {"a\x00b": "x\x00" + "я" * 500, "c": ["1", "2"]})
    assert response.status_code == 200
    assert ExportRecord.objects.get().parameters == {"ab": "x" + "я" * 199, "c": "1, 2"}


def test_the_coordinators_export_of_the_municipality_is_recorded_as_aggregate(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.a.users[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("annual_reports_export_start"), {"year": timezone.localdate().year})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE
    assert client.get(reverse("export_job_download", args=[job.pk])).status_code == 200
    record = ExportRecord.objects.get()
    assert record.role == Role.COORDINATOR and record.organization is None
    assert record.municipality == world.a.municipality and record.personal_data is False


def test_pages_refusals_and_someone_elses_files_are_not_recorded(client, world):
    unit = unit_of_side(world.a)
    client.force_login(world.b.users[Role.DIRECTOR])
    assert client.get(reverse("meeting_journal_pdf", args=[unit.pk])).status_code == 404
    client.force_login(world.a.users[Role.MENTEE])
    assert client.get(reverse("registry_export", args=["mentees"])).status_code == 403
    client.force_login(world.a.users[Role.DIRECTOR])
    assert client.get(reverse("participant_list")).status_code == 200
    assert client.get(reverse("registry_export", args=["nothing"])).status_code == 404
    assert not ExportRecord.objects.exists()


def test_the_director_sees_the_organizations_log_only(client, world):
    own = world.a.users[Role.CURATOR]
    client.force_login(own)
    client.get(_registry(world))
    client.force_login(world.b.users[Role.CURATOR])
    client.get(reverse("registry_import_template"))
    assert ExportRecord.objects.count() == 2

    client.force_login(world.a.users[Role.DIRECTOR])
    page = client.get(reverse("export_log")).content.decode()
    assert "Журнал выгрузок" in page
    assert own.get_full_name() in page and "Реестр (XLSX)" in page
    assert world.b.users[Role.CURATOR].get_full_name() not in page
    # The director's own visit to the log is a page, not a download.
    assert ExportRecord.objects.count() == 2


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.COORDINATOR])
def test_the_log_is_closed_to_other_roles(role, client, world):
    client.force_login(world.a.users[role])
    assert client.get(reverse("export_log")).status_code == 403


def test_the_log_page_does_not_grow_in_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.a.users[Role.CURATOR])
    for _ in range(30):
        client.get(reverse("registry_import_template"))
    client.force_login(world.a.users[Role.DIRECTOR])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("export_log")).status_code == 200


def test_the_admin_lists_searches_and_never_changes_the_log(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    client.get(_registry(world))
    record = ExportRecord.objects.get()
    model_admin = admin.site._registry[ExportRecord]
    superuser = type(world.a.users[Role.CURATOR]).objects.create_superuser("root", "root@example.test", "x")
    client.force_login(superuser)
    found = client.get(reverse("admin:reports_exportrecord_changelist"), {"q": world.a.users[Role.CURATOR].last_name})
    assert found.status_code == 200 and record.filename in found.content.decode()
    request = found.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, record)
    assert not model_admin.has_delete_permission(request, record)
    assert (
        client.post(reverse("admin:reports_exportrecord_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    )
    assert ExportRecord.objects.filter(pk=record.pk).exists()


def test_a_record_keeps_the_name_after_the_account_is_deleted(client, world):
    user = world.a.users[Role.CURATOR]
    client.force_login(user)
    client.get(reverse("registry_import_template"))
    name = user.get_full_name()
    user.delete()
    record = ExportRecord.objects.get()
    assert record.user is None and record.user_name == name
    assert record.created_at.date() <= timezone.localdate() + datetime.timedelta(days=1)
