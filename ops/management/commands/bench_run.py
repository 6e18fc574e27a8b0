"""``manage.py bench_run``: measures the pages, exports and matching on the benchmark datasets,
prints one table and writes it as JSON (see ops.benchmarks.run)."""

import json
import platform
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ops.benchmarks.data import SCALES, dataset_exists
from ops.benchmarks.run import BenchmarkError, run, table


class Command(BaseCommand):
    help = "Measures the benchmark on the loaded datasets; prints a table and writes bench-results/*.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", action="append", choices=sorted(SCALES), help="Repeat for several; default: every loaded one."
        )
        parser.add_argument("--runs", type=int, default=20, help="Requests per page after the warm-up.")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--mentees", type=int, default=500)
        parser.add_argument("--mentors", type=int, default=200)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench-results"))

    def handle(self, *args, **options):
        scales = options["scale"] or [name for name in ("district", "region") if dataset_exists(SCALES[name])]
        if not scales:
            raise CommandError("No dataset is loaded: run `manage.py bench_data --scale district` first.")
        # The host of django.test.Client. setup_test_environment() would also add it, but it wraps
        # template rendering in instrumentation that would be timed as well.
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        try:
            lines = run(
                scales,
                runs=options["runs"],
                warmup=options["warmup"],
                matching=(options["mentees"], options["mentors"]),
            )
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(table(lines))
        for line in lines:
            for note in line.notes:
                self.stdout.write(f"  {line.scale} / {line.name}: {note}")
        now = timezone.now()
        report = {
            "generated_at": now.isoformat(),
            "database": connection.vendor,
            "python": platform.python_version(),
            "debug": settings.DEBUG,
            "scales": scales,
            "runs": options["runs"],
            "lines": [line.as_dict() for line in lines],
        }
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        path = output / f"bench-{now:%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(f"Written to {path}")
