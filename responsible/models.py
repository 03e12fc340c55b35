"""Responsible AI, made practical.

Reference data (created by a data migration from ``fixtures/responsible_principles.json``):
the five principles of the UNICRI–INTERPOL Toolkit for Responsible AI Innovation in Law
Enforcement and their sub-principles, each with a question written by the portal.

Per tool: a profile (what the provider documents for each sub-principle), an evidence ledger
(claims with a date, a source and a level) and the safeguards that spare analysts exposure to
abusive material. Providers propose changes that curators approve.

Per agency: risk assessments of one tool for one intended use, jurisdiction and life-cycle
stage, worked through sub-principle by sub-principle. Assessments hold policy text, never case
data: every text field has a small maximum length.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.models import ExposureSafeguard
from hub.access import Visibility, visible_q

# Field sizes: enough for a policy sentence or paragraph, too small for case files.
SHORT_TEXT = 200
ANSWER_TEXT = 1500
MITIGATION_TEXT = 1000
COMMENT_TEXT = 1000
PROFILE_TEXT = 1000


class Principle(models.Model):
    """One of the Toolkit's five principles (reference data)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["position"]

    def __str__(self):
        return self.name


class SubPrinciple(models.Model):
    """A sub-principle of the Toolkit, with the portal's own question for investigators and
    the training topics (``training.models.Topic`` values) of courses that teach it."""

    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="sub_principles",
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    question = models.CharField(
        _("question for investigators"),
        max_length=300,
        help_text=_("The portal's own question, not the Toolkit's."),
    )
    course_topics = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("course topics that teach it"),
        default=list,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sub-principle")
        verbose_name_plural = _("sub-principles")
        ordering = ["position"]

    def __str__(self):
        return self.name


class LifecycleStage(models.TextChoices):
    """The AI life cycle as the Toolkit describes it."""

    DECISION = "decision", _("Decision")
    DESIGN = "design-development", _("Design and development")
    PROCUREMENT = "procurement", _("Procurement")
    DEPLOYMENT = "deployment", _("Deployment")
    MONITORING = "monitoring-evaluation", _("Monitoring and evaluation")


class DocStatus(models.TextChoices):
    """How far the provider documents a sub-principle."""

    DOCUMENTED = "documented", _("Documented")
    PARTLY = "partly", _("Partly documented")
    NOT_DOCUMENTED = "not-documented", _("Not documented")
    NOT_APPLICABLE = "not-applicable", _("Not applicable")


# Features that spare an analyst from seeing abusive material in full: the catalogue's own
# choices, so that the profile and the list's "Spares analysts' exposure" facet agree.
Safeguard = ExposureSafeguard


