"""Contests in the admin (registered from mentoring/admin.py, which Django finds). The jury's scores
are shown for support; the results are frozen by closing the contest, not edited here."""

from django.contrib import admin
from django.db import models

from mentoring.models import Application, ApplicationFile, Contest, ContestResult, Criterion, Nomination, Score
from mentoring.uploads import validate_document


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "municipality", "status", "applications_from", "results_on"]
    list_filter = ["status"]
    search_fields = ["title", "organization__short_name", "municipality__name"]
    list_select_related = ["organization", "municipality"]
    raw_id_fields = ["organization", "municipality", "jury", "closed_by", "results_order", "created_by"]
    inlines = [NominationInline, CriterionInline]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["name", "contest", "position"]
    search_fields = ["name", "contest__title"]
    raw_id_fields = ["contest"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "contest", "max_score", "position"]
    search_fields = ["name", "contest__title"]
    raw_id_fields = ["contest"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "contest", "nomination", "organization", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["contest__title", "organization__short_name", "mentor__search_name", "unit__mentor__search_name"]
    list_select_related = ["contest", "nomination", "organization"]
    raw_id_fields = ["contest", "nomination", "organization", "unit", "mentor", "submitted_by"]


@admin.register(ApplicationFile)
class ApplicationFileAdmin(admin.ModelAdmin):
    list_display = ["name", "application", "uploaded_at"]
    search_fields = ["name", "application__contest__title"]
    raw_id_fields = ["application"]
    formfield_overrides = {models.FileField: {"validators": [validate_document]}}


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["application", "criterion", "juror", "value", "updated_at"]
    search_fields = ["application__contest__title", "criterion__name", "juror__username"]
    raw_id_fields = ["application", "criterion", "juror"]


@admin.register(ContestResult)
class ContestResultAdmin(admin.ModelAdmin):
    list_display = ["application", "place", "mean_total"]
    search_fields = ["application__contest__title"]
    raw_id_fields = ["application"]
