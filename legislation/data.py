"""The instruments, timelines, coverage and assessments the tracker ships with.

Every fact here comes from the project's reviewed fact sheet, with the source it names; the
summaries are the portal's own words. Whatever the fact sheet could not confirm is left out
(or said to be unverified), never guessed. Curators refine all of it in the admin; loading
it again (``legislation.demo.seed``) never overwrites their edits.
"""

from datetime import date

GOV_UK_OSA = "https://www.legislation.gov.uk/ukpga/2023/50"
GOV_UK_OSA_COMMENCEMENT = "https://www.legislation.gov.uk/uksi/2023/1242"
GOV_UK_CPA = "https://www.legislation.gov.uk/ukpga/2026/20"
EURLEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"
AI_ACT = EURLEX.format("32024R1689")
CSA_REGULATION = EURLEX.format("52022PC0209")
CSA_DIRECTIVE = EURLEX.format("32011L0093")
CSA_RECAST = EURLEX.format("52024PC0060")
PROTECT_ACT = "https://www.govinfo.gov/app/details/PLAW-108publ21"
USC_2252A = "https://www.law.cornell.edu/uscode/text/18/2252A"
TAKE_IT_DOWN = "https://www.congress.gov/bill/119th-congress/senate-bill/146"
AU_OSA = "https://www.legislation.gov.au/C2021A00076/latest"
LANZAROTE = "https://www.coe.int/en/web/children/lanzarote-convention"
BUDAPEST = "https://www.coe.int/en/web/cybercrime"
UN_CYBERCRIME = "https://www.unodc.org/"
OPSC = "https://www.ohchr.org/"

ICMEC_REVIEW = "https://www.icmec.org/child-pornography-model-legislation-report/"

