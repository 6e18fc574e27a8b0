"""Demo data of the registries: the demo school's partners, people, registry entries and consents.

Every person is invented: names are combined from lists of common Russian names by a random
generator with a fixed seed, so every run yields the same people. Dates follow today (the academic
year, consent terms, withdrawals), so each consent state stays what it is meant to be on whatever
day the demo is seeded. Run through ``manage.py seed_demo``; safe to run again: people are found by
name, registry entries by year, consents by kind, and only what differs is saved.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, MenteeEntry, MentorEntry, Participant, PartnerOrganization
from mentoring.pairs import demo as demo_pairs

SEED = 2026
STUDENT = Participant.Category.STUDENT
STAFF = Participant.Category.STAFF
PARENT = Participant.Category.PARENT
PROCESSING = Consent.Kind.PROCESSING
DISTRIBUTION = Consent.Kind.DISTRIBUTION
Publication = Consent.Publication

# Surnames in the masculine form; ``feminine`` gives the other one. Those of the demo logins are left
# out so that a generated pupil is never mistaken for a member of staff.
SURNAMES = [
    "Иванов", "Смирнов", "Попов", "Васильев", "Петров", "Михайлов", "Новиков", "Морозов", "Волков",
    "Алексеев", "Яковлев", "Семёнов", "Павлов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Козлов",
    "Степанов", "Николаев", "Макаров", "Андреев", "Ковалёв", "Ильин", "Гусев", "Титов", "Кудрявцев",
    "Баранов", "Куликов", "Беляев", "Тарасов", "Жуков", "Комаров", "Медведев", "Антонов", "Сорокин",
    "Фомин", "Калинин", "Романов", "Захаров", "Поляков", "Щербаков", "Чернов", "Денисов", "Карпов",
    "Вишневский", "Покровский", "Каменский", "Ткаченко", "Бондаренко",
]  # fmt: skip
# Men's names with the patronymics they give: (name, son's patronymic, daughter's patronymic).
MEN = [
    ("Александр", "Александрович", "Александровна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"), ("Артём", "Артёмович", "Артёмовна"),
    ("Борис", "Борисович", "Борисовна"), ("Вадим", "Вадимович", "Вадимовна"),
    ("Виктор", "Викторович", "Викторовна"), ("Владимир", "Владимирович", "Владимировна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Иван", "Иванович", "Ивановна"), ("Игорь", "Игоревич", "Игоревна"),
    ("Константин", "Константинович", "Константиновна"), ("Максим", "Максимович", "Максимовна"),
    ("Михаил", "Михайлович", "Михайловна"), ("Никита", "Никитич", "Никитична"),
    ("Николай", "Николаевич", "Николаевна"), ("Олег", "Олегович", "Олеговна"),
    ("Павел", "Павлович", "Павловна"), ("Роман", "Романович", "Романовна"),
    ("Сергей", "Сергеевич", "Сергеевна"), ("Юрий", "Юрьевич", "Юрьевна"),
    ("Денис", "Денисович", "Денисовна"), ("Кирилл", "Кириллович", "Кирилловна"),
    ("Илья", "Ильич", "Ильинична"), ("Антон", "Антонович", "Антоновна"),
    ("Егор", "Егорович", "Егоровна"), ("Фёдор", "Фёдорович", "Фёдоровна"),
]  # fmt: skip
WOMEN = [
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Юлия", "Анна", "Екатерина",
    "Людмила", "Галина", "Надежда", "Оксана", "Валентина", "Вера", "Лариса", "Евгения", "Алла", "Инна",
]  # fmt: skip
BOYS = [
    "Артём", "Матвей", "Тимофей", "Кирилл", "Максим", "Егор", "Никита", "Иван", "Михаил", "Даниил",
    "Арсений", "Илья", "Марк", "Лев", "Владислав", "Глеб", "Роман", "Степан", "Фёдор", "Ярослав",
]  # fmt: skip
GIRLS = [
    "Анастасия", "Мария", "Дарья", "Софья", "Полина", "Анна", "Виктория", "Екатерина", "Алиса", "Ксения",
    "Варвара", "Вероника", "Елизавета", "Арина", "Ульяна", "Милана", "Кира", "Валерия", "Ева", "Таисия",
]  # fmt: skip

# Class and number of pupils: 60 in all.
CLASSES = [("5А", 8), ("6Б", 7), ("7А", 8), ("7Б", 8), ("8В", 7), ("9А", 8), ("10А", 7), ("11А", 7)]
# Pupil number (in the order above) -> the earlier pupil whose brother or sister they are.
SIBLINGS = {40: 12}
# Pupils whose parent is in the registry as a participant (a mentor of the «родитель – ученик» form).
WITH_PARENT_PARTICIPANT = [3, 12, 22, 33, 51]
WITH_DISABILITY = [5, 26]
# Pupils whose consent is not the plain valid one, by number: what their processing consent is.
STUDENT_CONSENT_STATES = {
    44: "withdrawn_long",
    18: "withdrawn_recent",
    50: "expired",
    57: "expired",
    36: "expired",
    0: "missing",
    7: "missing",
    10: "missing",
    21: "missing",
    47: "missing",
    59: "missing",
}
STUDENT_MENTORS = [52, 56]  # a pupil of 10А and one of 11А: the «ученик – ученик» form
PREVIOUS_YEAR_MENTEES = [44, 9, 25, 31]  # 44 withdrew later: the depersonalization command has work

PARTNERS = {
    "enterprise": {
        "name": "АО «Заречный машиностроительный завод»",
        "kind": PartnerOrganization.Kind.ENTERPRISE,
        "agreement_number": "14/НС",
        "contact_phone": "+7 (3452) 41-20-15",
        "contact_email": "kadry@zmz-zarechny.example",
        "notes": "Профориентационные экскурсии и наставничество инженеров завода для 9–11 классов.",
    },
    "ngo": {
        "name": "АНО «Центр добровольчества «Открытые сердца»",
        "kind": PartnerOrganization.Kind.NGO,
        "agreement_number": "3-В",
        "contact_phone": "+7 (3452) 55-08-31",
        "contact_email": "dobro@open-hearts.example",
        "notes": "Волонтёры-наставники для детей с ОВЗ; социальные проекты.",
    },
    "college": {
        "name": "ГАПОУ «Заречный индустриальный колледж»",
        "kind": PartnerOrganization.Kind.COLLEGE,
        "agreement_number": "27",
        "contact_phone": "+7 (3452) 39-71-02",
        "contact_email": "priem@zik.example",
        "notes": "Студенты-наставники по форме «студент – ученик», дни открытых дверей.",
    },
}

# (last name, first name, patronymic, position, birth date, teaching since, login of the account)
FIXED_STAFF = [
    ("Белова", "Анна", "Сергеевна", "заместитель директора по учебно-воспитательной работе",
     datetime.date(1976, 1, 25), datetime.date(1998, 9, 1), "school.curator"),
    ("Кузнецов", "Игорь", "Петрович", "учитель математики",
     datetime.date(1979, 3, 14), datetime.date(2002, 9, 1), "school.mentor1"),
    ("Орлова", "Елена", "Андреевна", "учитель русского языка и литературы",
     datetime.date(1985, 10, 2), datetime.date(2008, 9, 1), "school.mentor2"),
    # A teacher of the centre of additional education who also works at the school (and logs in to both).
    ("Ершов", "Павел", "Дмитриевич", "педагог дополнительного образования (по совместительству)",
     datetime.date(1990, 6, 21), datetime.date(2013, 9, 1), "cdt.mentor1"),
]  # fmt: skip
# Generated staff: (position, young specialist).
STAFF_POSITIONS = [
    ("заместитель директора по воспитательной работе", False),
    ("педагог-психолог", False),
    ("социальный педагог", False),
    ("учитель математики", True),
    ("учитель русского языка и литературы", False),
    ("учитель английского языка", False),
    ("учитель английского языка", True),
    ("учитель истории и обществознания", False),
    ("учитель физики", False),
    ("учитель химии", False),
    ("учитель биологии", False),
    ("учитель географии", False),
    ("учитель информатики", True),
    ("учитель начальных классов", False),
    ("учитель начальных классов", True),
    ("учитель физической культуры", True),
    ("учитель музыки", False),
    ("учитель технологии", False),
    ("учитель изобразительного искусства", False),
    ("преподаватель-организатор ОБЗР", False),
    ("педагог-организатор", False),
]
STAFF_MENTORS = [7, 8, 10]  # generated staff by number: the history, physics and chemistry teachers
STAFF_WITHOUT_CONSENT = 19  # the new ОБЗР teacher has not signed yet
STAFF_WITH_EXPIRED_CONSENT = 20

# Mentors in the order of ``add_mentors``: (competencies, key achievements, desired mentee age from, to).
MENTOR_PROFILES = [
    ("методика преподавания математики; подготовка к ОГЭ и ЕГЭ", "Почётная грамота Минпросвещения России", 23, 60),
    (
        "классное руководство; подготовка к итоговому сочинению",
        "победитель муниципального конкурса «Учитель года»",
        23,
        60,
    ),
    ("робототехника и техническое творчество", "подготовил призёров областной олимпиады НТИ", 10, 15),
    ("проектная и исследовательская деятельность", "эксперт предметной комиссии ОГЭ", 11, 17),
    ("инженерное проектирование, САПР; профориентация", "автор рационализаторских предложений завода", 14, 17),
    ("подбор персонала, подготовка к собеседованию", "", 14, 17),
    ("инклюзивное добровольчество, арт-терапия", "«Доброволец года» Заречной области", 10, 15),
    ("технология машиностроения, 3D-моделирование", "призёр регионального чемпионата «Профессионалы»", 13, 16),
    ("математика, подготовка к олимпиадам", "призёр муниципального этапа всероссийской олимпиады", 11, 13),
    ("школьное самоуправление, школьные медиа", "председатель совета обучающихся", 11, 14),
]
PUBLICATION_SETS = [
    [Publication.NAME, Publication.PHOTO, Publication.CLASS, Publication.RESULTS],
    [Publication.PHOTO],
    [Publication.NAME, Publication.CLASS],
    [Publication.RESULTS],
    [Publication.NAME, Publication.RESULTS],
    [Publication.PHOTO, Publication.RESULTS],
]
KEY_REQUESTS = [
    "повысить успеваемость по математике",
    "подготовиться к ОГЭ по русскому языку",
    "адаптироваться в новом классе",
    "выбрать профиль обучения и будущую профессию",
    "подготовить проект к научно-практической конференции",
    "научиться планировать время и выполнять домашние задания",
    "развить навыки публичного выступления",
    "найти друзей и занятие по интересам",
    "подготовиться к олимпиаде по информатике",
    "справиться с тревогой перед контрольными",
]
TEACHER_REQUESTS = [
    "освоить методику подготовки к ОГЭ",
    "выстроить дисциплину на уроке и работу с классом",
    "разработать рабочую программу и КТП",
    "наладить взаимодействие с родителями",
    "освоить электронный журнал и цифровые ресурсы",
]
INTERESTS = [
    "спорт, футбол",
    "рисование, дизайн",
    "робототехника",
    "музыка, гитара",
    "чтение, театр",
    "программирование",
    "волонтёрство",
    "шахматы",
    "туризм и краеведение",
    "танцы",
]
LATIN = [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
]  # fmt: skip
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", LATIN, strict=True))


def feminine(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # Ткаченко, Бондаренко


def latin(text: str) -> str:
    return "".join(TRANSLIT.get(char, char) for char in text.lower())


@dataclass
class Person:
    """One participant as the demo wants it, with the consents and registry entries to go with it."""

    fields: dict
    parent_of: list[int] = field(default_factory=list)  # numbers of pupils
    user_login: str | None = None
    partner_key: str | None = None
    consents: dict[str, dict] = field(default_factory=dict)  # kind -> consent fields
    mentor: dict[int, dict] = field(default_factory=dict)  # academic year -> entry fields
    mentee: dict[int, dict] = field(default_factory=dict)
    family: dict | None = None  # a pupil's family: surname, father, guardian, phone

    @property
    def key(self) -> tuple[str, str, str]:
        return self.fields["last_name"], self.fields["first_name"], self.fields["patronymic"]

    @property
    def full_name(self) -> str:
        return " ".join(self.key)


class People:
    """Draws the demo's people; the same draws in the same order on every run, whatever the day."""

    def __init__(self, year: int, today: datetime.date):
        self.rng = random.Random(SEED)
        self.year = year
        self.today = today
        self.names = {(last, first, patronymic) for last, first, patronymic, *_ in FIXED_STAFF}

    def day(self, start: datetime.date, spread: int) -> datetime.date:
        """A day within ``spread`` days after ``start``, never later than today."""
        return min(start + datetime.timedelta(days=self.rng.randrange(spread)), self.today)

    def phone(self) -> str:
        digits = [self.rng.randrange(10) for _ in range(9)]
        return "+7 9{}{} {}{}{}-{}{}-{}{}".format(*digits)

    def unique(self, draw) -> tuple[str, str, str]:
        while (name := draw()) in self.names:
            pass
        self.names.add(name)
        return name

    def adult(self, woman: bool) -> tuple[str, str, str]:
        def draw():
            surname = self.rng.choice(SURNAMES)
            patronymic = self.rng.choice(MEN)[2 if woman else 1]
            if woman:
                return feminine(surname), self.rng.choice(WOMEN), patronymic
            return surname, self.rng.choice(MEN)[0], patronymic

        return self.unique(draw)

    def students(self) -> list[Person]:
        families: list[dict] = []
        people = []
        for class_name, count in CLASSES:
            grade = int(class_name[:-1])
            # Pupils of grade g in the academic year Y were born from 1 September Y-6-g to 31 August Y-5-g.
            born_from = datetime.date(self.year - 6 - grade, 9, 1)
            for _ in range(count):
                number = len(people)
                girl = self.rng.random() < 0.5
                family = families[SIBLINGS[number]] if number in SIBLINGS else self.family()
                families.append(family)

                def draw(family=family, girl=girl):
                    return (
                        feminine(family["surname"]) if girl else family["surname"],
                        self.rng.choice(GIRLS if girl else BOYS),
                        family["father"][2 if girl else 1],
                    )

                last, first, patronymic = self.unique(draw)
                person = Person(
                    family=family,
                    fields={
                        "category": STUDENT,
                        "last_name": last,
                        "first_name": first,
                        "patronymic": patronymic,
                        "birth_date": born_from + datetime.timedelta(days=self.rng.randrange(365)),
                        "class_name": class_name,
                        "guardian_name": family["guardian"],
                        "phone": family["phone"],
                        "has_disability": number in WITH_DISABILITY,
                    },
                )
                people.append(person)
        return people

    def family(self) -> dict:
        surname = self.rng.choice(SURNAMES)
        father = self.rng.choice(MEN)
        mother_signs = self.rng.random() < 0.7
        if mother_signs:
            guardian = (feminine(surname), self.rng.choice(WOMEN), self.rng.choice(MEN)[2])
        else:
            guardian = (surname, father[0], self.rng.choice(MEN)[1])
        self.names.add(guardian)
        return {
            "surname": surname,
            "father": father,
            "guardian": " ".join(guardian),
            "guardian_name": guardian,
            "phone": self.phone(),
        }

    def staff(self) -> list[Person]:
        people = []
        for last, first, patronymic, position, born, since, login in FIXED_STAFF:
            people.append(
                Person(
                    fields=self.staff_fields(last, first, patronymic, position, born, since),
                    user_login=login,
                )
            )
        for position, young in STAFF_POSITIONS:
            woman = self.rng.random() < (0.5 if "физической" in position or "ОБЗР" in position else 0.8)
            last, first, patronymic = self.adult(woman)
            years = self.rng.randrange(4) if young else self.rng.randrange(5, 36)
            since = datetime.date(self.year - years, 9, 1)
            born = datetime.date(self.year - years - 22 - self.rng.randrange(4), 1, 1) + datetime.timedelta(
                days=self.rng.randrange(365)
            )
            people.append(Person(fields=self.staff_fields(last, first, patronymic, position, born, since)))
        return people

    def staff_fields(self, last, first, patronymic, position, born, since) -> dict:
        return {
            "category": STAFF,
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "birth_date": born,
            "position": position,
            "teaching_since": since,
            "phone": self.phone(),
            "email": f"{latin(last)}.{latin(first[0])}{latin(patronymic[0])}@sosh3-zarechny.example",
        }

    def adults(self, category, position: str, partner_key: str, woman: bool) -> Person:
        last, first, patronymic = self.adult(woman)
        born = datetime.date(1970 + self.rng.randrange(20), 1 + self.rng.randrange(12), 1 + self.rng.randrange(28))
        fields = {"category": category, "last_name": last, "first_name": first, "patronymic": patronymic}
        fields |= {"birth_date": born, "position": position, "phone": self.phone()}
        fields["email"] = f"{latin(last)}.{latin(first[0])}@{partner_key}.example"
        return Person(fields=fields, partner_key=partner_key)

    def college_student(self, group: str) -> Person:
        woman = self.rng.random() < 0.5

        def draw():
            surname, patronymic = self.rng.choice(SURNAMES), self.rng.choice(MEN)[2 if woman else 1]
            return feminine(surname) if woman else surname, self.rng.choice(GIRLS if woman else BOYS), patronymic

        last, first, patronymic = self.unique(draw)
        born = datetime.date(self.year - 19, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))
        fields = {"category": Participant.Category.COLLEGE_STUDENT, "last_name": last, "first_name": first}
        fields |= {"patronymic": patronymic, "birth_date": born, "class_name": group, "phone": self.phone()}
        return Person(fields=fields, partner_key="college")


