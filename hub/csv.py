"""One guard for every CSV the portal writes.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return) as a formula: a tool name or a member's note could then
fetch a web address or run a command on the reader's machine ("CSV injection"). Every CSV
cell written from data goes through ``csv_safe``, which keeps such a cell as text by putting
an apostrophe in front of it.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """``value`` as a CSV cell: ``None`` is empty, a list or tuple is joined with "; ", and a
    cell a spreadsheet would run as a formula starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
