"""Demo data of the accounts app: the region, the municipality, three organizations and their staff.

All names are invented. Run through ``manage.py seed_demo``; safe to run again.
"""

from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.hashers import make_password

from accounts.models import Membership, Municipality, Organization, Region, Role, User

DEMO_PASSWORD = "demo2026"


@dataclass
class DemoWorld:
    """What the demo seeders of the apps create and pass on to each other."""

    region: Region | None = None
    municipality: Municipality | None = None
    organizations: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    # (login, password, what the login is for), printed at the end.
    logins: list[tuple[str, str, str]] = field(default_factory=list)


ORGANIZATIONS = {
    "school": {
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 3 г. Заречного»",
        "short_name": "МБОУ «СОШ № 3»",
        "kind": Organization.Kind.SCHOOL,
        "director_name": "Соколова Марина Викторовна",
        "address": "ул. Школьная, д. 12",
        "postal_code": "623003",
        "phone": "+7 (34000) 2-10-03",
        "email": "school3@zarechny.example",
        "website": "https://school3.zarechny.example",
        # Invented codes with right control digits; region 00 of ИНН and ОГРН belongs to no real organization.
        "okpo": "00000035",
        "ogrn": "1020000000030",
        "inn": "0003000030",
        "kpp": "000301001",
    },
    "kindergarten": {
        "full_name": "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 7 «Ромашка»",
        "short_name": "МБДОУ «Детский сад № 7»",
        "kind": Organization.Kind.KINDERGARTEN,
        "director_name": "Егорова Наталья Павловна",
        "director_position": "Заведующий",
        "address": "ул. Садовая, д. 4",
        "postal_code": "623007",
        "phone": "+7 (34000) 2-20-07",
        "email": "ds7@zarechny.example",
        "okpo": "00000075",
        "ogrn": "1020000000074",
        "inn": "0003000070",
        "kpp": "000301001",
    },
    "cdt": {
        "full_name": "Муниципальное бюджетное учреждение дополнительного образования «Центр детского творчества»",
        "short_name": "МБУ ДО «ЦДТ»",
        "kind": Organization.Kind.ADDITIONAL,
        "director_name": "Лебедев Олег Николаевич",
        "address": "пр. Мира, д. 25",
        "postal_code": "623025",
        "phone": "+7 (34000) 2-25-25",
        "email": "cdt@zarechny.example",
        "website": "https://cdt.zarechny.example",
        "okpo": "00000253",
        "ogrn": "1020000000250",
        "inn": "0003000256",
        "kpp": "000301001",
    },
}

# The education authority that issues the municipal orders and letters, and its head who signs them.
MUNICIPALITY = {
    "authority": "Управление образования администрации Заречного городского округа",
    "city": "г. Заречный",
    "address": "ул. Ленина, д. 1",
    "postal_code": "623100",
    "phone": "+7 (34000) 2-14-00",
    "email": "uo@zarechny.example",
    "website": "https://uo.zarechny.example",
    "okpo": "00001005",
    "ogrn": "1020000001009",
    "inn": "0003001002",
    "kpp": "000301001",
    "head_name": "Голованова Людмила Васильевна",
    "head_position": "Начальник управления образования",
}

# login: (last name, first name, patronymic, role, organization key or None for the municipality)
STAFF = {
    "coordinator": ("Миронова", "Светлана", "Игоревна", Role.COORDINATOR, None),
    "school.director": ("Соколова", "Марина", "Викторовна", Role.DIRECTOR, "school"),
    "school.curator": ("Белова", "Анна", "Сергеевна", Role.CURATOR, "school"),
    "school.mentor1": ("Кузнецов", "Игорь", "Петрович", Role.MENTOR, "school"),
    "school.mentor2": ("Орлова", "Елена", "Андреевна", Role.MENTOR, "school"),
    "kindergarten.director": ("Егорова", "Наталья", "Павловна", Role.DIRECTOR, "kindergarten"),
    "kindergarten.curator": ("Зайцева", "Ольга", "Николаевна", Role.CURATOR, "kindergarten"),
    "kindergarten.mentor1": ("Федорова", "Татьяна", "Ивановна", Role.MENTOR, "kindergarten"),
    "kindergarten.mentor2": ("Никитина", "Юлия", "Олеговна", Role.MENTOR, "kindergarten"),
    "cdt.director": ("Лебедев", "Олег", "Николаевич", Role.DIRECTOR, "cdt"),
    "cdt.curator": ("Громова", "Ирина", "Алексеевна", Role.CURATOR, "cdt"),
    "cdt.mentor1": ("Ершов", "Павел", "Дмитриевич", Role.MENTOR, "cdt"),
    "cdt.mentor2": ("Киселёва", "Дарья", "Романовна", Role.MENTOR, "cdt"),
}

# Work phones of those who prepare documents (invented numbers), printed as «Исполнитель: …, тел. …».
PHONES = {
    "coordinator": "+7 (34000) 2-14-07",
    "school.curator": "+7 (34000) 2-31-15",
    "kindergarten.curator": "+7 (34000) 2-40-62",
    "cdt.curator": "+7 (34000) 2-55-19",
}

# A teacher of additional education who also mentors at the school: shows the role switcher.
EXTRA_MEMBERSHIPS = [("cdt.mentor1", Role.MENTOR, "school")]


@cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; every demo login shares the one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _user(login: str, last: str, first: str, patronymic: str, **extra) -> User:
    user, _ = User.objects.update_or_create(
        username=login,
        defaults={
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "email": f"{login}@demo.mentoring.local",
            "password": _demo_password_hash(),
            **extra,
        },
    )
    return user


def seed(world: DemoWorld) -> None:
    world.region, _ = Region.objects.get_or_create(name="Заречная область")
    world.municipality, _ = Municipality.objects.update_or_create(
        region=world.region, name="Заречный городской округ", defaults=MUNICIPALITY
    )
    for key, fields in ORGANIZATIONS.items():
        world.organizations[key], _ = Organization.objects.update_or_create(
            municipality=world.municipality,
            short_name=fields["short_name"],
            defaults={
                **fields,
                "founder": "Управление образования администрации Заречного городского округа",
                "city": "г. Заречный",
            },
        )

    admin = _user("admin", "Администратор", "Системный", "", is_staff=True, is_superuser=True)
    world.users["admin"] = admin
    world.logins.append(("admin", DEMO_PASSWORD, "суперпользователь, /admin/"))

    for login, (last, first, patronymic, role, org_key) in STAFF.items():
        user = _user(login, last, first, patronymic, phone=PHONES.get(login, ""))
        world.users[login] = user
        scope = {"organization": world.organizations[org_key]} if org_key else {"municipality": world.municipality}
        membership, _ = Membership.objects.get_or_create(user=user, role=role, **scope)
        world.logins.append((login, DEMO_PASSWORD, str(membership)))

    for login, role, org_key in EXTRA_MEMBERSHIPS:
        membership, _ = Membership.objects.get_or_create(
            user=world.users[login], role=role, organization=world.organizations[org_key]
        )
        world.logins.append((login, DEMO_PASSWORD, f"также {membership}"))
