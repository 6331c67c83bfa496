"""The load script of bench/ runs against the production stack and checks itself; here it runs
briefly, so that it keeps working (the full 60-second run is `bench/load.py`)."""

import os
import subprocess
import sys

from django.conf import settings


def test_a_short_load_run_has_no_errors_and_loses_no_save():
    environment = {**os.environ, "ALIANZAS_DB_NAME": "alianzas_load_smoke"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--seconds", "4", "--focal-points", "4", "--analysts", "2", "--workers", "2"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "errors: 0; lost updates: 0" in result.stdout
    assert "draft saves:" in result.stdout and "p95" in result.stdout
