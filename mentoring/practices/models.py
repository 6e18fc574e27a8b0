"""The registry of practices: a school's practice of mentoring described by the standard sections,
sent to the municipality, which publishes it in its registry of successful practices (seed 004) or
returns it with remarks. Every change of status is kept with who made it, when and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from mentoring.pairs.models import MentoringForm, RoleModel
from mentoring.registry.models import Participant, normalize_name
from mentoring.uploads import stored_name

SEARCHED_FIELDS = ("title", "topics", "problem", "aims", "actions", "results", "materials")


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the municipality")
        PUBLISHED = "published", _("published in the registry")
        RETURNED = "returned", _("returned with remarks")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="practices", verbose_name=_("organization")
    )
    title = models.CharField(_("title"), max_length=300)
    form = models.ForeignKey(
        MentoringForm, on_delete=models.PROTECT, related_name="practices", verbose_name=_("form of mentoring")
    )
    role_model = models.ForeignKey(
        RoleModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("role model"),
    )
    topics = models.CharField(
        _("topics"),
        max_length=500,
        blank=True,
        help_text=_("Keywords separated by commas, e.g. «адаптация молодого педагога, функциональная грамотность»."),
    )
    authors = models.ManyToManyField(
        Participant, blank=True, related_name="authored_practices", verbose_name=_("authors")
    )
    problem = models.TextField(_("problem"), blank=True, help_text=_("What the practice answers."))
    aims = models.TextField(_("aims and tasks"), blank=True)
    actions = models.TextField(_("what was done"), blank=True, help_text=_("Stages, forms of work, terms."))
    results = models.TextField(
        _("results"), blank=True, help_text=_("With figures: how many took part, what changed, from what to what.")
    )
    materials = models.TextField(
        _("materials"), blank=True, help_text=_("Programs, plans, links; the files are attached below.")
    )
    # Lower-cased, ё→е copies that the registry's search reads (SQLite's LIKE ignores the case of
    # Latin letters only): of the topics, and of the title, topics and sections together.
    search_topics = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_topics = normalize_name(self.topics)
        self.search_text = normalize_name(" ".join(getattr(self, name) for name in SEARCHED_FIELDS))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_topics", "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]

    @property
    def badge(self) -> str:
        return {"draft": "secondary", "submitted": "info", "published": "success", "returned": "warning"}[self.status]


def practice_file_path(instance: "PracticeFile", filename: str) -> str:
    return stored_name(f"practices/{instance.practice.organization_id}/{instance.practice_id}", instance.file)


class PracticeFile(models.Model):
    """A material of the practice: a program, a plan, a presentation, photos of an event."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="files", verbose_name=_("practice"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=practice_file_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file of a practice")
        verbose_name_plural = _("files of practices")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class PracticeTransition(models.Model):
    """A change of a practice's status: drafted, submitted, published, returned (with the remarks)."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("practice")
    )
    status_from = models.CharField(_("status before"), max_length=12, choices=Practice.Status.choices, blank=True)
    status_to = models.CharField(_("status after"), max_length=12, choices=Practice.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("change of a practice's status")
        verbose_name_plural = _("changes of practices' statuses")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.practice}: {self.status_from} → {self.status_to}"
