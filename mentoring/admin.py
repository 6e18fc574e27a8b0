from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import (
    AccountInvitation,
    Consent,
    DevelopmentPlan,
    MatchingExclusion,
    MatchingRun,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringUnit,
    Participant,
    PartnerOrganization,
    PlanItem,
    PlanTemplate,
    PlanTemplateItem,
    Program,
    RoleModel,
    TeacherMentoringFormat,
    UnitMentee,
)
from mentoring.uploads import validate_scan


@admin.register(PartnerOrganization)
class PartnerOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organization", "agreement_number", "agreement_date"]
    list_filter = ["kind"]
    search_fields = ["name", "agreement_number", "contact_person", "organization__short_name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "category", "class_name", "organization", "birth_date"]
    list_filter = ["category", "has_disability"]
    search_fields = ["search_name", "class_name", "email", "organization__short_name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "partner", "user", "parents"]


class RegistryEntryAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "academic_year", "entered_on", "completed_on", "full_cycle"]
    list_filter = ["academic_year", "full_cycle"]
    search_fields = ["participant__search_name", "participant__organization__short_name"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant"]


admin.site.register(MentorEntry, RegistryEntryAdmin)
admin.site.register(MenteeEntry, RegistryEntryAdmin)


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "kind", "signed_by", "signed_on", "valid_until", "withdrawn_on"]
    list_filter = ["kind", "signed_by"]
    search_fields = ["participant__search_name", "representative_name"]
    list_select_related = ["participant"]
    autocomplete_fields = ["participant"]
    # The admin uploads a scan past the product's form: the same checks of the content.
    formfield_overrides = {models.FileField: {"validators": [validate_scan]}}


class RoleModelInline(admin.TabularInline):
    model = RoleModel
    extra = 0


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "mentor_capacity", "for_teachers", "position", "is_active"]
    list_editable = ["mentor_capacity", "position", "is_active"]
    search_fields = ["name", "code"]
    inlines = [RoleModelInline]


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ["name", "form"]
    list_filter = ["form"]
    search_fields = ["name", "form__name"]


@admin.register(TeacherMentoringFormat)
class TeacherMentoringFormatAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "academic_year", "form"]
    list_filter = ["academic_year", "form"]
    search_fields = ["title", "organization__short_name"]
    list_select_related = ["organization", "form"]
    raw_id_fields = ["organization", "curator"]


class UnitMenteeInline(admin.TabularInline):
    model = UnitMentee
    extra = 0
    raw_id_fields = ["mentee"]


@admin.register(MentoringUnit)
class MentoringUnitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "form", "status", "planned_from", "planned_to"]
    list_filter = ["status", "form", "kind"]
    search_fields = ["mentor__search_name", "program__title", "program__organization__short_name"]
    list_select_related = ["mentor", "program", "form"]
    raw_id_fields = ["program", "mentor", "approval_order", "approved_by", "created_by"]
    inlines = [UnitMenteeInline]


@admin.register(UnitMentee)
class UnitMenteeAdmin(admin.ModelAdmin):
    list_display = ["mentee", "unit", "joined_on", "left_on", "full_cycle"]
    search_fields = ["mentee__search_name", "unit__mentor__search_name"]
    raw_id_fields = ["unit", "mentee"]


@admin.register(MatchingExclusion)
class MatchingExclusionAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "reason", "created_by", "created_at"]
    search_fields = ["mentor__search_name", "mentee__search_name", "reason", "organization__short_name"]
    list_select_related = ["mentor", "mentee", "created_by"]
    raw_id_fields = ["organization", "mentee", "mentor", "created_by"]


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    """Kept computations, to look into one that failed; the page makes and replaces them."""

    list_display = ["program", "status", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["program__title", "program__organization__short_name"]
    list_select_related = ["program"]
    raw_id_fields = ["program", "requested_by"]
    exclude = ["result"]


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["membership", "updated_at"]
    search_fields = ["membership__mentee__search_name", "goal"]
    raw_id_fields = ["membership"]
    inlines = [PlanItemInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["activity", "plan", "due_on", "done_on"]
    search_fields = ["activity", "plan__membership__mentee__search_name"]
    raw_id_fields = ["plan"]


class PlanTemplateItemInline(admin.TabularInline):
    model = PlanTemplateItem
    extra = 0


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "owner", "created_at"]
    search_fields = ["name", "goal", "organization__short_name"]
    list_select_related = ["organization", "owner"]
    raw_id_fields = ["organization", "owner", "created_by"]
    inlines = [PlanTemplateItemInline]


@admin.register(PlanTemplateItem)
class PlanTemplateItemAdmin(admin.ModelAdmin):
    list_display = ["activity", "template", "due_after_days"]
    search_fields = ["activity", "template__name"]
    raw_id_fields = ["template"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["held_on", "type", "topic", "unit"]
    list_filter = ["type", "format"]
    search_fields = ["topic", "unit__mentor__search_name"]
    raw_id_fields = ["unit", "created_by"]
    filter_horizontal = ["attendees"]


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    list_display = ["participant", "user", "role", "created_at", "answered_at", "accepted"]
    list_filter = ["role", "accepted"]
    search_fields = ["participant__search_name", "user__username", "user__email"]
    list_select_related = ["participant", "user"]
    autocomplete_fields = ["participant", "user", "created_by"]


# The capability packages that keep their admin beside them.
from mentoring.contests import admin as contests_admin  # noqa: E402, F401
from mentoring.practices import admin as practices_admin  # noqa: E402, F401
from mentoring.training import admin as training_admin  # noqa: E402, F401
