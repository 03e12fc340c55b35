"""Mixed load with a database restart and a mail outage (``make loadtest``), loopback only.

    .venv/bin/python loadtest/run.py

1. Creates a throwaway PostgreSQL cluster of its own (``initdb`` in a temporary folder, a free
   port on 127.0.0.1; never the machine's main cluster), migrates it and loads the demo data.
2. Starts a small SMTP sink on 127.0.0.1 that counts the messages it receives, and the
   portal's three processes (gunicorn web with two processes, worker, scheduler).
3. Runs a bounded mixed load (a few client threads for ``LOAD_SECONDS``): lists, tool pages,
   searches, training and legislation pages, sign-ins and enrolments (one per member; the
   course, session and signed-in members come from ``bench/rush.py``, as in the enrolment
   bench).
   During the run it stops the SMTP sink for a while and restarts PostgreSQL once.
4. Reports requests by status, 5xx outside the outage (must be 0), 503 answers with
   Retry-After inside it, the recovery time, emails queued vs delivered (must be equal), and
   over-booked seats (must be 0). Then stops everything it started and deletes the cluster.

A bounded thread client instead of locust: the standard library is enough for a few client
threads on loopback, and the test needs exact per-request timestamps around the outage, not a
load-generation framework with its own event loop and web UI. Environment: LOAD_SECONDS (100),
LOAD_CLIENTS (6), LOAD_MEMBERS (60), LOAD_SEATS (10).
"""

import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import socketserver
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "100"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "6"))
MEMBERS = int(os.environ.get("LOAD_MEMBERS", "60"))
SEATS = int(os.environ.get("LOAD_SEATS", "10"))
# Timeline, as fractions of the run: the mail server is away for 60 s of the default 100 s,
# and PostgreSQL restarts once in that time.
MAIL_DOWN, MAIL_UP = 0.1, 0.7
DB_RESTART = 0.35
PASSWORD = "load-test-password-2026"
CSRF = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DRAIN_SECONDS = 120


def say(text: str) -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A throwaway PostgreSQL cluster -------------------------------------------------------------


class Cluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="hub-loadtest-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/hub_load"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL)

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        )
        self.start()
        import psycopg

        with psycopg.connect(self.url.replace("/hub_load", "/postgres"), autocommit=True) as c:
            c.execute('CREATE DATABASE "hub_load"')

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "postgres.log"),
            "-w",
            *args,
        )

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def remove(self) -> None:
        try:
            self._ctl("stop", "-m", "fast")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


# An SMTP sink that can be stopped and started again on the same port -----------------------


class SmtpSink:
    def __init__(self) -> None:
        self.port = free_port()
        self.received = 0
        self.lock = threading.Lock()
        self.server = None

    def start(self) -> None:
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())

            def handle(self) -> None:
                self.reply("220 loadtest sink")
                in_data = False
                for raw in self.rfile:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if in_data:
                        if line == ".":
                            in_data = False
                            with sink.lock:
                                sink.received += 1
                            self.reply("250 stored")
                        continue
                    verb = line[:4].upper()
                    if verb == "EHLO":
                        self.reply("250-loadtest")
                        self.reply("250 SIZE 10485760")
                    elif verb == "DATA":
                        in_data = True
                        self.reply("354 go on")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# The portal ---------------------------------------------------------------------------------


