"""gunicorn settings read from the environment; the Procfile's web process uses them.

WEB_CONCURRENCY processes × GUNICORN_THREADS threads serve requests at once. Each process has
its own database pool of at most DB_POOL_MAX connections (default GUNICORN_THREADS, see
hub/settings.py), so the web tier holds at most WEB_CONCURRENCY × GUNICORN_THREADS connections.
"""

import os

# BIND wins; else PORT (set by Procfile hosts) on every interface; else loopback only.
if os.environ.get("BIND"):
    bind = os.environ["BIND"]
elif os.environ.get("PORT"):
    bind = f"0.0.0.0:{os.environ['PORT']}"
else:
    bind = "127.0.0.1:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gthread, 4 threads per process by default. Threaded rather than sync: a client that sends its
# request slowly, or keeps its connection open between requests, waits in the process's event
# loop instead of holding a worker, which with two processes would be half the site. Only 4:
# the work is Python under one GIL per process, so threads add nothing but overlap while a
# request waits for PostgreSQL or for its turn on a busy CPU, and each thread more makes a
# thread holding a session's seat lock wait longer for the GIL after every round trip. In
# the 200-way enrolment rush on 2 shared cores (bench/enrolment_bench.py), 1, 4 and 8 threads
# gave the same p95 within the noise of the machine; 1 thread held the lock for the shortest
# time on a quiet machine but fell behind on a loaded one (two requests in flight, each round
# trip waiting to be scheduled again; sync workers did the same); 8 made the lock holds longer
# and need 18 connections against 10 with 4 (see README, "Connections").
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a process now and then (staggered), so a slow leak never grows for weeks.
max_requests = 5000
max_requests_jitter = 500
# The application (Django, every view, the URL patterns: about a second of CPU) is loaded once
# in the master and each worker is a fork of it: a worker is ready at once, when it starts and
# whenever it is recycled, instead of paying that second while requests wait, and the workers
# share the loaded code's memory. Loading opens no database connection (each worker opens its
# own pool on its first request). A code change needs a restart (not just HUP) with this.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None


def post_fork(server, worker):
    """Threads of one process share the GIL. A thread coming back from the database (perhaps
    holding a session's seat lock) should not wait the default 5 ms for a thread that is busy
    rendering a page: hand the GIL over more often."""
    import sys

    sys.setswitchinterval(float(os.environ.get("GIL_SWITCH_INTERVAL", "0.001")))
