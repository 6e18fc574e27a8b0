"""The registries of an organization: participants, their registry entries, partners, consents."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.collation import name_order
from accounts.models import Organization, Role
from mentoring.academic_year import academic_year_label
from mentoring.declension import gender_from_patronymic
from mentoring.uploads import stored_name

ADULT_AGE = 18
YOUNG_SPECIALIST_YEARS = 3
# "7Б", "11 А", "5": a school class is a grade 1–11 and an optional letter.
SCHOOL_CLASS = re.compile(r"^\s*(?P<grade>\d{1,2})\s*-?\s*(?P<letter>[А-ЯЁA-Z]?)\s*$", re.IGNORECASE)


def full_years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class PartnerOrganization(models.Model):
    """An enterprise, NGO, university or college that provides mentors under an agreement."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        NGO = "ngo", _("non-profit organization")
        UNIVERSITY = "university", _("university")
        COLLEGE = "college", _("college")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="partners", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ENTERPRISE)
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)
    agreement_date = models.DateField(_("agreement date"), null=True, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="mentoring_partner_unique_name"),
        ]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    UNKNOWN = "", _("not known")
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Participant(models.Model):
    """A person known to one organization: a would-be mentor, mentee, or a parent."""

    Gender = Gender

    class Category(models.TextChoices):
        STUDENT = "student", _("student")
        STAFF = "staff", _("teacher or other staff")
        PARENT = "parent", _("parent")
        ALUMNUS = "alumnus", _("alumnus")
        COLLEGE_STUDENT = "college_student", _("college student")
        EMPLOYER = "employer", _("employer's representative")
        VOLUNTEER = "volunteer", _("NGO representative or volunteer")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="participants", verbose_name=_("organization")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    last_name = models.CharField(_("last name"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    # Documents agree words with it («обучающаяся 7А класса», «назначенная»); filled from the patronymic.
    gender = models.CharField(
        _("gender"),
        max_length=6,
        choices=Gender.choices,
        blank=True,
        default=Gender.UNKNOWN,
        help_text=_("Filled in from the patronymic; documents about the person agree with it."),
    )
    # Lower-cased, ё→е copy of the full name: the registry search ignores both differences.
    search_name = models.CharField(max_length=500, editable=False, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_("For a minor, the parent's or representative's phone.")
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("For a minor, the parent's or representative's e-mail.")
    )
    guardian_name = models.CharField(
        _("parent or legal representative"), max_length=300, blank=True, help_text=_("For a minor: full name.")
    )
    class_name = models.CharField(_("class or group"), max_length=30, blank=True, help_text=_("For example 7Б."))
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True, editable=False)
    position = models.CharField(_("position"), max_length=200, blank=True)
    teaching_since = models.DateField(
        _("teaching experience since"), null=True, blank=True, help_text=_("Start of teaching experience.")
    )
    has_disability = models.BooleanField(_("disability (ОВЗ)"), default=False)
    partner = models.ForeignKey(
        PartnerOrganization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("partner organization"),
    )
    parents = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="children", verbose_name=_("parents")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("account"),
    )
    depersonalized_at = models.DateTimeField(_("depersonalized"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_name", "grade", "updated_at"])

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = name_order()
        indexes = [
            models.Index(fields=["organization", "category"]),
            models.Index(fields=["organization", "last_name", "first_name"]),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)
        if not self.depersonalized_at:
            # The registry entries keep the birth date the indicators count ages by.
            for entries in (self.mentor_entries, self.mentee_entries):
                entries.exclude(birth_date=self.birth_date).update(birth_date=self.birth_date)

    def fill_derived_fields(self) -> None:
        """Search name, grade and an unknown gender follow the name and class; bulk imports call this
        directly. A gender once known stays: a person corrects it on the participant's form."""
        self.search_name = normalize_name(self.full_name)
        if not self.gender:
            self.gender = gender_from_patronymic(self.patronymic)
        match = SCHOOL_CLASS.match(self.class_name or "")
        self.grade = int(match["grade"]) if match and 1 <= int(match["grade"]) <= 11 else None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def short_name(self) -> str:
        initials = " ".join(f"{part[0]}." for part in (self.first_name, self.patronymic) if part)
        return f"{self.last_name} {initials}".strip()

    def age_on(self, day: datetime.date) -> int | None:
        return full_years_between(self.birth_date, day) if self.birth_date else None

    def is_minor_on(self, day: datetime.date) -> bool:
        age = self.age_on(day)
        # Students without a known birth date are treated as minors: the safer reading for consent.
        if age is None:
            return self.category == self.Category.STUDENT
        return age < ADULT_AGE

    def experience_years_on(self, day: datetime.date) -> int | None:
        return full_years_between(self.teaching_since, day) if self.teaching_since else None

    def is_young_specialist_on(self, day: datetime.date) -> bool:
        years = self.experience_years_on(day)
        return self.category == self.Category.STAFF and years is not None and 0 <= years <= YOUNG_SPECIALIST_YEARS


def normalize_name(text: str) -> str:
    """The form names are compared in: lower case, ё as е, single spaces."""
    return " ".join(text.lower().replace("ё", "е").split())


class RegistryEntry(models.Model):
    """A participant's line in a registry (of mentors or of mentees) for one academic year."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, verbose_name=_("participant"))
    # The participant's organization, copied on save: a school's or a municipality's registry is
    # then read through the (organization, academic year) index. Reached through the participant,
    # PostgreSQL scanned every entry of the region and joined them to the school's people
    # (make bench: 70 ms for a school's count of mentees without a pair).
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        verbose_name=_("organization"),
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)]
    )
    entered_on = models.DateField(_("date of entry into the program"))
    interests = models.TextField(_("interests"), blank=True)
    completed_on = models.DateField(_("date of completion"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    case_url = models.URLField(_("link to the case or feedback"), blank=True)
    full_cycle = models.BooleanField(
        _("completed the full cycle"), default=False, help_text=_("Only full-cycle participants count for indicators.")
    )
    # The participant's birth date, copied on save: the age bands of the indicators read it here,
    # where it stays when the person is depersonalized (the name and contacts go, this row is then
    # tied to no one), so no value of a past date changes (see README «Personal data»).
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-academic_year", *name_order("participant__")]
        indexes = [models.Index(fields=["organization", "academic_year"], name="%(class)s_organization_year")]

    def save(self, *args, **kwargs):
        # A participant stays in the organization that registered him or her (nothing moves one).
        self.organization_id = self.participant.organization_id
        if not self.participant.depersonalized_at:
            self.birth_date = self.participant.birth_date
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # A full cycle is a fact of its date: the indicators count it from the completion on.
        if self.full_cycle and not self.completed_on:
            raise ValidationError({"completed_on": _("Give the date the full cycle was completed.")})

    @property
    def academic_year_label(self) -> str:
        return academic_year_label(self.academic_year)


class MentorEntry(RegistryEntry):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentor_entries", verbose_name=_("participant")
    )
    competencies = models.TextField(_("competencies"), blank=True)
    achievements = models.TextField(_("key achievements"), blank=True)
    desired_age_min = models.PositiveSmallIntegerField(_("desired mentee age from"), null=True, blank=True)
    desired_age_max = models.PositiveSmallIntegerField(_("desired mentee age to"), null=True, blank=True)
    trained = models.BooleanField(_("trained in the «School of mentors»"), default=False)
    trained_on = models.DateField(_("training date"), null=True, blank=True)
    # A mentor's own limit, below the form's (a busy teacher takes one mentee where the form allows
    # three): the matching suggests no more, counting the mentor's open pairs and groups of every form.
    max_mentees = models.PositiveSmallIntegerField(
        _("mentees at most"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "How many mentees the mentor takes at once in all pairs and groups; empty: as many as the form of "
            "mentoring allows."
        ),
    )

    history = HistoricalRecords()

    class Meta(RegistryEntry.Meta):
        verbose_name = _("mentor registry entry")
        verbose_name_plural = _("mentor registry")
        constraints = [
            models.UniqueConstraint(fields=["participant", "academic_year"], name="mentoring_mentor_entry_unique"),
            models.CheckConstraint(
                condition=Q(desired_age_min__isnull=True)
                | Q(desired_age_max__isnull=True)
                | Q(desired_age_min__lte=models.F("desired_age_max")),
                name="mentoring_mentor_entry_age_range",
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.academic_year_label}"


class MenteeEntry(RegistryEntry):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentee_entries", verbose_name=_("participant")
    )
    key_request = models.TextField(_("key request"), blank=True)
    # Stage 5 of the cycle: for a mentee left without a pair.
    continue_search = models.BooleanField(_("continue the search for a mentor"), default=False)
    psychologist_support = models.BooleanField(_("psychologist's support"), default=False)

    history = HistoricalRecords()

    class Meta(RegistryEntry.Meta):
        verbose_name = _("mentee registry entry")
        verbose_name_plural = _("mentee registry")
        constraints = [
            models.UniqueConstraint(fields=["participant", "academic_year"], name="mentoring_mentee_entry_unique"),
        ]

    def __str__(self):
        return f"{self.participant} — {self.academic_year_label}"


def consent_scan_path(consent: "Consent", filename: str) -> str:
    # Scans are personal data: a path under the organization, never served as public media; the
    # name is made from the checked content, the client's one is dropped.
    return stored_name(f"consents/{consent.participant.organization_id}/{consent.participant_id}", consent.scan)


class Consent(models.Model):
    """A consent under 152-ФЗ: to processing, or (separately) to distribution on the site."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", _("processing of personal data")
        DISTRIBUTION = "distribution", _("distribution (publication on the site)")

    class Signer(models.TextChoices):
        SELF = "self", _("the person")
        REPRESENTATIVE = "representative", _("parent or legal representative")

    class Publication(models.TextChoices):
        """What a distribution consent allows to publish; whatever is not ticked is banned."""

        NAME = "name", _("full name of the person")
        PHOTO = "photo", _("photo and video")
        CLASS = "class", _("class or position")
        RESULTS = "results", _("results and cases")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consents", verbose_name=_("participant")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    signed_by = models.CharField(_("signed by"), max_length=20, choices=Signer.choices, default=Signer.SELF)
    representative_name = models.CharField(_("representative's full name"), max_length=300, blank=True)
    representative_document = models.CharField(
        _("document of authority"),
        max_length=300,
        blank=True,
        help_text=_("For example: birth certificate; guardianship decision. No document numbers are needed."),
    )
    signed_on = models.DateField(_("date signed"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: until withdrawn."))
    allowed_publication = models.JSONField(_("allowed to publish"), default=list, blank=True)
    scan = models.FileField(_("scan"), upload_to=consent_scan_path, blank=True)
    withdrawn_on = models.DateField(_("date withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason of withdrawal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("signed_on")),
                name="mentoring_consent_term_after_signing",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("signed_on")),
                name="mentoring_consent_withdrawn_after_signing",
            ),
        ]
        indexes = [models.Index(fields=["participant", "kind", "signed_on"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.participant} ({self.signed_on:%d.%m.%Y})"

    @property
    def allowed_publication_labels(self) -> list[str]:
        return [str(self.Publication(value).label) for value in self.allowed_publication]


class AccountInvitation(models.Model):
    """An invitation to an account that already exists outside the organization.

    A curator may give accounts only to the organization's own people. An e-mail that belongs to an
    account of someone elsewhere (another school, a municipality) never lets the curator change it:
    its owner gets this invitation and, after logging in, accepts it (the account then joins the
    organization in the role and is linked to the person of the registry) or declines it.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="account_invitations", verbose_name=_("participant")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registry_invitations",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to an existing account")
        verbose_name_plural = _("invitations to existing accounts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "user", "role"],
                condition=Q(answered_at__isnull=True),
                name="mentoring_invitation_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.participant} → {self.user} ({self.get_role_display()})"