def build(year: int, today: datetime.date) -> tuple[dict[str, dict], list[Person]]:
    """The demo school's partners and people, with their consents and registry entries."""
    people = People(year, today)
    rng = people.rng
    previous = year - 1
    partners = {
        key: fields | {"agreement_date": datetime.date(previous, 8, 25 + number)}
        for number, (key, fields) in enumerate(PARTNERS.items())
    }
    students = people.students()
    staff = people.staff()
    representatives = [
        people.adults(Participant.Category.EMPLOYER, "инженер-конструктор", "enterprise", woman=False),
        people.adults(Participant.Category.EMPLOYER, "начальник отдела кадров", "enterprise", woman=True),
        people.adults(Participant.Category.VOLUNTEER, "координатор волонтёрских программ", "ngo", woman=True),
    ]
    college_students = [people.college_student("ТМ-23"), people.college_student("ИС-22")]
    partners["enterprise"]["contact_person"] = representatives[1].full_name
    partners["ngo"]["contact_person"] = representatives[2].full_name
    partners["college"]["contact_person"] = " ".join(people.adult(woman=True))

    parents = []
    for number in WITH_PARENT_PARTICIPANT:
        family = students[number].family
        last, first, patronymic = family["guardian_name"]
        born = datetime.date(year - 38 - rng.randrange(8), 1 + rng.randrange(12), 1 + rng.randrange(28))
        parent = Person(
            fields={
                "category": PARENT,
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "birth_date": born,
                "phone": family["phone"],
            },
            parent_of=[n for n, student in enumerate(students) if student.family is family],
        )
        parents.append(parent)

    # Consents to processing.
    start = datetime.date(year, 9, 1)
    for number, student in enumerate(students):
        state = STUDENT_CONSENT_STATES.get(number, "valid")
        term = rng.random() < 0.3
        signed_on = people.day(start, 15)
        fields = {
            "signed_by": Consent.Signer.REPRESENTATIVE,
            "representative_name": student.family["guardian"],
            "representative_document": "свидетельство о рождении",
            "signed_on": signed_on,
            "valid_until": datetime.date(year + 1, 8, 31) if term else None,
            "withdrawn_on": None,
            "withdrawal_reason": "",
            "allowed_publication": [],
        }
        if state == "missing":
            continue
        if state == "expired":
            fields |= {"signed_on": datetime.date(previous, 9, 2), "valid_until": datetime.date(year, 8, 31)}
        if state.startswith("withdrawn"):
            days, reason = (
                (40, "заявление законного представителя об отзыве согласия")
                if state == "withdrawn_long"
                else (10, "семья переезжает в другой город")
            )
            fields |= {
                "signed_on": datetime.date(previous, 9, 3),
                "valid_until": None,
                "withdrawn_on": today - datetime.timedelta(days=days),
                "withdrawal_reason": reason,
            }
        student.consents[PROCESSING] = fields
    for number, person in enumerate(staff):
        if number - len(FIXED_STAFF) == STAFF_WITHOUT_CONSENT:
            continue
        fields = {
            "signed_by": Consent.Signer.SELF,
            "representative_name": "",
            "representative_document": "",
            "signed_on": people.day(datetime.date(year, 8, 28), 10),
            "valid_until": None,
            "withdrawn_on": None,
            "withdrawal_reason": "",
            "allowed_publication": [],
        }
        if number - len(FIXED_STAFF) == STAFF_WITH_EXPIRED_CONSENT:
            fields |= {"signed_on": datetime.date(year - 2, 9, 1), "valid_until": datetime.date(year, 6, 30)}
        person.consents[PROCESSING] = fields
    for person in [*parents[:3], *representatives, *college_students]:
        person.consents[PROCESSING] = {
            "signed_by": Consent.Signer.SELF,
            "representative_name": "",
            "representative_document": "",
            "signed_on": people.day(start, 20),
            "valid_until": None,
            "withdrawn_on": None,
            "withdrawal_reason": "",
            "allowed_publication": [],
        }

    # Consents to distribution: some pupils (by their parents) and the two demo mentors.
    consenting = [n for n, s in enumerate(students) if STUDENT_CONSENT_STATES.get(n, "valid") == "valid"]
    published = rng.sample(consenting, 13)
    for index, number in enumerate(published):
        student = students[number]
        student.consents[DISTRIBUTION] = student.consents[PROCESSING] | {
            "valid_until": None,
            "allowed_publication": [str(item) for item in PUBLICATION_SETS[index % len(PUBLICATION_SETS)]],
        }
    # The last one withdrew publication only: processing goes on.
    consent = students[published[-1]].consents[DISTRIBUTION]
    consent |= {
        "withdrawn_on": max(today - datetime.timedelta(days=5), consent["signed_on"]),
        "withdrawal_reason": "родители просят не публиковать фотографии",
    }
    for person in staff[1:3]:
        person.consents[DISTRIBUTION] = person.consents[PROCESSING] | {
            "allowed_publication": [str(item) for item in PUBLICATION_SETS[0]]
        }

    # Registry entries.
    add_mentors(people, staff, students, representatives, college_students)
    add_mentees(people, staff, students, consenting)
    return partners, [*students, *staff, *parents, *representatives, *college_students]


