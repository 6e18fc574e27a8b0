from django.contrib import admin

from reports.publication.models import Publication, PublicationEvent, PublicSection


@admin.register(PublicSection)
class PublicSectionAdmin(admin.ModelAdmin):
    list_display = ["slug", "organization", "municipality", "contact_name", "updated_at"]
    search_fields = ["slug", "organization__short_name", "municipality__name", "contact_name"]
    list_select_related = ["organization", "municipality"]
    readonly_fields = ["version", "updated_at"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "source", "is_published", "published_at"]
    list_filter = ["source", "is_published"]
    search_fields = ["title", "section__slug"]
    list_select_related = ["section"]


@admin.register(PublicationEvent)
class PublicationEventAdmin(admin.ModelAdmin):
    """The log is evidence: nobody adds, changes or deletes an entry."""

    list_display = ["created_at", "user_name", "action", "title", "section"]
    list_filter = ["action", "source"]
    search_fields = ["title", "user_name", "section__slug"]
    list_select_related = ["section"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
