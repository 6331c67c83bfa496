"""python manage.py build_report table1 --format json|xlsx|docx [--output FILE] [--lang es|pt]"""

import json
import sys
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from registry.models import Initiative
from reports import excel, figures, word
from reports.builders import TECHNICAL_UNIT


class Command(BaseCommand):
    help = "Build the report from live data: Table 1 as JSON, or the Excel workbook or Word report."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["table1"])
        parser.add_argument("--format", choices=["json", "xlsx", "docx"], default="json")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout for json).")
        parser.add_argument("--lang", choices=["es", "pt"], default="es")
        parser.add_argument(
            "--public", action="store_true",
            help="Write what an anonymous visitor may read (held, shared dialogues only); by default the file is the technical unit's.",
        )

    def handle(self, *args, report, format, output, lang, public, **options):
        reader = AnonymousUser() if public else TECHNICAL_UNIT
        with translation.override(lang):
            initiatives = figures.report_initiatives(Initiative.objects.published())
            if format == "json":
                text = json.dumps(figures.table1(initiatives).as_json(), ensure_ascii=False, indent=2)
                if output:
                    output.write_text(text + "\n", encoding="utf-8")
                else:
                    self.stdout.write(text)
                return
            if output is None:
                raise CommandError(f"--format {format} needs --output FILE.")
            try:
                with output.open("wb") as handle:
                    if format == "xlsx":
                        excel.write_workbook(handle, initiatives, reader=reader)
                    else:
                        handle.write(word.executive_report(initiatives, reader=reader))
            except OSError as error:
                raise CommandError(f"{output}: {error.strerror}") from None
            sys.stderr.write(f"{output}: written\n")
