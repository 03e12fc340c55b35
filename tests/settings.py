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
# Many tests sign a client in and then travel in time (days, months); sessions that end
# after 30 idle minutes would sign them out. tests/hub/test_privacy.py sets the real limits.
SESSION_IDLE_TIMEOUT = SESSION_ABSOLUTE_TIMEOUT = SESSION_COOKIE_AGE = 10 * 365 * 24 * 60 * 60
