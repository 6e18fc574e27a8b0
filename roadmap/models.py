"""Roadmaps (дорожные карты): stages, activities with their terms and responsible persons, the
occurrences of recurring activities, comments, the municipal audit's remarks, reminders sent."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organization, Role
from mentoring.academic_year import academic_year_label
from mentoring.uploads import stored_name
from roadmap.terms import NO_DEADLINE_KINDS, Term, TermKind


class Layout(models.TextChoices):
    """The shape of the printed table: the columns the seeds' roadmaps have."""

    SCHOOL = "school", _("stage, activity, content, term, responsible")
    MUNICIPAL = "municipal", _("activity, term, responsible, result and kind of document")
    MUNICIPAL_CONTENT = "municipal_content", _("activity, content, responsible, term")


# What each column of a layout holds, and its heading unless the roadmap names it otherwise.
LAYOUT_FIELDS = {
    Layout.SCHOOL: ["number", "stage", "activity", "content", "term", "responsible"],
    Layout.MUNICIPAL: ["number", "activity", "term", "responsible", "result"],
    Layout.MUNICIPAL_CONTENT: ["number", "stage", "activity", "responsible", "term"],
}
LAYOUT_COLUMNS = {
    Layout.SCHOOL: ["№", "Этап", "Мероприятие", "Содержание деятельности", "Сроки", "Ответственные"],
    Layout.MUNICIPAL: [
        "№ п/п",
        "Мероприятие",
        "Сроки/место проведения",
        "Ответственный исполнитель",
        "Результат. Вид документа",
    ],
    Layout.MUNICIPAL_CONTENT: ["№ п/п", "Мероприятие", "Содержание деятельности", "Ответственные", "Срок исполнения"],
}


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("called off")


OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)


def evidence_path(instance, filename: str) -> str:
    # The client's name is dropped: the stored one is made from the checked content.
    roadmap = instance.roadmap
    owner = f"org-{roadmap.organization_id}" if roadmap.organization_id else f"mun-{roadmap.municipality_id}"
    return stored_name(f"roadmaps/{owner}/{roadmap.pk}", instance.evidence_file)


class Roadmap(models.Model):
    """An organization's roadmap for an academic year, or a municipality's for several years.

    A template is a roadmap too (``is_template``): the shipped ones have no owner, an
    organization's or a municipality's own ones have it. Its dates are those of the year it was
    made for; a roadmap made from it has every year moved to the chosen one.
    """

    class Scope(models.TextChoices):
        ORGANIZATION = "organization", _("organization")
        MUNICIPALITY = "municipality", _("municipality")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name=_("organization"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name=_("municipality"),
    )
    scope = models.CharField(_("level"), max_length=15, choices=Scope.choices, default=Scope.ORGANIZATION)
    is_template = models.BooleanField(_("template"), default=False)
    template_name = models.CharField(_("template name"), max_length=300, blank=True)
    heading = models.CharField(
        _("heading"), max_length=300, blank=True, help_text=_("A line above the title, e.g. «Дорожная карта».")
    )
    title = models.CharField(_("title"), max_length=1000)
    academic_year = models.PositiveSmallIntegerField(_("academic year"), null=True, blank=True)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    layout = models.CharField(_("table shape"), max_length=20, choices=Layout.choices, default=Layout.SCHOOL)
    columns = models.JSONField(
        _("column headings"), default=list, blank=True, help_text=_("Empty: the usual headings of the shape.")
    )
    preamble = models.TextField(
        _("text before the table"), blank=True, help_text=_("Basis, goal, tasks, expected results.")
    )
    approval_text = models.TextField(
        _("approval stamp"),
        blank=True,
        help_text=_("As printed above the table, e.g. «УТВЕРЖДЕНА приказом от 19.09.2022 № 976»."),
    )
    approved_by = models.ForeignKey(
        "reports.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_roadmaps",
        verbose_name=_("approved by the order"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organization__isnull=False, municipality__isnull=False),
                name="roadmap_roadmap_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(is_template=True) | Q(organization__isnull=False) | Q(municipality__isnull=False),
                name="roadmap_roadmap_owned_unless_template",
            ),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="roadmap_roadmap_period"),
            models.UniqueConstraint(
                fields=["organization", "academic_year"],
                condition=Q(is_template=False, organization__isnull=False),
                name="roadmap_roadmap_one_per_year",
            ),
        ]

    def __str__(self):
        return self.template_name if self.is_template and self.template_name else self.title

    @property
    def owner(self) -> Organization | Municipality | None:
        return self.organization or self.municipality

    @property
    def is_municipal(self) -> bool:
        return self.scope == self.Scope.MUNICIPALITY

    @property
    def period_label(self) -> str:
        if self.academic_year:
            return academic_year_label(self.academic_year)
        if self.starts_on.year == self.ends_on.year:
            return str(self.starts_on.year)
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def column_headings(self) -> list[str]:
        defaults = LAYOUT_COLUMNS[Layout(self.layout)]
        return list(self.columns) if len(self.columns or []) == len(defaults) else list(defaults)

    @property
    def column_fields(self) -> list[str]:
        return LAYOUT_FIELDS[Layout(self.layout)]


class Stage(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="stages", verbose_name=_("roadmap"))
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.TextField(_("stage"))

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["roadmap", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Completion(models.Model):
    """Status and completion evidence: of a one-off activity, or of one occurrence of a recurring one."""

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_order = models.ForeignKey(
        "reports.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("order from the register"),
    )
    evidence_file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    evidence_note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_order_id or self.evidence_file or self.evidence_note)


