"""Russian grammar of the documents (mentoring.declension and the templates' filters): names,
positions, organizations and places in the case a sentence needs, checked against the forms a
Russian reader expects. The names and titles are invented, the hard ones on purpose."""

import pytest
from django.template import Context, Engine

from mentoring import declension
from mentoring.declension import (
    ACCUSATIVE,
    DATIVE,
    FEMALE,
    GENITIVE,
    INSTRUMENTAL,
    MALE,
    NOMINATIVE,
    PREPOSITIONAL,
    UNKNOWN,
)

PEOPLE = [
    # (full name, gender or None to guess, case, expected)
    ("Холодова Наталья Ивановна", None, ACCUSATIVE, "Холодову Наталью Ивановну"),
    ("Белова Анна Сергеевна", None, ACCUSATIVE, "Белову Анну Сергеевну"),
    ("Белова Анна Сергеевна", None, GENITIVE, "Беловой Анны Сергеевны"),
    ("Белова Анна Сергеевна", None, DATIVE, "Беловой Анне Сергеевне"),
    ("Белова Анна Сергеевна", None, INSTRUMENTAL, "Беловой Анной Сергеевной"),
    ("Белова Анна Сергеевна", None, PREPOSITIONAL, "Беловой Анне Сергеевне"),
    ("Белова Анна Сергеевна", None, NOMINATIVE, "Белова Анна Сергеевна"),
    ("Кузнецов Игорь Петрович", None, ACCUSATIVE, "Кузнецова Игоря Петровича"),
    ("Кузнецов Игорь Петрович", None, INSTRUMENTAL, "Кузнецовым Игорем Петровичем"),
    ("Соколов Илья Ильич", None, DATIVE, "Соколову Илье Ильичу"),
    ("Смирнова Любовь Никитична", None, INSTRUMENTAL, "Смирновой Любовью Никитичной"),
    ("Павлов Лев Николаевич", None, GENITIVE, "Павлова Льва Николаевича"),
    ("Толстой Никита Павлович", None, DATIVE, "Толстому Никите Павловичу"),
    ("Ильина Мария Кузьминична", None, ACCUSATIVE, "Ильину Марию Кузьминичну"),
    # Surnames that do not decline.
    ("Шевчук Ольга Петровна", None, GENITIVE, "Шевчук Ольги Петровны"),
    ("Шевчук Олег Петрович", None, GENITIVE, "Шевчука Олега Петровича"),
    ("Дюма Александр Александрович", None, DATIVE, "Дюма Александру Александровичу"),
    ("Черных Мария Ивановна", None, INSTRUMENTAL, "Черных Марией Ивановной"),
    ("Черных Пётр Андреевич", None, ACCUSATIVE, "Черных Петра Андреевича"),
    ("Ли Мария Сергеевна", None, ACCUSATIVE, "Ли Марию Сергеевну"),
    ("Алещенко Иван Андреевич", None, DATIVE, "Алещенко Ивану Андреевичу"),
    ("Руденко Оксана Викторовна", None, GENITIVE, "Руденко Оксаны Викторовны"),
    ("Кох Елена Юрьевна", None, DATIVE, "Кох Елене Юрьевне"),
    ("Кох Андрей Юрьевич", None, DATIVE, "Коху Андрею Юрьевичу"),
    # Double surnames.
    ("Римская-Корсакова Елена Андреевна", None, ACCUSATIVE, "Римскую-Корсакову Елену Андреевну"),
    ("Петров-Водкин Кузьма Сергеевич", None, INSTRUMENTAL, "Петровым-Водкиным Кузьмой Сергеевичем"),
    # Turkic patronymics: the father's name and «оглы/кызы» keep their form.
    ("Алиев Рашид Мамед оглы", None, DATIVE, "Алиеву Рашиду Мамед оглы"),
    ("Мамедова Айгуль Рашид кызы", None, GENITIVE, "Мамедовой Айгуль Рашид кызы"),
    # Initials with the surname: only the surname declines.
    ("С.И. Семенова", None, DATIVE, "С.И. Семеновой"),
    ("Л. В. Голованова", None, GENITIVE, "Л. В. Головановой"),
    ("Михайлова Е.В.", None, INSTRUMENTAL, "Михайловой Е.В."),
    ("И. А. Алещенко", None, DATIVE, "И. А. Алещенко"),
    # The gender of the field wins where the name cannot tell it.
    ("Ким Женя", FEMALE, ACCUSATIVE, "Ким Женю"),
    ("Ким Женя", MALE, GENITIVE, "Кима Жени"),
]


