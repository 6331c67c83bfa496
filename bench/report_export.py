"""Exporting the Excel report of 10,000 initiatives against openpyxl's write-only mode writing
the same, already prepared rows.

    .venv/bin/python bench/report_export.py [COUNT]

Runs in its own database (alianzas_bench) on the embedded server. Prints the time ratio (target:
at most 1.3x) and the peak Python memory of each (tracemalloc), which should stay flat: the
export streams the initiatives in chunks and the workbook's rows to temporary files.
"""

import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
os.environ.setdefault("ALIANZAS_DB_NAME", "alianzas_bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from registry.models import Initiative, Participation  # noqa: E402
from registry.synthetic import generate_initiatives  # noqa: E402
from reports import excel, figures, sheets  # noqa: E402

TARGET = 1.3


def measured(function) -> tuple[float, int]:
    """Time of a plain run, then peak memory of a second run (tracemalloc slows what it watches)."""
    started = time.perf_counter()
    function()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def prepared_rows(initiatives) -> dict[str, list[list]]:
    """Every row of the initiative, actor and Table 1 sheets, computed up front: what the
    baseline writes."""
    labels = sheets.Labels()
    (columns, fields), actor_columns = sheets._initiative_columns(labels), sheets._actor_columns(labels)
    rows = {"initiatives": [], "actors": [], "table1": []}
    for values in sheets._initiative_values(initiatives, fields):
        row = dict(zip(fields, values, strict=True))
        rows["initiatives"].append([column[2](row) for column in columns])
        rows["table1"].append([labels.country(row["institution__country_id"]), row["name"], labels.sectors(row["sector_ids"])])
    participations = Participation.objects.filter(initiative__in=initiatives.order_by().values("pk")).order_by("initiative_id", "position", "pk")
    for values in participations.values_list(*sheets.ACTOR_FIELDS):
        rows["actors"].append([column[2](values) for column in actor_columns])
    return rows


def baseline(rows: dict[str, list[list]]) -> None:
    workbook = Workbook(write_only=True)
    for name, sheet_rows in rows.items():
        sheet = workbook.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    workbook.save(io.BytesIO())


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    if Initiative.objects.count() < count:
        Initiative.objects.all().delete()
        generate_initiatives(count=count, seed=7)
    # Every generated initiative, whatever its status: the export takes any filtered queryset.
    initiatives = figures.report_initiatives(Initiative.objects.all()).with_classification()
    rows = prepared_rows(initiatives)
    baseline_time, baseline_memory = measured(lambda: baseline(rows))
    export_time, export_memory = measured(lambda: excel.write_workbook(io.BytesIO(), initiatives, reader=AnonymousUser()))
    ratio = export_time / baseline_time
    print(f"initiatives: {initiatives.count():,}")
    print(f"openpyxl write-only, prepared rows: {baseline_time:6.2f} s, peak {baseline_memory / 2**20:6.1f} MiB (rows held: "
          f"{sum(len(r) for r in rows.values()):,})")
    print(f"export from the database:           {export_time:6.2f} s, peak {export_memory / 2**20:6.1f} MiB")
    print(f"time ratio {ratio:.2f} ({'within' if ratio <= TARGET else 'ABOVE'} the {TARGET}x target)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