class Activity(Completion):
    """A row of the roadmap: number, title, content items, term, responsible persons, result.

    ``continues_previous`` marks a row that goes on with the activity above it (its own content,
    term or responsible, but no number of its own): seed 000 leaves its title cell empty, seed
    003 lists indicators under one number. ``term_as_above``/``responsible_as_above`` copy those
    of the row above and print as one merged cell with it. ``term_*`` is what the term's words mean (see
    roadmap.terms), ``starts_on``/``due_on`` the span of its windows; a recurring activity has one
    ``Occurrence`` per window, each with its own status.
    """

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="activities", verbose_name=_("roadmap"))
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="activities", verbose_name=_("stage"))
    position = models.PositiveIntegerField(_("position"), default=1)
    number = models.CharField(_("number"), max_length=20, blank=True)
    continues_previous = models.BooleanField(
        _("continues the activity above"),
        default=False,
        help_text=_("Printed without its own number, under the activity above."),
    )
    title = models.TextField(_("activity"), blank=True)
    content = models.TextField(_("content"), blank=True, help_text=_("One item per line, as it is printed."))
    term_text = models.CharField(
        _("term"),
        max_length=300,
        blank=True,
        help_text=_(
            "As you write it: «октябрь 2026», «сентябрь-октябрь 2026», «до 15 сентября 2026», «в течение года», "
            "«ежегодно до 01 октября», «ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)», "
            "«по отдельному плану»."
        ),
    )
    term_as_above = models.BooleanField(
        _("term as above"), default=False, help_text=_("The term of the row above; printed as one merged cell.")
    )
    term_kind = models.CharField(_("kind of term"), max_length=12, choices=TermKind.choices, default=TermKind.TEXT)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term to"), null=True, blank=True)
    term_rule = models.JSONField(_("recurrence"), default=list, blank=True)
    is_recurring = models.BooleanField(_("recurring"), default=False)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    responsible_text = models.CharField(
        _("responsible (as printed)"),
        max_length=500,
        blank=True,
        help_text=_("E.g. «директор школы, психолог». Empty: the people and roles chosen below."),
    )
    responsible_as_above = models.BooleanField(
        _("responsible as above"),
        default=False,
        help_text=_("The responsible persons of the row above; printed as one merged cell."),
    )
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="roadmap_activities", verbose_name=_("responsible people")
    )
    responsible_roles = models.JSONField(_("responsible roles"), default=list, blank=True)
    result = models.CharField(_("result, kind of document"), max_length=1000, blank=True)
    completes_on = models.CharField(
        _("completes itself when"),
        max_length=100,
        blank=True,
        help_text=_("An event of the system that completes the activity, with the evidence linked."),
    )
    # Practices of the registry the activity cites (seed 004: popularising the municipality's practices).
    practices = models.ManyToManyField(
        "mentoring.Practice", blank=True, related_name="roadmap_activities", verbose_name=_("practices")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["stage__position", "stage_id", "position", "pk"]
        indexes = [
            models.Index(fields=["roadmap", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self):
        return f"{self.number} {self.display_title}".strip()

    @property
    def display_title(self) -> str:
        return self.title or (self.content.splitlines()[0] if self.content else "")

    @property
    def content_items(self) -> list[str]:
        return [line.strip() for line in self.content.splitlines() if line.strip()]

    @property
    def term(self) -> Term:
        return Term(TermKind(self.term_kind), self.term_start, self.term_end, list(self.term_rule or []))

    @property
    def has_deadline(self) -> bool:
        return self.term_kind not in NO_DEADLINE_KINDS and self.due_on is not None

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.responsible_roles if role in Role.values]

    @cached_property
    def responsible_display(self) -> str:
        """What the responsible column prints: the user's words, else the people and roles chosen."""
        if self.responsible_text:
            return self.responsible_text
        names = [str(label) for label in self.role_labels]
        names += [user.get_short_name() for user in self.responsible_users.all()]
        return ", ".join(names)

    def is_overdue_on(self, today: datetime.date) -> bool:
        return not self.is_recurring and self.is_open and self.due_on is not None and self.due_on < today


class Occurrence(Completion):
    """One window of a recurring activity (a quarter's report, a year's monitoring) with its own status."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("activity")
    )
    starts_on = models.DateField(_("starts"))
    due_on = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("occurrence of an activity")
        verbose_name_plural = _("occurrences of activities")
        ordering = ["activity", "due_on"]
        constraints = [models.UniqueConstraint(fields=["activity", "due_on"], name="roadmap_occurrence_unique")]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.activity} — {self.due_on:%d.%m.%Y}"

    @property
    def roadmap(self) -> Roadmap:
        return self.activity.roadmap

    def is_overdue_on(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on < today


class Comment(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="comments", verbose_name=_("activity")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Remark(models.Model):
    """The municipal coordinator's remark on an organization's roadmap (or one activity of it)."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="remarks", verbose_name=_("roadmap"))
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="remarks",
        verbose_name=_("activity"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("remark"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("audit remark")
        verbose_name_plural = _("audit remarks")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]


class RemarkReply(models.Model):
    remark = models.ForeignKey(Remark, on_delete=models.CASCADE, related_name="replies", verbose_name=_("remark"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    author_role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    text = models.TextField(_("answer"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a remark")
        verbose_name_plural = _("answers to remarks")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Reminder(models.Model):
    """A reminder e-mailed to one person about one deadline: each is sent once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField(_("deadline"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "activity", "due_on", "kind"], name="roadmap_reminder_once"),
        ]

    def __str__(self):
        return f"{self.user} — {self.activity} — {self.due_on:%d.%m.%Y}"