@pghistory.track()
class ToolProfile(models.Model):
    """A tool's responsible-AI profile: one row per tool (its primary key is the tool's)."""

    tool = models.OneToOneField(
        "catalogue.Tool",
        verbose_name=_("tool"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rai_profile",
    )
    exposure_safeguards = ArrayField(
        models.CharField(max_length=30, choices=Safeguard.choices),
        verbose_name=_("exposure safeguards"),
        default=list,
        blank=True,
        help_text=_("What spares an analyst from seeing abusive material in full."),
    )
    human_review_documented = models.BooleanField(
        _("documents human review of every decision"), default=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("responsible-AI profile")
        verbose_name_plural = _("responsible-AI profiles")
        ordering = ["tool__name"]
        indexes = [GinIndex(fields=["exposure_safeguards"], name="rai_profile_safeguards_gin")]

    def __str__(self):
        return str(self.tool)

    def safeguard_labels(self) -> list[str]:
        return [str(Safeguard(v).label) for v in self.exposure_safeguards if v in Safeguard.values]


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ProfileEntry(models.Model):
    """What the provider documents about one sub-principle for one tool."""

    profile = models.ForeignKey(
        ToolProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="entries"
    )
    sub_principle = models.ForeignKey(
        SubPrinciple, verbose_name=_("sub-principle"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("documentation"), max_length=20, choices=DocStatus.choices)
    text = models.TextField(
        _("what the provider documents"),
        max_length=PROFILE_TEXT,
        blank=True,
        validators=[MaxLengthValidator(PROFILE_TEXT)],
    )
    sources = ArrayField(
        models.URLField(max_length=500),
        verbose_name=_("sources"),
        default=list,
        blank=True,
        size=10,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile entry")
        verbose_name_plural = _("profile entries")
        ordering = ["sub_principle__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "sub_principle"],
                name="rai_entry_unique",
                violation_error_message=_("This tool already has an entry for this sub-principle."),
            )
        ]

    def __str__(self):
        return f"{self.profile}: {self.sub_principle}"


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_q(user))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Evidence(models.Model):
    """One dated claim about a tool, with its source and how well it is backed."""

    class Kind(models.TextChoices):
        ACCURACY = "accuracy", _("Accuracy figure")
        BIAS_TEST = "bias-test", _("Bias test")
        INDEPENDENT_EVALUATION = "independent-evaluation", _("Independent evaluation")
        COURT_RULING = "court-ruling", _("Court ruling on admissibility")
        DATA_PROTECTION = "data-protection", _("Data-protection assessment")
        DEPLOYMENT = "deployment", _("Deployment at an agency")

    class Level(models.TextChoices):
        VENDOR_CLAIMED = "vendor-claimed", _("Vendor-claimed")
        PEER_REPORTED = "peer-reported", _("Peer-reported")
        INDEPENDENTLY_TESTED = "independently-tested", _("Independently tested")

    profile = models.ForeignKey(
        ToolProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="evidence"
    )
    claim = models.CharField(_("claim"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    source_url = models.URLField(_("source"), max_length=500)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence claim")
        verbose_name_plural = _("evidence ledger")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "claim", "date"],
                name="rai_evidence_unique",
                violation_error_message=_("This claim is already in the ledger for that date."),
            )
        ]

    def __str__(self):
        return self.claim


class Proposal(models.Model):
    """A change to one profile entry proposed by a member (usually the provider)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    tool = models.ForeignKey(
        "catalogue.Tool", verbose_name=_("tool"), on_delete=models.CASCADE, related_name="+"
    )
    sub_principle = models.ForeignKey(
        SubPrinciple, verbose_name=_("sub-principle"), on_delete=models.PROTECT, related_name="+"
    )
    doc_status = models.CharField(_("documentation"), max_length=20, choices=DocStatus.choices)
    text = models.TextField(
        _("what the provider documents"),
        max_length=PROFILE_TEXT,
        blank=True,
        validators=[MaxLengthValidator(PROFILE_TEXT)],
    )
    sources = ArrayField(
        models.URLField(max_length=500), verbose_name=_("sources"), default=list, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    review_note = models.CharField(_("note to the proposer"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile change proposal")
        verbose_name_plural = _("profile change proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_at__isnull=False),
                name="rai_proposal_reviewed_has_date",
                violation_error_message=_("A reviewed proposal needs the date of its review."),
            )
        ]

    def __str__(self):
        return f"{self.tool}: {self.sub_principle}"


# Assessments ---------------------------------------------------------------------------------


class Likelihood(models.IntegerChoices):
    """The portal's own four-step scale (not the Toolkit's)."""

    RARE = 1, _("1 – Rare")
    POSSIBLE = 2, _("2 – Possible")
    LIKELY = 3, _("3 – Likely")
    ALMOST_CERTAIN = 4, _("4 – Almost certain")


class Impact(models.IntegerChoices):
    """The portal's own four-step scale (not the Toolkit's)."""

    MINOR = 1, _("1 – Minor")
    MODERATE = 2, _("2 – Moderate")
    SERIOUS = 3, _("3 – Serious")
    SEVERE = 4, _("4 – Severe")


class RiskLevel(models.TextChoices):
    """Likelihood × impact, banded by the portal (1–3 low, 4–6 medium, 8–9 high, 12–16 very
    high)."""

    UNRATED = "unrated", _("Not rated yet")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very-high", _("Very high")

    @classmethod
    def for_score(cls, score: int | None) -> "RiskLevel":
        if not score:
            return cls.UNRATED
        if score <= 3:
            return cls.LOW
        if score <= 6:
            return cls.MEDIUM
        if score <= 9:
            return cls.HIGH
        return cls.VERY_HIGH


class AssessmentQuerySet(models.QuerySet):
    def open_to(self, user):
        """Assessments ``user`` wrote, or that a colleague of the same agency shared with
        them (the share only counts while both still belong to that agency)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        shared = Q(shares__user=user, agency__isnull=False, agency_id=user.agency_id)
        return self.filter(Q(author=user) | shared).distinct()


