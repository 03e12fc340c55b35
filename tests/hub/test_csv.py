"""``hub.csv.csv_safe``: every CSV cell the portal writes from data."""

import pytest

from hub.csv import csv_safe


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1+2", "'+1+2"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
        (["ocr", "=triage"], "ocr; =triage"),
        (("=x", "y"), "'=x; y"),
    ],
)
def test_formulas_are_kept_as_text(value, cell):
    assert csv_safe(value) == cell
