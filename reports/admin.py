from django.contrib import admin

from reports.models import Order, OrderKind


@admin.register(OrderKind)
class OrderKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "document", "scope", "region", "appendix", "position", "is_active"]
    list_filter = ["document", "scope", "region", "is_active"]
    search_fields = ["name", "code"]
    list_editable = ["position", "is_active"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "organization", "municipality", "registered_at"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "number", "organization__short_name", "municipality__name"]
    list_select_related = ["kind", "organization", "municipality"]
    raw_id_fields = ["organization", "municipality", "created_by", "registered_by", "cancelled_by"]
    readonly_fields = ["year", "sequence", "created_at", "registered_at", "cancelled_at"]
