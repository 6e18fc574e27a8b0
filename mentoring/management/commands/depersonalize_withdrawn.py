"""Daily: depersonalizes the people whose consent to processing was withdrawn 30 days ago or earlier.

152-ФЗ gives 30 days after a withdrawal to destroy or depersonalize the data. Safe to run every day:
a depersonalized person is not picked again, so a second run on the same day does nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.management.arguments import parse_day
from mentoring.models import Consent
from mentoring.registry.services import participant_depersonalize, participants_due_for_depersonalization


class Command(BaseCommand):
    help = "Depersonalizes participants whose consent to processing was withdrawn at least 30 days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=parse_day, help="Act as of this day (dd.mm.yyyy or yyyy-mm-dd); today by default."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list who would be depersonalized.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        withdrawn = Q(consents__kind=Consent.Kind.PROCESSING)
        due = (
            participants_due_for_depersonalization(today)
            .annotate(withdrawn_on=Max("consents__withdrawn_on", filter=withdrawn))
            .order_by("organization__short_name", "pk")
        )
        if dry_run:
            return self.list(due, today)

        done = failed = 0
        for participant in due:
            label = self.label(participant)
            try:
                participant_depersonalize(participant=participant)
            except Exception as error:  # one person's failure must not stop the others
                failed += 1
                self.stderr.write(_("Could not depersonalize %(who)s: %(error)s") % {"who": label, "error": error})
            else:
                done += 1
        self.stdout.write(self.style.SUCCESS(_("Depersonalized participants: %(count)d") % {"count": done}))
        if failed:
            raise CommandError(_("Failed to depersonalize: %(count)d") % {"count": failed})

    def list(self, due, today: datetime.date) -> None:
        participants = list(due)
        for participant in participants:
            self.stdout.write(f"  {self.label(participant)}")
        self.stdout.write(
            _("Would be depersonalized as of %(date)s: %(count)d (dry run, nothing changed)")
            % {"date": f"{today:%d.%m.%Y}", "count": len(participants)}
        )

    @staticmethod
    def label(participant) -> str:
        """Organization, number and name of the person, and the day the processing consent was withdrawn."""
        withdrawn = f"{participant.withdrawn_on:%d.%m.%Y}" if participant.withdrawn_on else "—"
        return _("%(organization)s, #%(pk)s %(name)s, consent withdrawn %(date)s") % {
            "organization": participant.organization.short_name,
            "pk": participant.pk,
            "name": participant.full_name,
            "date": withdrawn,
        }
