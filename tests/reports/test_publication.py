"""The public section «Реализация целевой модели наставничества»: publishing and withdrawing with
its log, the public page (anonymous, cached, hostile input), the consent rule for the appendices
that list people (page, PDF, feed, ZIP), and the scope of each owner."""

import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Role
from mentoring.models import Consent
from reports.models import Order, OrderKind, PublicationEvent, PublicSection
from reports.publication.rendition import WITHHELD_LINE
from reports.publication.services import publication_set, section_ensure
from reports.services import order_draft, order_register
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, StaffFactory
from tests.reports import pdf_text
from tests.reports.factories import registered_order

SIGNED = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def distribution(participant, *, allowed=(Consent.Publication.NAME,), **kwargs):
    return ConsentFactory(
        participant=participant,
        kind=Consent.Kind.DISTRIBUTION,
        signed_on=SIGNED,
        allowed_publication=list(allowed),
        **kwargs,
    )


def pairs_order(organization, director, mentor, mentees) -> Order:
    """An approval order whose appendix names the mentor and the mentees, registered."""
    rows = [
        [
            "1",
            f"{mentor.full_name}, {mentor.position}",
            "; ".join(f"{mentee.full_name}, 7Б класс" for mentee in mentees),
            "«ученик – ученик»",
            "успевающий – неуспевающий",
            "01.10.2026 – 31.05.2027",
        ]
    ]
    order = order_draft(
        kind=OrderKind.objects.get(code="pairs-approval"),
        by=director,
        organization=organization,
        on_date=datetime.date(2026, 10, 1),
        appendix_rows=rows,
    )
    return order_register(order=order, by=director)


def publish(section, source, key, user):
    return publication_set(section=section, source=source, key=str(key), publish=True, by=user)


def public_url(section):
    return reverse("public_section", kwargs={"slug": section.slug})


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def school(world):
    """A's section with a pairs order: a mentor and a pupil who consented, and one who did not."""
    organization = world.a.organization
    director = world.a.users[Role.DIRECTOR]
    mentor = StaffFactory(organization=organization, last_name="Наставникова", first_name="Мария")
    agreed = ParticipantFactory(organization=organization, last_name="Согласнова", first_name="Вера")
    refused = ParticipantFactory(organization=organization, last_name="Скрытова", first_name="Анна")
    distribution(mentor, signed_by=Consent.Signer.SELF, representative_name="")
    distribution(agreed)
    # A consent that allows a photo but not the name does not allow naming her.
    distribution(refused, allowed=(Consent.Publication.PHOTO,))
    order = pairs_order(organization, director, mentor, [agreed, refused])
    section = section_ensure(organization=organization)
    return {"section": section, "order": order, "mentor": mentor, "agreed": agreed, "refused": refused}


def test_a_curator_publishes_and_withdraws_with_the_log(world, client, school):
    curator = world.a.users[Role.CURATOR]
    client.force_login(curator)
    order = school["order"]
    response = client.post(reverse("publication_toggle"), {"source": "orders", "key": order.pk, "publish": "on"})
    assert response.status_code == 302
    client.logout()
    page = text(client.get(public_url(school["section"])))
    assert order.title in page
    assert reverse("public_order_pdf", kwargs={"slug": school["section"].slug, "pk": order.pk}) in page

    client.force_login(curator)
    client.post(reverse("publication_toggle"), {"source": "orders", "key": order.pk})
    log = text(client.get(reverse("publication_log")))
    assert "опубликовано" in log.lower() and "снято" in log.lower()
    events = list(PublicationEvent.objects.order_by("pk").values_list("action", "user", "title"))
    assert events == [
        ("publish", curator.pk, str(order)),
        ("withdraw", curator.pk, str(order)),
    ]
    client.logout()
    page = text(client.get(public_url(school["section"])))
    assert order.title not in page
    pdf = client.get(reverse("public_order_pdf", kwargs={"slug": school["section"].slug, "pk": order.pk}))
    assert pdf.status_code == 404


