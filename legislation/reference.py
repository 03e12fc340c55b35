"""Reference data for the legislation tracker: jurisdictions, regions, topics and criteria.

Plain constants, read by the data migration that creates the rows in every database, and by
the tests that check the reference data is whole. Country names come from django-countries.
"""

# The 193 member states of the United Nations by ISO 3166-1 alpha-2 code, grouped by the
# continental regions of the UN statistical standard (M49).
UN_MEMBER_STATES = {
    "africa": (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR "
        "LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW"
    ).split(),
    "americas": (
        "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN "
        "LC VC SR TT US UY VE"
    ).split(),
    "asia": (
        "AF AM AZ BH BD BT BN KH CN CY GE IN ID IR IQ IL JP JO KZ KP KR KW KG LA LB MY MV MN "
        "MM NP OM PK PH QA SA SG LK SY TJ TH TL TR TM AE UZ VN YE"
    ).split(),
    "europe": (
        "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT MD MC ME NL "
        "MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB"
    ).split(),
    "oceania": "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU".split(),
}

# The 27 member states of the European Union.
EU_MEMBERS = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
).split()

# The 46 member states of the Council of Europe: the EU's 27 and 19 others.
COE_MEMBERS = EU_MEMBERS + "AL AD AM AZ BA GE IS LI MD MC ME MK NO SM RS CH TR UA GB".split()

# Supranational bodies: code, English name, region.
SUPRANATIONAL = [
    ("EU", "European Union", "europe"),
    ("COE", "Council of Europe", "europe"),
    ("UN", "United Nations", "global"),
]

MEMBERSHIPS = {
    "EU": EU_MEMBERS,
    "COE": COE_MEMBERS,
    "UN": [code for codes in UN_MEMBER_STATES.values() for code in codes],
}

# Topics: slug, name, description. Order is the order shown.
TOPICS = [
    (
        "csam-definition",
        "Definition of CSAM",
        "What the law counts as child sexual abuse material, and up to which age a person is "
        "a child.",
    ),
    ("possession", "Possession", "Holding CSAM, whether or not the holder means to pass it on."),
    (
        "access",
        "Access",
        "Knowingly viewing or obtaining access to CSAM online without downloading it.",
    ),
    ("production", "Production", "Making CSAM."),
    ("distribution", "Distribution", "Offering, sharing, supplying or making CSAM available."),
    (
        "ai-generated-material",
        "AI-generated or realistic material",
        "Synthetic or computer-generated material that depicts a child, including realistic "
        "images of children who do not exist.",
    ),
    (
        "drawings",
        "Drawings and non-realistic depictions",
        "Cartoons, drawings and other depictions that are not photo-realistic.",
    ),
    ("grooming", "Grooming", "Soliciting a child for sexual purposes, online or offline."),
    (
        "sextortion",
        "Sextortion",
        "Threatening to share sexual images to extort more images, money or acts.",
    ),
    (
        "live-streaming",
        "Live-streamed abuse",
        "Abuse broadcast live and watched or directed remotely.",
    ),
    (
        "intimate-images-deepfakes",
        "Intimate images and deepfakes",
        "Sharing intimate images without consent, including fabricated ones.",
    ),
    (
        "paedophile-manuals",
        "Paedophile manuals",
        "Material that advises how to abuse children or avoid detection.",
    ),
    (
        "ai-generator-tools",
        "AI generator tools",
        "Models or services built or tuned to create CSAM.",
    ),
    (
        "provider-reporting",
        "Provider reporting",
        "Duties of online service providers to report suspected CSAM.",
    ),
    ("removal", "Removal", "Duties or powers to take CSAM or other illegal content down."),
    (
        "detection",
        "Detection",
        "Duties or permissions for providers to detect CSAM or grooming on their services.",
    ),
    (
        "blocking",
        "Blocking",
        "Measures that block access to CSAM that cannot be removed at source.",
    ),
    ("age-verification", "Age verification", "Age checks or age assurance required of services."),
    (
        "data-retention",
        "Data retention",
        "How long providers keep or may keep data that investigations need.",
    ),
    (
        "hotline-mandate",
        "Hotline mandate",
        "A legal basis for hotlines to receive and assess reports of CSAM.",
    ),
    (
        "ai-content-labelling",
        "Labelling of AI-generated content",
        "Duties to mark AI-generated content or disclose deepfakes, which helps to tell synthetic "
        "material from real.",
    ),
    (
        "ai-law-enforcement",
        "AI in law enforcement",
        "Rules on the use of AI systems by police and other law-enforcement bodies.",
    ),
]

