import logging
import os
import socket

from django.core.management.base import BaseCommand

from reports.worker import ResilientWorker


class Command(BaseCommand):
    help = "Builds queued report files; survives database outages (retries with back-off) and writes a heartbeat."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after running this many tasks.")
        parser.add_argument("--worker-id", default=f"{socket.gethostname()}-{os.getpid()}"[:64])

    def handle(self, *args, interval: float, max_tasks: int | None, worker_id: str, **options):
        logging.getLogger("reports.worker").setLevel(logging.INFO)
        worker = ResilientWorker(
            queue_names=["default"], interval=interval, batch=False, backend_name="default",
            startup_delay=False, max_tasks=max_tasks, worker_id=worker_id, excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