def add_mentors(people: People, staff, students, representatives, college_students) -> None:
    rng, year, today = people.rng, people.year, people.today
    training = datetime.date(year, 10, 17)
    trained = training <= today
    generated = staff[len(FIXED_STAFF) :]
    mentors = [staff[1], staff[2], staff[3], *(generated[n] for n in STAFF_MENTORS)]
    mentors += [*representatives, college_students[0], *(students[n] for n in STUDENT_MENTORS)]
    profiles = [*MENTOR_PROFILES[:3], *[MENTOR_PROFILES[3]] * len(STAFF_MENTORS), *MENTOR_PROFILES[4:]]
    # This year's entries leave the completion fields (completed_on, results, case_url, full_cycle) to
    # the pairs demo: its units complete through the services, which write them.
    for person, (competencies, achievements, age_min, age_max) in zip(mentors, profiles, strict=True):
        adult = person.fields["category"] != STUDENT
        person.mentor[year] = {
            "entered_on": people.day(datetime.date(year, 9, 15), 15),
            "interests": rng.choice(INTERESTS),
            "competencies": competencies,
            "achievements": achievements,
            "desired_age_min": age_min,
            "desired_age_max": age_max,
            "trained": trained and adult,
            "trained_on": training if trained and adult else None,
        }
    for number, person in enumerate([staff[1], staff[2], generated[STAFF_MENTORS[0]], representatives[0]]):
        person.mentor[year - 1] = {
            "entered_on": datetime.date(year - 1, 9, 20),
            "interests": rng.choice(INTERESTS),
            "competencies": person.mentor[year]["competencies"],
            "achievements": person.mentor[year]["achievements"],
            "desired_age_min": person.mentor[year]["desired_age_min"],
            "desired_age_max": person.mentor[year]["desired_age_max"],
            "trained": True,
            "trained_on": datetime.date(year - 1, 10, 18),
            "completed_on": datetime.date(year, 5, 27),
            "results": "Наставляемые прошли полный цикл; средняя удовлетворённость 8,7 из 10.",
            "case_url": f"https://sosh3-zarechny.example/nastavnichestvo/{year - 1}/kejs-{number + 1}",
            "full_cycle": True,
        }


