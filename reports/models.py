"""Official documents: the kinds of orders (data-driven templates) and the order register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import PHONE_VALIDATOR, Municipality, Organization, Region, Role


class OrderKind(models.Model):
    """A kind of order or letter. Its texts are Django templates filled from the data when a draft
    is made (see reports.drafting for what they may use), so a region adds a kind in the admin."""

    class Document(models.TextChoices):
        ORDER = "order", _("order")
        LETTER = "letter", _("letter")

    class Scope(models.TextChoices):
        ORGANIZATION = "organization", _("organization")
        MUNICIPALITY = "municipality", _("municipality")

    class Appendix(models.TextChoices):
        NONE = "", _("no appendix")
        PAIRS = "pairs", _("mentoring pairs and groups")
        ROADMAP = "roadmap", _("roadmap")
        MENTORS = "mentors", _("mentors")
        SCHEDULE = "schedule", _("training programme and schedule")
        STATUTE = "statute", _("regulation on mentoring")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    document = models.CharField(_("document"), max_length=10, choices=Document.choices, default=Document.ORDER)
    scope = models.CharField(_("issued by"), max_length=15, choices=Scope.choices, default=Scope.ORGANIZATION)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="order_kinds",
        verbose_name=_("region"),
        help_text=_("Empty: available everywhere."),
    )
    title_template = models.TextField(_("title"))
    preamble_template = models.TextField(_("basis (preamble)"), blank=True)
    items_template = models.JSONField(
        _("items"), default=list, blank=True, help_text=_('A list of {"text": …, "responsible": …, "term": …}.')
    )
    addressee_template = models.CharField(_("addressee of a letter"), max_length=500, blank=True)
    body_template = models.TextField(_("text of a letter"), blank=True)
    control_text = models.CharField(
        _("control item"),
        max_length=300,
        blank=True,
        default="Контроль за исполнением настоящего приказа оставляю за собой.",
    )
    appendix = models.CharField(_("appendix"), max_length=20, choices=Appendix.choices, blank=True, default="")
    appendix_title = models.CharField(_("appendix heading"), max_length=300, blank=True)
    indicators_title = models.CharField(
        _("heading of the indicators appendix"),
        max_length=300,
        blank=True,
        help_text=_(
            "The order also carries the indicators of effectiveness with their targets by year, under this "
            "heading. Empty: no indicators appendix."
        ),
    )
    event_words = models.TextField(
        _("words of the event in the roadmap"),
        blank=True,
        help_text=_(
            "For an order about an event (e.g. the final event): words of the roadmap activity that is the "
            "event, one per line, e.g. «Лучшая пара». The activity's term gives {{ event_date }} in the texts."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of order")
        verbose_name_plural = _("kinds of orders")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def order_pdf_path(order: "Order", filename: str) -> str:
    owner = f"org-{order.organization_id}" if order.organization_id else f"mun-{order.municipality_id}"
    return f"orders/{owner}/{order.year}/{filename}"


class PdfStatus(models.TextChoices):
    """Where the making of a registered order's PDF in the background stands ("" when nothing waits)."""

    QUEUED = "queued", _("waiting in the queue")
    RUNNING = "running", _("being made")
    FAILED = "failed", _("could not be made")