@pytest.mark.parametrize(("name", "gender", "case", "expected"), PEOPLE)
def test_people(name, gender, case, expected):
    assert declension.decline_person(name, case, gender or UNKNOWN) == expected


PHRASES = [
    # Positions: the head noun phrase declines, its genitive and abbreviations stay.
    ("заместитель директора по УВР", ACCUSATIVE, "заместителя директора по УВР"),
    ("заместитель директора по УВР", INSTRUMENTAL, "заместителем директора по УВР"),
    ("учитель начальных классов", GENITIVE, "учителя начальных классов"),
    ("старший воспитатель", ACCUSATIVE, "старшего воспитателя"),
    ("педагог-психолог", INSTRUMENTAL, "педагогом-психологом"),
    ("учитель-логопед", ACCUSATIVE, "учителя-логопеда"),
    ("социальный педагог", DATIVE, "социальному педагогу"),
    ("медицинская сестра", ACCUSATIVE, "медицинскую сестру"),
    ("вожатый", GENITIVE, "вожатого"),
    ("старший вожатый", ACCUSATIVE, "старшего вожатого"),
    ("учитель математики, классный руководитель", DATIVE, "учителю математики, классному руководителю"),
    ("начальник управления образования", GENITIVE, "начальника управления образования"),
    ("Директор", INSTRUMENTAL, "Директором"),
    ("Руководители образовательных организаций", DATIVE, "Руководителям образовательных организаций"),
    ("председатель совета обучающихся", ACCUSATIVE, "председателя совета обучающихся"),
    # Municipalities and regions.
    ("Заречный городской округ", GENITIVE, "Заречного городского округа"),
    ("Заречный городской округ", PREPOSITIONAL, "Заречном городском округе"),
    ("Заречный городской округ", ACCUSATIVE, "Заречный городской округ"),
    ("Кавказский муниципальный район", GENITIVE, "Кавказского муниципального района"),
    ("муниципальный район", GENITIVE, "муниципального района"),
    ("Бодайбинский район", PREPOSITIONAL, "Бодайбинском районе"),
    ("муниципальное образование Кавказский район", GENITIVE, "муниципального образования Кавказский район"),
    ("МО Кавказский район", GENITIVE, "МО Кавказский район"),
    ("городской округ Заречный", DATIVE, "городскому округу Заречный"),
    ("Волгоградская область", GENITIVE, "Волгоградской области"),
    ("Иркутская область", PREPOSITIONAL, "Иркутской области"),
    # Places: the abbreviated kind is written out and declines; an adjective-like name agrees.
    ("ст. Кавказская", GENITIVE, "станицы Кавказской"),
    ("ст. Кавказская", PREPOSITIONAL, "станице Кавказской"),
    ("г. Бодайбо", GENITIVE, "города Бодайбо"),
    ("г. Заречный", PREPOSITIONAL, "городе Заречном"),
    ("с. Ивановка", GENITIVE, "села Ивановка"),
    ("ст. Кавказская", NOMINATIVE, "ст. Кавказская"),
    # Organizations: the quoted name never declines, only a leading common noun phrase does.
    ("МБОУ «СОШ № 3»", GENITIVE, "МБОУ «СОШ № 3»"),
    ("МКУ «Ресурсный центр»", DATIVE, "МКУ «Ресурсный центр»"),
    (
        "муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 3»",
        GENITIVE,
        "муниципального бюджетного общеобразовательного учреждения «Средняя школа № 3»",
    ),
    (
        "Муниципальное автономное учреждение дополнительного образования «Дом творчества»",
        PREPOSITIONAL,
        "Муниципальном автономном учреждении дополнительного образования «Дом творчества»",
    ),
    ("Детский сад № 5", PREPOSITIONAL, "Детском саду № 5"),
    ("Заречный машиностроительный завод", DATIVE, "Заречному машиностроительному заводу"),
    ("АО «Заречный машиностроительный завод»", DATIVE, "АО «Заречный машиностроительный завод»"),
    (
        "Управление образования администрации Заречного городского округа",
        GENITIVE,
        "Управления образования администрации Заречного городского округа",
    ),
    ("образовательные организации", GENITIVE, "образовательных организаций"),
    ("ЗАРЕЧНЫЙ ГОРОДСКОЙ ОКРУГ", GENITIVE, "ЗАРЕЧНОГО ГОРОДСКОГО ОКРУГА"),
]