def portal_env(cluster: Cluster, sink: SmtpSink, web_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "DEBUG": "0",
        "SECRET_KEY": "loadtest-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_URL": f"http://127.0.0.1:{web_port}",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "LOG_LEVEL": "ERROR",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
        "BIND": f"127.0.0.1:{web_port}",
        "DB_POOL_TIMEOUT": "3",
        # Short waits between tries, so the test sees the retries within minutes.
        "TASK_RETRY_BASE_SECONDS": "2",
        "TASK_RETRY_MAX_SECONDS": "8",
        "TASK_MAX_ATTEMPTS": "60",
        # A task whose end was lost with the database restart runs again soon.
        "TASK_STALE_SECONDS": "20",
        "DJANGO_SETTINGS_MODULE": "hub.settings",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(env: dict[str, str]) -> tuple[int, list[str], list[str], list[str]]:
    """A session with SEATS seats; MEMBERS verified members signed in by cookie (enrolments),
    a few who sign in with their password; the tool slugs to visit."""
    os.environ.update(
        {
            k: env[k]
            for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT")
        }
    )
    os.environ["DB_POOL"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings"
    import django

    django.setup()
    from django.db import connections

    from bench.rush import build_rush
    from catalogue.models import Tool

    rush = build_rush(
        label="load", members=MEMBERS, seats=SEATS, csrf=CSRF, password=PASSWORD, starts_in_days=20
    )
    cookies, emails = rush.cookies, rush.emails[:10]
    slugs = list(Tool.objects.published().values_list("slug", flat=True)[:30]) or ["none"]
    connections.close_all()
    return rush.session_id, cookies, emails, slugs


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("the portal did not start")


# The load -----------------------------------------------------------------------------------


class Load:
    def __init__(
        self, port: int, session_id: int, cookies: list[str], emails: list[str], slugs: list[str]
    ) -> None:
        self.port = port
        self.session_id = session_id
        self.to_enrol = list(cookies)
        self.to_sign_in = list(emails)
        self.slugs = slugs
        self.lock = threading.Lock()
        # (started, kind, status, Retry-After given, page says "nothing was saved", ended)
        self.records: list[tuple[float, str, int, bool, bool, float]] = []
        self.t0 = time.monotonic()

    def request(
        self, kind: str, method: str, path: str, body: str = "", headers: dict | None = None
    ) -> None:
        started = time.monotonic() - self.t0
        status, retry_after, says_not_saved = -1, False, False
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(
                method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
            )
            response = connection.getresponse()
            page = response.read()
            status = response.status
            retry_after = response.getheader("Retry-After") is not None
            says_not_saved = b"nothing was saved" in page
            connection.close()
        except OSError:
            pass
        ended = time.monotonic() - self.t0
        with self.lock:
            self.records.append((started, kind, status, retry_after, says_not_saved, ended))

    def post_form(self, kind: str, path: str, fields: dict[str, str], cookie: str) -> None:
        from urllib.parse import urlencode

        self.request(
            kind,
            "POST",
            path,
            urlencode({"csrfmiddlewaretoken": CSRF, **fields}),
            {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )

    def _due(self, left: list, total: int) -> bool:
        """Spread forms evenly over the run, so some are sent during each outage."""
        sent = total - len(left)
        return bool(left) and time.monotonic() - self.t0 >= sent * 0.9 * LOAD_SECONDS / total

    def one(self) -> None:
        choice = random.random()
        if choice < 0.2:
            self.request("tool list", "GET", "/tools/")
        elif choice < 0.35:
            self.request("tool page", "GET", f"/tools/{random.choice(self.slugs)}/")
        elif choice < 0.5:
            term = random.choice(["hash", "age estimation", "grooming", "triage", "ocr"])
            self.request("search", "GET", f"/tools/?q={term.replace(' ', '+')}")
        elif choice < 0.6:
            self.request("training", "GET", "/training/")
        elif choice < 0.7:
            self.request("legislation", "GET", "/legislation/")
        elif choice < 0.75 and self.to_sign_in:
            with self.lock:
                email = self.to_sign_in.pop() if self._due(self.to_sign_in, 10) else None
            if email:
                self.post_form(
                    "sign-in",
                    "/accounts/login/",
                    {"username": email, "password": PASSWORD},
                    f"csrftoken={CSRF}",
                )
            else:
                self.request("home", "GET", "/")
        else:
            with self.lock:
                cookie = self.to_enrol.pop() if self._due(self.to_enrol, MEMBERS) else None
            if cookie:
                self.post_form("enrol", f"/training/sessions/{self.session_id}/enrol/", {}, cookie)
            else:
                self.request("home", "GET", "/")

    def run(self, seconds: float) -> None:
        def client() -> None:
            while time.monotonic() - self.t0 < seconds:
                self.one()

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 60)


# Putting it together ------------------------------------------------------------------------


# What the web server, worker and scheduler write to stderr (errors, with their tracebacks),
# kept after the run so that any 5xx can be explained.
SERVER_LOG = Path(tempfile.gettempdir()) / "hub-loadtest-server.log"


def start_processes(env: dict[str, str]) -> list[subprocess.Popen]:
    log = SERVER_LOG.open("w")
    commands = [
        [sys.executable, "-m", "gunicorn", "hub.wsgi", "-c", "gunicorn.conf.py"],
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "-v", "0"],
        [sys.executable, "manage.py", "run_scheduler"],
    ]
    return [
        subprocess.Popen(c, cwd=ROOT, env=env, start_new_session=True, stderr=log) for c in commands
    ]


def stop_processes(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def email_counts() -> tuple[int, int, int, int]:
    """(email tasks stored, delivered, still pending or failed, delivered after retries)."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    connections.close_all()
    emails = DBTaskResult.objects.filter(
        task_path__in=[
            "training.tasks.deliver_enrolment_email",
            "training.tasks.deliver_approval_request",
            "hub.tasks.deliver_email_confirmation",
            "hub.tasks.deliver_verification_result",
            "hub.tasks.deliver_password_reset",
        ]
    )
    total = emails.count()
    done = emails.filter(status="SUCCESSFUL").count()
    retried = sum(1 for ids in emails.values_list("worker_ids", flat=True) if len(ids) > 1)
    return total, done, total - done, retried


def main() -> None:
    cluster, sink = Cluster(), SmtpSink()
    processes: list[subprocess.Popen] = []
    web_port = free_port()
    try:
        say(f"Throwaway PostgreSQL cluster in {cluster.dir} on 127.0.0.1:{cluster.port}")
        cluster.create()
        env = portal_env(cluster, sink, web_port)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        session_id, cookies, emails, slugs = prepare(env)
        sink.start()
        processes = start_processes(env)
        wait_for(web_port)
        say(
            f"Load: {CLIENTS} clients for {LOAD_SECONDS:.0f} s on 127.0.0.1:{web_port}; "
            f"{MEMBERS} members enrol for {SEATS} seats"
        )
        load = Load(web_port, session_id, cookies, emails, slugs)
        events: dict[str, float] = {}

        def timeline() -> None:
            def at(fraction: float) -> None:
                time.sleep(max(0.0, load.t0 + fraction * LOAD_SECONDS - time.monotonic()))

            at(MAIL_DOWN)
            sink.stop()
            events["mail down"] = time.monotonic() - load.t0
            at(DB_RESTART)
            events["db restart begins"] = time.monotonic() - load.t0
            cluster.restart()
            events["db restart ends"] = time.monotonic() - load.t0
            at(MAIL_UP)
            sink.start()
            events["mail up"] = time.monotonic() - load.t0

        timer = threading.Thread(target=timeline)
        timer.start()
        load.run(LOAD_SECONDS)
        timer.join()

        deadline = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < deadline:
            total, done, left, retried = email_counts()
            if not left:
                break
            time.sleep(2)
        total, done, left, retried = email_counts()
        report(load, events, (total, done, left, retried), sink.received, session_id)
    finally:
        stop_processes(processes)
        sink.stop()
        cluster.remove()


def report(
    load: Load,
    events: dict[str, float],
    emails: tuple[int, int, int, int],
    received: int,
    session_id: int,
) -> None:
    from training.models import Enrolment

    total, done, left, retried = emails
    records = sorted(load.records)
    begin, end = events["db restart begins"], events["db restart ends"]
    # The outage as users saw it: from the restart to the first success after the last failure.
    failed_after = [r[5] for r in records if r[5] >= begin and (r[2] >= 500 or r[2] < 0)]
    last_failure = max(failed_after, default=end)
    ok_after = [r[0] for r in records if r[0] >= last_failure and 0 < r[2] < 500]
    recovered_at = min(ok_after) if ok_after else float("nan")
    outage = (begin, recovered_at)
    by_status: dict[int, int] = {}
    for record in records:
        by_status[record[2]] = by_status.get(record[2], 0) + 1

    def overlaps(record: tuple) -> bool:  # a request that was in flight during the outage
        return record[0] <= outage[1] and record[5] >= outage[0]

    inside = [r for r in records if overlaps(r)]
    outside = [r for r in records if not overlaps(r)]
    errors_outside = sum(1 for r in outside if r[2] >= 500 or r[2] < 0)
    failed_inside = [r for r in inside if r[2] >= 500 or r[2] < 0]
    proper_503 = sum(1 for r in failed_inside if r[2] == 503 and r[3])
    posts_503 = [r for r in failed_inside if r[1] in ("enrol", "sign-in")]
    posts_told = sum(1 for r in posts_503 if r[4])
    confirmed = Enrolment.objects.filter(session_id=session_id, status="confirmed").count()
    say("")
    say(f"Requests: {len(records)}; by status: {dict(sorted(by_status.items()))} (-1: no answer)")
    say("Timeline (s): " + ", ".join(f"{k} {v:.1f}" for k, v in events.items()))
    say(
        f"Database outage seen by users: {outage[0]:.1f} s to {outage[1]:.1f} s; recovery "
        f"{outage[1] - end:.1f} s after PostgreSQL was back ({outage[1] - begin:.1f} s after "
        "the restart began)"
    )
    say(f"5xx outside the outage: {errors_outside}")
    say(
        f"Failed inside the outage: {len(failed_inside)}, of which 503 with Retry-After: "
        f"{proper_503}; forms among them: {len(posts_503)}, told 'nothing was saved': "
        f"{posts_told}"
    )
    say(
        f"Emails: stored {total}, delivered by the worker {done}, received by the sink "
        f"{received}, pending or failed {left}; delivered after the mail server came back "
        f"(more than one try): {retried}"
    )
    say(f"Seats: {confirmed} confirmed of {SEATS}; over-booked: {max(0, confirmed - SEATS)}")
    ok = (
        errors_outside == 0
        and proper_503 == len(failed_inside)
        and left == 0
        and received >= done == total
        and confirmed <= SEATS
        and posts_told == len(posts_503)
    )
    say(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    say("Result: " + ("OK" if ok else "PROBLEM"))
    say(f"Server errors and tracebacks: {SERVER_LOG}")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
