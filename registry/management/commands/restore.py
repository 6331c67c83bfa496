from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alianzas.backup import BackupError, Database, read_manifest, restore


class Command(BaseCommand):
    help = "Replaces the database and the uploaded files with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path: Path, interactive: bool, **options):
        database = Database.from_settings()
        try:
            manifest = read_manifest(path)
            if interactive:
                answer = input(
                    f"This replaces everything in database {database.name!r} and in {settings.MEDIA_ROOT} "
                    f"with the backup of {manifest['created_at']}. Type 'yes' to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            differences = restore(path, database=database, media_root=Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if differences:
            listed = ", ".join(f"{table} ({expected} expected, {found} found)" for table, (expected, found) in differences.items())
            raise CommandError(f"Restored, but these tables differ from the backup's manifest: {listed}")
        self.stdout.write(f"Restored {path}: every table has the row count recorded in the backup.")