def test_the_public_page_needs_no_login_and_an_unknown_address_is_404(client, school, world):
    publish(school["section"], "contacts", "contacts", world.a.users[Role.CURATOR])
    response = client.get(public_url(school["section"]))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert client.get(reverse("public_section", kwargs={"slug": "no-such-school"})).status_code == 404


def test_a_pupil_without_distribution_consent_is_named_nowhere(world, client, school):
    curator = world.a.users[Role.CURATOR]
    section, order = school["section"], school["order"]
    publish(section, "orders", order.pk, curator)
    page = text(client.get(public_url(section)))
    pdf = client.get(reverse("public_order_pdf", kwargs={"slug": section.slug, "pk": order.pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    printed = pdf_text(pdf.content)
    feed = text(client.get(reverse("public_feed", kwargs={"slug": section.slug})))
    client.force_login(curator)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("publication_export")).content))
    zipped = {name: archive.read(name) for name in archive.namelist()}
    pdfs = [pdf_text(content) for name, content in zipped.items() if name.endswith(".pdf")]
    assert len(pdfs) == 1
    for shown in (page, printed, feed, *pdfs, zipped[f"{section.slug}/index.html"].decode()):
        assert "Скрытова" not in shown
    # The appendix names her, so it is replaced by the line, and the one who agreed is not listed either.
    assert "Согласнова" not in printed
    assert " ".join(WITHHELD_LINE.split()[:4]) in printed
    assert order.title in printed
    # The registered order itself is untouched.
    order.refresh_from_db()
    assert "Скрытова" in order.appendices[0]["rows"][0][2]


def test_the_appendix_is_published_when_everyone_consented(world, client, school):
    section, order = school["section"], school["order"]
    refused = school["refused"]
    Consent.objects.filter(participant=refused).update(allowed_publication=["name", "photo"])
    publish(section, "orders", order.pk, world.a.users[Role.CURATOR])
    printed = pdf_text(client.get(reverse("public_order_pdf", kwargs={"slug": section.slug, "pk": order.pk})).content)
    assert "Скрытова" in printed and "Согласнова" in printed and "Наставникова" in printed
    assert "не публикуется" not in printed
    # A withdrawn consent takes the appendix away at once.
    Consent.objects.filter(participant=refused).update(withdrawn_on=datetime.date(2026, 11, 1))
    printed = pdf_text(client.get(reverse("public_order_pdf", kwargs={"slug": section.slug, "pk": order.pk})).content)
    assert "Скрытова" not in printed and "не публикуется" in printed


def test_another_organization_cannot_publish_yours(world, client, school):
    order = school["order"]
    client.force_login(world.b.users[Role.CURATOR])
    response = client.post(
        reverse("publication_toggle"), {"source": "orders", "key": order.pk, "publish": "on"}, follow=True
    )
    assert "Не найдено, что публиковать" in text(response)
    assert not PublicationEvent.objects.exists()
    # Refused, B's section is not even made.
    assert not PublicSection.objects.filter(organization=world.b.organization).exists()
    assert not school["section"].publications.exists()
    # Nor see it among what may be published.
    assert order.title not in text(client.get(reverse("publication_manage")))


def test_a_mentor_may_not_manage_the_section(world, client):
    client.force_login(world.a.users[Role.MENTOR])
    assert client.get(reverse("publication_manage")).status_code == 403


