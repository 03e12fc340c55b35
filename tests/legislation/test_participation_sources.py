"""Treaty participation shown as verified rests on a page that records the depositary's own
notifications (see fixtures/legislation/research/README.md): the row's source link says which."""

from datetime import date
from urllib.parse import urlparse

from legislation.loader import FIXTURES, is_verified, parse_date, read_rows

# Hosts whose pages may verify a participation row: the depositaries' status pages (UN Treaty
# Collection; Council of Europe Treaty Office, whose coe.int pages sit under /conventions/),
# official government treaty registers and treaty series that record the depositaries'
# notifications, and a state's own official notice of its own deposit.
DEPOSITARIES = {"treaties.un.org", "conventions.coe.int", "www.conventions.coe.int"}
COUNCIL_OF_EUROPE = {"www.coe.int", "coe.int"}
OFFICIAL_REGISTERS = {
    "verdragen.nl",
    "www.verdragen.nl",
    "verdragenbank.overheid.nl",
    "treatydatabase.overheid.nl",
    "zoek.officielebekendmakingen.nl",
    "finlex.fi",
    "www.finlex.fi",
    # The Swiss Federal Chancellery's Classified Compilation (treaty texts with the Swiss
    # deposit and the depositary's list of parties).
    "www.admin.ch",
    "fedlex.admin.ch",
    "www.fedlex.admin.ch",
}
# A state's own notice of its own deposit: Japan's foreign ministry, Justice Canada (in the
# Library and Archives Canada web archive), and the French government's impact studies of its
# treaty bills as the National Assembly publishes them.
STATES_OWN_NOTICES = {
    "www.mofa.go.jp",
    "bac-lac.wayback.archive-it.org",
    "www.assemblee-nationale.fr",
}


def verifying_source(url: str) -> bool:
    parsed = urlparse(url)
    host = parsed.hostname or ""
    if host in COUNCIL_OF_EUROPE:
        return "/conventions/" in parsed.path
    return host in DEPOSITARIES | OFFICIAL_REGISTERS | STATES_OWN_NOTICES


def test_every_verified_participation_row_cites_a_verifying_page_with_the_day_it_was_read():
    rows = read_rows(FIXTURES, "participation")
    verified = [row for row in rows if is_verified(row.get("verified"))]
    assert len(verified) >= 150
    for row in verified:
        assert verifying_source(row["source_url"]), row["_where"]
        read_on = parse_date(row.get("read_on"), where=row["_where"])
        assert read_on is not None and read_on.precision == "day", row["_where"]
        assert read_on.value <= date(2026, 12, 2), row["_where"]


def test_news_and_secondary_sites_do_not_verify():
    assert not verifying_source("https://www.coe.int/en/web/portal/-/norway-ratifies-convention")
    assert not verifying_source("https://www.whatconvention.org/en/ratifications/101")
    assert not verifying_source("https://inview.nl/document/ida9135c0f2679103f04a4f8f7d99c2d8c")
    assert not verifying_source("https://360.lexisnexis.at/d/b_bgbl_2007_2007_III_018_3d11956d6c")
    assert not verifying_source(
        "https://www.droit-bilingue.ch/de-fr/0.3/0.31/0.311.43-preface-1.html"
    )
    assert verifying_source(
        "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=201"
    )
    assert verifying_source("http://www.admin.ch/opc/de/classified-compilation/20022618/index.html")
