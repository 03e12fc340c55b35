"""The legislation tracker's data: who legislates, what they enacted, what it covers, and how
each state fares against the review criteria.

Facts only ever come from a cited source: an assessment other than "unknown" must name the
instrument it rests on (a database constraint), and nothing here is demo data.
"""

import pghistory
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# The audit trail (django-pghistory): every insert and update of the tracked models is kept,
# with the curator who made it; reachable as ``obj.history``.
HISTORY = pghistory.ObjForeignKey(related_name="history")


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

    def supranational(self):
        return self.filter(kind=Jurisdiction.Kind.SUPRANATIONAL)

    def in_region(self, region: str | None):
        return self.filter(region=region) if region else self


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

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,3}$"), name="jurisdiction_code_upper"
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
            models.UniqueConstraint(fields=["instrument", "url"], name="source_unique_url")
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
            models.UniqueConstraint(fields=["source", "kind", "target"], name="relation_unique"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_self"
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
                fields=["instrument", "date", "title"], name="event_unique_step"
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
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the visitor's language where the catalogue of messages has it."""
        return gettext(self.name)

    @property
    def local_description(self) -> str:
        return gettext(self.description) if self.description else ""


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
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        ordering = ["topic__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "topic"], name="coverage_unique_topic")
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

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position"]

    def __str__(self):
        return self.local_label

    @property
    def local_label(self) -> str:
        return gettext(self.label)

    @property
    def local_text(self) -> str:
        return gettext(self.text)

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
    article = models.CharField(_("article"), max_length=120, blank=True)
    note = models.CharField(_("note"), max_length=400, blank=True)
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["jurisdiction__name", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "criterion"], name="assessment_unique_criterion"
            ),
            # Any answer but "unknown" must cite the instrument it rests on.
            models.CheckConstraint(
                condition=Q(answer="unknown") | Q(instrument__isnull=False),
                name="assessment_cites_instrument",
            ),
        ]

    def __str__(self):
        return f"{self.jurisdiction} — {self.criterion}: {self.get_answer_display()}"

    @cached_property
    def symbol(self) -> str:
        return ANSWER_SYMBOLS[self.answer]


@pghistory.track(obj_field=HISTORY)
class Participation(models.Model):
    """A state's standing towards a treaty or protocol."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("Signed")
        RATIFIED = "ratified", _("Ratified, accepted or acceded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

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
    ratified_on = models.DateField(_("ratified on"), null=True, blank=True)
    reservations = models.TextField(_("reservations and declarations"), blank=True)
    source_url = models.URLField(_("source"), max_length=500)

    class Meta:
        verbose_name = _("treaty participation")
        verbose_name_plural = _("treaty participation")
        ordering = ["treaty__short_title", "jurisdiction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "treaty"], name="participation_unique_treaty"
            )
        ]

    def __str__(self):
        return f"{self.jurisdiction} — {self.treaty}: {self.get_status_display()}"