def test_a_hostile_title_shows_as_text(world, client):
    organization = world.a.organization
    order = registered_order(organization)
    Order.objects.filter(pk=order.pk).update(title='<script>alert("x")</script> О кураторе')
    section = section_ensure(organization=organization)
    publish(section, "orders", order.pk, world.a.users[Role.CURATOR])
    page = text(client.get(public_url(section)))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_the_address_is_unique_and_editable(world, client):
    section_ensure(organization=world.b.organization)
    PublicSection.objects.filter(organization=world.b.organization).update(slug="school-b")
    client.force_login(world.a.users[Role.CURATOR])
    data = {"slug": "school-b", "contact_name": "Холодова Наталья Ивановна", "contact_email": "k@example.test"}
    response = client.post(reverse("publication_settings"), data)
    assert response.status_code == 200 and "Этот адрес занят" in text(response)
    assert not PublicSection.objects.filter(organization=world.a.organization).exists()
    response = client.post(reverse("publication_settings"), {**data, "slug": "school-a"})
    assert response.status_code == 302
    section = PublicSection.objects.get(organization=world.a.organization)
    assert section.slug == "school-a" and section.contact_name == "Холодова Наталья Ивановна"
    publish(section, "contacts", "contacts", world.a.users[Role.CURATOR])
    client.logout()
    page = text(client.get("/open/school-a/"))
    assert "Холодова Наталья Ивановна" in page and "k@example.test" in page


def test_the_feed_lists_new_publications(world, client, school):
    section = school["section"]
    publish(section, "orders", school["order"].pk, world.a.users[Role.CURATOR])
    publish(section, "contacts", "contacts", world.a.users[Role.CURATOR])
    response = client.get(reverse("public_feed", kwargs={"slug": section.slug}))
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    feed = text(response)
    assert feed.count("<entry>") == 2 and school["order"].title in feed


def test_the_preview_is_the_public_page(world, client, school):
    section = school["section"]
    publish(section, "contacts", "contacts", world.a.users[Role.CURATOR])
    section.refresh_from_db()
    client.force_login(world.a.users[Role.DIRECTOR])
    preview = text(client.get(reverse("publication_preview")))
    assert 'data-testid="preview-banner"' in preview and "noindex" in preview


def test_the_public_page_reads_a_constant_number_of_queries(world, client, school):
    section = school["section"]
    curator = world.a.users[Role.CURATOR]
    publish(section, "orders", school["order"].pk, curator)

    def grow():
        for _ in range(3):
            order = registered_order(world.a.organization)
            publish(section, "orders", order.pk, curator)
        for _ in range(5):
            distribution(ParticipantFactory(organization=world.a.organization))

    def request():
        cache.clear()  # the page as made afresh, not from the cache
        return client.get(public_url(section))

    assert_queries_constant(request, grow)


def test_the_municipal_page_lists_the_organizations_pages(world, client, school):
    publish(school["section"], "orders", school["order"].pk, world.a.users[Role.CURATOR])
    municipal = section_ensure(municipality=world.a.municipality)
    publish(municipal, "contacts", "contacts", world.a.users[Role.COORDINATOR])
    page = text(client.get(public_url(municipal)))
    assert public_url(school["section"]) in page
    # A school of another municipality is not listed.
    other = section_ensure(organization=world.b.organization)
    publish(other, "contacts", "contacts", world.b.users[Role.CURATOR])
    assert public_url(other) not in text(client.get(public_url(municipal)))


def test_the_roadmap_and_the_indicators_show_progress_and_aggregates(world, client):
    from roadmap.models import Status
    from tests.indicators.factories import ContingentFactory, TargetFactory, period_of
    from tests.roadmap.factories import activity_in, roadmap_of

    organization = world.a.organization
    curator = world.a.users[Role.CURATOR]
    done = activity_in(organization, title="Изучение нормативной базы")
    activity_in(organization, title="Формирование базы наставляемых")
    done.status = Status.DONE
    done.save()
    period = period_of(world.a)
    ContingentFactory(organization=organization, period=period)
    TargetFactory(municipality=world.a.municipality, indicator=_first_indicator(), year=period.target_year, value=75)
    section = section_ensure(organization=organization)
    publish(section, "roadmap", roadmap_of(organization).pk, curator)
    publish(section, "indicators", "current", curator)
    page = text(client.get(public_url(section)))
    assert roadmap_of(organization).title in page
    assert "Выполнено: 50 %" in page and "pct-50" in page
    assert "Изучение нормативной базы" in page
    assert 'data-testid="public-indicators"' in page and "На 01.10.2026" in page
    assert "75,0&nbsp;%" in page
    # The roadmap's responsible people are not shown; the indicators name no one.
    assert curator.last_name not in page


