"""python manage.py build_open_data [--force]: the open-data package of /data/, nightly (docs/deploy.md)."""

from django.core.management.base import BaseCommand

from reports.open_data_release import open_data_release_build


class Command(BaseCommand):
    help = "Build the open-data package when the published data changed since the last one (--force: anyway)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force=False, **options):
        release = open_data_release_build(force=force)
        self.stdout.write(f"Open-data package of {release.built_at:%Y-%m-%d %H:%M}: " + ", ".join(f"{k} {v}" for k, v in release.counts.items()))
