"""Load on the production stack: focal points saving drafts while analysts read the API.

    .venv/bin/python bench/load.py [--seconds 60] [--focal-points 50] [--analysts 20] [--workers 4]

Starts gunicorn (the stack of `make serve`) on a free loopback port against its own database
(alianzas_load on the embedded server, or LOAD_DATABASE_URL), prepares one ficha per focal
point and one token per analyst, then runs every client in its own thread for the given time.
Each focal point saves its ficha's institutional block again and again, each save carrying the
version it read; each analyst pages through the published initiatives.

Prints latency percentiles per kind of request. Exits non-zero if any request failed (anything
but the expected answer) or any successful save is missing from the database afterwards: the
final text of every ficha must be its last acknowledged save, and the audit trail must hold one
entry per acknowledged save. Nothing here leaves the machine (127.0.0.1 only).
"""

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
os.environ.setdefault("ALIANZAS_DB_NAME", "alianzas_load")
os.environ["CACHE"] = "database"  # as the served stack: rate-limit counters shared by the workers
if os.environ.get("LOAD_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["LOAD_DATABASE_URL"]

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from accounts.tokens import token_create  # noqa: E402

from registry.choices import Role  # noqa: E402
from registry.models import AuditEntry, Country, Initiative, Institution, User  # noqa: E402
from surveys.models import Campaign, Ficha  # noqa: E402

VERSION_FIELD = re.compile(r'name="version" value="(\d+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_cookie(user) -> str:
    """A signed-in session made directly: the load is on saving, not on password hashing."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def prepare(focal_points: int, analysts: int):
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    now = timezone.now()
    campaign = Campaign.objects.create(
        name=f"Carga {now:%Y%m%d%H%M%S}", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1), max_initiatives=3
    )
    countries = list(Country.objects.order_by("iso2"))
    focal_group = Group.objects.get(name=Role.FOCAL_POINT)
    people = []
    for number in range(focal_points):
        institution = Institution.objects.create(
            name=f"Agencia de carga {campaign.pk}-{number}", country=countries[number % len(countries)]
        )
        user = User.objects.create_user(username=f"load-{campaign.pk}-fp{number}", institution=institution)
        user.groups.add(focal_group)
        ficha = Ficha.objects.create(campaign=campaign, institution=institution)
        people.append((user, ficha))
    analyst_group = Group.objects.get(name=Role.ANALYST)
    tokens = []
    for number in range(analysts):
        user = User.objects.create_user(username=f"load-{campaign.pk}-an{number}")
        user.groups.add(analyst_group)
        tokens.append(token_create(user=user)[1])
    return people, tokens


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"save": [], "api": []}
        self.errors: list[str] = []
        self.acknowledged: dict[int, tuple[int, str]] = {}  # ficha → (saves, last text)

    def took(self, kind: str, seconds: float):
        with self.lock:
            self.latencies[kind].append(seconds)

    def failed(self, message: str):
        with self.lock:
            self.errors.append(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def focal_point(base: str, user, ficha, results: Results, stop: float):
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the bare secret as the token
    cookies = f"sessionid={session_cookie(user)}; csrftoken={csrf}"
    opener = urllib.request.build_opener(NoRedirect)
    page = opener.open(urllib.request.Request(f"{base}/survey/fichas/{ficha.pk}/", headers={"Cookie": cookies}))
    version = int(VERSION_FIELD.search(page.read().decode()).group(1))
    saves = 0
    while time.monotonic() < stop:
        text = f"guardado {saves + 1} de {user.username}"
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": csrf, "version": version, "focal_point_name": "Punto focal",
            "focal_point_email": "focal@example.org", "institutional_strengths": text,
            "institutional_weaknesses": "", "wants_to_share": "true",
        }).encode()
        request = urllib.request.Request(
            f"{base}/survey/fichas/{ficha.pk}/", data=body, headers={"Cookie": cookies, "Referer": base}
        )
        started = time.monotonic()
        try:
            opener.open(request, timeout=60)
            results.failed(f"save by {user.username}: expected a redirect after saving, got 200")
            return
        except urllib.error.HTTPError as answer:
            if answer.code != 302:
                results.failed(f"save by {user.username}: HTTP {answer.code}")
                return
        except OSError as error:
            results.failed(f"save by {user.username}: {error}")
            return
        results.took("save", time.monotonic() - started)
        saves += 1
        version += 1
        with results.lock:
            results.acknowledged[ficha.pk] = (saves, text)


def analyst(base: str, token: str, results: Results, stop: float):
    page = 1
    while time.monotonic() < stop:
        request = urllib.request.Request(
            f"{base}/api/v1/initiatives/?page_size=50&page={page}", headers={"Authorization": f"Token {token}"}
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
        except urllib.error.HTTPError as answer:
            if answer.code == 404:  # past the last page: start again
                page = 1
                continue
            results.failed(f"API read: HTTP {answer.code}")
            return
        except OSError as error:
            results.failed(f"API read: {error}")
            return
        results.took("api", time.monotonic() - started)
        page += 1


def percentiles(samples: list[float]) -> str:
    if len(samples) < 2:
        return "no samples"
    cuts = statistics.quantiles(samples, n=100)
    return (
        f"{len(samples):6d} requests  p50 {cuts[49] * 1000:7.1f} ms  p95 {cuts[94] * 1000:7.1f} ms  "
        f"p99 {cuts[98] * 1000:7.1f} ms  max {max(samples) * 1000:7.1f} ms"
    )


def check_nothing_lost(people, results: Results) -> list[str]:
    lost = []
    for user, ficha in people:
        saves, text = results.acknowledged.get(ficha.pk, (0, None))
        ficha.refresh_from_db()
        recorded = AuditEntry.objects.filter(
            content_type__model="ficha", object_id=str(ficha.pk), action=AuditEntry.Action.UPDATE
        ).count()
        if saves and ficha.institutional_strengths != text:
            lost.append(f"{user.username}: last acknowledged save {text!r}, database has {ficha.institutional_strengths!r}")
        if recorded != saves:
            lost.append(f"{user.username}: {saves} acknowledged saves, {recorded} in the audit trail")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--focal-points", type=int, default=50)
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    if not 1 <= options.seconds <= 600:
        parser.error("--seconds must be between 1 and 600")

    people, tokens = prepare(options.focal_points, options.analysts)
    if Initiative.objects.count() < 300:
        call_command("generate_demo_data", initiatives=300, seed=3, stdout=open(os.devnull, "w"))
    connection.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or _url(),
        "CACHE": "database",
        "API_USER_RATE": "1000000/minute",  # the load is on the stack, not on the rate limit
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",  # the analysts' "past the last page" 404s are expected
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "alianzas.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers), "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=environment,
    )
    try:
        _wait_for(base)
        results = Results()
        stop = time.monotonic() + options.seconds
        threads = [
            threading.Thread(target=focal_point, args=(base, user, ficha, results, stop)) for user, ficha in people
        ] + [threading.Thread(target=analyst, args=(base, token, results, stop)) for token in tokens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=options.seconds + 120)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lost = check_nothing_lost(people, results)
    print(f"{options.focal_points} focal points saving drafts, {options.analysts} analysts reading the API, "
          f"{options.seconds} s, {options.workers} gunicorn workers")
    total = sum(len(samples) for samples in results.latencies.values())
    print(f"throughput: {total / options.seconds:.1f} requests/s")
    print(f"draft saves: {percentiles(results.latencies['save'])}")
    print(f"API pages:   {percentiles(results.latencies['api'])}")
    print(f"errors: {len(results.errors)}; lost updates: {len(lost)}")
    for problem in (results.errors + lost)[:20]:
        print("  ", problem)
    return 1 if results.errors or lost else 0


def _url() -> str:
    from alianzas.settings import database_url

    return database_url()


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /health/ within 60 s")


if __name__ == "__main__":
    sys.exit(main())
