"""Catalogue load benchmark (``make bench``): run from the repository root with

    .venv/bin/python bench/catalogue_bench.py

1. Uses its own database (``hub_bench``, created and migrated if missing) and fills it with
   100,000 synthetic tools through ``generate_catalogue`` the first time.
2. Measures the server time of the list page with a search and two filters, in process
   (Django's test client: middleware, views, templates, queries), over >= 50 requests, and
   prints the median and 95th percentile.
3. Starts gunicorn on 127.0.0.1 (a free port, loopback only) and compares the throughput of
   the same list page with a static file of the same bytes served by whitenoise in the same
   gunicorn; prints both rates and their ratio.

Everything it starts (gunicorn) is stopped before it exits, and the static copy of the page
is removed. Environment: BENCH_DATABASE_URL, BENCH_TOOLS, BENCH_REQUESTS (in-process),
BENCH_LIST_REQUESTS, BENCH_STATIC_REQUESTS, BENCH_CONCURRENCY, BENCH_WORKERS,
BENCH_FINDER_ONLY=1 (stop after the in-process list and case finder measurements).

4. Measures the server time of the case finder (a POST per case, nothing cached per case)
   over the same catalogue, in process, and prints the median and 95th percentile.
"""

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench")
TOOLS = int(os.environ.get("BENCH_TOOLS", "100000"))
IN_PROCESS_REQUESTS = max(50, int(os.environ.get("BENCH_REQUESTS", "60")))
LIST_REQUESTS = int(os.environ.get("BENCH_LIST_REQUESTS", "1500"))
STATIC_REQUESTS = int(os.environ.get("BENCH_STATIC_REQUESTS", "3000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
# A search and two filters, as an investigator would narrow the list down.
LIST_PATH = "/tools/?q=age+estimation&stage=image-analysis&deployment=on-premises"
STATIC_NAME = "bench/catalogue-list-page.html"

ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "DJANGO_SETTINGS_MODULE": "hub.settings",
    "LOG_LEVEL": "WARNING",
    "CONN_MAX_AGE": "60",
}


def say(text: str) -> None:
    print(text, flush=True)


# Database ----------------------------------------------------------------------------------


def ensure_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            say(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare_data() -> None:
    from django.core.management import call_command
    from django.db import connection

    from catalogue.models import Tool

    call_command("migrate", verbosity=0, interactive=False)
    have = Tool.objects.filter(slug__startswith="synthetic-").count()
    if have < TOOLS:
        say(f"Generating {TOOLS - have} synthetic tools (existing: {have})")
        started = time.monotonic()
        call_command("generate_catalogue", tools=TOOLS - have)
        say(f"  generated in {time.monotonic() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalogue_tool")
    say(f"Catalogue: {Tool.objects.count()} tools, {Tool.objects.published().count()} published")


# In-process server time --------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed(client, *, cold: bool) -> tuple[list[float], int, bytes]:
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from catalogue.selectors import list_cache_key, whole_page_cache_key

    params = QueryDict(LIST_PATH.split("?", 1)[1])
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(IN_PROCESS_REQUESTS):
            if cold:
                # Forget this list state, as for a search nobody made before: the page is
                # computed (search, counts, cards, rendering); the taxonomy stays cached.
                key = list_cache_key(params=params, user=AnonymousUser(), language="en")
                cache.delete_many([key, whole_page_cache_key(key)])
            started = time.perf_counter()
            response = client.get(LIST_PATH)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    return times, len(queries.captured_queries), response.content


def _report(label: str, times: list[float], queries: int) -> None:
    say(f"  {label}")
    say(f"    median       {statistics.median(times):.1f} ms")
    say(f"    p95          {percentile(times, 0.95):.1f} ms   (target < 50 ms)")
    say(f"    min / max    {min(times):.1f} / {max(times):.1f} ms")
    say(f"    SQL queries  {queries / len(times):.0f} per request")


def measure_in_process() -> bytes:
    from django.test import Client

    client = Client()
    for _ in range(5):
        client.get(LIST_PATH)
    cold, cold_queries, body = _timed(client, cold=True)
    warm, warm_queries, _body = _timed(client, cold=False)
    say("")
    say(f"List page, in process, {IN_PROCESS_REQUESTS} requests each: GET {LIST_PATH}")
    say(f"  page size      {len(body)} bytes")
    _report("computed (cache miss: search, facet counts, rendering)", cold, cold_queries)
    _report("cached (same state again, catalogue unchanged)", warm, warm_queries)
    return body


# gunicorn throughput -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def _client(port: int, path: str, count: int) -> int:
    failures = 0
    for _ in range(count):
        status, _size = fetch(port, path)
        failures += status != 200
    return failures


def throughput(port: int, path: str, total: int) -> float:
    """Requests per second for ``total`` requests from CONCURRENCY client processes."""
    base, extra = divmod(total, CONCURRENCY)
    share = [base + (1 if i < extra else 0) for i in range(CONCURRENCY)]
    with ProcessPoolExecutor(max_workers=CONCURRENCY) as pool:
        list(pool.map(_client, [port] * CONCURRENCY, [path] * CONCURRENCY, [5] * CONCURRENCY))
        started = time.perf_counter()
        failures = sum(pool.map(_client, [port] * CONCURRENCY, [path] * CONCURRENCY, share))
        elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{failures} of {total} requests to {path} failed")
    return total / elapsed


def start_gunicorn(port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "hub.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV}, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            if fetch(port, "/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def compare_throughput(body: bytes) -> None:
    from django.conf import settings
    from django.db import connections

    connections.close_all()  # the client processes are forked: share no open connection

    static_file = Path(settings.STATIC_ROOT) / STATIC_NAME
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(body)
    port = free_port()
    process = None
    try:
        process = start_gunicorn(port)
        static_path = "/" + settings.STATIC_URL.strip("/") + "/" + STATIC_NAME
        status, size = fetch(port, static_path)
        if status != 200 or size != len(body):
            raise RuntimeError(f"static copy answered {status} with {size} bytes")
        list_rate = throughput(port, LIST_PATH, LIST_REQUESTS)
        static_rate = throughput(port, static_path, STATIC_REQUESTS)
    finally:
        if process is not None:
            stop(process)
        static_file.unlink(missing_ok=True)
    say("")
    say(f"Throughput through gunicorn ({WORKERS} workers, {CONCURRENCY} clients, loopback):")
    say(f"  list page      {list_rate:8.1f} req/s  ({LIST_REQUESTS} requests)")
    say(f"  static file    {static_rate:8.1f} req/s  ({STATIC_REQUESTS} requests, same bytes)")
    say(f"  ratio          {100 * list_rate / static_rate:8.1f} %   (target >= 40 %)")


# Case finder --------------------------------------------------------------------------------

FINDER_CASES = [
    "2 TB of seized images, need to find new victims and skip known material",
    "chat logs in Spanish from a grooming case",
    "a suspected AI-generated image",
    "transcribe voice notes in Tagalog, must run on-premises, free for law enforcement",
]


def measure_finder() -> None:
    """Server time of the case finder (POST /tools/finder/ as an anonymous visitor), in
    process, over the synthetic catalogue: reading, ranking every tool, cards, rendering.
    The finder caches nothing per case, so every request is computed."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.finder import vocabulary

    client = Client()
    for case in FINDER_CASES:
        client.post("/tools/finder/", {"case": case})
    times, per_case = [], {case: [] for case in FINDER_CASES}
    rounds = max(1, IN_PROCESS_REQUESTS // len(FINDER_CASES))
    with CaptureQueriesContext(connection) as queries:
        for _ in range(rounds):
            for case in FINDER_CASES:
                started = time.perf_counter()
                response = client.post("/tools/finder/", {"case": case})
                elapsed = (time.perf_counter() - started) * 1000
                times.append(elapsed)
                per_case[case].append(elapsed)
                assert response.status_code == 200, response.status_code
    read_times = []
    for _ in range(rounds):
        for case in FINDER_CASES:
            started = time.perf_counter()
            vocabulary.index().read(case)
            read_times.append((time.perf_counter() - started) * 1000)
    say("")
    say(f"Case finder, in process, {len(times)} requests: POST /tools/finder/")
    say(f"  cases        {len(FINDER_CASES)}, each read, ranked and rendered every time")
    say(f"  median       {statistics.median(times):.1f} ms")
    say(f"  p95          {percentile(times, 0.95):.1f} ms   (target < 100 ms)")
    say(f"  min / max    {min(times):.1f} / {max(times):.1f} ms")
    say(f"  SQL queries  {len(queries.captured_queries) / len(times):.0f} per request")
    say(f"  reading the words alone: median {statistics.median(read_times):.2f} ms")
    for case, case_times in per_case.items():
        say(f"  median {statistics.median(case_times):6.1f} ms  {case[:70]}")


def main() -> int:
    os.environ.update(ENV)
    os.chdir(ROOT)
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    prepare_data()
    call_command("collectstatic", interactive=False, verbosity=0)
    body = measure_in_process()
    measure_finder()
    if os.environ.get("BENCH_FINDER_ONLY") == "1":
        return 0
    compare_throughput(body)
    load = os.getloadavg()
    say("")
    say(f"Machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} (other work skews results)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
