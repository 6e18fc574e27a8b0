"""``manage.py restore <folder>``: a backup into an empty database and MEDIA_ROOT, checked."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restores a backup folder (made by `manage.py backup`) into an empty database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder, e.g. backups/20261201-030000.")

    def handle(self, *args, folder, **options):
        # The restore runs its own connections; Django's must not hold the empty database open.
        connections[DEFAULT_DB_ALIAS].close()
        try:
            restored = backup_restore(
                folder=Path(folder), database=settings.DATABASES[DEFAULT_DB_ALIAS], media_root=Path(settings.MEDIA_ROOT)
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(restored.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {restored.folder}: {len(restored.tables)} tables, {rows} rows, "
                f"{restored.media_files} files; every count matches the backup."
            )
        )
