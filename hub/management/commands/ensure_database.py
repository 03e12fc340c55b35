"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet.

Says in one line what is wrong when PostgreSQL cannot be reached, without a traceback.
"""

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql


class Command(BaseCommand):
    help = "Create the database named in DATABASE_URL if it is missing."
    # System checks ask the database for its features: it may not exist yet.
    requires_system_checks = []

    def handle(self, *args: object, **options: object) -> None:
        db = settings.DATABASES["default"]
        params = {
            "host": db.get("HOST") or None,
            "port": db.get("PORT") or None,
            "user": db.get("USER") or None,
            "password": db.get("PASSWORD") or None,
            "connect_timeout": 5,
        }
        where = f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 5432}"
        try:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
                ).fetchone()
                if not exists:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                    self.stdout.write(f"Created database {db['NAME']} on {where}.")
        except psycopg.OperationalError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
            reason = first_line.rsplit(": ", 1)[-1]
            raise CommandError(
                f"PostgreSQL is not reachable at {where} ({reason}). Start PostgreSQL 15+ or set "
                "DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub"
            ) from None
