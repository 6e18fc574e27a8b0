from django.contrib import admin

from mentoring.models import TrainingAttendance, TrainingEnrolment, TrainingProgram, TrainingSession


class TrainingSessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "hours", "provider_kind", "organization", "municipality", "created_at"]
    list_filter = ["provider_kind"]
    search_fields = ["name", "provider_name", "organization__short_name", "municipality__name"]
    list_select_related = ["organization", "municipality"]
    raw_id_fields = ["organization", "municipality"]
    inlines = [TrainingSessionInline]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "starts_at", "topic", "program"]
    search_fields = ["topic", "place", "program__name"]
    list_select_related = ["program"]
    raw_id_fields = ["program"]


@admin.register(TrainingEnrolment)
class TrainingEnrolmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "program", "role", "enrolled_on", "completed_on", "withdrawn_on"]
    list_filter = ["role"]
    search_fields = ["participant__search_name", "program__name", "certificate_number", "organization__short_name"]
    list_select_related = ["participant", "program"]
    raw_id_fields = ["program", "participant"]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "session"]
    search_fields = ["enrolment__participant__search_name", "session__topic"]
    list_select_related = ["enrolment__participant", "session"]
    raw_id_fields = ["enrolment", "session"]