class Order(models.Model):
    """An order (or letter) in the register of an organization or of a municipality.

    A registered order is frozen: everything it prints is stored on it (header, text, appendix
    rows, the PDF), so later changes of the data behind it never change the document.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REGISTERED = "registered", _("registered")
        CANCELLED = "cancelled", _("cancelled")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    kind = models.ForeignKey(OrderKind, on_delete=models.PROTECT, related_name="orders", verbose_name=_("kind"))
    # The kind's document, kept on the order: orders and outgoing letters are two series of numbers of
    # one register («17-ОД», «исх. № 12»), and the uniqueness of a number can only name own columns.
    series = models.CharField(
        _("series"), max_length=10, choices=OrderKind.Document.choices, default=OrderKind.Document.ORDER, editable=False
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("number within the year"), null=True, blank=True, editable=False)
    number = models.CharField(
        _("number"), max_length=50, blank=True, help_text=_("Empty: given from the pattern when registered.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    header_founder = models.CharField(_("founder in the header"), max_length=500, blank=True)
    header_organization = models.CharField(_("organization in the header"), max_length=500)
    # A letter's letterhead: address, phone, e-mail, website, codes (one line each), frozen like the rest.
    header_details = models.TextField(_("reference data in the letterhead"), blank=True)
    title = models.CharField(_("title"), max_length=500)
    preamble = models.TextField(_("basis (preamble)"), blank=True)
    items = models.JSONField(_("items"), default=list, blank=True)
    control_text = models.CharField(_("control item"), max_length=300, blank=True)
    addressee = models.CharField(_("addressee"), max_length=500, blank=True)
    body = models.TextField(_("text of a letter"), blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=200)
    signatory_name = models.CharField(_("signatory's name"), max_length=300)
    # The executor's mark of ГОСТ Р 7.0.97-2016 (requisite 26), printed under the signature: who
    # prepared the document and how to reach them. Lines as printed: position(s), then «Фамилия И.О.».
    executor = models.TextField(
        _("executor"),
        blank=True,
        help_text=_("Printed under the signature after «Исп.»: the position (optional), then the name, a line each."),
    )
    executor_phone = models.CharField(
        _("executor's phone"),
        max_length=50,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text=_("Printed after «Тел.», e.g. 8(3956)18-23-10."),
    )
    acquainted = models.JSONField(_("to acquaint"), default=list, blank=True)
    # [{"title": "...", "columns": [...], "rows": [[...], ...]}]: frozen at registration.
    appendices = models.JSONField(_("appendices"), default=list, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=order_pdf_path, blank=True)
    # The PDF of a large order is made by the worker after its registration (reports.order_files):
    # until then the order has its number and date but no stored file.
    pdf_status = models.CharField(_("PDF"), max_length=10, choices=PdfStatus.choices, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason of cancelling"), blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-date", "-sequence", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False, municipality__isnull=True)
                | Q(organization__isnull=True, municipality__isnull=False),
                name="reports_order_one_register",
            ),
            # A number is given once per register, series and year, whatever happens to the order later.
            models.UniqueConstraint(
                fields=["organization", "year", "series", "number"],
                condition=Q(organization__isnull=False) & ~Q(status="draft"),
                name="reports_order_unique_number_in_organization_series",
            ),
            models.UniqueConstraint(
                fields=["municipality", "year", "series", "number"],
                condition=Q(municipality__isnull=False) & ~Q(status="draft"),
                name="reports_order_unique_number_in_municipality_series",
            ),
        ]
        indexes = [models.Index(fields=["organization", "year", "status"])]

    def __str__(self):
        number = f"№ {self.number}" if self.number else str(_("draft"))
        return f"{self.date:%d.%m.%Y} {number} «{self.title}»"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        if self._state.adding:
            # The kind never changes after the draft is made, so neither does the series.
            self.series = self.kind.document
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_letter(self) -> bool:
        return self.series == OrderKind.Document.LETTER

    @property
    def executor_mark(self) -> list[str]:
        """«Исп.», the executor's lines and «Тел. …», as ГОСТ Р 7.0.97-2016 (requisite 26) writes them
        under the signature, in the documents and in the page's preview alike; nothing when neither
        is known."""
        lines = [line.strip() for line in self.executor.splitlines() if line.strip()]
        phone = self.executor_phone.strip()
        if not lines and not phone:
            return []
        return ["Исп.", *lines, *([f"Тел. {phone}"] if phone else [])]

    @property
    def pdf_pending(self) -> bool:
        """The worker is still to make (or is making) the stored PDF."""
        return self.pdf_status in (PdfStatus.QUEUED, PdfStatus.RUNNING)


def export_job_path(job: "ExportJob", filename: str) -> str:
    # Exports are served only through the job's download view, which checks who asks.
    return f"exports/{job.requested_by_id}/{job.pk}/{filename}"


class ExportJob(models.Model):
    """A file made in the background (a municipality's quarterly report…) for the user who asked,
    with its progress for the status page and the result to download."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("quarterly monitoring report")
        ANNUAL_REPORTS = "annual_reports", _("annual reports of the organizations")
        ANALYTICAL_NOTE = "analytical_note", _("analytical note of the municipality")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Primary keys and plain values only: the task runs in another process, later.
    params = models.JSONField(_("parameters"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("requested by")
    )
    # The scope of the context it was asked from; the download is given only in the same one.
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organization")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("municipality")
    )
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file = models.FileField(_("file"), upload_to=export_job_path, blank=True, max_length=300)
    # The name the user gets: storage names drop spaces and dashes, a download keeps them.
    filename = models.CharField(_("file name"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True) | Q(municipality__isnull=True),
                name="reports_export_job_one_scope",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ExportRecord(models.Model):
    """One file handed out by the product: who took it, in which role and context, when, and what.

    152-ФЗ asks the operator to know who had access to personal data; a record is written for every
    download (reports.export_log), so the director and the administrator can answer «who took the
    registry and when». Files without personal data (aggregates) are recorded too, marked as such.
    """

    # The log outlives the account: the name is kept as it was when the file was taken.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="export_records",
        verbose_name=_("user"),
    )
    user_name = models.CharField(_("who"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="export_records",
        verbose_name=_("organization"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="export_records",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # The URL name of the view, e.g. «registry_export»: what kind of file it was.
    view_name = models.CharField(_("export"), max_length=100)
    filename = models.CharField(_("file name"), max_length=300)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    # The URL's arguments and query string: which object, which registry, which class or year.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    size = models.PositiveBigIntegerField(_("size, bytes"), null=True, blank=True)
    # Data rows of a spreadsheet (people in a registry); unknown for a PDF or a scan.
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    personal_data = models.BooleanField(_("personal data"), default=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("export record")
        verbose_name_plural = _("export log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "-created_at"], name="reports_export_org_created")]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d.%m.%Y %H:%M})"


# The organization's Положение (reports.statute), declared in its own package under this app's label.
# The public section's tables (app label «reports»), declared in their own package.
from reports.publication.models import Publication, PublicationEvent, PublicSection  # noqa: E402, F401
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion  # noqa: E402, F401
