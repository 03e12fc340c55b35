"""Catalogue load benchmark (``make bench``): run from the repository root with

    .venv/bin/python bench/catalogue_bench.py

1. Databases. One database per catalogue size (``<name>_1000``, ``<name>_10000``,
   ``<name>_100000`` from ``BENCH_DATABASE_URL``), each kept for the next run. The smallest is
   migrated and seeded with the demo data; each larger one starts as a copy of the one below
   (``CREATE DATABASE ... TEMPLATE``, a file copy) and gets only the missing synthetic tools
   (``generate_catalogue``: large ``bulk_create`` batches, search vocabulary refreshed
   set-wise once at the end).
2. Cold server time at every size, in process (Django's test client: middleware, views,
   templates, queries): the list page with a search and filters, and tool pages. Before each
   request the catalogue's version is bumped, as after a curator's change, so nothing of the
   catalogue comes from the cache (the list's facet index is kept: it changes with the data,
   not with the version; its rebuild after a real change is timed and printed apart).
   Prints median and p95, and the growth of p95 from the
   smallest to the largest size (target < 2x). The case finder is measured too once
   ``catalogue.finder`` exists (``finder_paths``).
3. Throughput through gunicorn on loopback, on the largest catalogue: list, tool page, home,
   compare, site search, feeds, /training/ and /legislation/, each for an anonymous visitor
   and a signed-in verified member, with a different state (search, filters, tool...) on
   every request where the page has states. A small threaded client sends
   ``Accept-Encoding: gzip``; it prints req/s, p50, p99, bytes sent and the ratio to a static
   file of the list page's bytes (precompressed, served by whitenoise in the same gunicorn).

Trust. The machine's load average is printed with every figure. A ratio to the static file is
only printed when the run was quiet enough to trust: the 1-minute load average stayed at or
below the number of CPUs, and the static file's rate measured in one-second slices before and
after the pages varied by at most ``BENCH_MAX_CV`` (coefficient of variation, default 0.15).
Otherwise the ratio is withheld and the reason printed; ``BENCH_FORCE_RATIO=1`` prints it
anyway, marked as noisy.

Everything it starts (gunicorn) is stopped before it exits, and the static copy of the page
is removed. Bounded: each page runs for at most ``BENCH_SECONDS`` seconds or
``BENCH_REQUESTS`` requests. Environment: BENCH_DATABASE_URL, BENCH_SIZES, BENCH_COLD_REQUESTS,
BENCH_SECONDS, BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_THREADS, BENCH_MAX_CV,
BENCH_FORCE_RATIO.
"""

