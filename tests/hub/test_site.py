"""The site shell: home, search, health, error pages, security headers, settings."""

import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.db import DatabaseError, connection
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
class TestPages:
    def test_home_offers_the_five_stages_and_the_three_sections(self, client):
        response = client.get("/")
        assert response.status_code == 200
        for link in ("/tools/", "/training/", "/legislation/"):
            assert f'href="{link}' in response.text
        assert 'class="skip-link" href="#main"' in response.text
        assert '<main id="main"' in response.text

    def test_search_with_nothing_typed_shows_the_form(self, client):
        response = client.get(reverse("hub:search"))
        assert response.status_code == 200
        assert 'name="q"' in response.text

    def test_search_says_when_nothing_matches(self, client):
        response = client.get(reverse("hub:search"), {"q": "zzzqqq-no-such-thing"})
        assert response.status_code == 200
        assert "Nothing matches" in response.text

    @pytest.mark.parametrize("q", ["x" * 5000, "<script>alert(1)</script>' OR 1=1 --"])
    def test_hostile_or_overlong_search_is_answered_calmly(self, client, q):
        response = client.get(reverse("hub:search"), {"q": q})
        assert response.status_code in (200, 400)
        assert "<script>alert(1)" not in response.text

    def test_no_page_asks_another_host_for_anything(self, client):
        html = client.get("/").text
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert assets
        assert not [a for a in assets if a.startswith(("http:", "https:", "//"))]

    def test_language_can_be_switched(self, client):
        response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
        assert response.status_code == 302
        assert client.get("/").text.startswith("<!doctype html>")
        assert 'lang="fr"' in client.get("/").text

    def test_anonymous_pages_carry_no_per_visitor_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.get("/")
        assert "csrftoken" not in response.cookies
        assert "csrfmiddlewaretoken" not in response.text
        # The language form still works without a token.
        client.post(reverse("set_language"), {"language": "es", "next": "/"})
        assert 'lang="es"' in client.get("/").text

    @pytest.mark.parametrize(
        ("language", "tools", "sign_in"),
        [
            ("fr", "Outils", "Se connecter"),
            ("es", "Herramientas", "Iniciar sesión"),
            ("ru", "Инструменты", "Войти"),
            ("ar", "الأدوات", "تسجيل الدخول"),
            ("zh-hans", "工具", "登录"),
        ],
    )
    def test_the_interface_speaks_the_six_un_languages(self, client, language, tools, sign_in):
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        html = client.get("/").text
        assert f'lang="{language}"' in html
        assert f">{tools}</a>" in html
        assert f">{sign_in}</a>" in html

    def test_arabic_pages_run_right_to_left(self, client):
        client.post(reverse("set_language"), {"language": "ar", "next": "/"})
        assert 'dir="rtl"' in client.get("/").text


@pytest.mark.django_db
class TestHealth:
    def test_healthz_reports_the_database(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}

    def test_healthz_says_503_when_the_database_is_down(self, client):
        with mock.patch("hub.views.connection.cursor", side_effect=DatabaseError("down")):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
class TestErrorPages:
    def test_unknown_page_is_a_friendly_404(self, client):
        response = client.get("/no/such/page/")
        assert response.status_code == 404
        assert "Page not found" in response.text
        assert 'href="/search/' in response.text

    def test_crash_is_a_500_page(self):
        client = Client(raise_request_exception=False)
        with mock.patch("hub.views.SearchForm", side_effect=RuntimeError("boom")):
            response = client.get(reverse("hub:search"))
        assert response.status_code == 500
        assert "Something went wrong" in response.text

    # The outage (503) is tested for real in test_outage.py.

    def test_bad_request_page(self, client):
        from hub.views import bad_request

        response = bad_request(Client().get("/").wsgi_request)
        assert response.status_code == 400
        assert b"Bad request" in response.content

    def test_forged_post_gets_403(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("hub:register"), {"email": "x@y.z"})
        assert response.status_code == 403


