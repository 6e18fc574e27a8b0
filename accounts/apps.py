from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and organizations")

    def ready(self):
        # Registers this app's home panels and navbar items.
        from accounts import panels  # noqa: F401
