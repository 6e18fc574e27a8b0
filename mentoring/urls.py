from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Mentoring: administration")
admin.site.site_title = _("Mentoring")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("registry/", include("mentoring.registry.urls")),
    path("roadmaps/", include("roadmap.urls")),
    path("pairs/", include("mentoring.pairs.urls")),
    path("pairs/work/", include("mentoring.work.urls")),
    path("practices/", include("mentoring.practices.urls")),
    path("training/", include("mentoring.training.urls")),
    path("contests/", include("mentoring.contests.urls")),
    path("documents/", include("reports.urls")),
    path("monitoring/", include("monitoring.urls")),
    # Personal questionnaire links: short, for QR codes on paper.
    path("q/", include("monitoring.answer_urls")),
    path("indicators/", include("monitoring.indicators.urls")),
    path("indicators/dashboard/", include("monitoring.indicators.dashboard_urls")),
    path("documents/jobs/", include("reports.job_urls")),
    path("documents/publication/", include("reports.publication.urls")),
    # The public section of an organization or municipality: a stable address for its site.
    path("open/", include("reports.publication.public_urls")),
]
