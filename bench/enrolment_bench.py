"""Enrolment rush benchmark (``make bench``): run from the repository root with

    .venv/bin/python bench/enrolment_bench.py

N members (default 200) press "Enrol" on one session with S seats (default 20) at the same
moment, over HTTP on loopback, against gunicorn with two worker processes (the Procfile's
``web`` line, ``gunicorn.conf.py``) and its own database (``hub_bench_enrol``, created and
migrated if missing; the bench session and its members are made anew each run).

It reports correctness (confirmed, waiting list, order, duplicates, emails stored, 5xx),
latency (p50, p95, max) with the machine's load average, and the CPU time spent per request by
gunicorn's processes and by the PostgreSQL backends of the bench's database (read from /proc
on Linux). Latency depends on what else the machine runs; CPU time per request much less, so
compare that between runs on a shared machine. It stops the gunicorn it started.
Environment: BENCH_ENROL_DATABASE_URL, BENCH_ENROL_N, BENCH_ENROL_SEATS, WEB_CONCURRENCY,
GUNICORN_THREADS.
"""

import http.client
import os
import secrets
import signal
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_ENROL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench_enrol"
)
N = int(os.environ.get("BENCH_ENROL_N", "200"))
SEATS = int(os.environ.get("BENCH_ENROL_SEATS", "20"))
ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "DJANGO_SETTINGS_MODULE": "hub.settings",
    "LOG_LEVEL": "WARNING",
    "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "4"),  # gunicorn.conf.py's default
    "GUNICORN_ACCESS_LOG": "",
}
# A CSRF secret the client sends as cookie and header (Django accepts the unmasked secret).
CSRF = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def say(text: str) -> None:
    print(text, flush=True)


def ensure_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            say(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ.update(ENV)
    os.environ["DB_POOL"] = "0"  # this process only prepares and checks
    import django

    django.setup()


def prepare() -> tuple[int, list[str]]:
    """A fresh session with SEATS seats and N verified members, each with a signed-in cookie."""
    from django.core.management import call_command

    from bench.rush import build_rush

    call_command("migrate", verbosity=0, interactive=False)
    rush = build_rush(label="bench", members=N, seats=SEATS, csrf=CSRF)
    return rush.session_id, rush.cookies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {**os.environ, **ENV, "BIND": f"127.0.0.1:{port}", "DB_POOL": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "hub.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def cpu_seconds(server_pid: int) -> tuple[float, float] | None:
    """CPU time used so far by gunicorn (its master and workers: the process group) and by the
    PostgreSQL backends serving the bench's database; None where /proc is not there."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    database = urlsplit(DATABASE_URL).path.lstrip("/")
    tick = os.sysconf("SC_CLK_TCK")
    web = postgres = 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        used = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        if int(fields[2]) == server_pid:  # process group
            web += used
        elif command.startswith("postgres:") and f" {database} " in command:
            postgres += used
    return web, postgres


def rush(port: int, session_id: int, cookies: list[str]) -> list[tuple[int, float]]:
    """Every member posts at the same moment; returns (status, seconds) per request."""
    results: list[tuple[int, float]] = [(0, 0.0)] * len(cookies)
    barrier = threading.Barrier(len(cookies))

    def one(index: int, cookie: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.connect()
            barrier.wait(timeout=60)
            started = time.perf_counter()
            connection.request(
                "POST",
                f"/training/sessions/{session_id}/enrol/",
                body="",
                headers={
                    "Cookie": cookie,
                    "X-CSRFToken": CSRF,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Host": "127.0.0.1",
                },
            )
            response = connection.getresponse()
            response.read()
            results[index] = (response.status, time.perf_counter() - started)
        except Exception as error:  # counted as a failure in the report
            results[index] = (-1, float("nan"))
            say(f"request {index}: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i, c)) for i, c in enumerate(cookies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def report(
    session_id: int, results: list[tuple[int, float]], load: tuple, cpu: tuple | None
) -> bool:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from training.models import Enrolment

    rows = list(Enrolment.objects.filter(session_id=session_id).order_by("pk"))
    confirmed = [r for r in rows if r.status == "confirmed"]
    waiting = [r for r in rows if r.status == "waitlisted"]
    duplicates = (
        Enrolment.objects.filter(session_id=session_id)
        .values("user")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    in_order = (
        not waiting or not confirmed or max(r.pk for r in confirmed) < min(r.pk for r in waiting)
    )
    queue_ok = [r.queue_number for r in waiting] == list(range(1, len(waiting) + 1))
    emails = DBTaskResult.objects.filter(
        task_path="training.tasks.deliver_enrolment_email",
        args_kwargs__args__0__in=[r.pk for r in rows],
    ).count()
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    server_errors = sum(n for s, n in statuses.items() if s >= 500 or s < 0)
    times = sorted(t for s, t in results if s > 0)
    p50 = statistics.median(times)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    say("")
    say(
        f"Enrolment rush: {N} simultaneous POSTs for {SEATS} seats, gunicorn "
        f"{ENV['WEB_CONCURRENCY']} processes x {ENV['GUNICORN_THREADS']} threads, loopback"
    )
    say(
        f"  responses by status: {dict(sorted(statuses.items()))}  (5xx or failed: {server_errors})"
    )
    say(
        f"  enrolments stored:   {len(rows)} (confirmed {len(confirmed)}, waiting list "
        f"{len(waiting)}, other {len(rows) - len(confirmed) - len(waiting)})"
    )
    say(f"  over-booked seats:   {max(0, len(confirmed) - SEATS)}")
    say(f"  duplicates:          {duplicates}")
    say(
        f"  seats went first:    {'yes' if in_order else 'NO'}; queue numbers 1..{len(waiting)} "
        f"without gap: {'yes' if queue_ok else 'NO'}"
    )
    say(f"  emails stored:       {emails} (one per enrolment, sent later by the worker)")
    say(f"  latency:             p50 {p50:.3f} s, p95 {p95:.3f} s, max {times[-1]:.3f} s")
    if cpu:
        say(
            f"  CPU per request:     gunicorn {cpu[0] / len(results) * 1000:.1f} ms, PostgreSQL "
            f"{cpu[1] / len(results) * 1000:.1f} ms (total {cpu[0]:.2f} s + {cpu[1]:.2f} s; "
            "PostgreSQL counts only this database's backends)"
        )
    say(
        f"  load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
        + f" ({os.cpu_count()} cores, shared)"
    )
    ok = (
        server_errors == 0
        and len(rows) == N
        and len(confirmed) == min(SEATS, N)
        and duplicates == 0
        and in_order
        and queue_ok
        and emails == N
    )
    say(f"  correctness:         {'OK' if ok else 'PROBLEM'}")
    say(f"  p95 under 2 s:       {'yes' if p95 < 2 else 'no'} (depends on the machine's load)")
    return ok


def main() -> None:
    ensure_database()
    setup_django()
    session_id, cookies = prepare()
    port = free_port()
    server = start_gunicorn(port)
    try:
        time.sleep(1)
        load = os.getloadavg()
        before = cpu_seconds(server.pid)
        results = rush(port, session_id, cookies)
        after = cpu_seconds(server.pid)
        cpu = (after[0] - before[0], after[1] - before[1]) if before and after else None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    ok = report(session_id, results, load, cpu)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
