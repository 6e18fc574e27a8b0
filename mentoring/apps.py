from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self):
        # Registers the registries' home panels, navbar items and exporters.
        from mentoring import consent_forms, panels, registry_export, unit_panels, work_panels  # noqa: F401
