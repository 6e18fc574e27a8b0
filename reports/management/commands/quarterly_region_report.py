"""`manage.py quarterly_region_report --region NAME [--date dd.mm.yyyy] [--output FILE]`: the
quarterly XLSX of a whole region (reports/regional.py), for the regional operator."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Region
from mentoring.management.arguments import parse_day
from reports.regional import RegionQuarterlyExporter, latest_reporting_date


class Command(BaseCommand):
    help = "Writes the quarterly XLSX of a region: every municipality's indicators against its targets."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="the region's name")
        parser.add_argument(
            "--date", type=parse_day, help="the reporting date, dd.mm.yyyy (default: the latest that came)"
        )
        parser.add_argument("--output", type=Path, help="the file to write (default: the report's name, here)")

    def handle(self, *args, region, date, output, **options):
        found = Region.objects.filter(name=region).first()
        if found is None:
            names = ", ".join(Region.objects.values_list("name", flat=True)) or "none"
            raise CommandError(f"No region named {region!r}. Regions: {names}.")
        date = date or latest_reporting_date(found, timezone.localdate())
        if date is None:
            raise CommandError(f"{found} has no reporting period yet.")
        exporter = RegionQuarterlyExporter()
        name, _content_type, content = exporter.render({"region": found, "reporting_date": date})
        path = output or Path(name)
        path.write_bytes(content)
        self.stdout.write(f"{path}: {exporter.rows_written - 1} municipalities and the region in total.")
