from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self):
        # Registers the packages' home panels, navbar items and exporters, the pairs' answer to a
        # withdrawn consent (mentoring.registry.signals), and what makes a kept matching stale.
        from mentoring.contests import candidates  # noqa: F401
        from mentoring.contests import panels as contests_panels  # noqa: F401
        from mentoring.pairs import matching  # noqa: F401
        from mentoring.pairs import panels as pairs_panels  # noqa: F401
        from mentoring.pairs import services as pairs_services  # noqa: F401
        from mentoring.practices import panels as practices_panels  # noqa: F401
        from mentoring.registry import consent_forms, exports, panels  # noqa: F401
        from mentoring.training import panels as training_panels  # noqa: F401
        from mentoring.training import services as training_services  # noqa: F401
        from mentoring.work import panels as work_panels  # noqa: F401