@pytest.mark.django_db
class TestSecurityHeaders:
    def test_headers_on_every_page(self, client):
        response = client.get("/")
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_no_inline_script_or_style_on_the_shell(self, client):
        html = client.get("/").text
        assert "<style" not in html
        assert 'style="' not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_production_redirects_to_https(self, client):
        response = client.get("/")
        assert response.status_code == 301
        assert response.url.startswith("https://")


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="hub.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestSettings:
    def test_production_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", DEBUG="0")
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr

    def test_deploy_check_is_clean_with_production_values(self, db):
        # Model checks ask the database for its features, so point at the test database.
        test_db = connection.settings_dict
        url = f"postgres://{test_db['USER']}@{test_db['HOST']}:{test_db['PORT']}/{test_db['NAME']}"
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DEBUG="0",
            SECRET_KEY="x7#" + "k2!v9@q" * 10,
            ALLOWED_HOSTS="hub.example.org",
            DATABASE_URL=url,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout


class TestDatabaseSetup:
    def test_unreachable_postgres_is_one_clear_line(self):
        result = run_manage(
            "ensure_database",
            DEBUG="1",
            DATABASE_URL="postgres://postgres@127.0.0.1:1/hub",
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert "PostgreSQL is not reachable at 127.0.0.1:1" in lines[0]
        assert "DATABASE_URL" in lines[0]

    def test_missing_database_is_created(self):
        name = "hub_ensure_database_test"
        settings_dict = connection.settings_dict
        url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
        try:
            result = run_manage("ensure_database", DEBUG="1", DATABASE_URL=f"{url}/{name}")
            assert result.returncode == 0, result.stderr
            assert f"Created database {name}" in result.stdout
            again = run_manage("ensure_database", DEBUG="1", DATABASE_URL=f"{url}/{name}")
            assert again.returncode == 0 and again.stdout == ""
        finally:
            server = {k.lower(): settings_dict[k] for k in ("USER", "HOST", "PORT")}
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.mark.django_db
class TestControlCharacters:
    @pytest.mark.parametrize(
        "url",
        [
            "/tools/a%00b/",
            "/legislation/jurisdictions/G%00B/",
            "/training/calendar/a%00b.ics",
            "/search/?q=nul%00byte",
            "/tools/?q=%01",
            "/tools/compare/?tools=a,%00",
            "/legislation/feed/?jurisdiction=G%1bB",
            "/search/?q%00=x",
            "/%7f",
        ],
    )
    def test_a_control_character_in_the_path_or_query_is_a_400_page(self, client, url):
        response = client.get(url)
        assert response.status_code == 400
        assert "Bad request" in response.text

    def test_tab_and_line_breaks_in_a_query_pass(self, client):
        assert client.get("/search/", {"q": "grooming\tchat\r\nlogs"}).status_code == 200


class TestProductionSettings:
    def test_production_refuses_to_start_without_a_database_url(self):
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env={
                **environment,
                "DJANGO_SETTINGS_MODULE": "hub.settings",
                "DEBUG": "0",
                "SECRET_KEY": "x7#" + "k2!v9@q" * 10,
                "ALLOWED_HOSTS": "hub.example.org",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "DATABASE_URL is not set" in result.stderr

    def release_in_a_new_process(self, **env):
        code = "from django.conf import settings; print(settings.RELEASE)"
        result = run_manage("shell", "--no-imports", "-c", code, DEBUG="1", **env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    def test_release_comes_from_the_deployment(self):
        assert self.release_in_a_new_process(RELEASE="2026.12.1") == "2026.12.1"

    def test_release_is_the_checked_out_commit_the_same_in_every_process(self):
        environment = {k: v for k, v in os.environ.items() if k != "RELEASE"}
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        with mock.patch.dict(os.environ, environment, clear=True):
            first = self.release_in_a_new_process()
            second = self.release_in_a_new_process()
        assert first == second == commit[:12]

    def test_release_without_git_or_environment_is_a_fixed_name(self, tmp_path):
        from hub.release import release_name

        assert release_name(environ_value="", checkout=tmp_path) == "unreleased"
        (tmp_path / ".git").write_text("gitdir: nowhere\n")
        assert release_name(environ_value="", checkout=tmp_path) == "unreleased"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/legislation/", "/legislation/matrix/", "/legislation/map/"])
def test_help_texts_are_tied_to_their_fields(client, url):
    """Fields point at their help text (aria-describedby), so the text must carry that id."""
    html = client.get(url).text
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    if url == "/legislation/":
        assert described, "the legislation filters have help texts"
    for ids in described:
        for element_id in ids.split():
            assert f'id="{element_id}"' in html, element_id