# Criteria: framework, slug, short label, full text. ICMEC's five come first, then the
# portal's own, which are labelled as such wherever they appear.
CRITERIA = [
    (
        "icmec",
        "icmec-legislation",
        "CSAM law",
        "National legislation exists with specific regard to child sexual abuse material.",
    ),
    (
        "icmec",
        "icmec-definition",
        "Definition",
        "National legislation provides a definition of child sexual abuse material.",
    ),
    (
        "icmec",
        "icmec-technology",
        "Tech offences",
        "National legislation criminalises technology-facilitated CSAM offences.",
    ),
    (
        "icmec",
        "icmec-possession",
        "Possession",
        "National legislation criminalises knowing possession of CSAM, regardless of intent "
        "to distribute.",
    ),
    (
        "icmec",
        "icmec-isp-reporting",
        "ISP reporting",
        "National legislation requires internet service providers to report suspected CSAM "
        "to law enforcement or another mandated agency.",
    ),
    (
        "portal",
        "portal-ai-material",
        "AI material",
        "AI-generated or realistic synthetic material depicting children is criminalised.",
    ),
    (
        "portal",
        "portal-grooming",
        "Grooming",
        "Grooming (soliciting a child for sexual purposes) is criminalised.",
    ),
    ("portal", "portal-sextortion", "Sextortion", "Sextortion is addressed in law."),
    (
        "portal",
        "portal-live-streaming",
        "Live-streaming",
        "Live-streamed abuse is addressed in law.",
    ),
    (
        "portal",
        "portal-removal",
        "Removal duties",
        "Online platforms have legal duties to remove illegal material.",
    ),
]

# Which catalogue capabilities each topic concerns (the tool page shows the law on these).
TOPIC_CAPABILITIES = {
    "csam-definition": ["classification", "age-estimation"],
    "possession": ["hash-matching", "classification", "deduplication", "triage"],
    "access": ["dark-web-monitoring"],
    "production": ["face-matching", "object-scene-recognition", "geolocation"],
    "distribution": ["hash-matching", "dark-web-monitoring", "link-analysis"],
    "ai-generated-material": ["ai-media-detection", "classification"],
    "drawings": ["classification"],
    "grooming": ["grooming-detection", "entity-extraction", "translation"],
    "sextortion": ["grooming-detection", "entity-extraction"],
    "live-streaming": ["speech-to-text", "object-scene-recognition"],
    "intimate-images-deepfakes": ["ai-media-detection", "hash-matching"],
    "paedophile-manuals": ["ocr", "dark-web-monitoring"],
    "ai-generator-tools": ["ai-media-detection", "synthetic-persona"],
    "provider-reporting": ["hash-matching", "report-automation"],
    "removal": ["hash-matching", "report-automation"],
    "detection": ["hash-matching", "classification", "grooming-detection"],
    "blocking": ["hash-matching"],
    "age-verification": ["age-estimation"],
    "data-retention": ["metadata-extraction", "case-management"],
    "hotline-mandate": ["report-automation", "triage"],
    "ai-content-labelling": ["ai-media-detection"],
    "ai-law-enforcement": [
        "face-matching",
        "age-estimation",
        "synthetic-persona",
        "triage",
        "classification",
        "speech-to-text",
    ],
}
