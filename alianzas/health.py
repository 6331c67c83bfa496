"""`/health/` for load balancers and people on call.

503 when this process cannot reach the database within PROBE_SECONDS, whatever the database is
doing: the probe runs on its own short-lived connection in a thread that the view waits for at
most that long (a frozen server accepts the connection and never answers, so only the caller can
stop waiting). One probe at a time: while one is stuck, the answer is 503 at once rather than a
new thread per request.

With the database reachable, the answer also tells how long the oldest report job has waited and
when each report worker last beat: "degraded" when jobs wait and no worker is alive. A stalled
worker never takes a web server out of the balancer, so the code stays 200."""

import threading
from datetime import timedelta

from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from alianzas.backup import Database

PROBE_SECONDS = 2.0
WORKER_ALIVE_WITHIN = timedelta(minutes=2)
_probe_running = threading.Lock()


def _probe(outcome: dict) -> None:
    try:
        with Database.from_settings().connect(
            connect_timeout=max(1, int(PROBE_SECONDS)), options=f"-c statement_timeout={int(PROBE_SECONDS * 1000)}"
        ) as connection:
            connection.execute("SELECT 1").fetchone()
        outcome["ok"] = True
    except Exception:  # any failure to answer is the same thing to a load balancer
        outcome["ok"] = False
    finally:
        _probe_running.release()


def database_answers(timeout: float = PROBE_SECONDS) -> bool:
    if not _probe_running.acquire(blocking=False):
        return False  # the previous probe is still waiting for the database
    outcome: dict = {}
    thread = threading.Thread(target=_probe, args=(outcome,), daemon=True, name="health-probe")
    thread.start()
    thread.join(timeout)
    return outcome.get("ok", False)


def _reports() -> dict:
    from reports.models import ReportJob, WorkerHeartbeat

    now = timezone.now()
    oldest = ReportJob.objects.filter(status=ReportJob.Status.QUEUED).order_by("created_at").values_list("created_at", flat=True).first()
    beats = list(WorkerHeartbeat.objects.order_by("-beat_at").values_list("worker_id", "beat_at"))
    alive = [worker for worker, at in beats if now - at <= WORKER_ALIVE_WITHIN]
    return {
        "report_queue": {
            "waiting": ReportJob.objects.filter(status=ReportJob.Status.QUEUED).count(),
            "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else None,
        },
        "report_workers": {
            "alive": len(alive),
            "last_heartbeat_seconds_ago": round((now - beats[0][1]).total_seconds()) if beats else None,
        },
    }


@never_cache
@require_safe
def health(request):
    if not database_answers():
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    try:
        reports = _reports()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    stalled = reports["report_queue"]["waiting"] and not reports["report_workers"]["alive"]
    return JsonResponse({"status": "degraded" if stalled else "ok", "database": "ok", **reports})