# Events: (date, precision, kind, what happened, source, note)
# Coverage: (topic slug, level, article, note)
INSTRUMENTS = [
    {
        "slug": "uk-online-safety-act-2023",
        "jurisdiction": "GB",
        "title": "Online Safety Act 2023",
        "short_title": "Online Safety Act 2023",
        "citation": "2023 c. 50",
        "type": "statute",
        "status": "partly_in_force",
        "status_note": "Commenced in stages under SI 2023/1242; the offences in Part 10 apply "
        "from 31 January 2024.",
        "summary": (
            "A United Kingdom law that puts legal duties on online services. They must deal "
            "with illegal content, child sexual exploitation and abuse included, and meet child "
            "safety duties, with age assurance where the Act calls for it. Ofcom enforces the "
            "duties and can fine a provider up to £18 million or 10 % of its turnover. The Act "
            "also creates criminal offences about intimate images. Whether it obliges providers "
            "to report child sexual exploitation and abuse to the National Crime Agency has not "
            "been verified for this tracker."
        ),
        "official_url": GOV_UK_OSA,
        "sources": [
            (
                "The Online Safety Act 2023 (Commencement No. 1) Regulations, SI 2023/1242",
                GOV_UK_OSA_COMMENCEMENT,
            ),
        ],
        "events": [
            (date(2023, 10, 26), "day", "adopted", "Royal Assent", GOV_UK_OSA, ""),
            (
                date(2024, 1, 31),
                "day",
                "applies",
                "Offences in Part 10 commence",
                GOV_UK_OSA_COMMENCEMENT,
                "",
            ),
        ],
        "coverage": [
            (
                "removal",
                "explicit",
                "",
                "Illegal-content duties, including child sexual exploitation and abuse.",
            ),
            (
                "age-verification",
                "explicit",
                "",
                "Age assurance as part of the child safety duties.",
            ),
            ("intimate-images-deepfakes", "explicit", "", "Offences about intimate images."),
        ],
    },
    {
        "slug": "eu-ai-act",
        "jurisdiction": "EU",
        "title": "Regulation (EU) 2024/1689 (Artificial Intelligence Act)",
        "short_title": "EU Artificial Intelligence Act",
        "citation": "Regulation (EU) 2024/1689 (CELEX 32024R1689)",
        "type": "regulation",
        "status": "in_force",
        "status_note": "In force since 1 August 2024 and applied in stages: prohibitions "
        "(Chapters I–II) from 2 February 2025, general-purpose AI rules from 2 August 2025, "
        "general application from 2 August 2026, Article 6(1) from 2 August 2027.",
        "summary": (
            "The EU's general law on artificial intelligence, binding in every member state. "
            "It forbids some AI practices outright, treats several uses in law enforcement as "
            "high-risk with duties attached, and restricts biometric identification. Its "
            "transparency rules require AI-generated content to be marked as such (Article "
            "50(2)) and deepfakes to be disclosed (Article 50(4)). The rules apply in stages "
            "between 2025 and 2027."
        ),
        "official_url": AI_ACT,
        "sources": [],
        "events": [
            (date(2024, 6, 13), "day", "adopted", "Adopted", AI_ACT, ""),
            (
                date(2024, 7, 12),
                "day",
                "published",
                "Published in the Official Journal",
                AI_ACT,
                "",
            ),
            (date(2024, 8, 1), "day", "in_force", "Enters into force", AI_ACT, ""),
            (
                date(2025, 2, 2),
                "day",
                "applies",
                "Chapters I and II apply, prohibitions included",
                AI_ACT,
                "",
            ),
            (date(2025, 8, 2), "day", "applies", "Rules on general-purpose AI apply", AI_ACT, ""),
            (date(2026, 8, 2), "day", "applies", "General date of application", AI_ACT, ""),
            (date(2027, 8, 2), "day", "applies", "Article 6(1) applies", AI_ACT, ""),
        ],
        "coverage": [
            (
                "ai-content-labelling",
                "explicit",
                "Art. 50(2), Art. 50(4)",
                "AI-generated content must be marked and deepfakes disclosed: transparency "
                "duties, not criminal offences.",
            ),
            (
                "ai-law-enforcement",
                "explicit",
                "",
                "High-risk uses in law enforcement and limits on biometric identification.",
            ),
        ],
    },
    {
        "slug": "eu-csa-regulation-proposal",
        "jurisdiction": "EU",
        "title": "Proposal for a Regulation laying down rules to prevent and combat child "
        "sexual abuse",
        "short_title": "Child Sexual Abuse Regulation (proposal)",
        "citation": "COM(2022) 209; procedure 2022/0155(COD)",
        "type": "proposal",
        "status": "under_deliberation",
        "status_note": "In trilogue between the European Parliament and the Council.",
        "summary": (
            "The European Commission's proposal for EU-wide rules against online child sexual "
            "abuse. Providers would have to assess the risk of their services being misused "
            "and would have reporting duties; authorities could order detection, removal and "
            "blocking; an EU Centre would be set up. The Council's position of 26 November "
            "2025 drops mandatory detection and makes voluntary detection permanent. The text "
            "is now negotiated between the Parliament and the Council."
        ),
        "official_url": CSA_REGULATION,
        "sources": [],
        "events": [
            (
                date(2022, 5, 11),
                "day",
                "proposed",
                "Proposed by the European Commission",
                CSA_REGULATION,
                "",
            ),
            (
                date(2023, 11, 1),
                "month",
                "position",
                "European Parliament adopts its position",
                CSA_REGULATION,
                "",
            ),
            (
                date(2025, 11, 26),
                "day",
                "position",
                "Council agrees its position: mandatory "
                "detection dropped, voluntary detection made permanent",
                CSA_REGULATION,
                "",
            ),
        ],
        "coverage": [
            (
                "detection",
                "explicit",
                "",
                "Detection orders as proposed; the Council's position drops mandatory detection.",
            ),
            ("removal", "explicit", "", "Removal orders."),
            ("blocking", "explicit", "", "Blocking orders."),
            ("provider-reporting", "explicit", "", ""),
            (
                "grooming",
                "explicit",
                "",
                "Grooming is within the scope of the risk and detection rules.",
            ),
        ],
    },
    {
        "slug": "eu-directive-2011-93",
        "jurisdiction": "EU",
        "title": "Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of "
        "children and child pornography",
        "short_title": "Child Sexual Abuse Directive 2011/93/EU",
        "citation": "OJ L 335, 17 December 2011 (CELEX 32011L0093)",
        "type": "directive",
        "status": "in_force",
        "status_note": "",
        "summary": (
            "Sets common EU rules on offences and penalties for the sexual abuse and sexual "
            "exploitation of children, which member states write into their own law. They must "
            "make it a crime to possess, produce or distribute child sexual abuse material and "
            "to knowingly obtain access to it, and to solicit children online for sexual "
            "purposes. The directive also deals with removing web pages that host such "
            "material and blocking access to them."
        ),
        "official_url": CSA_DIRECTIVE,
        "sources": [],
        "events": [
            (date(2011, 12, 13), "day", "adopted", "Adopted", CSA_DIRECTIVE, ""),
            (
                date(2011, 12, 17),
                "day",
                "published",
                "Published in the Official Journal (OJ L 335)",
                CSA_DIRECTIVE,
                "",
            ),
        ],
        "coverage": [
            ("possession", "explicit", "", ""),
            ("access", "explicit", "", "Knowingly obtaining access."),
            ("production", "explicit", "", ""),
            ("distribution", "explicit", "", ""),
            ("grooming", "explicit", "", "Online solicitation of children for sexual purposes."),
            ("removal", "explicit", "", "Removal of web pages hosting the material."),
            ("blocking", "explicit", "", "Blocking of access to such web pages."),
        ],
    },
    {
        "slug": "eu-csa-directive-recast-proposal",
        "jurisdiction": "EU",
        "title": "Proposal for a recast Directive on combating child sexual abuse",
        "short_title": "Recast Child Sexual Abuse Directive (proposal)",
        "citation": "COM(2024) 60; procedure 2024/0035(COD)",
        "type": "proposal",
        "status": "under_deliberation",
        "status_note": "Council general approach agreed on 13 December 2024; pending.",
        "summary": (
            "The Commission's proposal to recast Directive 2011/93/EU. It would spell out that "
            "the offences reach material made with AI or in virtual reality ('reproductions "
            "and representations'), bring in offences on paedophile manuals and on "
            "live-streamed abuse, and revise limitation periods."
        ),
        "official_url": CSA_RECAST,
        "sources": [],
        "events": [
            (
                date(2024, 2, 6),
                "day",
                "proposed",
                "Proposed by the European Commission",
                CSA_RECAST,
                "",
            ),
            (
                date(2024, 12, 13),
                "day",
                "position",
                "Council agrees its general approach",
                CSA_RECAST,
                "",
            ),
        ],
        "coverage": [
            (
                "ai-generated-material",
                "explicit",
                "",
                "AI and virtual-reality 'reproductions and representations'.",
            ),
            ("paedophile-manuals", "explicit", "", ""),
            ("live-streaming", "explicit", "", ""),
        ],
    },
    {
        "slug": "us-protect-act-2003",
        "jurisdiction": "US",
        "title": "PROTECT Act of 2003",
        "short_title": "PROTECT Act of 2003",
        "citation": "Pub. L. 108-21, 117 Stat. 650",
        "type": "statute",
        "status": "adopted",
        "status_note": "Enacted on 30 April 2003; its offences and definitions sit in title 18 "
        "of the U.S. Code.",
        "summary": (
            "A federal law on crimes against children. It brought computer-generated images "
            "that cannot be told apart from a real minor into the federal definition (18 "
            "U.S.C. §2256(8)(B)), made obscene visual representations of the sexual abuse of "
            "children, drawings included, an offence (18 U.S.C. §1466A), and dealt with the "
            "AMBER Alert system for missing children."
        ),
        "official_url": PROTECT_ACT,
        "sources": [],
        "events": [
            (date(2003, 4, 30), "day", "adopted", "Enacted", PROTECT_ACT, ""),
        ],
        "coverage": [
            (
                "ai-generated-material",
                "explicit",
                "18 U.S.C. §2256(8)(B)",
                "Computer-generated images indistinguishable from a minor.",
            ),
            (
                "drawings",
                "explicit",
                "18 U.S.C. §1466A",
                "Obscene visual representations, drawings included.",
            ),
            ("csam-definition", "partial", "18 U.S.C. §2256(8)(B)", "Extends the definition."),
        ],
    },
    {
        "slug": "us-18-usc-2252a",
        "jurisdiction": "US",
        "title": "18 U.S.C. §2252A (definitions in 18 U.S.C. §2256)",
        "short_title": "18 U.S.C. §2252A",
        "citation": "18 U.S.C. §2252A; §2256",
        "type": "statute",
        "status": "in_force",
        "status_note": "Codified federal statute.",
        "summary": (
            "A federal offence provision on child sexual abuse material, which the statute calls "
            "child pornography: possessing, receiving or distributing it is a crime. The "
            "definitions in §2256 treat anyone under 18 as a minor and include "
            "computer-generated images. Whether providers must report under §2258A has not "
            "been verified for this tracker."
        ),
        "official_url": USC_2252A,
        "sources": [],
        "events": [],
        "coverage": [
            ("possession", "explicit", "18 U.S.C. §2252A", ""),
            ("distribution", "explicit", "18 U.S.C. §2252A", "Distribution and receipt."),
            ("csam-definition", "explicit", "18 U.S.C. §2256", "A minor is anyone under 18."),
            ("ai-generated-material", "explicit", "18 U.S.C. §2256", "Computer-generated images."),
        ],
    },
    {
        "slug": "us-take-it-down-act",
        "jurisdiction": "US",
        "title": "TAKE IT DOWN Act",
        "short_title": "TAKE IT DOWN Act",
        "citation": "S.146 (119th Congress), Pub. L. 119-12",
        "type": "statute",
        "status": "in_force",
        "status_note": "Signed on 19 May 2025; the platforms' removal duties apply from 19 May "
        "2026.",
        "summary": (
            "A federal law against non-consensual intimate images, AI-made 'digital "
            "forgeries' included, with provisions on images of minors and on threats to "
            "publish. Covered platforms must remove such an image within 48 hours of a valid "
            "request, a duty that applies from 19 May 2026."
        ),
        "official_url": TAKE_IT_DOWN,
        "sources": [],
        "events": [
            (date(2025, 2, 13), "day", "adopted", "Passed by the Senate", TAKE_IT_DOWN, ""),
            (
                date(2025, 4, 28),
                "day",
                "adopted",
                "Passed by the House of Representatives",
                TAKE_IT_DOWN,
                "",
            ),
            (date(2025, 5, 19), "day", "adopted", "Signed into law", TAKE_IT_DOWN, ""),
            (
                date(2026, 5, 19),
                "day",
                "applies",
                "Platforms' removal duties apply",
                TAKE_IT_DOWN,
                "",
            ),
        ],
        "coverage": [
            ("intimate-images-deepfakes", "explicit", "", "Including AI 'digital forgeries'."),
            ("removal", "explicit", "", "Removal within 48 hours of a valid request."),
            ("sextortion", "partial", "", "Threats to publish intimate images."),
            (
                "ai-generated-material",
                "partial",
                "",
                "Digital forgeries of intimate images, minors included.",
            ),
        ],
    },
    {
        "slug": "au-online-safety-act-2021",
        "jurisdiction": "AU",
        "title": "Online Safety Act 2021",
        "short_title": "Online Safety Act 2021 (Australia)",
        "citation": "No. 76, 2021",
        "type": "statute",
        "status": "in_force",
        "status_note": "Commenced on 23 January 2022. The date of assent has not been verified "
        "for this tracker.",
        "summary": (
            "Australia's online safety law. It gives the eSafety Commissioner powers that "
            "include removal notices, which reach child sexual exploitation material, and it "
            "provides for industry codes and basic online safety expectations for services. "
            "An amendment assented in November 2024 sets a minimum age of 16 for social media "
            "(reported by a secondary source, not yet checked against the official record)."
        ),
        "official_url": AU_OSA,
        "sources": [],
        "events": [
            (date(2022, 1, 23), "day", "in_force", "Commences", AU_OSA, ""),
            (
                date(2024, 11, 29),
                "day",
                "amended",
                "Amendment on a social-media minimum age of 16 assented",
                AU_OSA,
                "Reported by a secondary source; not yet verified.",
            ),
        ],
        "coverage": [
            (
                "removal",
                "explicit",
                "",
                "Removal notices, including for child sexual exploitation material.",
            ),
        ],
    },
    {
        "slug": "uk-crime-and-policing-act-2026",
        "jurisdiction": "GB",
        "title": "Crime and Policing Act 2026",
        "short_title": "Crime and Policing Act 2026",
        "citation": "2026 c. 20",
        "type": "statute",
        "status": "adopted",
        "status_note": "Royal Assent on 29 April 2026; commencement dates not yet verified.",
        "summary": (
            "A United Kingdom Act with several measures against child sexual abuse. It makes "
            "it an offence to possess, make or supply AI models optimised to create child "
            "sexual abuse material (a new section 46A of the Sexual Offences Act 2003, with up "
            "to five years' imprisonment), covers 'paedophile manuals' about AI, creates an "
            "offence of running a website for such material, lets Border Force inspect "
            "devices, and makes grooming an aggravating factor."
        ),
        "official_url": GOV_UK_CPA,
        "sources": [],
        "events": [
            (date(2025, 2, 25), "day", "proposed", "Bill introduced in Parliament", GOV_UK_CPA, ""),
            (date(2026, 4, 29), "day", "adopted", "Royal Assent", GOV_UK_CPA, ""),
        ],
        "coverage": [
            (
                "ai-generator-tools",
                "explicit",
                "new s.46A Sexual Offences Act 2003",
                "Possessing, "
                "making or supplying AI models optimised to create CSAM; up to five years.",
            ),
            ("paedophile-manuals", "explicit", "", "Manuals about AI."),
            ("distribution", "partial", "", "Offence of running a website for CSAM."),
            ("grooming", "partial", "", "Grooming as an aggravating factor."),
        ],
    },
    {
        "slug": "coe-lanzarote-convention",
        "jurisdiction": "COE",
        "title": "Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse",
        "short_title": "Lanzarote Convention",
        "citation": "CETS No. 201",
        "type": "treaty",
        "status": "in_force",
        "status_note": "In force since 1 July 2010; open to states outside the Council of Europe.",
        "summary": (
            "The Council of Europe's treaty on the sexual exploitation and abuse of children, "
            "which states outside the Council may also join. Parties must criminalise offences "
            "concerning child sexual abuse material, knowingly obtaining access to it through "
            "information and communication technologies included (Article 20), offences "
            "related to children's participation in pornographic performances (Article 21) "
            "and the solicitation of children for sexual purposes (Article 23). A party may "
            "reserve the right not to apply Article 20 to realistic images of children who do "
            "not exist (Article 20(3))."
        ),
        "official_url": LANZAROTE,
        "sources": [],
        "events": [
            (date(2007, 10, 25), "day", "signature", "Opened for signature", LANZAROTE, ""),
            (date(2010, 7, 1), "day", "in_force", "Enters into force", LANZAROTE, ""),
        ],
        "coverage": [
            ("possession", "explicit", "Art. 20", ""),
            ("production", "explicit", "Art. 20", ""),
            ("distribution", "explicit", "Art. 20", ""),
            (
                "access",
                "explicit",
                "Art. 20",
                "Knowingly obtaining access through information and communication technologies.",
            ),
            (
                "ai-generated-material",
                "partial",
                "Art. 20(3)",
                "Parties may reserve the right "
                "not to cover realistic images of children who do not exist.",
            ),
            (
                "live-streaming",
                "partial",
                "Art. 21",
                "Children's participation in pornographic performances.",
            ),
            ("grooming", "explicit", "Art. 23", "Solicitation of children for sexual purposes."),
        ],
    },
    {
        "slug": "coe-budapest-convention",
        "jurisdiction": "COE",
        "title": "Convention on Cybercrime",
        "short_title": "Budapest Convention",
        "citation": "ETS No. 185",
        "type": "treaty",
        "status": "in_force",
        "status_note": "In force since 1 July 2004.",
        "summary": (
            "The Council of Europe's treaty on crime committed through computer systems. "
            "Article 9 requires parties to criminalise producing, offering, distributing, "
            "procuring and possessing child sexual abuse material through a computer system. "
            "Its definition reaches a person appearing to be a minor and realistic images, "
            "and parties may set the age limit at 16."
        ),
        "official_url": BUDAPEST,
        "sources": [],
        "events": [
            (date(2001, 11, 23), "day", "signature", "Opened for signature", BUDAPEST, ""),
            (date(2004, 7, 1), "day", "in_force", "Enters into force", BUDAPEST, ""),
        ],
        "coverage": [
            ("production", "explicit", "Art. 9", ""),
            ("distribution", "explicit", "Art. 9", "Offering, distributing and procuring."),
            ("possession", "explicit", "Art. 9", ""),
            (
                "csam-definition",
                "explicit",
                "Art. 9",
                "Includes a person appearing to be a minor; parties may set the age limit at 16.",
            ),
            (
                "ai-generated-material",
                "partial",
                "Art. 9",
                "Realistic images representing a minor.",
            ),
        ],
    },
    {
        "slug": "un-convention-against-cybercrime",
        "jurisdiction": "UN",
        "title": "United Nations Convention against Cybercrime",
        "short_title": "UN Convention against Cybercrime",
        "citation": "",
        "type": "treaty",
        "status": "adopted",
        "status_note": "Enters into force 90 days after the fortieth ratification; whether that "
        "has happened is not yet recorded here. The General Assembly resolution number has "
        "not been verified.",
        "summary": (
            "A global treaty on cybercrime adopted by the UN General Assembly. Its offences "
            "include those concerning child sexual abuse material (Article 14), soliciting or "
            "grooming children for sexual purposes (Article 15) and sharing intimate images "
            "without consent (Article 16). It enters into force 90 days after the fortieth "
            "ratification."
        ),
        "official_url": UN_CYBERCRIME,
        "sources": [],
        "events": [
            (
                date(2024, 12, 24),
                "day",
                "adopted",
                "Adopted by the UN General Assembly",
                UN_CYBERCRIME,
                "",
            ),
            (
                date(2025, 10, 25),
                "day",
                "signature",
                "Opened for signature in Hanoi",
                UN_CYBERCRIME,
                "",
            ),
        ],
        "coverage": [
            ("possession", "explicit", "Art. 14", ""),
            ("production", "explicit", "Art. 14", ""),
            ("distribution", "explicit", "Art. 14", ""),
            ("grooming", "explicit", "Art. 15", "Solicitation or grooming."),
            (
                "intimate-images-deepfakes",
                "explicit",
                "Art. 16",
                "Non-consensual dissemination of intimate images.",
            ),
        ],
    },
    {
        "slug": "un-opsc",
        "jurisdiction": "UN",
        "title": "Optional Protocol to the Convention on the Rights of the Child on the sale of "
        "children, child prostitution and child pornography",
        "short_title": "Optional Protocol on the sale of children (OPSC)",
        "citation": "A/RES/54/263",
        "type": "protocol",
        "status": "in_force",
        "status_note": "In force since 18 January 2002.",
        "summary": (
            "A protocol to the UN Convention on the Rights of the Child. States parties must "
            "prohibit the sale of children, child prostitution and child sexual abuse material "
            "(called child pornography in its text) and make them crimes."
        ),
        "official_url": OPSC,
        "sources": [],
        "events": [
            (
                date(2000, 5, 25),
                "day",
                "adopted",
                "Adopted by the UN General Assembly (A/RES/54/263)",
                OPSC,
                "",
            ),
            (date(2002, 1, 18), "day", "in_force", "Enters into force", OPSC, ""),
        ],
        "coverage": [
            ("csam-definition", "explicit", "", ""),
            ("production", "explicit", "", ""),
            ("distribution", "explicit", "", ""),
        ],
    },
]

