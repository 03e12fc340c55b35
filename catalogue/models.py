"""The tool catalogue: AI tools, the taxonomy that describes them, and members' shortlists.

Stages, capabilities, data types and phases are reference data created by migrations. A tool
belongs to a provider and to one or more of each; its search vector is a stored generated
column (weighted name, keywords, summary, description) with a GIN index, and ``keywords`` is
the denormalised text (provider, capabilities, integrations) that the vector and the trigram
fallback read, kept in step by ``Tool.refresh_denormalised``.
"""

from datetime import timedelta

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from hub.access import Visibility, visible_q

# A tool is "stale" when nobody has verified its entry for this many days.
STALE_AFTER_DAYS = 365
SEARCH_CONFIG = "english"


class Language(models.TextChoices):
    """Languages a tool works in (ISO 639-1)."""

    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ES = "es", _("Spanish")
    DE = "de", _("German")
    PT = "pt", _("Portuguese")
    IT = "it", _("Italian")
    NL = "nl", _("Dutch")
    PL = "pl", _("Polish")
    TR = "tr", _("Turkish")
    HI = "hi", _("Hindi")
    ID = "id", _("Indonesian")
    JA = "ja", _("Japanese")
    KO = "ko", _("Korean")
    SW = "sw", _("Swahili")
    TH = "th", _("Thai")
    VI = "vi", _("Vietnamese")
    TL = "tl", _("Tagalog")


class Deployment(models.TextChoices):
    ON_PREMISES = "on-premises", _("On-premises")
    CLOUD = "cloud", _("Cloud")
    DESKTOP = "desktop", _("Desktop")
    MOBILE = "mobile", _("Mobile")
    API = "api", _("API")


class CostModel(models.TextChoices):
    FREE = "free", _("Free")
    FREE_FOR_LE = "free-for-le", _("Free for law enforcement")
    SUBSCRIPTION = "subscription", _("Subscription")
    LICENCE = "licence", _("One-off licence")
    ON_REQUEST = "on-request", _("Price on request")


class ExposureSafeguard(models.TextChoices):
    """Features that spare an analyst from seeing abusive material in full (the values of the
    "Spares analysts' exposure" facet; the responsible-AI profile records them)."""

    BLURRING = "blurring", _("Blurring")
    GREYSCALE = "greyscale", _("Grey-scaling")
    AUTO_CATEGORISATION = "auto-categorisation", _("Automatic categorisation")
    DEDUPLICATION = "de-duplication", _("De-duplication")


class SkillLevel(models.TextChoices):
    BASIC = "basic", _("Basic: any trained investigator")
    INTERMEDIATE = "intermediate", _("Intermediate: analyst or specialist")
    EXPERT = "expert", _("Expert: data scientist or forensic engineer")


class TermManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class TaxonomyTerm(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermManager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Stage(TaxonomyTerm):
    """A step of an investigation workflow; the catalogue's main entry points."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")


class Capability(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")


class DataType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("data type")
        verbose_name_plural = _("data types")


class Phase(TaxonomyTerm):
    """An investigation phase: prevention, detection, triage, analysis..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("investigation phase")
        verbose_name_plural = _("investigation phases")


@pghistory.track()
class Provider(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ACADEMIA = "academia", _("University or research institute")
        LAW_ENFORCEMENT = "law-enforcement", _("Law-enforcement agency")
        NGO = "ngo", _("Non-governmental organisation")
        INTERNATIONAL = "international", _("International organisation")
        COMMUNITY = "community", _("Open-source community")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(
        _("fictional demo entry"), default=False, help_text=_("Invented for demonstration.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ToolQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Tool.Status.PUBLISHED)

    def visible_to(self, user):
        """Published tools whose visibility lets ``user`` see them."""
        return self.published().filter(visible_q(user))

    def public(self):
        return self.published().filter(visibility=Visibility.PUBLIC)

    def in_review(self):
        return self.filter(status=Tool.Status.IN_REVIEW)

    def stale(self):
        cutoff = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
        return self.filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))

    def for_cards(self):
        """What a list of tool cards reads: the provider in the same query."""
        return self.select_related("provider")


@pghistory.track(
    exclude=[
        "search_vector",
        "keywords",
        "stage_ids",
        "capability_ids",
        "data_type_ids",
        "phase_ids",
        "independently_tested",
        "human_review_documented",
        "exposure_safeguards",
    ]
)
class Tool(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    # What it does
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="tools"
    )
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown; HTML is removed when shown.")
    )
    stages = models.ManyToManyField(Stage, verbose_name=_("stages"), related_name="tools")
    capabilities = models.ManyToManyField(
        Capability, verbose_name=_("capabilities"), related_name="tools"
    )
    # Data it works on
    data_types = models.ManyToManyField(
        DataType, verbose_name=_("data types"), related_name="tools", blank=True
    )
    phases = models.ManyToManyField(
        Phase, verbose_name=_("investigation phases"), related_name="tools", blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    # Deployment and requirements
    deployment = ArrayField(
        models.CharField(max_length=20, choices=Deployment.choices),
        verbose_name=_("deployment"),
        default=list,
        blank=True,
    )
    cost_model = models.CharField(_("cost model"), max_length=20, choices=CostModel.choices)
    open_source = models.BooleanField(_("open source"), default=False)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    countries_available = CountryField(
        _("countries available"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty when the provider states no restriction."),
    )
    skill_level = models.CharField(
        _("required skill level"),
        max_length=20,
        choices=SkillLevel.choices,
        default=SkillLevel.INTERMEDIATE,
    )
    hardware = models.TextField(_("hardware needs"), blank=True)
    integrations = models.TextField(_("integrations (works with)"), blank=True)
    # Evidence of accuracy (restricted)
    accuracy_evidence = models.TextField(_("evidence of accuracy"), blank=True)
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One web address per line.")
    )
    # Responsible-AI notes, one per principle
    rai_lawfulness = models.TextField(_("lawfulness"), blank=True)
    rai_harm_minimisation = models.TextField(_("minimisation of harm"), blank=True)
    rai_human_autonomy = models.TextField(_("human autonomy"), blank=True)
    rai_fairness = models.TextField(_("fairness"), blank=True)
    rai_good_governance = models.TextField(_("good governance"), blank=True)
    # Provider contact and restricted details
    website = models.URLField(_("website"), blank=True)
    contact = models.TextField(_("contact (verified members only)"), blank=True)
    pricing_details = models.TextField(_("pricing details (verified members only)"), blank=True)
    deployment_notes = models.TextField(_("deployment notes (verified members only)"), blank=True)
    # Curation
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("fictional demo entry"), default=False, help_text=_("Invented for demonstration.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_tools",
    )
    review_note = models.TextField(
        _("note to the submitter"), blank=True, help_text=_("Shown to the member who submitted.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("For a retired tool: the tool that replaces it, shown on the old page."),
    )
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Search and facets read these denormalised copies (kept in step by
    # ``refresh_denormalised``): related names as text, and the terms' ids as arrays so that
    # facet counts need one pass over the matching rows instead of four joins.
    keywords = models.TextField(_("search keywords"), blank=True, editable=False)
    stage_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    capability_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    data_type_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    phase_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    # Responsible-AI facts the list's facets read, copied from the tool's responsible-AI
    # profile by the app that keeps it, through ``services.tool_set_responsible_flags``.
    independently_tested = models.BooleanField(
        _("independently tested (public evidence)"), default=False, editable=False
    )
    human_review_documented = models.BooleanField(
        _("documents human review of every decision"), default=False, editable=False
    )
    exposure_safeguards = ArrayField(
        models.CharField(max_length=30, choices=ExposureSafeguard.choices),
        verbose_name=_("exposure safeguards"),
        default=list,
        blank=True,
        editable=False,
    )
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ToolQuerySet.as_manager()

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="tool_search_vector_gin"),
            GinIndex(fields=["keywords"], name="tool_keywords_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["name"], name="tool_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["deployment"], name="tool_deployment_gin"),
            GinIndex(fields=["languages"], name="tool_languages_gin"),
            GinIndex(fields=["stage_ids"], name="tool_stage_ids_gin"),
            GinIndex(fields=["capability_ids"], name="tool_capability_ids_gin"),
            models.Index(fields=["status", "visibility", "name"], name="tool_listing_idx"),
            models.Index(fields=["-last_verified"], name="tool_last_verified_idx"),
            # The case finder scores every published tool from these columns alone (an
            # index-only scan instead of reading each wide row).
            models.Index(
                fields=["status", "visibility"],
                include=[
                    "id",
                    "last_verified",
                    "stage_ids",
                    "capability_ids",
                    "data_type_ids",
                    "phase_ids",
                    "deployment",
                    "languages",
                    "cost_model",
                    "open_source",
                    "skill_level",
                ],
                name="tool_finder_facts",
            ),  # fmt: skip
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="tool_published_has_date",
                violation_error_message=_(
                    "A published tool needs a first publication date. Publish it with the "
                    "“Publish” action or the status field, which set the date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="tool_successor_not_itself",
                violation_error_message=_("A tool cannot be its own successor."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:tool-detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.last_verified and self.last_verified > timezone.localdate():
            raise ValidationError(
                {"last_verified": _("A tool cannot be verified on a date still to come.")}
            )

    @property
    def is_stale(self) -> bool:
        if self.last_verified is None:
            return True
        return self.last_verified < timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)

    def deployment_labels(self) -> list[str]:
        return [str(Deployment(v).label) for v in self.deployment if v in Deployment.values]

    def language_labels(self) -> list[str]:
        return [str(Language(v).label) for v in self.languages if v in Language.values]

    def evidence_link_list(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]

    def build_keywords(self) -> str:
        """Provider, capability, data-type names and integrations, for search and typos."""
        parts = [self.name, self.provider.name]
        if self.pk:
            # English names, whoever saves the tool in whatever language: the search vector
            # is English (catalogue/search.py reads other languages' names as synonyms).
            parts += [c.name_en or c.name for c in self.capabilities.all()]
            parts += [d.name_en or d.name for d in self.data_types.all()]
        parts.append(self.integrations)
        return " ".join(p for p in parts if p)

    def refresh_denormalised(self) -> None:
        """Copy related names and term ids onto the row (after relations changed)."""
        self.keywords = self.build_keywords()
        self.stage_ids = sorted(self.stages.values_list("pk", flat=True))
        self.capability_ids = sorted(self.capabilities.values_list("pk", flat=True))
        self.data_type_ids = sorted(self.data_types.values_list("pk", flat=True))
        self.phase_ids = sorted(self.phases.values_list("pk", flat=True))
        Tool.objects.filter(pk=self.pk).update(
            keywords=self.keywords,
            stage_ids=self.stage_ids,
            capability_ids=self.capability_ids,
            data_type_ids=self.data_type_ids,
            phase_ids=self.phase_ids,
        )


class Shortlist(models.Model):
    """A verified member's named selection of tools, with notes."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="shortlists",
    )
    name = models.CharField(_("name"), max_length=100)
    tools = models.ManyToManyField(Tool, through="ShortlistItem", related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="shortlist_unique_name",
                violation_error_message=_("This member already has a shortlist with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:shortlist-detail", args=[self.pk])


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(
        Shortlist, verbose_name=_("shortlist"), on_delete=models.CASCADE, related_name="items"
    )
    tool = models.ForeignKey(
        Tool, verbose_name=_("tool"), on_delete=models.CASCADE, related_name="shortlist_items"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted tool")
        verbose_name_plural = _("shortlisted tools")
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "tool"],
                name="shortlist_item_unique",
                violation_error_message=_("This tool is already on the shortlist."),
            ),
        ]

    def __str__(self):
        return f"{self.shortlist}: {self.tool}"


class SearchTerm(models.Model):
    """A word used in tool names and keywords: the vocabulary that corrects misspelled
    searches through trigram similarity (``catalogue.search.refresh_terms`` fills it)."""

    word = models.CharField(_("word"), max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            GinIndex(fields=["word"], name="searchterm_word_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.word


class VocabularyEntry(models.Model):
    """One investigator phrase ("seized phones", "отпечатки хэшей") and the catalogue term
    it stands for. The case finder and the list search read these, curators edit them in the
    admin; a phrase that means several terms has one entry per term. Matching ignores case,
    accents and small misspellings (``catalogue.finder.vocabulary``)."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage")
        CAPABILITY = "capability", _("Capability")
        DATA_TYPE = "data_type", _("Data type")
        PHASE = "phase", _("Investigation phase")
        DEPLOYMENT = "deployment", _("Deployment")
        COST = "cost", _("Cost model")
        OPEN_SOURCE = "open_source", _("Open source")
        LANGUAGE = "language", _("Language")
        SKILL = "skill", _("Skill level")

    class PhraseLanguage(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        ES = "es", _("Spanish")
        RU = "ru", _("Russian")
        ZH = "zh", _("Chinese")
        AR = "ar", _("Arabic")

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        help_text=_("Words as an investigator would write them; case and accents do not matter."),
    )
    language = models.CharField(
        _("language of the phrase"), max_length=2, choices=PhraseLanguage.choices, default="en"
    )
    kind = models.CharField(_("kind of term"), max_length=20, choices=Kind.choices)
    term = models.CharField(
        _("term"),
        max_length=100,
        help_text=_(
            "The slug or value in the catalogue: a capability slug such as hash-matching, "
            "a deployment such as on-premises, a language code such as es, yes for open source."
        ),
    )
    note = models.CharField(_("curator's note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("vocabulary entry")
        verbose_name_plural = _("vocabulary")
        ordering = ["kind", "term", "language", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["phrase", "kind", "term"],
                name="vocabulary_entry_unique",
                violation_error_message=_("This phrase already stands for this term."),
            ),
            models.CheckConstraint(
                condition=~Q(phrase=""),
                name="vocabulary_phrase_not_empty",
                violation_error_message=_("Write the phrase an investigator would use."),
            ),
        ]

    def __str__(self):
        return f"{self.phrase} → {self.get_kind_display()}: {self.term}"
