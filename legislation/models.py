"""The legislation tracker's data: who legislates, what they enacted, what it covers, and how
each state fares against the review criteria.

Facts only ever come from a cited source: an assessment other than "unknown" must name the
instrument it rests on (a database constraint), and nothing here is demo data.
"""

from datetime import date, timedelta

import pghistory
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# The audit trail (django-pghistory): every insert and update of the tracked models is kept,
# with the curator who made it; reachable as ``obj.history``.
HISTORY = pghistory.ObjForeignKey(related_name="history")

# A jurisdiction not checked for this long is listed as stale in the admin.
STALE_AFTER_DAYS = 365


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    GLOBAL = "global", _("Global")


class JurisdictionQuerySet(models.QuerySet):
    def states(self):
        return self.filter(kind=Jurisdiction.Kind.STATE)

    def stale(self, *, today: date | None = None):
        """States nobody has checked within STALE_AFTER_DAYS (or ever)."""
        cutoff = (today or timezone.localdate()) - timedelta(days=STALE_AFTER_DAYS)
        return self.states().filter(Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff))

    def supranational(self):
        return self.filter(kind=Jurisdiction.Kind.SUPRANATIONAL)

    def in_region(self, region: str | None):
        return self.filter(region=region) if region else self


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), obj_field=HISTORY)
class Jurisdiction(models.Model):
    """A UN member state (by ISO 3166-1 alpha-2 code) or a supranational body (EU, COE, UN)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        SUPRANATIONAL = "supranational", _("Supranational body")

    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code for a state; EU, COE or UN for the bodies."),
    )
    name = models.CharField(_("name (English)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STATE)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices, db_index=True)
    member_of = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="members",
        verbose_name=_("member of"),
        limit_choices_to={"kind": "supranational"},
        help_text=_("The supranational bodies this state belongs to."),
    )
    notes = models.TextField(_("notes"), blank=True)
    last_checked = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        help_text=_(
            "When a curator last went through this jurisdiction's law, assessments and treaty "
            "participation against their sources."
        ),
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,3}$"),
                name="jurisdiction_code_upper",
                violation_error_message=_(
                    "The code must be two or three capital letters (e.g. GB, or EU for a body)."
                ),
            )
        ]

    def __str__(self):
        return str(self.display_name)

    def get_absolute_url(self):
        return reverse("legislation:jurisdiction-detail", args=[self.code])

    @property
    def is_state(self) -> bool:
        return self.kind == self.Kind.STATE

    @cached_property
    def display_name(self):
        """The name in the visitor's language (django-countries) for states."""
        if self.is_state and self.code in countries:
            return countries.name(self.code)
        return self.name


class InstrumentQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("jurisdiction").prefetch_related(
            models.Prefetch("coverages", Coverage.objects.select_related("topic"))
        )


@pghistory.track(obj_field=HISTORY)
class Instrument(models.Model):
    class Type(models.TextChoices):
        TREATY = "treaty", _("Treaty")
        PROTOCOL = "protocol", _("Protocol")
        STATUTE = "statute", _("Statute")
        BILL = "bill", _("Bill")
        REGULATION = "regulation", _("Regulation")
        DIRECTIVE = "directive", _("Directive")
        PROPOSAL = "proposal", _("Proposal")
        GUIDANCE = "guidance", _("Guidance")
        STRATEGY = "strategy", _("Strategy")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        UNDER_DELIBERATION = "under_deliberation", _("Under deliberation")
        ADOPTED = "adopted", _("Adopted")
        PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
        IN_FORCE = "in_force", _("In force")
        REPEALED = "repealed", _("Repealed")
        LAPSED = "lapsed", _("Lapsed")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="instruments",
    )
    title = models.CharField(_("official title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=160)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    status_note = models.CharField(
        _("status note"),
        max_length=300,
        blank=True,
        help_text=_("What the status means in detail, e.g. which parts apply from when."),
    )
    summary = models.TextField(_("summary"), help_text=_("In the portal's own words."))
    official_url = models.URLField(_("official source"), max_length=500)
    code = models.SlugField(
        _("short code"),
        max_length=16,
        blank=True,
        help_text=_(
            "For a treaty: the short code used in participation files, e.g. opsc, cets201, "
            "ets185, cets224, uncc."
        ),
    )
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Untick for facts collected from a source that a curator has not checked yet."),
    )
    read_on = models.DateField(
        _("source read on"),
        null=True,
        blank=True,
        help_text=_("When the official source was read for this entry."),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When a curator last checked this entry against its sources."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["short_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="instrument_unique_code",
                violation_error_message=_("Another instrument already has this short code."),
            )
        ]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("legislation:instrument-detail", args=[self.slug])

    @property
    def is_treaty(self) -> bool:
        return self.type in {self.Type.TREATY, self.Type.PROTOCOL}

    @property
    def status_badge(self) -> str:
        """The site-wide badge modifier that matches the status."""
        return {
            self.Status.IN_FORCE: "ok",
            self.Status.PARTLY_IN_FORCE: "ok",
            self.Status.ADOPTED: "warning",
            self.Status.PROPOSED: "warning",
            self.Status.UNDER_DELIBERATION: "warning",
        }.get(self.status, "danger")


