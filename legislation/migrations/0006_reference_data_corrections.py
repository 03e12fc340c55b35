"""Reference data as of this migration, and corrections to the facts shipped before it.

- Criteria learn which topics carry them (frozen copy in ``data/0006_reference_data/``, loaded
  by the shared loader with the historical models).
- Shipped facts that were wrong are corrected where a database still holds them as shipped
  (a curator's own edits are left alone): Australia's social-media minimum-age amendment was
  assented on 10 December 2024 (Parliament passed it on 29 November); two UN treaties pointed
  at an organisation's home page instead of the treaty office's status page; "assessed on" held
  the day the data was loaded instead of the day the assessment was made.
- Two UK answers that cited the wrong provisions are removed for ``seed_demo`` to reload.
- "Yes" and "partly" must now name their articles (next migration): shipped answers get the
  provisions that carry them; any other answer without articles is marked unverified and
  given a placeholder a curator can see and fix.

Every value here is frozen in this file or its data folder."""

import datetime
from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).resolve().parent / "data" / "0006_reference_data"

UNCC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18&clang=_en"
OPSC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11-c&chapter=4&clang=_en"
AU_AMENDMENT = (
    "https://www.legislation.gov.au/C2024A00127/asmade/2024-12-10/text/original/epub/OEBPS/"
    "document_1/document_1.html"
)
OLD_AU_TITLE = "Amendment on a social-media minimum age of 16 assented"
NEW_AU_TITLE = "Online Safety Amendment (Social Media Minimum Age) Act 2024 receives Royal Assent"
OLD_AU_SUMMARY = (
    "Australia's online safety law. It gives the eSafety Commissioner powers that "
    "include removal notices, which reach child sexual exploitation material, and it "
    "provides for industry codes and basic online safety expectations for services. "
    "An amendment assented in November 2024 sets a minimum age of 16 for social media "
    "(reported by a secondary source, not yet checked against the official record)."
)
NEW_AU_SUMMARY = "Australia's online safety law. It gives the eSafety Commissioner powers that include removal notices, which reach child sexual exploitation material, and it provides for industry codes and basic online safety expectations for services. The Online Safety Amendment (Social Media Minimum Age) Act 2024 (No. 127, 2024), assented to on 10 December 2024, requires providers of age-restricted social media platforms to take reasonable steps to keep children under a minimum age of 16 from having accounts."


# (jurisdiction, criterion, instrument) → (articles, assessed on) for the shipped answers.
SHIPPED_ASSESSMENTS = {
    ("US", "icmec-legislation", "us-18-usc-2252a"): ("18 U.S.C. §2252A", "2026-11-30"),
    ("US", "icmec-definition", "us-18-usc-2252a"): ("18 U.S.C. §2256", "2026-11-30"),
    ("US", "icmec-possession", "us-18-usc-2252a"): ("18 U.S.C. §2252A", "2026-11-30"),
    ("US", "portal-ai-material", "us-protect-act-2003"): ("18 U.S.C. §2256(8)(B)", "2026-11-30"),
    ("US", "portal-sextortion", "us-take-it-down-act"): ("s.2 (47 U.S.C. §223(h))", "2026-11-30"),
    ("US", "portal-removal", "us-take-it-down-act"): ("s.3 (notice and removal)", "2026-11-30"),
    ("AU", "portal-removal", "au-online-safety-act-2021"): ("s.109", "2026-12-02"),
    ("GB", "portal-removal", "uk-online-safety-act-2023"): ("s.10(3)", "2026-12-02"),
}
# Shipped UK answers that cited a 2026 offence about AI models instead of the provisions that
# carry the criterion: removed where untouched, so the next ``seed_demo`` loads the corrected
# answers (Protection of Children Act 1978 s.1 and s.7, Criminal Justice Act 1988 s.160).
MISCITED = [
    ("GB", "icmec-legislation", "uk-crime-and-policing-act-2026"),
    ("GB", "portal-ai-material", "uk-crime-and-policing-act-2026"),
]


def forwards(apps, schema_editor):
    from legislation.loader import REFERENCE_KINDS, reference_data_load

    reference_data_load(directory=FROZEN, apps=apps, kinds=REFERENCE_KINDS)

    Event = apps.get_model("legislation", "Event")
    Instrument = apps.get_model("legislation", "Instrument")
    Assessment = apps.get_model("legislation", "Assessment")

    Event.objects.filter(
        instrument__slug="au-online-safety-act-2021",
        date=datetime.date(2024, 11, 29),
        title=OLD_AU_TITLE,
    ).update(
        date=datetime.date(2024, 12, 10),
        title=NEW_AU_TITLE,
        source_url=AU_AMENDMENT,
        note="Parliament passed the bill on 29 November 2024; the amending Act commenced on "
        "11 December 2024.",
    )
    Instrument.objects.filter(
        slug="au-online-safety-act-2021", summary=OLD_AU_SUMMARY
    ).update(summary=NEW_AU_SUMMARY)
    for slug, old, new, code in [
        ("un-convention-against-cybercrime", "https://www.unodc.org/", UNCC, "uncc"),
        ("un-opsc", "https://www.ohchr.org/", OPSC, "opsc"),
    ]:
        Instrument.objects.filter(slug=slug, official_url=old).update(official_url=new)
        Event.objects.filter(instrument__slug=slug, source_url=old).update(source_url=new)
        Instrument.objects.filter(slug=slug, code="").update(code=code)
    for slug, code in [("coe-lanzarote-convention", "cets201"), ("coe-budapest-convention", "ets185")]:
        Instrument.objects.filter(slug=slug, code="").update(code=code)

    for code, criterion, instrument in MISCITED:
        Assessment.objects.filter(
            jurisdiction__code=code,
            criterion__slug=criterion,
            instrument__slug=instrument,
            last_verified__isnull=True,
        ).delete()
    for assessment in Assessment.objects.select_related("jurisdiction", "criterion", "instrument"):
        key = (
            assessment.jurisdiction.code,
            assessment.criterion.slug,
            assessment.instrument.slug if assessment.instrument_id else None,
        )
        shipped = SHIPPED_ASSESSMENTS.get(key)
        if shipped and assessment.last_verified is None:
            article, assessed_on = shipped
            assessment.article = assessment.article or article
            assessment.assessed_on = datetime.date.fromisoformat(assessed_on)
            assessment.save(update_fields=["article", "assessed_on"])
        elif assessment.answer in {"yes", "partial"} and not assessment.article:
            assessment.article = "not recorded"
            assessment.verified = False
            assessment.save(update_fields=["article", "verified"])


class Migration(migrations.Migration):
    dependencies = [("legislation", "0005_participation_details_and_checks")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