@pghistory.track()
class Assessment(models.Model):
    """An agency's risk assessment of one tool for one intended use."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")
        SUPERSEDED = "superseded", _("Superseded by a newer version")

    tool = models.ForeignKey(
        "catalogue.Tool",
        verbose_name=_("tool"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="rai_assessments",
    )
    agency = models.ForeignKey(
        "hub.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intended_use = models.CharField(
        _("intended use"),
        max_length=SHORT_TEXT,
        help_text=_("A few words, such as “triage of seized phones in grooming cases”."),
    )
    jurisdiction = models.ForeignKey(
        "legislation.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifecycle_stage = models.CharField(
        _("life-cycle stage"), max_length=30, choices=LifecycleStage.choices
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_version",
    )
    # What the worksheet was pre-filled from, to tell when the tool or the law has changed.
    tool_updated_at = models.DateTimeField(_("tool entry as of"))
    law_updated_at = models.DateTimeField(_("law as of"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("fictional demo entry"), default=False, help_text=_("Invented for demonstration.")
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="rai_assessment_completed_has_date",
                violation_error_message=_("A completed assessment needs its completion date."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="rai_assessment_version_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"{self.tool} – {self.intended_use} (v{self.version})"

    def get_absolute_url(self):
        return reverse("responsible:assessment-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


@pghistory.track()
class Risk(models.Model):
    """One sub-principle of an assessment: the answer, the rating and the mitigation."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="risks"
    )
    sub_principle = models.ForeignKey(
        SubPrinciple, verbose_name=_("sub-principle"), on_delete=models.PROTECT, related_name="+"
    )
    known = models.TextField(
        _("what the portal knew when the assessment started"), blank=True, editable=False
    )
    answer = models.TextField(
        _("your answer"),
        max_length=ANSWER_TEXT,
        blank=True,
        validators=[MaxLengthValidator(ANSWER_TEXT)],
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=Likelihood.choices, null=True, blank=True
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Impact.choices, null=True, blank=True
    )
    mitigation = models.TextField(
        _("mitigation"),
        max_length=MITIGATION_TEXT,
        blank=True,
        validators=[MaxLengthValidator(MITIGATION_TEXT)],
    )
    owner = models.CharField(
        _("owner"), max_length=120, blank=True, help_text=_("A role or a name.")
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent for"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["sub_principle__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "sub_principle"],
                name="rai_risk_unique",
                violation_error_message=_("This assessment already covers this sub-principle."),
            ),
            models.CheckConstraint(
                condition=Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=4),
                name="rai_risk_likelihood_scale",
                violation_error_message=_("Likelihood is rated from 1 to 4."),
            ),
            models.CheckConstraint(
                condition=Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=4),
                name="rai_risk_impact_scale",
                violation_error_message=_("Impact is rated from 1 to 4."),
            ),
        ]

    def __str__(self):
        return f"{self.assessment}: {self.sub_principle}"

    @property
    def score(self) -> int | None:
        if self.likelihood and self.impact:
            return self.likelihood * self.impact
        return None

    @property
    def level(self) -> RiskLevel:
        return RiskLevel.for_score(self.score)

    @property
    def is_open(self) -> bool:
        """Still a question: unanswered, unrated, or a rated risk above low with no mitigation."""
        if not self.answer.strip() or self.score is None:
            return True
        return self.level not in (RiskLevel.LOW,) and not self.mitigation.strip()


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Share(models.Model):
    """A colleague of the same agency whom the author let read, comment and co-sign."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="shares"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleague"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"],
                name="rai_share_unique",
                violation_error_message=_("The assessment is already shared with this colleague."),
            )
        ]

    def __str__(self):
        return f"{self.assessment}: {self.user}"


@pghistory.track()
class Comment(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(
        _("comment"), max_length=COMMENT_TEXT, validators=[MaxLengthValidator(COMMENT_TEXT)]
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


@pghistory.track()
class Signature(models.Model):
    """The author's or a colleague's sign-off on a completed assessment."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"],
                name="rai_signature_unique",
                violation_error_message=_("You have already signed this assessment."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.signed_at:%Y-%m-%d})"
