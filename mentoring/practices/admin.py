"""The registry of practices in the admin (registered from mentoring/admin.py, which Django finds)."""

from django.contrib import admin
from django.db import models

from mentoring.models import Practice, PracticeFile, PracticeTransition
from mentoring.uploads import validate_document


class PracticeFileInline(admin.TabularInline):
    model = PracticeFile
    extra = 0
    raw_id_fields = ["uploaded_by"]
    formfield_overrides = {models.FileField: {"validators": [validate_document]}}


class PracticeTransitionInline(admin.TabularInline):
    model = PracticeTransition
    extra = 0
    raw_id_fields = ["by"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "form", "status", "published_at"]
    list_filter = ["status", "form"]
    search_fields = ["title", "topics", "organization__short_name"]
    list_select_related = ["organization", "form"]
    raw_id_fields = ["organization", "created_by", "authors"]
    inlines = [PracticeFileInline, PracticeTransitionInline]


@admin.register(PracticeFile)
class PracticeFileAdmin(admin.ModelAdmin):
    list_display = ["title", "practice", "uploaded_at"]
    search_fields = ["title", "practice__title"]
    raw_id_fields = ["practice", "uploaded_by"]
    formfield_overrides = {models.FileField: {"validators": [validate_document]}}


@admin.register(PracticeTransition)
class PracticeTransitionAdmin(admin.ModelAdmin):
    list_display = ["practice", "status_from", "status_to", "by", "at"]
    search_fields = ["practice__title", "remarks"]
    raw_id_fields = ["practice", "by"]
