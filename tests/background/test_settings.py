"""Connection settings as production reads them (a fresh interpreter per case, since settings
are read once at start-up)."""

import json
import os
import subprocess
import sys

import pytest

PRINT = (
    "import json, hub.settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({'age': d['CONN_MAX_AGE'], "
    "'pool': {k: v for k, v in d.get('OPTIONS', {}).get('pool', {}).items() if k != 'check'}}))"
)


def settings_with(**env: str) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DB_POOL", "GUNICORN"))}
    base.update({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", **env})
    output = subprocess.run(
        [sys.executable, "-c", PRINT], env=base, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


@pytest.mark.parametrize("threads", ["4", "12"])
def test_production_pools_connections_sized_by_threads(threads):
    read = settings_with(DEBUG="0", GUNICORN_THREADS=threads)
    assert read["age"] == 0  # Django requires it with a pool
    assert read["pool"]["max_size"] == int(threads)
    assert read["pool"]["min_size"] == 1
    assert read["pool"]["timeout"] == 5.0


def test_pool_sizes_come_from_the_environment():
    read = settings_with(DEBUG="0", DB_POOL_MIN="2", DB_POOL_MAX="20")
    assert (read["pool"]["min_size"], read["pool"]["max_size"]) == (2, 20)


def test_development_server_holds_no_idle_connection():
    read = settings_with(DEBUG="1")
    assert read["pool"] == {}
    assert read["age"] == 0