@pytest.mark.parametrize(("text", "case", "expected"), PHRASES)
def test_phrases(text, case, expected):
    assert declension.decline(text, case) == expected


@pytest.mark.parametrize(
    ("patronymic", "gender"),
    [
        ("Иванович", MALE),
        ("Ильич", MALE),
        ("Кузьмич", MALE),
        ("Мамед оглы", MALE),
        ("Ивановна", FEMALE),
        ("Ильинична", FEMALE),
        ("Никитична", FEMALE),
        ("Рашид кызы", FEMALE),
        ("", UNKNOWN),
        ("Smith", UNKNOWN),
    ],
)
def test_gender_from_the_patronymic(patronymic, gender):
    assert declension.gender_from_patronymic(patronymic) == gender


@pytest.mark.parametrize(
    ("words", "gender", "expected"),
    [
        ("обучающийся", FEMALE, "обучающаяся"),
        ("обучающийся", MALE, "обучающийся"),
        ("обучающийся", UNKNOWN, "обучающийся"),
        ("назначенный", FEMALE, "назначенная"),
        ("ознакомлен", FEMALE, "ознакомлена"),
        ("прошедший обучение", FEMALE, "прошедшая обучение"),
        ("студент/студентка", FEMALE, "студентка"),
        ("студент/студентка", MALE, "студент"),
    ],
)
def test_agreement_with_gender(words, gender, expected):
    assert declension.agree(words, gender) == expected


def test_classes_and_groups():
    assert declension.study_group("10А", school=True, case=GENITIVE) == "10А класса"
    assert declension.study_group("ТМ-21", school=False, case=GENITIVE) == "группы ТМ-21"
    assert declension.study_group("ТМ-21", school=False) == "группа ТМ-21"


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="Unknown case"):
        declension.decline("Заречный городской округ", "ablative")


def render(template: str, **context) -> str:
    engine = Engine(builtins=["reports.templatetags.declension"], autoescape=False)
    return engine.from_string(template).render(Context(context))