def _first_indicator():
    from monitoring.indicators.models import Indicator

    return Indicator.objects.filter(unit=Indicator.Unit.PERCENT).order_by("pk").first()


def test_the_export_is_a_folder_with_relative_links(world, client, school):
    section, order = school["section"], school["order"]
    curator = world.a.users[Role.CURATOR]
    publish(section, "orders", order.pk, curator)
    client.force_login(curator)
    response = client.get(reverse("publication_export"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    pdf_name = f"{section.slug}/orders/prikaz-{order.date:%Y-%m-%d}-{order.number}.pdf"
    assert {f"{section.slug}/index.html", f"{section.slug}/assets/bootstrap.min.css", pdf_name} <= names
    index = archive.read(f"{section.slug}/index.html").decode()
    assert f'href="orders/prikaz-{order.date:%Y-%m-%d}-{order.number}.pdf"' in index
    assert 'href="assets/app.css"' in index and "/static/" not in index
    assert order.title in pdf_text(archive.read(pdf_name))


def test_a_package_adds_a_source_to_the_section(world, client):
    """The registry of sources: a package plugs in as the Положение and the practices do."""
    from reports.publication import sources

    statute = sources.Source(
        code="example",
        label="Положение о наставничестве",
        position=15,
        template="reports/publication/blocks/contacts.html",
        candidates=lambda section: [sources.Candidate("1", "Положение от 01.09.2026")],
        block=lambda section, publications: {"section": section},
    )
    sources.register_source(statute)
    try:
        curator = world.a.users[Role.CURATOR]
        client.force_login(curator)
        assert "Положение от 01.09.2026" in text(client.get(reverse("publication_manage")))
        client.post(reverse("publication_toggle"), {"source": "example", "key": "1", "publish": "on"})
        section = PublicSection.objects.get(organization=world.a.organization)
        assert section.publications.get(source="example").is_published
        client.logout()
        assert "Положение о наставничестве" in text(client.get(public_url(section)))
    finally:
        sources._sources.pop("example")


def test_a_name_without_consent_is_taken_out_of_the_text_too(world, client, school):
    from tests.roadmap.factories import activity_in, roadmap_of

    section, order, refused = school["section"], school["order"], school["refused"]
    items = [*order.items, {"text": "Поздравить победителя.", "responsible": refused.full_name, "term": ""}]
    Order.objects.filter(pk=order.pk).update(items=items, title=f"О поощрении {refused.last_name} {refused.first_name}")
    activity_in(world.a.organization, title=f"Выступление {refused.full_name} на педсовете")
    curator = world.a.users[Role.CURATOR]
    publish(section, "orders", order.pk, curator)
    publish(section, "roadmap", roadmap_of(world.a.organization).pk, curator)
    page = text(client.get(public_url(section)))
    printed = pdf_text(client.get(reverse("public_order_pdf", kwargs={"slug": section.slug, "pk": order.pk})).content)
    for shown in (page, printed):
        assert "Скрытова" not in shown and "(ФИО не публикуется)" in shown
    assert "Поздравить победителя" in printed


def test_opening_the_pages_writes_nothing_until_the_first_publication(world, client):
    client.force_login(world.a.users[Role.CURATOR])
    for name in ("publication_manage", "publication_preview", "publication_log", "publication_settings"):
        assert client.get(reverse(name)).status_code == 200
    assert not PublicSection.objects.exists()
    response = client.post(reverse("publication_settings"), {"slug": "Школа 3"})
    assert response.status_code == 200 and "латинских" in text(response)
    assert not PublicSection.objects.exists()
    client.post(reverse("publication_toggle"), {"source": "contacts", "key": "contacts", "publish": "on"})
    section = PublicSection.objects.get(organization=world.a.organization)
    assert section.slug == f"org-{world.a.organization.pk}" and section.publications.get().is_published
