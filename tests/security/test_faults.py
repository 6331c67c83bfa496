"""When the database freezes or goes away: requests give up in seconds, /health/ says so within
two, the report worker waits and comes back; and the log stays one line per refused request."""

import logging
import socket
import threading
import time
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from alianzas import health
from alianzas.backup import Database
from reports.models import ReportJob, WorkerHeartbeat
from reports.worker import ResilientWorker, retry_delay

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_server():
    """A "database" that accepts connections and never says a word, as a frozen server does."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for peer in accepted:
        peer.close()
    listener.close()


def test_every_connection_gives_up_on_a_silent_database(settings):
    parameters = connection.get_connection_params()
    assert parameters["connect_timeout"] == 5 and "statement_timeout=15000" in parameters["options"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"
        cursor.execute("SET LOCAL statement_timeout = '100ms'")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(2)")


def test_health_answers_503_within_two_seconds_when_the_database_is_frozen(silent_server, monkeypatch):
    monkeypatch.setattr(health.Database, "from_settings", classmethod(lambda cls: Database(name="x", host="127.0.0.1", port=str(silent_server))))
    started = time.monotonic()
    response = Client().get("/health/")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"
    assert time.monotonic() - started < 2.5


def test_while_a_probe_still_waits_the_next_answer_is_immediate(monkeypatch):
    release = threading.Event()

    def stuck(outcome):
        release.wait(5)
        health._probe_running.release()

    monkeypatch.setattr(health, "_probe", stuck)
    monkeypatch.setattr(health, "PROBE_SECONDS", 0.3)
    assert not health.database_answers(timeout=0.3)
    started, threads = time.monotonic(), threading.active_count()
    assert Client().get("/health/").status_code == 503
    assert time.monotonic() - started < 0.2 and threading.active_count() == threads
    release.set()


def test_health_answers_503_when_nothing_listens(monkeypatch):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    monkeypatch.setattr(health.Database, "from_settings", classmethod(lambda cls: Database(name="x", host="127.0.0.1", port=str(port))))
    assert Client().get("/health/").status_code == 503


def test_health_reports_the_queue_and_the_workers(curator):
    body = Client().get("/health/").json()
    assert body["status"] == "ok" and body["report_queue"] == {"waiting": 0, "oldest_waiting_seconds": None}
    job = ReportJob.objects.create(format="xlsx", requested_by=curator)
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=7))
    WorkerHeartbeat.objects.create(worker_id="w1", beat_at=timezone.now() - timedelta(minutes=10))
    body = Client().get("/health/").json()
    assert body["status"] == "degraded" and body["report_queue"]["waiting"] == 1
    assert 415 <= body["report_queue"]["oldest_waiting_seconds"] <= 425
    assert body["report_workers"] == {"alive": 0, "last_heartbeat_seconds_ago": 600}
    WorkerHeartbeat.objects.create(worker_id="w2", beat_at=timezone.now())
    assert Client().get("/health/").json()["status"] == "ok"


def test_the_report_worker_waits_out_an_outage_and_builds_the_queued_file(curator, settings, tmp_path, caplog, monkeypatch):
    from reports.tasks import build_report_job

    settings.MEDIA_ROOT = tmp_path
    job = ReportJob.objects.create(format="xlsx", requested_by=curator, total=0)
    build_report_job.enqueue(str(job.pk))
    worker = ResilientWorker(
        queue_names=["default"], interval=0, batch=False, backend_name="default", startup_delay=False,
        max_tasks=1, worker_id="test-worker", excluded_queue_names=[],
    )
    outages, waits = [OperationalError("server closed the connection unexpectedly"), OperationalError("could not connect")], []
    real_claim = worker.claim_next

    def claim_during_outage():
        if outages:
            raise outages.pop(0)
        return real_claim()

    monkeypatch.setattr(worker, "claim_next", claim_during_outage)
    monkeypatch.setattr(worker, "_sleep", waits.append)
    monkeypatch.setattr("reports.worker.connections.close_all", lambda: None)  # the test's own connection stays
    with caplog.at_level(logging.WARNING, logger="reports.worker"):
        worker.run()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE and job.file
    assert waits == [1.0, 2.0]
    outage_lines = [record.getMessage() for record in caplog.records if "unavailable" in record.getMessage()]
    assert len(outage_lines) == 2 and all("\n" not in line for line in outage_lines)
    assert WorkerHeartbeat.objects.filter(worker_id="test-worker").exists()


def test_back_off_grows_to_a_minute():
    assert [retry_delay(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_refused_request_is_one_line_in_the_log(as_focal_cr, caplog):
    from alianzas.log_filters import ClientErrorsOnOneLine

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert as_focal_cr.get("/audit/").status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    handler = logging.StreamHandler()
    handler.addFilter(ClientErrorsOnOneLine())
    assert handler.filter(record)
    assert "\n" not in handler.format(record) and "Forbidden" in handler.format(record)
    configured = [h for h in logging.getLogger().handlers if any(isinstance(f, ClientErrorsOnOneLine) for f in h.filters)]
    assert configured, "the console handler carries the filter"


def test_every_connection_costs_random_reads_as_on_an_ssd():
    """With PostgreSQL's spinning-disk default (4) the planner scanned every initiative to match a
    search instead of using its index (alianzas.settings.DB_RANDOM_PAGE_COST)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
