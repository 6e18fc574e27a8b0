"""Reminds by e-mail everyone who has not answered a running campaign: run it daily from cron.

Nobody is reminded twice within ``--days`` days (nor within them after the first letter), so a
daily run and the curator's button do not pile letters up.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring.services import DEFAULT_REMINDER_INTERVAL, campaign_remind, running_campaigns


class Command(BaseCommand):
    help = "E-mails reminders with the personal links to those who have not answered running campaigns."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            required=True,
            help="The site's address the links start with, e.g. https://mentoring.example.ru",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_REMINDER_INTERVAL,
            help="Do not remind anyone reminded (or sent the link) within this many days.",
        )

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days must be 1 or more.")
        if not options["base_url"].startswith(("http://", "https://")):
            raise CommandError("--base-url must start with http:// or https://")
        now = timezone.now()
        total = 0
        for campaign in running_campaigns(timezone.localdate(now)):
            try:
                mailing = campaign_remind(
                    campaign=campaign, base_url=options["base_url"], interval_days=options["days"], now=now
                )
            except ValidationError as error:
                self.stderr.write(f"{campaign}: {' '.join(error.messages)}")
                continue
            total += mailing.sent
            if mailing.sent or mailing.without_email:
                self.stdout.write(
                    f"{campaign.organization}: «{campaign}»: {mailing.sent} reminded, "
                    f"{len(mailing.without_email)} without an e-mail"
                )
        self.stdout.write(f"Reminders sent: {total}")
