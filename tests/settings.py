"""Test configuration: the real settings with the few changes tests need."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub")

from hub.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests run over plain HTTP (test client and live server), so cookies must not need HTTPS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CURATOR_EMAILS = ["curators@globalhub.test"]
# Tasks run in the test's own thread, right where they are enqueued (tests of the stored
# backend and the worker switch to it with override_settings).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# No connection pool: pytest-django creates and drops the test database around the run, and
# the threaded concurrency tests each need a connection of their own, closed at the end.
DATABASES["default"].setdefault("OPTIONS", {}).pop("pool", None)  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Many tests sign a client in and then travel in time (days, months); sessions that end
# after 30 idle minutes would sign them out. tests/hub/test_privacy.py sets the real limits.
SESSION_IDLE_TIMEOUT = SESSION_ABSOLUTE_TIMEOUT = SESSION_COOKIE_AGE = 10 * 365 * 24 * 60 * 60
