from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.requisites import validate_inn, validate_kpp, validate_ogrn, validate_okpo, validate_postal_code


def validate_number_pattern(pattern: str) -> None:
    """A pattern has {n} once and no other braces: it is filled with str.replace, never format()."""
    if pattern.count("{n}") != 1 or pattern.replace("{n}", "").count("{") or pattern.count("}") != 1:
        raise ValidationError(_("Write {n} once where the number goes, e.g. {n}-ОД."))


# Digits with the usual separators: «+7 (34000) 2-14-07», «8 912 345-67-89», an extension «доб. 12».
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,22}[0-9]( ?(доб\.|доб) ?[0-9]{1,5})?$",
    _("A phone number of digits, spaces, brackets and hyphens, e.g. +7 (34000) 2-14-07."),
)


def phone_field(verbose_name) -> models.CharField:
    """A phone as documents print it, of a person or of an organization."""
    return models.CharField(
        verbose_name,
        max_length=30,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text=_("As it is printed in documents, e.g. +7 (34000) 2-14-07."),
    )


class User(AbstractUser):
    """A person who logs in; signs in by username or e-mail."""

    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    # A work phone for the documents the person prepares («Исполнитель: …, тел. …»).
    phone = phone_field(_("work phone"))
    # The version for the visually impaired as the person set it (accounts.accessibility.Preferences);
    # empty until they do, and then the browser's cookie decides.
    accessibility = models.JSONField(_("version for the visually impaired"), default=dict, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = [*name_order(), "username"]
        constraints = [
            # E-mail is a login, so two accounts may not share one (letter case aside).
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="accounts_user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Фамилия Имя Отчество, as Russian documents write it."""
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    def get_short_name(self):
        """Фамилия И. О."""
        initials = " ".join(f"{part[0]}." for part in (self.first_name, self.patronymic) if part)
        return f"{self.last_name} {initials}".strip() or self.username


class Region(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReferenceData(models.Model):
    """The reference data of ГОСТ Р 7.0.97-2016 (requisite 07) that a letterhead prints under the
    name of the organization: postal address, phone, e-mail, website, ОКПО, ОГРН, ИНН/КПП."""

    postal_code = models.CharField(_("postal code"), max_length=6, blank=True, validators=[validate_postal_code])
    address = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Street and building, e.g. «ул. Школьная, д. 12»: letterheads add the city, region and postal code."
        ),
    )
    phone = phone_field(_("phone"))
    email = models.EmailField(_("e-mail"), blank=True)
    # The registration numbers a letterhead and a consent to distribution name.
    okpo = models.CharField(_("OKPO"), max_length=10, blank=True, validators=[validate_okpo])
    ogrn = models.CharField(_("OGRN"), max_length=15, blank=True, validators=[validate_ogrn])
    inn = models.CharField(_("INN"), max_length=12, blank=True, validators=[validate_inn])
    kpp = models.CharField(_("KPP"), max_length=9, blank=True, validators=[validate_kpp])

    class Meta:
        abstract = True


LETTER_NUMBER_PATTERN_HELP = _(
    "Outgoing letters are numbered apart from orders: {n} is the letter's number within the calendar year, "
    "e.g. {n} gives «исх. № 12»."
)


class Municipality(ReferenceData):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=300)
    authority = models.CharField(
        _("education authority"),
        max_length=500,
        blank=True,
        help_text=_("The body that issues municipal orders, printed at the top of them."),
    )
    city = models.CharField(_("city or settlement"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Signs the municipal orders and letters.
    head_name = models.CharField(_("head's full name"), max_length=300, blank=True)
    head_position = models.CharField(
        _("head's position"),
        max_length=200,
        blank=True,
        help_text=_("As it is printed above the signature, e.g. «Начальник управления образования»."),
    )
    order_number_pattern = models.CharField(
        _("order number pattern"),
        max_length=50,
        default="{n}",
        help_text=_("{n} is the number within the year."),
        validators=[validate_number_pattern],
    )
    letter_number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=50,
        default="{n}",
        help_text=LETTER_NUMBER_PATTERN_HELP,
        validators=[validate_number_pattern],
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="accounts_municipality_unique_name"),
        ]

    def __str__(self):
        return self.name


class RussianTimeZone(models.TextChoices):
    """The eleven time zones of Russia, by their IANA names."""

    KALININGRAD = "Europe/Kaliningrad", _("Kaliningrad (UTC+2)")
    MOSCOW = "Europe/Moscow", _("Moscow (UTC+3)")
    SAMARA = "Europe/Samara", _("Samara (UTC+4)")
    YEKATERINBURG = "Asia/Yekaterinburg", _("Yekaterinburg (UTC+5)")
    OMSK = "Asia/Omsk", _("Omsk (UTC+6)")
    KRASNOYARSK = "Asia/Krasnoyarsk", _("Krasnoyarsk (UTC+7)")
    IRKUTSK = "Asia/Irkutsk", _("Irkutsk (UTC+8)")
    YAKUTSK = "Asia/Yakutsk", _("Yakutsk (UTC+9)")
    VLADIVOSTOK = "Asia/Vladivostok", _("Vladivostok (UTC+10)")
    MAGADAN = "Asia/Magadan", _("Magadan (UTC+11)")
    KAMCHATKA = "Asia/Kamchatka", _("Kamchatka (UTC+12)")


class Organization(ReferenceData):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        ADDITIONAL = "additional", _("additional education")
        COLLEGE = "college", _("college")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("municipality")
    )
    full_name = models.CharField(_("full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    founder = models.CharField(
        _("founder"), max_length=500, blank=True, help_text=_("Printed above the organization's name in orders.")
    )
    city = models.CharField(_("city or settlement"), max_length=200, blank=True)
    website = models.URLField(
        _("website"), blank=True, help_text=_("Where cases and results are published; named in consents.")
    )
    director_name = models.CharField(_("director's full name"), max_length=300, blank=True)
    director_position = models.CharField(_("director's position"), max_length=200, default="Директор")
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=RussianTimeZone.choices, default=RussianTimeZone.MOSCOW
    )
    order_number_pattern = models.CharField(
        _("order number pattern"),
        max_length=50,
        default="{n}-ОД",
        help_text=_("{n} is the number within the calendar year, e.g. {n}-ОД gives 17-ОД."),
        validators=[validate_number_pattern],
    )
    letter_number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=50,
        default="{n}",
        help_text=LETTER_NUMBER_PATTERN_HELP,
        validators=[validate_number_pattern],
    )
    # Goes up whenever something the indicators count changes in the organization: the dashboard's
    # cached live counts are kept under it (monitoring/indicators/live_cache.py).
    data_version = models.PositiveIntegerField(_("data version"), default=0, editable=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("municipal coordinator")
    DIRECTOR = "director", _("director")
    CURATOR = "curator", _("curator")
    MENTOR = "mentor", _("mentor")
    MENTEE = "mentee", _("mentee")


class Membership(models.Model):
    """A user's role in one organization, or (for a coordinator) in one municipality."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "role"]
        constraints = [
            # A coordinator acts for a municipality; every other role for one organization.
            models.CheckConstraint(
                condition=(
                    Q(role=Role.COORDINATOR, municipality__isnull=False, organization__isnull=True)
                    | (~Q(role=Role.COORDINATOR) & Q(organization__isnull=False, municipality__isnull=True))
                ),
                name="accounts_membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="accounts_membership_unique_in_organization",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="accounts_membership_unique_in_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.scope}"

    @property
    def scope(self) -> Organization | Municipality:
        return self.organization or self.municipality