class TestTheTemplateFilters:
    def test_a_person_with_a_position(self):
        curator = declension.Person("Белова Анна Сергеевна", FEMALE, position="заместитель директора по УВР")
        template = "Назначить куратором {{ curator|accusative }}, {{ curator.position|accusative }}."
        text = render(template, curator=curator)
        assert text == "Назначить куратором Белову Анну Сергеевну, заместителя директора по УВР."

    def test_a_municipality_by_its_name(self):
        class Municipality:
            name = "Заречный городской округ"

            def __str__(self):
                return self.name

        text = render("в образовательных организациях {{ municipality|genitive }}", municipality=Municipality())
        assert text == "в образовательных организациях Заречного городского округа"

    def test_every_case_has_its_filter(self):
        rendered = render(
            "{{ p|nominative }}|{{ p|genitive }}|{{ p|dative }}|{{ p|accusative }}|{{ p|instrumental }}|"
            "{{ p|prepositional }}",
            p="ст. Кавказская",
        )
        assert rendered.split("|") == [
            "ст. Кавказская",
            "станицы Кавказской",
            "станице Кавказской",
            "станицу Кавказскую",
            "станицей Кавказской",
            "станице Кавказской",
        ]

    def test_agreement_with_the_persons_gender(self):
        girl = declension.Person("Ковалёва Дарья Олеговна", FEMALE)
        boy = declension.Person("Ковалёв Даниил Олегович", MALE)
        template = '{{ person|agree:"обучающийся" }} {{ person|agree:"назначенный" }}'
        assert render(template, person=girl) == "обучающаяся назначенная"
        assert render(template, person=boy) == "обучающийся назначенный"

    def test_a_gender_left_unknown_is_taken_from_the_name(self):
        person = declension.Person("Ковалёва Дарья Олеговна")
        assert render('{{ person|agree:"обучающийся" }}', person=person) == "обучающаяся"

    def test_nothing_to_decline_prints_nothing(self):
        assert render("[{{ curator|accusative }}]", curator=None) == "[]"
        assert render("[{{ curator|accusative }}]", curator="") == "[]"


@pytest.mark.parametrize(
    ("sentence", "feminine"),
    [
        ("%(name)s добавлен.", "%(name)s добавлена."),
        ("%(name)s выбыл %(date)s: %(unit)s.", "%(name)s выбыла %(date)s: %(unit)s."),
        ("%(name)s вышел из группы.", "%(name)s вышла из группы."),
        ("%(name)s исключён из состава: %(unit)s.", "%(name)s исключена из состава: %(unit)s."),
        ("вернул на доработку", "вернула на доработку"),
        # A short adjective as likely as the participle: the participle; the adjectives stay.
        (
            "предложен наставником в этой форме: у одного человека одна роль",
            "предложена наставником в этой форме: у одного человека одна роль",
        ),
        ("Был назначен куратором.", "Была назначена куратором."),
    ],
)
def test_a_sentence_about_a_woman_agrees_its_predicate(sentence, feminine):
    assert declension.agree_predicate(sentence, declension.FEMALE) == feminine
    assert declension.agree_predicate(sentence, declension.MALE) == sentence
    assert declension.agree_predicate(sentence, declension.UNKNOWN) == sentence


def test_agreed_with_takes_the_gender_a_participant_or_a_name_says():
    assert declension.agreed_with("%(name)s вышел.", declension.Person("Ёлкина Мария")) == "%(name)s вышла."
    assert declension.agreed_with("%(name)s вышел.", "Петров Иван Сергеевич") == "%(name)s вышел."
    assert declension.agreed_with("%(name)s вышел.", None) == "%(name)s вышел."


@pytest.mark.parametrize(
    ("number", "words", "case", "expected"),
    [
        (1, "образовательная организация", "nominative", "1 образовательная организация"),
        (3, "образовательная организация", "nominative", "3 образовательные организации"),
        (5, "образовательная организация", "nominative", "5 образовательных организаций"),
        (11, "организация", "nominative", "11 организаций"),
        (21, "организация", "nominative", "21 организация"),
        (22, "показатель", "nominative", "22 показателя"),
        (3, "показатель", declension.DATIVE, "3 показателям"),
        (1, "показатель", declension.DATIVE, "1 показателю"),
        (9, "показатель", declension.GENITIVE, "9 показателей"),
        (2, "наставляемый", "nominative", "2 наставляемых"),
        (0, "пара", "nominative", "0 пар"),
    ],
)
def test_numbers_agree_with_their_nouns(number, words, case, expected):
    """«3 образовательные организации», «по 3 показателям» (mentoring.declension.counted, pymorphy3)."""
    assert declension.counted(number, words, case) == expected
