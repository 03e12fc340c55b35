"""The reference data's names and texts, marked for translation so that ``makemessages``
collects them (they are stored in English in the database and translated when shown).

Generated from reference.py; regenerate when topics or criteria change there."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Definition of CSAM"),
    gettext_noop(
        "What the law counts as child sexual abuse material, and up to which age a person"
        " is a child."
    ),
    gettext_noop("Possession"),
    gettext_noop("Holding CSAM, whether or not the holder means to pass it on."),
    gettext_noop("Access"),
    gettext_noop("Knowingly viewing or obtaining access to CSAM online without downloading it."),
    gettext_noop("Production"),
    gettext_noop("Making CSAM."),
    gettext_noop("Distribution"),
    gettext_noop("Offering, sharing, supplying or making CSAM available."),
    gettext_noop("AI-generated or realistic material"),
    gettext_noop(
        "Synthetic or computer-generated material that depicts a child, including "
        "realistic images of children who do not exist."
    ),
    gettext_noop("Drawings and non-realistic depictions"),
    gettext_noop("Cartoons, drawings and other depictions that are not photo-realistic."),
    gettext_noop("Grooming"),
    gettext_noop("Soliciting a child for sexual purposes, online or offline."),
    gettext_noop("Sextortion"),
    gettext_noop("Threatening to share sexual images to extort more images, money or acts."),
    gettext_noop("Live-streamed abuse"),
    gettext_noop("Abuse broadcast live and watched or directed remotely."),
    gettext_noop("Intimate images and deepfakes"),
    gettext_noop("Sharing intimate images without consent, including fabricated ones."),
    gettext_noop("Paedophile manuals"),
    gettext_noop("Material that advises how to abuse children or avoid detection."),
    gettext_noop("AI generator tools"),
    gettext_noop("Models or services built or tuned to create CSAM."),
    gettext_noop("Provider reporting"),
    gettext_noop("Duties of online service providers to report suspected CSAM."),
    gettext_noop("Removal"),
    gettext_noop("Duties or powers to take CSAM or other illegal content down."),
    gettext_noop("Detection"),
    gettext_noop(
        "Duties or permissions for providers to detect CSAM or grooming on their services."
    ),
    gettext_noop("Blocking"),
    gettext_noop("Measures that block access to CSAM that cannot be removed at source."),
    gettext_noop("Age verification"),
    gettext_noop("Age checks or age assurance required of services."),
    gettext_noop("Data retention"),
    gettext_noop("How long providers keep or may keep data that investigations need."),
    gettext_noop("Hotline mandate"),
    gettext_noop("A legal basis for hotlines to receive and assess reports of CSAM."),
    gettext_noop("Labelling of AI-generated content"),
    gettext_noop(
        "Duties to mark AI-generated content or disclose deepfakes, which helps to tell "
        "synthetic material from real."
    ),
    gettext_noop("AI in law enforcement"),
    gettext_noop("Rules on the use of AI systems by police and other law-enforcement bodies."),
    gettext_noop("CSAM law"),
    gettext_noop(
        "National legislation exists with specific regard to child sexual abuse material."
    ),
    gettext_noop("Definition"),
    gettext_noop("National legislation provides a definition of child sexual abuse material."),
    gettext_noop("Tech offences"),
    gettext_noop("National legislation criminalises technology-facilitated CSAM offences."),
    gettext_noop(
        "National legislation criminalises knowing possession of CSAM, regardless of "
        "intent to distribute."
    ),
    gettext_noop("ISP reporting"),
    gettext_noop(
        "National legislation requires internet service providers to report suspected "
        "CSAM to law enforcement or another mandated agency."
    ),
    gettext_noop("AI material"),
    gettext_noop(
        "AI-generated or realistic synthetic material depicting children is criminalised."
    ),
    gettext_noop("Grooming (soliciting a child for sexual purposes) is criminalised."),
    gettext_noop("Sextortion is addressed in law."),
    gettext_noop("Live-streaming"),
    gettext_noop("Live-streamed abuse is addressed in law."),
    gettext_noop("Removal duties"),
    gettext_noop("Online platforms have legal duties to remove illegal material."),
]
