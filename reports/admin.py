from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reports.drafting import template_problem
from reports.models import ExportJob, ExportRecord, Order, OrderKind
from reports.statute import admin as statute_admin  # noqa: F401  (registers the Положение's models)

TEMPLATE_FIELDS = (
    "title_template",
    "preamble_template",
    "addressee_template",
    "body_template",
    "appendix_title",
    "indicators_title",
)


class OrderKindForm(forms.ModelForm):
    """A kind's texts are templates: one that would not render is refused next to its field."""

    class Meta:
        model = OrderKind
        fields = [
            "code",
            "name",
            "document",
            "scope",
            "region",
            "title_template",
            "preamble_template",
            "items_template",
            "addressee_template",
            "body_template",
            "control_text",
            "appendix",
            "appendix_title",
            "indicators_title",
            "position",
            "is_active",
        ]

    def clean(self):
        cleaned = super().clean()
        texts = [(name, cleaned.get(name)) for name in TEMPLATE_FIELDS]
        items = cleaned.get("items_template")
        if isinstance(items, list):
            texts += [("items_template", item.get(key)) for item in items if isinstance(item, dict) for key in item]
        for name, text in texts:
            problem = template_problem(text) if isinstance(text, str) else None
            if problem and name not in self.errors:
                self.add_error(name, TEMPLATE_ERROR % {"problem": problem})
        return cleaned


TEMPLATE_ERROR = _(
    "The text cannot be filled in: %(problem)s. The cases are written "
    "{{ curator|accusative }}, {{ municipality|genitive }}, …|dative, …|instrumental, …|prepositional."
)


@admin.register(OrderKind)
class OrderKindAdmin(admin.ModelAdmin):
    form = OrderKindForm
    list_display = ["name", "code", "document", "scope", "region", "appendix", "position", "is_active"]
    list_filter = ["document", "scope", "region", "is_active"]
    search_fields = ["name", "code"]
    list_editable = ["position", "is_active"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "series", "status", "organization", "municipality", "registered_at"]
    list_filter = ["status", "series", "kind", "year"]
    search_fields = ["title", "number", "organization__short_name", "municipality__name"]
    list_select_related = ["kind", "organization", "municipality"]
    raw_id_fields = ["organization", "municipality", "created_by", "registered_by", "cancelled_by"]
    readonly_fields = ["series", "year", "sequence", "created_at", "registered_at", "cancelled_at"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "requested_by",
        "municipality",
        "organization",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = [
        "title",
        "filename",
        "requested_by__username",
        "requested_by__last_name",
        "municipality__name",
        "organization__short_name",
    ]
    list_select_related = ["requested_by", "municipality", "organization"]
    raw_id_fields = ["requested_by", "municipality", "organization"]
    readonly_fields = ["created_at", "finished_at"]


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """The log is evidence: nobody adds, changes or deletes a record, not even a superuser."""

    list_display = ["created_at", "user_name", "role", "organization", "view_name", "filename", "rows", "ip_address"]
    list_filter = ["personal_data", "view_name", "role", "created_at"]
    search_fields = ["user_name", "user__username", "filename", "organization__short_name", "municipality__name"]
    list_select_related = ["organization"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The public section's tables.
from reports.publication import admin as publication_admin  # noqa: E402, F401