@pghistory.track(obj_field=HISTORY)
class Source(models.Model):
    """A further source for an instrument, beyond its official text."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="sources", verbose_name=_("instrument")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "url"],
                name="source_unique_url",
                violation_error_message=_("This instrument already lists this address."),
            )
        ]

    def __str__(self):
        return self.title


@pghistory.track(obj_field=HISTORY)
class Relation(models.Model):
    class Kind(models.TextChoices):
        AMENDS = "amends", _("amends")
        RECASTS = "recasts", _("recasts")
        IMPLEMENTS = "implements", _("implements")
        SUPERSEDES = "supersedes", _("supersedes")

    source = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("instrument"),
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind.choices)
    target = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("other instrument"),
    )

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="relation_unique",
                violation_error_message=_("This relation is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="relation_not_self",
                violation_error_message=_("An instrument cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class EventQuerySet(models.QuerySet):
    def recent(self):
        return self.select_related("instrument__jurisdiction").order_by("-date", "-pk")


@pghistory.track(obj_field=HISTORY)
class Event(models.Model):
    """A dated step in an instrument's life, with its source."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("Proposed or introduced")
        POSITION = "position", _("Position or approach agreed")
        ADOPTED = "adopted", _("Adopted, passed or assented")
        PUBLISHED = "published", _("Published")
        SIGNATURE = "signature", _("Opened for signature")
        IN_FORCE = "in_force", _("Entered into force")
        APPLIES = "applies", _("Starts to apply")
        AMENDED = "amended", _("Amended")
        OTHER = "other", _("Other")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="events", verbose_name=_("instrument")
    )
    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(
        _("date known to the"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Store the 1st of the month (or year) when only the month (or year) is known."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("what happened"), max_length=300)
    source_url = models.URLField(_("source"), max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "date", "title"],
                name="event_unique_step",
                violation_error_message=_(
                    "This instrument already has a step with this title on this date."
                ),
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.title}"

    @property
    def date_format(self) -> str:
        # Each language's own formats (Django's locale formats), never hand-built month names.
        return {"month": "YEAR_MONTH_FORMAT", "year": "Y"}.get(self.date_precision, "DATE_FORMAT")


class Topic(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    capabilities = models.ManyToManyField(
        "catalogue.Capability",
        blank=True,
        related_name="legal_topics",
        verbose_name=_("tool capabilities concerned"),
        help_text=_("Tools with these capabilities show this topic's law on their page."),
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self):
        # ``name`` and ``description`` read the visitor's language (legislation/translation.py).
        return self.name


class Level(models.TextChoices):
    """How far an instrument covers a topic; ordered from most to least."""

    EXPLICIT = "explicit", _("Explicit")
    PARTIAL = "partial", _("Partial")
    NONE = "none", _("Not covered")


LEVEL_RANK = {Level.EXPLICIT: 2, Level.PARTIAL: 1, Level.NONE: 0}


@pghistory.track(obj_field=HISTORY)
class Coverage(models.Model):
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="coverages",
        verbose_name=_("instrument"),
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="coverages", verbose_name=_("topic")
    )
    level = models.CharField(_("coverage"), max_length=8, choices=Level.choices)
    article = models.CharField(_("article"), max_length=120, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        ordering = ["topic__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "topic"],
                name="coverage_unique_topic",
                violation_error_message=_(
                    "This instrument's cover of this topic is already recorded."
                ),
            )
        ]

    def __str__(self):
        return f"{self.instrument} — {self.topic}: {self.get_level_display()}"


class Criterion(models.Model):
    class Framework(models.TextChoices):
        ICMEC = "icmec", _("ICMEC model legislation review")
        PORTAL = "portal", _("Global Hub's own criteria")

    framework = models.CharField(_("framework"), max_length=8, choices=Framework.choices)
    slug = models.SlugField(_("slug"), unique=True)
    label = models.CharField(_("short label"), max_length=40)
    text = models.CharField(_("criterion"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="criteria",
        verbose_name=_("topics that carry it"),
        help_text=_(
            "Law covering any of these topics bears on this criterion; the data checks compare "
            "the two."
        ),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position"]

    def __str__(self):
        # ``label`` and ``text`` read the visitor's language (legislation/translation.py).
        return self.label

    @property
    def is_portal(self) -> bool:
        return self.framework == self.Framework.PORTAL


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


# Text symbols shown beside the colour, so the matrix reads without colour too.
ANSWER_SYMBOLS = {
    Answer.YES: "✓",
    Answer.PARTIAL: "◐",
    Answer.NO: "✗",
    Answer.UNKNOWN: "?",
}


class Precision(models.TextChoices):
    """How precisely a date is known; a month-only date is stored as the 1st of the month."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


DATE_FORMATS = {"month": "F Y", "year": "Y"}


@pghistory.track(obj_field=HISTORY)
class Assessment(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("jurisdiction"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("criterion")
    )
    answer = models.CharField(
        _("answer"), max_length=8, choices=Answer.choices, default=Answer.UNKNOWN
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("instrument cited"),
    )
    article = models.CharField(
        _("articles"),
        max_length=120,
        blank=True,
        help_text=_("The provisions that carry the answer, e.g. s.1, s.7 or Art. 20(1)(e)."),
    )
    note = models.CharField(_("note"), max_length=400, blank=True)
    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the cited provisions were read (the instrument's source if empty)."),
    )
    assessed_on = models.DateField(
        _("assessed on"), help_text=_("The day the answer was worked out from its source.")
    )
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Untick for answers collected from a source that a curator has not checked."),
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["jurisdiction__name", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "criterion"],
                name="assessment_unique_criterion",
                violation_error_message=_(
                    "This jurisdiction already has an answer for this criterion; edit that one."
                ),
            ),
            # Any answer but "unknown" must cite the instrument it rests on; a "no" (the law
            # lacks it) may instead cite the source that says so.
            models.CheckConstraint(
                condition=Q(answer="unknown")
                | Q(instrument__isnull=False)
                | (Q(answer="no") & ~Q(source_url="")),
                name="assessment_cites_instrument",
                violation_error_message=_(
                    "An answer other than “unknown” must cite the instrument it rests on (a “no” "
                    "may cite the source that finds the law silent instead)."
                ),
            ),
            # "Yes" and "partly" must say which provisions carry them.
            models.CheckConstraint(
                condition=~Q(answer__in=["yes", "partial"]) | ~Q(article=""),
                name="assessment_cites_article",
                violation_error_message=_(
                    "A “yes” or “partly” answer must name the articles or sections that carry it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.jurisdiction} — {self.criterion}: {self.get_answer_display()}"

    @cached_property
    def symbol(self) -> str:
        return ANSWER_SYMBOLS[self.answer]

    @property
    def cited_url(self) -> str:
        if self.source_url:
            return self.source_url
        return self.instrument.official_url if self.instrument_id else ""


class ParticipationQuerySet(models.QuerySet):
    def binding(self):
        """Treaties the state has consented to be bound by (and not withdrawn from)."""
        return self.filter(status=Participation.Status.RATIFIED)


@pghistory.track(obj_field=HISTORY)
class Participation(models.Model):
    """A state's standing towards a treaty or protocol, as the treaty office records it."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("Signed")
        RATIFIED = "ratified", _("Ratified, accepted or acceded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class ConsentKind(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        SUCCESSION = "succession", _("Succession")

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("state"),
        limit_choices_to={"kind": "state"},
    )
    treaty = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("treaty"),
        limit_choices_to={"type__in": ["treaty", "protocol"]},
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_precision = models.CharField(
        _("signature date known to the"), max_length=5, choices=Precision.choices, default="day"
    )
    ratified_on = models.DateField(
        _("consent to be bound on"),
        null=True,
        blank=True,
        help_text=_("Date of ratification, accession, acceptance, approval or succession."),
    )
    ratified_precision = models.CharField(
        _("consent date known to the"), max_length=5, choices=Precision.choices, default="day"
    )
    consent_kind = models.CharField(
        _("consent given by"), max_length=12, choices=ConsentKind.choices, blank=True
    )
    entry_into_force = models.DateField(_("in force for the state from"), null=True, blank=True)
    entry_into_force_precision = models.CharField(
        _("entry into force known to the"),
        max_length=5,
        choices=Precision.choices,
        default="day",
    )
    reservations = models.TextField(
        _("reservations and declarations"),
        blank=True,
        help_text=_("In the portal's own words."),
    )
    source_url = models.URLField(_("source"), max_length=500)
    read_on = models.DateField(_("source read on"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Untick for entries collected from a source that a curator has not checked."),
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("treaty participation")
        verbose_name_plural = _("treaty participation")
        ordering = ["treaty__short_title", "jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "treaty"],
                name="participation_unique_treaty",
                violation_error_message=_(
                    "This state's participation in this treaty is already recorded; edit that one."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.jurisdiction} — {self.treaty}: {self.get_status_display()}"

    @property
    def binds(self) -> bool:
        return self.status == self.Status.RATIFIED

    @property
    def signed_format(self) -> str:
        return DATE_FORMATS.get(self.signed_precision, "j F Y")

    @property
    def ratified_format(self) -> str:
        return DATE_FORMATS.get(self.ratified_precision, "j F Y")

    @property
    def entry_into_force_format(self) -> str:
        return DATE_FORMATS.get(self.entry_into_force_precision, "j F Y")
