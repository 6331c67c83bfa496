"""The report worker: django-tasks-db's loop, made to outlive the database.

Its own `db_worker` lets the first OperationalError of an outage end the process, and nothing
restarted it, so report jobs stalled without a word. This loop claims and runs tasks the same way
(the same Worker.run_task, the same locking), and when the database is unreachable it logs one
line, waits (RETRY_FIRST seconds, doubling up to RETRY_MAX) and tries again. Every turn writes a
heartbeat that /health/ reports; `make serve` restarts the process should it still exit."""

import logging
import os
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.db.utils import InterfaceError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from reports.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

RETRY_FIRST, RETRY_MAX = 1.0, 60.0
HEARTBEAT_EVERY = 5.0  # seconds; a worker busy on a long report beats again when it is done
OUTAGE_ERRORS = (DatabaseError, InterfaceError)


FORGET_WORKERS_AFTER = timedelta(days=1)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64], defaults={"beat_at": timezone.now(), "host": socket.gethostname()[:255], "pid": os.getpid()}
    )


def retry_delay(failures: int) -> float:
    return min(RETRY_FIRST * 2 ** max(failures - 1, 0), RETRY_MAX)


class ResilientWorker(Worker):
    def claim_next(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run(self) -> None:
        logger.info("Report worker %s started", self.worker_id)
        failures, last_beat = 0, 0.0
        while self.running:
            try:
                if failures:
                    connections.close_all()  # the broken ones, so the next query connects anew
                if time.monotonic() - last_beat >= HEARTBEAT_EVERY:
                    if not last_beat:  # workers restarted long ago are gone, not stalled
                        WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_WORKERS_AFTER).delete()
                    beat(self.worker_id)
                    last_beat = time.monotonic()
                task_result = self.claim_next()
                if task_result is not None:
                    self.run_task(task_result)
                if failures:
                    logger.warning("Report worker %s: the database is back", self.worker_id)
                failures = 0
            except OUTAGE_ERRORS as error:
                failures += 1
                wait = retry_delay(failures)
                logger.warning(
                    "Report worker %s: database unavailable (%s); retrying in %.0f s",
                    self.worker_id, str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__, wait,
                )
                self._sleep(wait)
                continue
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                self._sleep(self.interval)

    def _sleep(self, seconds: float) -> None:
        # Waits in short steps, so a shutdown signal does not wait for a minute of back-off.
        end = time.monotonic() + seconds
        while self.running and time.monotonic() < end:
            time.sleep(min(0.2, max(end - time.monotonic(), 0)))


def report_statement_timeout() -> None:
    """Reports may read for longer than a web request: this connection gets the worker's limit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{settings.REPORT_STATEMENT_TIMEOUT_MS}ms"])
