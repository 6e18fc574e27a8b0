"""``manage.py backup``: the database and the uploaded files into a new timestamped folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Backs up the database and MEDIA_ROOT into <output-dir>/<YYYYmmdd-HHMMSS>/."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", help="Where the timestamped folder is made.")

    def handle(self, *args, output_dir, **options):
        try:
            folder = backup_create(
                target_dir=Path(output_dir),
                database=settings.DATABASES[DEFAULT_DB_ALIAS],
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
