from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alianzas.backup import BackupError, Database, backup


class Command(BaseCommand):
    help = "Writes the database and the uploaded files into one archive (.tar.gz) at PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        if path.exists():
            raise CommandError(f"{path} exists already; choose a new name so no backup is overwritten.")
        try:
            manifest = backup(path, database=Database.from_settings(), media_root=Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Backup written to {path}: {len(manifest['tables'])} tables, {rows} rows, uploaded files included.")
