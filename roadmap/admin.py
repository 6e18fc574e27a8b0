from django.contrib import admin
from django.db import models

from mentoring.uploads import validate_document
from roadmap.models import Activity, Comment, Occurrence, Remark, RemarkReply, Reminder, Roadmap, Stage

# The admin uploads evidence past the product's form: the same checks of the content.
EVIDENCE_CHECKED = {models.FileField: {"validators": [validate_document]}}


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["position", "title"]


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    """Templates (shipped and own) are roadmaps with «template» on; edit their rows under Activities."""

    list_display = ["__str__", "is_template", "scope", "organization", "municipality", "starts_on", "ends_on"]
    list_filter = ["is_template", "scope", "layout"]
    search_fields = ["title", "template_name", "organization__short_name", "municipality__name"]
    list_select_related = ["organization", "municipality"]
    raw_id_fields = ["organization", "municipality", "approved_by", "created_by"]
    inlines = [StageInline]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "roadmap"]
    search_fields = ["title", "roadmap__title", "roadmap__organization__short_name"]
    list_select_related = ["roadmap"]
    raw_id_fields = ["roadmap"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "term_text", "term_kind", "due_on", "status", "roadmap"]
    list_filter = ["status", "term_kind", "is_recurring", "roadmap__is_template"]
    search_fields = ["title", "content", "term_text", "responsible_text", "roadmap__title"]
    list_select_related = ["roadmap"]
    raw_id_fields = ["roadmap", "stage", "responsible_users", "evidence_order"]
    formfield_overrides = EVIDENCE_CHECKED


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ["activity", "starts_on", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["activity__title", "activity__roadmap__title"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "evidence_order"]
    formfield_overrides = EVIDENCE_CHECKED


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "activity", "author", "created_at"]
    search_fields = ["text", "activity__title"]
    raw_id_fields = ["activity", "author"]


class RemarkReplyInline(admin.TabularInline):
    model = RemarkReply
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Remark)
class RemarkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "author", "created_at", "resolved_at"]
    search_fields = ["text", "roadmap__title", "roadmap__organization__short_name"]
    list_select_related = ["roadmap", "author"]
    raw_id_fields = ["roadmap", "activity", "author", "resolved_by"]
    inlines = [RemarkReplyInline]


@admin.register(RemarkReply)
class RemarkReplyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "remark", "author", "created_at"]
    search_fields = ["text", "remark__text"]
    raw_id_fields = ["remark", "author"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "activity", "due_on", "kind", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "user__last_name", "activity__title"]
    list_select_related = ["user", "activity"]
    raw_id_fields = ["user", "activity"]