import gzip
import http.client
import io
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench")
SIZES = sorted(int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
COLD_REQUESTS = max(20, int(os.environ.get("BENCH_COLD_REQUESTS", "40")))
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
MAX_CV = float(os.environ.get("BENCH_MAX_CV", "0.15"))
FORCE_RATIO = os.environ.get("BENCH_FORCE_RATIO") == "1"
CPUS = os.cpu_count() or 1
STATIC_NAME = "bench/catalogue-list-page.html"
MEMBER_EMAIL = "bench-member@example.org"

ENV = {
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or "bench-" + secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "DJANGO_SETTINGS_MODULE": "hub.settings",
    "LOG_LEVEL": "WARNING",
    "GUNICORN_ACCESS_LOG": "",
    "WEB_CONCURRENCY": str(WORKERS),
    "GUNICORN_THREADS": str(THREADS),
}

# Words an investigator types, and the synthetic names' own words (catalogue.demo.WORDS).
SEARCHES = [
    "age estimation", "hash matching", "grooming", "ocr", "triage", "translation",
    "speech to text", "face matching", "geolocation", "deduplication", "link analysis",
    "metadata", "classification", "dark web", "vision", "signal", "harbor", "beacon",
    "vector", "lattice", "prism", "summit", "falcon", "granite", "horizon", "kernel",
]  # fmt: skip
STAGES = ["prevention", "content-generation", "text-speech-analysis", "image-analysis",
          "process-workflow-optimisation"]  # fmt: skip
DEPLOYMENTS = ["on-premises", "cloud", "desktop", "mobile", "api"]
COSTS = ["free", "free-for-le", "subscription", "licence", "on-request"]
SORTS = ["", "name", "verified"]


def say(text: str = "") -> None:
    print(text, flush=True)


def load() -> float:
    return os.getloadavg()[0]


def db_url(size: int) -> str:
    parts = urlsplit(BASE_URL)
    return parts._replace(path=f"{parts.path}_{size}").geturl()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def list_states(rng: random.Random) -> list[str]:
    """Distinct list URLs: a search and/or filters, sort and page, shuffled."""
    states = set()
    while len(states) < 4000:
        parts = []
        if rng.random() < 0.8:
            parts.append("q=" + quote_plus(rng.choice(SEARCHES)))
        for name, values in (("stage", STAGES), ("deployment", DEPLOYMENTS), ("cost", COSTS)):
            if rng.random() < 0.5:
                parts.append(f"{name}={rng.choice(values)}")
        if sort := rng.choice(SORTS):
            parts.append(f"sort={sort}")
        parts.append(f"page={rng.randint(1, 3)}")
        states.add("/tools/?" + "&".join(parts))
    return sorted(states, key=lambda _s: rng.random())


# Child processes: Django work on one database -----------------------------------------------


def child(task: str, size: int) -> dict:
    """Run ``task`` in a fresh interpreter on the database of ``size``; returns its JSON."""
    env = {**os.environ, **ENV, "DATABASE_URL": db_url(size), "DB_POOL": "0"}
    result = subprocess.run(
        [sys.executable, __file__, "--child", task, str(size)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _django() -> None:
    import django

    django.setup()


def child_prepare(size: int) -> dict:
    """Migrate, seed the demo data once, add the missing synthetic tools, set up the member."""
    from django.core.management import call_command
    from django.db import connection

    from catalogue.models import Tool

    call_command("migrate", verbosity=0, interactive=False)
    if not Tool.objects.filter(is_demo=True).exclude(slug__startswith="synthetic-").exists():
        call_command("seed_demo", stdout=io.StringIO())
    have = Tool.objects.filter(slug__startswith="synthetic-").count()
    demo = Tool.objects.exclude(slug__startswith="synthetic-").count()
    wanted = max(0, size - demo - have)
    seconds = 0.0
    if wanted:
        print(f"  generating {wanted} synthetic tools into {db_url(size)}", file=sys.stderr)
        started = time.monotonic()
        call_command("generate_catalogue", tools=wanted, batch_size=5000, stdout=sys.stderr)
        seconds = time.monotonic() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "tools": Tool.objects.count(),
        "published": Tool.objects.published().count(),
        "generated": wanted,
        "seconds": round(seconds, 1),
    }


def _member():
    from django.utils import timezone

    from hub.models import Agency, User

    agency = Agency.objects.order_by("pk").first()
    user, _created = User.objects.update_or_create(
        email=MEMBER_EMAIL,
        defaults={
            "full_name": "Benchmark Member",
            "agency": agency,
            "country": "FR",
            "verification_status": User.Verification.VERIFIED,
            "verified_at": timezone.now(),
            "email_confirmed_at": timezone.now(),
        },
    )
    return user


def finder_paths(rng: random.Random) -> list[tuple[str, dict]] | None:
    """The case finder's requests once it exists (``catalogue.finder``), else None: a POST of
    the case text, as the page sends it (the text is never in the address)."""
    import importlib.util

    if importlib.util.find_spec("catalogue.finder") is None:
        return None
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("catalogue:finder")
    except NoReverseMatch:
        return None
    cases = [
        "2 TB of seized images, need to find new victims and skip known material",
        "chat logs in Spanish from a grooming case",
        "a suspected AI-generated image",
        "voice messages in arabic to transcribe and translate",
    ]
    return [(url, {"case": rng.choice(cases)}) for _ in range(COLD_REQUESTS + 5)]


def request(client: object, path: str | tuple[str, dict]) -> object:
    """GET a path, or POST a form given as (path, data)."""
    if isinstance(path, tuple):
        return client.post(path[0], path[1])
    return client.get(path)


def child_cold(size: int) -> dict:
    """Cold server time of the list, tool (and finder) pages, in process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import Tool
    from catalogue.selectors.cache import catalogue_changed

    rng = random.Random(size)
    slugs = list(
        Tool.objects.public().order_by("?").values_list("slug", flat=True)[: COLD_REQUESTS + 5]
    )
    pages = {
        "list": list_states(rng)[: COLD_REQUESTS + 5],
        "tool": [f"/tools/{slug}/" for slug in slugs],
    }
    if (finder := finder_paths(rng)) is not None:
        pages["finder"] = finder
    client = Client()
    results = {}
    for name, paths in pages.items():
        for path in paths[:5]:
            request(client, path)  # warm the interpreter and the database's buffers
        times, queries = [], 0
        for path in paths[5:]:
            catalogue_changed()  # as after a curator's change: nothing cached for the catalogue
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = request(client, path)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            queries = max(queries, len(captured.captured_queries))
        results[name] = {
            "p50": statistics.median(times),
            "p95": percentile(times, 0.95),
            "queries": queries,
            "n": len(times),
        }
    results["load"] = load()
    # What a real change costs the next list request: the facet index is read again (once
    # per change, then shared through the cache); best of three.
    from catalogue.selectors import facet_index

    builds = []
    for _ in range(3):
        started = time.perf_counter()
        facet_index.build(None)
        builds.append((time.perf_counter() - started) * 1000)
    results["index_ms"] = min(builds)
    return results


def child_session(size: int) -> dict:
    """A signed-in verified member's session cookie and the URLs the HTTP client asks for."""
    from django.conf import settings
    from django.test import Client

    from catalogue.models import Tool

    client = Client()
    client.force_login(_member(), backend="hub.backends.HubBackend")
    name = settings.SESSION_COOKIE_NAME
    rng = random.Random(7)
    public = list(Tool.objects.public().order_by("?").values_list("slug", flat=True)[:3000])
    everything = list(Tool.objects.published().order_by("?").values_list("slug", flat=True)[:3000])
    return {
        "cookie": f"{name}={client.cookies[name].value}",
        "public": public,
        "published": everything,
        "lists": list_states(rng),
    }


def child_main(task: str, size: int) -> None:
    _django()
    result = {"prepare": child_prepare, "cold": child_cold, "session": child_session}[task](size)
    print(json.dumps(result))


# Databases ----------------------------------------------------------------------------------


def admin_connection():
    import psycopg

    admin_url = urlsplit(BASE_URL)._replace(path="/postgres").geturl()
    return psycopg.connect(admin_url, autocommit=True)


def ensure_databases() -> None:
    """Create each size's database, from a copy of the next smaller one when it exists."""
    previous = None
    for size in SIZES:
        name = urlsplit(db_url(size)).path.lstrip("/")
        with admin_connection() as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                if previous is None:
                    say(f"Creating database {name}")
                    connection.execute(f'CREATE DATABASE "{name}"')
                else:
                    say(f"Creating database {name} as a copy of {previous}")
                    connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{previous}"')
        started = time.monotonic()
        info = child("prepare", size)
        note = f", {info['generated']} generated in {info['seconds']} s" * bool(info["generated"])
        say(
            f"  {name}: {info['tools']} tools, {info['published']} published{note}"
            f" ({time.monotonic() - started:.0f} s, load {load():.1f})"
        )
        previous = name


# HTTP client --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Connection:
    """One keep-alive connection to gunicorn, reopened when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.http = None

    def get(self, path: str, cookie: str | None) -> tuple[int, int, bytes]:
        headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip"}
        if cookie:
            headers["Cookie"] = cookie
        for attempt in range(2):
            if self.http is None:
                self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.http.request("GET", path, headers=headers)
                response = self.http.getresponse()
                body = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, len(body), body
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
            self.http = None


def run_page(port: int, paths: list[str], cookie: str | None, seconds: float = SECONDS) -> dict:
    """CONCURRENCY threads ask for ``paths`` in turn (each path once) for at most ``seconds``
    or ``REQUESTS`` requests; returns rate, latency percentiles and mean bytes sent."""
    lock = threading.Lock()
    cursor = iter(range(min(REQUESTS, len(paths)) if len(paths) > 1 else REQUESTS))
    times, sizes, failures = [], [], []
    deadline = time.perf_counter() + seconds

    def work() -> None:
        connection = Connection(port)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                path = paths[index % len(paths)]
                started = time.perf_counter()
                status, size, _body = connection.get(path, cookie)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    times.append(elapsed)
                    sizes.append(size)
                    if status != 200:
                        failures.append((status, path))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return {
        "rate": len(times) / elapsed,
        "p50": statistics.median(times),
        "p99": percentile(times, 0.99),
        "bytes": statistics.mean(sizes),
        "n": len(times),
        "load": load(),
    }


def start_gunicorn(port: int, size: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "hub.wsgi:application", "--log-level", "warning"]
    env = {**os.environ, **ENV, "DATABASE_URL": db_url(size), "BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            if Connection(port).get("/healthz", None)[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def static_slices(port: int, path: str, count: int = 3) -> list[float]:
    return [run_page(port, [path], None, seconds=1.0)["rate"] for _ in range(count)]


def throughput(size: int) -> None:
    say("")
    say(f"Throughput through gunicorn ({WORKERS} workers x {THREADS} threads, {CONCURRENCY} "
        f"client threads, loopback, gzip), {size} tools:")  # fmt: skip
    session = child("session", size)
    cookie = session["cookie"]
    public, published = session["public"], session["published"]
    rng = random.Random(11)
    pairs = [",".join(rng.sample(public, 2)) for _ in range(REQUESTS)]
    searches = [f"/search/?q={quote_plus(rng.choice(SEARCHES))}" for _n in range(REQUESTS)]
    pages = {
        "list": (session["lists"], session["lists"][len(session["lists"]) // 2 :]),
        # One state asked again and again: visitors get the whole page from the cache,
        # members the cached content inside their own shell.
        "list, same state": (["/tools/?q=age+estimation&stage=image-analysis"],) * 2,
        "tool page": ([f"/tools/{s}/" for s in public], [f"/tools/{s}/" for s in published]),
        "home": (["/"], ["/"]),
        "compare": ([f"/tools/compare/?tools={p}" for p in pairs],) * 2,
        "site search": (searches, searches[::-1]),
        "tools feed": (["/tools/feed/"], ["/tools/feed/"]),
        "legislation feed": (["/legislation/feed/"], ["/legislation/feed/"]),
        "/training/": (["/training/"], ["/training/"]),
        "/legislation/": (["/legislation/"], ["/legislation/"]),
    }
    port = free_port()
    static_root = ROOT / "staticfiles"
    static_file = static_root / STATIC_NAME
    process = None
    rows = []
    try:
        # The static copy holds the bytes of a list page, written (with its gzip sibling,
        # which whitenoise serves to clients that accept gzip) before gunicorn starts.
        process = start_gunicorn(port, size)
        body = Connection(port).get("/tools/?q=age+estimation&stage=image-analysis", None)[2]
        body = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
        stop(process)
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(body)
        static_file.with_name(static_file.name + ".gz").write_bytes(gzip.compress(body, 9))
        process = start_gunicorn(port, size)
        static_path = "/static/" + STATIC_NAME
        baseline = static_slices(port, static_path)
        for name, (anonymous, member) in pages.items():
            rows.append((name, "visitor", run_page(port, anonymous, None)))
            rows.append((name, "member", run_page(port, member, cookie)))
        baseline += static_slices(port, static_path)
        static = run_page(port, [static_path], None)
    finally:
        if process is not None:
            stop(process)
        static_file.unlink(missing_ok=True)
        static_file.with_name(static_file.name + ".gz").unlink(missing_ok=True)
    static_rate = statistics.mean(baseline)
    cv = statistics.pstdev(baseline) / static_rate if static_rate else 1.0
    loads = [row[2]["load"] for row in rows] + [static["load"]]
    noisy = []
    if max(loads) > CPUS:
        noisy.append(f"load average reached {max(loads):.1f} on {CPUS} CPUs")
    if cv > MAX_CV:
        noisy.append(f"static-file rate varied by {cv:.0%} between slices (limit {MAX_CV:.0%})")
    show_ratio = not noisy or FORCE_RATIO
    say(f"  {'page':<19}{'who':<9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'KB sent':>9}"
        f"{'ratio':>8}{'load':>6}")  # fmt: skip
    for name, who, r in [*rows, ("static file", "-", static)]:
        ratio = f"{100 * r['rate'] / static_rate:6.1f}%" if show_ratio else "     -"
        say(f"  {name:<19}{who:<9}{r['rate']:8.1f}{r['p50']:9.1f}{r['p99']:9.1f}"
            f"{r['bytes'] / 1024:9.1f}{ratio:>8}{r['load']:6.1f}")  # fmt: skip
    by = {(name, who): r for name, who, r in rows}
    for name in ("list", "list, same state"):
        members = by[(name, "member")]["rate"] / by[(name, "visitor")]["rate"]
        say(f"  {name}: signed-in / anonymous throughput {members:.0%} (target >= 50 %)")
    say(f"  static baseline {static_rate:.0f} req/s in {len(baseline)} one-second slices, "
        f"coefficient of variation {cv:.0%}")  # fmt: skip
    if noisy:
        verdict = "printed anyway (BENCH_FORCE_RATIO=1)" if FORCE_RATIO else "withheld"
        say(f"  ratios {verdict}: too noisy to trust ({'; '.join(noisy)})")


def cold_times() -> None:
    say("")
    say(f"Cold server time in process ({COLD_REQUESTS} requests per page and size; catalogue "
        "version bumped before each request, so nothing of the catalogue is cached):")  # fmt: skip
    results = {size: child("cold", size) for size in SIZES}
    names = [n for n in results[SIZES[-1]] if n not in ("load", "index_ms")]
    say(f"  {'page':<8}{'tools':>8}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'load':>7}")
    for name in names:
        for size in SIZES:
            r = results[size][name]
            say(f"  {name:<8}{size:>8}{r['p50']:9.1f}{r['p95']:9.1f}{r['queries']:9}"
                f"{results[size]['load']:7.1f}")  # fmt: skip
        growth = results[SIZES[-1]][name]["p95"] / results[SIZES[0]][name]["p95"]
        verdict = "ok" if growth < 2 else "NOT MET"
        say(f"  {name}: p95 grows {growth:.1f}x from {SIZES[0]} to {SIZES[-1]} tools "
            f"(target < 2x: {verdict}; p95 target < 50 ms)")  # fmt: skip
    builds = ", ".join(f"{results[size]['index_ms']:.0f} ms at {size}" for size in SIZES)
    say(f"  list facet index rebuilt after a catalogue change (once per change): {builds}")


def main() -> int:
    os.chdir(ROOT)
    started = time.monotonic()
    say(f"Machine: {CPUS} CPUs, load average {load():.1f} at start")
    ensure_databases()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **ENV, "DATABASE_URL": db_url(SIZES[0])},
        check=True,
    )
    cold_times()
    throughput(SIZES[-1])
    say("")
    say(f"Finished in {time.monotonic() - started:.0f} s; load average {load():.1f} "
        f"on {CPUS} CPUs (other work on the machine skews every figure above)")  # fmt: skip
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child_main(sys.argv[2], int(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
