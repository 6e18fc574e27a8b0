"""``manage.py bench_data --scale district``: loads an invented dataset for the benchmark."""

from django.core.management.base import BaseCommand

from ops.benchmarks.data import SCALES, Generator, dataset_exists


class Command(BaseCommand):
    help = "Loads the invented district or region dataset of the benchmark (skipped when it is there)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, scale, seed, **options):
        chosen = SCALES[scale]
        if dataset_exists(chosen):
            self.stdout.write(f"The {scale} dataset is already loaded; drop the database to regenerate it.")
            return
        self.stdout.write(f"Loading the {scale} dataset:")
        timings = Generator(chosen, seed=seed, log=self.stdout.write).run()
        self.stdout.write(self.style.SUCCESS(f"The {scale} dataset is loaded in {timings['total']:.1f} s."))
