"""The Положение in the admin: the templates are edited there (a region adds its own); the
organizations' Положения and their versions are read there, never changed (a version is a record)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reports.drafting import template_problem
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion

TEMPLATE_ERROR = _("The text cannot be filled in: %(problem)s.")


class StatuteTemplateForm(forms.ModelForm):
    """The title and the sections are templates: one that would not render is refused next to its field."""

    class Meta:
        model = StatuteTemplate
        fields = ["code", "name", "region", "title_template", "sections", "position", "is_active"]

    def clean(self):
        cleaned = super().clean()
        texts = [("title_template", cleaned.get("title_template"))]
        sections = cleaned.get("sections")
        if not isinstance(sections, list) or not all(isinstance(section, dict) for section in sections):
            self.add_error("sections", _('A list of {"title": …, "text": …}.'))
        else:
            texts += [("sections", section.get(key)) for section in sections for key in ("title", "text")]
        for name, text in texts:
            problem = template_problem(text) if isinstance(text, str) else None
            if problem and name not in self.errors:
                self.add_error(name, TEMPLATE_ERROR % {"problem": problem})
        return cleaned


@admin.register(StatuteTemplate)
class StatuteTemplateAdmin(admin.ModelAdmin):
    form = StatuteTemplateForm
    list_display = ["name", "code", "region", "position", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name", "code"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Statute)
class StatuteAdmin(ReadOnlyAdmin):
    list_display = ["organization", "template", "created_by", "created_at"]
    search_fields = ["organization__short_name", "organization__full_name"]
    list_select_related = ["organization", "template", "created_by"]


@admin.register(StatuteVersion)
class StatuteVersionAdmin(ReadOnlyAdmin):
    list_display = ["statute", "number", "status", "approved_number", "approved_on", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["statute__organization__short_name", "title", "approved_number"]
    list_select_related = ["statute__organization", "created_by"]
