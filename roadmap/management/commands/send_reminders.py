import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from roadmap.reminders import send_reminders
from roadmap.services import registry_events_check


class Command(BaseCommand):
    help = (
        "Daily: completes activities that wait for a non-empty registry, then e-mails each responsible person "
        "the roadmap activities due within 7 days and the overdue ones, once per activity and deadline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to act as today, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", ""),
            help="The site's address for the links in the e-mails, e.g. https://mentoring.example.ru",
        )

    def handle(self, *args, date=None, base_url="", **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        completed = registry_events_check(on_date=today)
        run = send_reminders(today=today, base_url=base_url.rstrip("/"))
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(
                _("%(day)s: %(completed)s activities completed by events, %(emails)s e-mails with %(items)s reminders.")
                % {"day": f"{today:%d.%m.%Y}", "completed": len(completed), "emails": run.emails, "items": run.items}
            )
