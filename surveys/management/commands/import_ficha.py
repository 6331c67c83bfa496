"""python manage.py import_ficha PATH [PATH ...] [--dry-run] [--format json] [--campaign ID] [--user NAME]"""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from registry.models import User
from surveys import services
from surveys.docx.reader import campaign_of, read_ficha
from surveys.docx.safety import UnreadableFicha, open_docx_safely
from surveys.models import Campaign
from surveys.questionnaire import campaign_questions


class Command(BaseCommand):
    help = "Read filled PIFCSS fichas (.docx); with --dry-run only show what was read."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Read and report; write nothing. Reads the core ficha unless --campaign names one (then its added questions too).",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--campaign", type=int, help="Campaign id (default: the one printed in the file, else the one open now)."
        )
        parser.add_argument("--user", help="Username recorded as the author of the import.")

    def handle(self, *args, paths, dry_run, format, campaign, user, **options):
        if dry_run and format == "json" and len(paths) != 1:
            raise CommandError("--dry-run --format json reads exactly one PATH.")
        results, failed = [], False
        for path in paths:
            try:
                document = open_docx_safely(self._read(path))
                # A dry run reads the core ficha without the database, unless a campaign is named.
                answered = self._campaign(campaign or campaign_of(document)) if campaign or not dry_run else None
                parsed = read_ficha(document, campaign_questions(answered) if answered else None)
            except UnreadableFicha as error:
                sys.stderr.write(f"{path}: {error.message}\n")
                failed = True
                continue
            if not dry_run:
                failed |= not self._write(path, parsed, answered, user)
            results.append((path, parsed))
        for path, parsed in results:
            if format == "json":
                self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(
                    f"{path}: {parsed['country'] or '?'} – {parsed['institution']}: "
                    f"{len(parsed['initiatives'])} initiative(s), {len(parsed['warnings'])} warning(s)"
                )
                for warning in parsed["warnings"]:
                    self.stdout.write(f"  ! {warning}")
        if failed:
            sys.exit(1)

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None

    def _campaign(self, campaign_id) -> Campaign | None:
        if campaign_id:
            return Campaign.objects.filter(pk=campaign_id).first()
        return next((c for c in Campaign.objects.all() if c.is_open()), None)

    def _write(self, path, parsed, campaign, username) -> bool:
        if campaign is None:
            sys.stderr.write(f"{path}: no such campaign open; pass --campaign ID\n")
            return False
        by = User.objects.filter(username=username).first() if username else None
        try:
            with transaction.atomic():
                ficha = services.ficha_import(parsed=parsed, campaign=campaign, by=by)
        except ValidationError as error:
            sys.stderr.write(f"{path}: {' '.join(error.messages)}\n")
            return False
        self.stderr.write(f"{path}: draft ficha #{ficha.pk} of {ficha.institution} in {campaign}")
        return True
