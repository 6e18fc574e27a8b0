"""The admin of questionnaires and campaigns. The secrets of personal links are never shown."""

from django.contrib import admin

from monitoring.models import Answer, Campaign, Invitation, Question, Questionnaire, Response


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "required", "options", "stage", "expected_text", "matching"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "purpose", "formula", "organization"]
    list_filter = ["audience", "purpose", "formula"]
    search_fields = ["title", "code", "organization__short_name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["copied_from"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "required", "questionnaire"]
    list_filter = ["kind"]
    search_fields = ["text", "questionnaire__title"]
    list_select_related = ["questionnaire"]
    raw_id_fields = ["questionnaire"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "questionnaire", "stage", "opens_on", "closes_on", "closed_at"]
    list_filter = ["stage"]
    search_fields = ["title", "organization__short_name", "questionnaire__title"]
    list_select_related = ["organization", "questionnaire"]
    raw_id_fields = ["organization", "questionnaire", "program", "baseline", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["participant", "campaign", "emailed_at", "reminded_at", "answered_at"]
    search_fields = ["participant__search_name", "campaign__title", "campaign__organization__short_name"]
    list_select_related = ["participant", "campaign"]
    raw_id_fields = ["campaign", "participant"]
    # The link's secret is a password of sorts: not displayed, not editable.
    exclude = ["secret"]
    readonly_fields = ["key"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "submitted_at"]
    search_fields = ["campaign__title", "campaign__organization__short_name"]
    list_select_related = ["campaign"]
    raw_id_fields = ["campaign", "invitation"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "value", "response"]
    search_fields = ["question__text", "text", "response__campaign__title"]
    list_select_related = ["question", "response__campaign"]
    raw_id_fields = ["response", "question"]
