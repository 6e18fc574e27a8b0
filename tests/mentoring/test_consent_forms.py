"""Pre-filled consent forms (PDF) for one participant and for a whole class."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from mentoring.models import Participant
from tests.mentoring.factories import ParticipantFactory, PartnerFactory, StaffFactory
from tests.reports import A4, pdf_font_names, pdf_pages_text, pdf_reader, pdf_text

ADDRESS = "665904, Иркутская обл., г. Энск, ул. Школьная, д. 5"


@pytest.fixture
def organization(world):
    organization = world.a.organization
    organization.full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 3»"
    organization.address = ADDRESS
    organization.save()
    return organization


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def form_url(participant, kind=None):
    url = reverse("consent_form_pdf", args=[participant.pk])
    return f"{url}?kind={kind}" if kind else url


def assert_pdf(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    for page in pdf_reader(content).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    fonts = pdf_font_names(content)
    assert fonts and all("Liberation" in name for name in fonts)
    return content


def test_a_minors_form_is_filled_in_for_the_parent(curator, organization):
    pupil = ParticipantFactory(
        organization=organization,
        last_name="Ученикова",
        first_name="Алёна",
        patronymic="Игоревна",
        birth_date=datetime.date(2013, 3, 15),
        class_name="7Б",
        guardian_name="Ученикова Ольга Петровна",
        phone="+7 900 111-22-33",
    )
    response = curator.get(form_url(pupil))
    text = pdf_text(assert_pdf(response))
    assert response["Content-Disposition"].startswith("inline;")
    assert organization.full_name in text
    assert ADDRESS in text
    assert "Я, Ученикова Ольга Петровна" in text
    assert "являясь законным представителем несовершеннолетнего(ей) Ученикова Алёна Игоревна" in text
    assert "15.03.2013" in text and "7Б" in text and "+7 900 111-22-33" in text
    assert "статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ" in text
    # Purpose, data, actions, term, withdrawal.
    assert "организация и реализация целевой модели наставничества" in text
    assert "ведение персонифицированных реестров наставников и наставляемых" in text
    assert "подготовка отчётности для муниципального координатора" in text
    assert "фамилия, имя, отчество; дата рождения" in text
    assert "результаты анкетирования" in text
    assert "передача (предоставление) муниципальному координатору программы наставничества в обезличенном" in text
    assert "обезличивание, блокирование, удаление, уничтожение" in text
    assert "в течение одного года после его окончания либо до дня отзыва" in text
    assert "письменным заявлением, поданным Оператору" in text
    assert "уничтожает или обезличивает их в срок, не превышающий 30 дней" in text
    assert "(подпись)" in text and "Ученикова О. П." in text


def test_an_adults_form_is_filled_in_for_the_person(curator, organization):
    teacher = StaffFactory(organization=organization, last_name="Учителев", first_name="Сергей", patronymic="Павлович")
    text = pdf_text(assert_pdf(curator.get(form_url(teacher, "processing"))))
    assert "Я, Учителев Сергей Павлович" in text
    assert f"{organization.short_name}, учитель математики" in text
    assert "законным представителем" not in text
    assert "на обработку моих персональных данных" in text


def test_an_employers_mentor_works_at_the_partner(curator, organization):
    partner = PartnerFactory(organization=organization, name="ООО «Энскэнерго»")
    mentor = ParticipantFactory(
        organization=organization,
        category=Participant.Category.EMPLOYER,
        birth_date=datetime.date(1980, 1, 1),
        class_name="",
        guardian_name="",
        position="инженер",
        partner=partner,
    )
    text = pdf_text(assert_pdf(curator.get(form_url(mentor))))
    assert "ООО «Энскэнерго», инженер" in text


def test_the_distribution_form_is_separate_with_categories(curator, organization):
    pupil = ParticipantFactory(organization=organization, last_name="Публикуемая")
    text = pdf_text(assert_pdf(curator.get(form_url(pupil, "distribution"))))
    assert "разрешённых законным представителем субъекта персональных данных для распространения" in text
    assert "статьёй 10.1 Федерального закона" in text
    assert "официальный сайт" in text
    for category in ("ФИО", "Фото и видео", "Класс или должность", "Результаты и кейсы"):
        assert category in text
    assert "запреты на обработку или условия обработки" in text
    assert "в течение трёх рабочих дней" in text
    assert "обезличивание" not in text  # the processing form's text is not repeated here


def test_unknown_kind_is_404(curator, organization):
    pupil = ParticipantFactory(organization=organization)
    assert curator.get(form_url(pupil, "anything")).status_code == 404


def test_another_organizations_participant_is_404(curator, world):
    stranger = ParticipantFactory(organization=world.b.organization)
    assert curator.get(form_url(stranger)).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [(Role.DIRECTOR, 200), (Role.MENTOR, 403), (Role.MENTEE, 403), (Role.COORDINATOR, 403)]
)
def test_who_may_print_forms(client, world, role, status):
    pupil = ParticipantFactory(organization=world.a.organization, class_name="7Б")
    client.force_login(world.a.users[role])
    assert client.get(form_url(pupil)).status_code == status
    assert client.get(reverse("class_consent_forms"), {"class_name": "7Б"}).status_code == status


def test_anonymous_goes_to_login(client, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    response = client.get(form_url(pupil))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_class_page_offers_the_classes_in_natural_order(curator, organization, world):
    for class_name in ("10А", "5Б", "5А", "7Б"):
        ParticipantFactory(organization=organization, class_name=class_name)
    ParticipantFactory(organization=world.b.organization, class_name="6В")
    response = curator.get(reverse("class_consent_forms"))
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'<option value="([^"]+)"', page)[:4] == ["5А", "5Б", "7Б", "10А"]
    assert "6В" not in page
    assert "Бланки согласий для класса" in page
    assert "Вид согласия" in page


def test_class_pdf_has_a_form_per_pupil_by_name(curator, organization):
    names = ["Яковлева", "Антонов", "Миронова"]
    for last_name in names:
        ParticipantFactory(organization=organization, class_name="7Б", last_name=last_name)
    ParticipantFactory(organization=organization, class_name="7А", last_name="Другойкласс")
    StaffFactory(organization=organization, class_name="7Б", last_name="Классныйруководитель")
    response = curator.get(reverse("class_consent_forms"), {"class_name": "7Б", "kind": "processing"})
    content = assert_pdf(response)
    pages = pdf_pages_text(content)
    starts = [index for index, text in enumerate(pages) if text.lstrip().startswith("СОГЛАСИЕ")]
    assert len(starts) == 3
    assert len(pages) >= 3
    # One form per pupil, each from a new page, in alphabetical order.
    firsts = [" ".join(pages[index].split()) for index in starts]
    assert [next(name for name in names if name in text) for text in firsts] == sorted(names)
    text = pdf_text(content)
    assert "Другойкласс" not in text and "Классныйруководитель" not in text
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_class_distribution_forms(curator, organization):
    ParticipantFactory(organization=organization, class_name="9А", last_name="Девятиклассник")
    response = curator.get(reverse("class_consent_forms"), {"class_name": "9А", "kind": "distribution"})
    text = pdf_text(assert_pdf(response))
    assert "статьёй 10.1" in text and "Девятиклассник" in text


def test_a_class_without_pupils_shows_the_form_again(curator, organization, world):
    ParticipantFactory(organization=organization, class_name="5А")
    ParticipantFactory(organization=world.b.organization, class_name="9В")
    response = curator.get(reverse("class_consent_forms"), {"class_name": "9В", "kind": "processing"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "В классе 9В нет обучающихся." in page
    assert '<option value="9В" selected>' in page  # the message is next to the class it is about


def test_the_page_says_when_no_class_is_known(curator, organization):
    response = curator.get(reverse("class_consent_forms"))
    assert "Ни у одного участника пока не указан класс" in response.content.decode()