# (instrument, relation, other instrument)
RELATIONS = [
    ("eu-csa-directive-recast-proposal", "recasts", "eu-directive-2011-93"),
]

# (jurisdiction, criterion, answer, instrument cited, article, note). Only where an instrument
# above supports the answer; every other cell of the matrix stays "unknown".
ASSESSMENTS = [
    ("US", "icmec-legislation", "yes", "us-18-usc-2252a", "18 U.S.C. §2252A", ""),
    (
        "US",
        "icmec-definition",
        "yes",
        "us-18-usc-2252a",
        "18 U.S.C. §2256",
        "A minor is anyone under 18.",
    ),
    ("US", "icmec-possession", "yes", "us-18-usc-2252a", "18 U.S.C. §2252A", ""),
    (
        "US",
        "portal-ai-material",
        "yes",
        "us-protect-act-2003",
        "18 U.S.C. §2256(8)(B)",
        "Computer-generated images indistinguishable from a minor.",
    ),
    (
        "US",
        "portal-sextortion",
        "partial",
        "us-take-it-down-act",
        "",
        "Threats to publish intimate images.",
    ),
    (
        "US",
        "portal-removal",
        "partial",
        "us-take-it-down-act",
        "",
        "Removal within 48 hours of a valid request, for non-consensual intimate images.",
    ),
    (
        "GB",
        "icmec-legislation",
        "yes",
        "uk-crime-and-policing-act-2026",
        "new s.46A Sexual Offences Act 2003",
        "A CSAM-specific offence; other UK laws on CSAM are not yet in the tracker.",
    ),
    (
        "GB",
        "portal-ai-material",
        "partial",
        "uk-crime-and-policing-act-2026",
        "new s.46A Sexual Offences Act 2003",
        "Covers AI models optimised to create CSAM; the law on the images themselves is not yet "
        "in the tracker.",
    ),
    (
        "GB",
        "portal-removal",
        "yes",
        "uk-online-safety-act-2023",
        "",
        "Illegal-content duties, including child sexual exploitation and abuse; enforced by Ofcom.",
    ),
    (
        "AU",
        "portal-removal",
        "yes",
        "au-online-safety-act-2021",
        "",
        "Removal notices, including for child sexual exploitation material.",
    ),
]
