"""The catalogue's reference data: stages, capabilities, data types and investigation phases.

Other apps rely on these slugs (see the working agreement). A data migration loads them, so
they exist in every database, tests included; curators may edit names and descriptions.
"""

STAGES = [
    (
        "prevention",
        "Prevention",
        "Stop abuse before it happens: deterrence messages, safety-by-design checks and "
        "early warning on platforms.",
    ),
    (
        "content-generation",
        "Content generation",
        "Generate lawful material that investigations need, such as synthetic personas for "
        "undercover work, report drafts and training data that contains no abuse material.",
    ),
    (
        "text-speech-analysis",
        "Text & speech analysis",
        "Read chats, documents and audio at scale: grooming detection, translation, "
        "transcription and entity extraction.",
    ),
    (
        "image-analysis",
        "Image analysis",
        "Triage seized images and video: hash matching, classification, age estimation, "
        "scene and object recognition, detection of AI-generated media.",
    ),
    (
        "process-workflow-optimisation",
        "Process & workflow optimisation",
        "Move cases faster: deduplication, prioritisation, link analysis, case management "
        "and automated reporting.",
    ),
]

CAPABILITIES = [
    (
        "hash-matching",
        "Hash matching",
        "Match files against lists of known material by cryptographic or perceptual hashes.",
    ),
    ("age-estimation", "Age estimation", "Estimate the apparent age of people in images or video."),
    (
        "classification",
        "Classification",
        "Sort material into categories so that analysts see the most relevant items first.",
    ),
    (
        "face-matching",
        "Face matching",
        "Compare faces across images to link victims or suspects between cases.",
    ),
    (
        "object-scene-recognition",
        "Object & scene recognition",
        "Recognise objects, rooms and places that help locate victims.",
    ),
    ("ocr", "OCR", "Read text inside images and scanned documents."),
    ("speech-to-text", "Speech-to-text", "Transcribe audio and video soundtracks."),
    ("translation", "Translation", "Machine translation of chats and documents."),
    (
        "grooming-detection",
        "Chat & grooming detection",
        "Flag conversations that show grooming or sextortion patterns.",
    ),
    (
        "entity-extraction",
        "Entity extraction",
        "Pull names, usernames, places and identifiers out of text.",
    ),
    (
        "dark-web-monitoring",
        "Dark-web monitoring",
        "Watch hidden services and forums for offender activity.",
    ),
    (
        "deduplication",
        "Deduplication",
        "Collapse exact and near-duplicate files so each is reviewed once.",
    ),
    ("triage", "Triage", "Prioritise devices, files or reports for review."),
    ("link-analysis", "Link analysis", "Map relations between accounts, devices and people."),
    ("geolocation", "Geolocation", "Estimate where an image or video was taken."),
    (
        "report-automation",
        "Report automation",
        "Draft case and court reports from structured findings.",
    ),
    (
        "synthetic-persona",
        "Synthetic persona",
        "Create and run lawful synthetic identities for authorised undercover work.",
    ),
    (
        "ai-media-detection",
        "AI-generated media detection",
        "Tell synthetic or manipulated media from camera originals.",
    ),
    (
        "metadata-extraction",
        "Metadata extraction",
        "Read EXIF, file-system and container metadata.",
    ),
    ("case-management", "Case management", "Track cases, evidence and tasks across a team."),
]

DATA_TYPES = [
    ("images", "Images"),
    ("video", "Video"),
    ("audio", "Audio"),
    ("chat-text", "Chat and text messages"),
    ("documents", "Documents"),
    ("web-pages", "Web pages and forums"),
    ("device-images", "Forensic device images"),
    ("metadata", "File metadata"),
    ("network-data", "Network and subscriber data"),
    ("hash-lists", "Hash lists"),
]

PHASES = [
    ("prevention", "Prevention"),
    ("detection", "Detection"),
    ("triage", "Triage"),
    ("analysis", "Analysis"),
    ("identification", "Victim and offender identification"),
    ("prosecution", "Prosecution"),
    ("victim-support", "Victim support"),
]


def load(apps) -> None:
    """Create or update every term (used by the data migration; safe to run again)."""
    model = apps.get_model
    for position, (slug, name, description) in enumerate(STAGES):
        model("catalogue", "Stage").objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name, description) in enumerate(CAPABILITIES):
        model("catalogue", "Capability").objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for position, (slug, name) in enumerate(DATA_TYPES):
        model("catalogue", "DataType").objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (slug, name) in enumerate(PHASES):
        model("catalogue", "Phase").objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
