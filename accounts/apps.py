from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and organizations")

    def ready(self):
        from django.db.backends.signals import connection_created

        # Registers this app's home panels and navbar items.
        from accounts import panels  # noqa: F401
        from accounts.collation import register_sqlite_collation

        # SQLite learns the collation of people's names (PostgreSQL has it from a migration).
        connection_created.connect(register_sqlite_collation, dispatch_uid="accounts.collation")
