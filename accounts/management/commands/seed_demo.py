from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DemoWorld


class Command(BaseCommand):
    help = "Creates or refreshes the invented demo data of every app and prints the demo logins."

    def handle(self, *args, **options):
        world = DemoWorld()
        with transaction.atomic():
            # Each app may ship a `demo` module with seed(world); they run in INSTALLED_APPS order,
            # so later apps build on what the earlier ones made.
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(world)
        self.stdout.write(self.style.SUCCESS("Демо-данные готовы. Входы (логин / пароль / роль):"))
        width = max(len(login) for login, _, _ in world.logins)
        for login, password, purpose in world.logins:
            self.stdout.write(f"  {login.ljust(width)}  {password}  {purpose}")