def add_mentees(people: People, staff, students, consenting) -> None:
    rng, year = people.rng, people.year
    young = [person for person in staff if person.fields["teaching_since"] >= datetime.date(year - 3, 9, 1)]
    # Last year's young mentees are those who already taught then.
    last_year_young = [person for person in young if person.fields["teaching_since"] < datetime.date(year, 9, 1)][:2]
    pool = [n for n in consenting if n not in STUDENT_MENTORS]
    mentees = [*young, *(students[n] for n in sorted(rng.sample(pool, 35 - len(young))))]
    for person in mentees:
        teacher = person.fields["category"] == STAFF
        person.mentee[year] = {
            "entered_on": people.day(datetime.date(year, 9, 20), 20),
            "interests": rng.choice(INTERESTS),
            "key_request": rng.choice(TEACHER_REQUESTS if teacher else KEY_REQUESTS),
        }
    previous = [*last_year_young, *(students[n] for n in PREVIOUS_YEAR_MENTEES)]
    for index, person in enumerate(previous):
        teacher = person.fields["category"] == STAFF
        full_cycle = index != len(previous) - 1  # the last one left in the spring
        person.mentee[year - 1] = {
            "entered_on": datetime.date(year - 1, 9, 25),
            "interests": rng.choice(INTERESTS),
            "key_request": rng.choice(TEACHER_REQUESTS if teacher else KEY_REQUESTS),
            "completed_on": datetime.date(year, 5, 27) if full_cycle else datetime.date(year, 3, 14),
            "results": (
                "Цель индивидуального плана достигнута, рост по итогам анкетирования."
                if full_cycle
                else "Досрочное завершение: сменился запрос, продолжит в новом учебном году."
            ),
            "case_url": "",
            "full_cycle": full_cycle,
        }


