from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Municipality, Organization, Region, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization", "municipality"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("last_name", "first_name", "patronymic", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ["username", "last_name", "first_name", "patronymic", "email", "is_active", "is_staff"]
    search_fields = ["username", "last_name", "first_name", "patronymic", "email"]
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "region__name"]
    list_select_related = ["region"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "municipality", "city", "time_zone"]
    list_filter = ["kind", "municipality__region", "time_zone"]
    search_fields = ["short_name", "full_name", "city", "municipality__name"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization", "municipality", "created_at"]
    list_filter = ["role"]
    search_fields = [
        "user__username",
        "user__last_name",
        "user__first_name",
        "user__email",
        "organization__short_name",
        "municipality__name",
    ]
    list_select_related = ["user", "organization", "municipality"]
    autocomplete_fields = ["user", "organization", "municipality"]
