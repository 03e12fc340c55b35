"""PostgreSQL down, for real: the connection points at a port where nothing listens."""

import logging

import psycopg
import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.db.transaction import TransactionManagementError
from django.test import Client, RequestFactory
from django.urls import reverse
from psycopg_pool import PoolTimeout


@pytest.fixture
def database_down(transactional_db):
    """Every new connection from now on fails, as when PostgreSQL is stopped."""
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def test_a_page_during_an_outage_is_a_503_logged_in_one_line(database_down, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("hub:search"), {"q": "grooming"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach its database" in response.text
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "\n" not in records[0].getMessage()
    assert "/search/" in records[0].getMessage()
    assert "PostgreSQL unreachable" in records[0].getMessage()
    assert records[0].exc_text is None


def test_healthz_during_an_outage_says_503(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


# A request can also fail in ways Django's database layer does not wrap: the driver's own error
# reaching the view, or an error raised while cleaning up after the lost connection (a rollback
# that fails in turn). PostgreSQL may be back by the time the error page is chosen, so the cause
# is read from the error itself, not only from a new connection attempt.


def _answer_while_handling(error: BaseException):
    from hub.views import server_error

    request = RequestFactory().post("/training/sessions/1/enrol/")
    try:
        raise error
    except BaseException:
        return server_error(request)


def test_the_drivers_own_connection_error_is_a_503_though_postgresql_is_back(transactional_db):
    response = _answer_while_handling(
        psycopg.OperationalError("consuming input failed: server closed the connection")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_pools_timeout_is_a_503_though_postgresql_is_back(transactional_db):
    response = _answer_while_handling(PoolTimeout("couldn't get a connection after 3.00 sec"))
    assert response.status_code == 503


def test_an_error_raised_while_cleaning_up_after_a_lost_connection_is_a_503(transactional_db):
    def cleanup_fails():
        try:
            raise OperationalError("terminating connection due to administrator command")
        except OperationalError:
            raise TransactionManagementError("connection closed in the block")  # noqa: B904

    try:
        cleanup_fails()
    except TransactionManagementError as error:
        response = _answer_while_handling(error)
    assert response.status_code == 503


def test_a_programming_error_with_postgresql_up_stays_a_500(transactional_db):
    response = _answer_while_handling(ProgrammingError('column "nope" does not exist'))
    assert response.status_code == 500