def _put(obj, values: dict, by) -> bool:
    """Sets what differs and saves only then, so that a second run writes nothing."""
    changed = obj.pk is None
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj._history_user = by
        obj.save()
    return changed


def seed(world: DemoWorld) -> None:
    school = world.organizations["school"]
    curator = world.users.get("school.curator")
    today = timezone.localdate()
    year = academic_year_of(today)
    partner_specs, people = build(year, today)

    partners = {}
    for key, fields in partner_specs.items():
        partner = PartnerOrganization.objects.filter(organization=school, name=fields["name"]).first()
        partner = partner or PartnerOrganization(organization=school)
        _put(partner, fields, curator)
        partners[key] = partner

    existing = {}
    # A demo person depersonalized by ``depersonalize_withdrawn`` keeps category, class and position:
    # the next seeding gives the same record its name back instead of creating a second one.
    depersonalized = {}
    for participant in Participant.objects.filter(organization=school).order_by("pk"):
        if participant.depersonalized_at:
            depersonalized.setdefault((participant.category, participant.class_name, participant.position), []).append(
                participant
            )
        else:
            existing.setdefault((participant.last_name, participant.first_name, participant.patronymic), participant)

    records = []
    for person in people:
        participant = existing.get(person.key)
        if participant is None:
            pool = depersonalized.get(
                (person.fields["category"], person.fields.get("class_name", ""), person.fields.get("position", ""))
            )
            participant = pool.pop(0) if pool else Participant(organization=school)
        values = {
            "email": "",
            "phone": "",
            "guardian_name": "",
            "class_name": "",
            "position": "",
            "birth_date": None,
            "teaching_since": None,
            "has_disability": False,
            "depersonalized_at": None,
            **person.fields,
            "partner_id": partners[person.partner_key].pk if person.partner_key else None,
            "user_id": world.users[person.user_login].pk if person.user_login else None,
        }
        if person.user_login:  # the registry and the account agree on the address
            values["email"] = world.users[person.user_login].email
        _put(participant, values, curator)
        records.append(participant)

    for person, participant in zip(people, records, strict=True):
        for number in person.parent_of:
            child = records[number]
            if not child.parents.filter(pk=participant.pk).exists():
                child.parents.add(participant)

    ids = [participant.pk for participant in records]
    _sync_consents(people, records, ids, curator)
    for model, attribute in ((MentorEntry, "mentor"), (MenteeEntry, "mentee")):
        entries = {(e.participant_id, e.academic_year): e for e in model.objects.filter(participant_id__in=ids)}
        for person, participant in zip(people, records, strict=True):
            for entry_year, fields in getattr(person, attribute).items():
                entry = entries.get((participant.pk, entry_year)) or model(
                    participant=participant, academic_year=entry_year
                )
                _put(entry, fields, curator)
    # The pairs and groups come from the registries just written.
    demo_pairs.seed(world)


def _sync_consents(people, records, ids, curator) -> None:
    """One demo consent per person and kind: the earliest recorded one is brought to what the demo wants."""
    consents = {}
    for consent in Consent.objects.filter(participant_id__in=ids).order_by("pk"):
        consents.setdefault((consent.participant_id, consent.kind), consent)
    for person, participant in zip(people, records, strict=True):
        for kind in (PROCESSING, DISTRIBUTION):
            consent = consents.get((participant.pk, kind))
            fields = person.consents.get(kind)
            if fields is None:
                if consent is not None:  # the demo wants this person without a consent of that kind
                    Consent.objects.filter(participant=participant, kind=kind).delete()
                continue
            consent = consent or Consent(participant=participant, kind=kind, created_by=curator)
            _put(consent, fields, curator)
