from django.contrib import admin

from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod, Submission, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "group", "unit", "source", "role", "denominator", "position", "active"]
    list_filter = ["group", "source", "active"]
    search_fields = ["code", "name", "short_name"]
    filter_horizontal = ["forms", "municipalities"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "municipality", "year", "value"]
    list_filter = ["municipality", "year"]
    list_select_related = ["indicator", "municipality"]
    raw_id_fields = ["updated_by"]
    search_fields = ["indicator__short_name", "municipality__name"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["reporting_date", "due_on", "municipality"]
    list_filter = ["municipality"]
    date_hierarchy = "reporting_date"
    search_fields = ["municipality__name"]


@admin.register(ContingentFigures)
class ContingentFiguresAdmin(admin.ModelAdmin):
    list_display = ["organization", "period", "students_total", "teachers", "updated_at"]
    list_filter = ["period__municipality"]
    list_select_related = ["organization", "period"]
    raw_id_fields = ["organization", "period", "updated_by"]
    search_fields = ["organization__short_name"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: a submission is the organization's frozen report."""

    list_display = ["organization", "period", "submitted_at", "submitted_by", "is_current"]
    list_filter = ["is_current", "period__municipality"]
    list_select_related = ["organization", "period", "submitted_by"]
    search_fields = ["organization__short_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
