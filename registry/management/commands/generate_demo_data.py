import time

from django.core.management.base import BaseCommand, CommandError

from registry.synthetic import generate_initiatives


class Command(BaseCommand):
    help = "Create N realistic synthetic initiatives (for benchmarks), reproducible with --seed."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=1000, help="How many initiatives (default 1000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for reproducible data.")

    def handle(self, *args, initiatives: int, seed: int, **options):
        if initiatives < 1 or initiatives > 1_000_000:
            raise CommandError("--initiatives must be between 1 and 1,000,000.")
        started = time.monotonic()
        generate_initiatives(count=initiatives, seed=seed)
        self.stdout.write(f"Created {initiatives} synthetic initiatives in {time.monotonic() - started:.1f} s.")
