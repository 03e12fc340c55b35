"""Logging filters named in ``LOGGING``."""

import logging

from django.db import DatabaseError


class DatabaseOutageOneLine(logging.Filter):
    """A request answered 503 because PostgreSQL is unreachable is logged as one line.

    Django logs every unhandled exception with its traceback, and the database error chains
    the driver's own, so each request during an outage wrote two full tracebacks: an outage
    of a minute buried the log. The 503 itself is expected; the cause fits in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if getattr(record, "status_code", None) == 503 and isinstance(error, DatabaseError):
            cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            record.msg = "%s (PostgreSQL unreachable: %s)"
            record.args = (record.getMessage(), cause)
            record.exc_info = None
            record.exc_text = None
        return True
