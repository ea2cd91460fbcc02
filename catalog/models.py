from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two plain sentences shown on the category page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:category-detail", args=[self.slug])


class UseCase(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="What a reader builds when this use case fits."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:use-case-detail", args=[self.slug])


class Feature(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="What having this feature means, in a sentence."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the row in the feature matrix."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Source(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECOND_HAND = "second-hand", "Quoted second-hand"

    slug = models.SlugField(
        max_length=80, unique=True, help_text="Short key, e.g. pds-2023."
    )
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    url = models.URLField(
        "URL", blank=True, help_text="Where a reader can check the figures."
    )
    year = models.PositiveSmallIntegerField(help_text="The year the figures describe.")
    kind = models.CharField(
        max_length=16,
        choices=Kind,
        default=Kind.PRIMARY,
        help_text="Primary if we read the figures at their origin; "
        "second-hand if they are quoted by someone else.",
    )
    note = models.TextField(
        blank=True, help_text="How the figures were read, and any caveat."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})"


# Compare pages join slugs with "-vs-" (/compare/django-vs-flask/), so a
# framework's slug must not contain it.
COMPARE_SEPARATOR = "-vs-"


def validate_not_compare_separator(slug):
    if COMPARE_SEPARATOR in slug:
        raise ValidationError(
            f'A framework slug cannot contain "{COMPARE_SEPARATOR}": compare '
            "pages use it to join slugs. Use another word, e.g. 'versus'.",
            code="compare_separator",
        )


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Framework.Status.PUBLISHED)

    def visible_to(self, user):
        """Published frameworks, plus drafts for users allowed to see them."""
        if user.has_perm("catalog.view_framework"):
            return self.all()
        return self.published()

    def with_latest_share(self):
        """Annotate the latest usage share and its change since the figure before.

        Adds ``latest_share``, ``latest_year``, ``previous_share``,
        ``previous_year`` and ``share_change`` with one subquery each.
        """
        if "latest_share" in self.query.annotations:
            return self
        stats = UsageStat.objects.filter(framework=OuterRef("pk")).order_by(
            "-year", "source__kind", "source_id"
        )
        latest = self.annotate(
            latest_year=Subquery(stats.values("year")[:1]),
            latest_share=Subquery(stats.values("share")[:1]),
        )
        earlier = stats.filter(year__lt=OuterRef("latest_year"))
        return latest.annotate(
            previous_year=Subquery(earlier.values("year")[:1]),
            previous_share=Subquery(earlier.values("share")[:1]),
        ).annotate(share_change=F("latest_share") - F("previous_share"))

    def for_detail_page(self):
        """Fetch everything a framework's page shows in a fixed number of queries."""
        published = Framework.Status.PUBLISHED
        return (
            self.with_latest_share()
            .select_related("category")
            .prefetch_related(
                "advantages",
                "disadvantages",
                "use_cases",
                Prefetch(
                    "usage_stats",
                    queryset=UsageStat.objects.select_related("source").order_by(
                        "year", "source__kind", "source_id"
                    ),
                ),
                Prefetch(
                    "feature_supports",
                    queryset=FeatureSupport.objects.select_related("feature"),
                ),
                Prefetch(
                    "relations",
                    queryset=Relation.objects.filter(
                        to_framework__status=published
                    ).select_related("to_framework"),
                ),
                Prefetch(
                    "incoming_relations",
                    queryset=Relation.objects.filter(
                        from_framework__status=published
                    ).select_related("from_framework"),
                ),
            )
        )

    def ranked(self):
        """Order by latest share, highest first; frameworks without figures last."""
        return self.with_latest_share().order_by(
            F("latest_share").desc(nulls_last=True), Lower("name")
        )


class Framework(models.Model):
    class LearningCurve(models.TextChoices):
        GENTLE = "gentle", "Gentle"
        MODERATE = "moderate", "Moderate"
        STEEP = "steep", "Steep"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_not_compare_separator],
        help_text="Used in the page's address; may not contain '-vs-'.",
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="frameworks"
    )
    summary = models.CharField(
        max_length=200, help_text="One line shown in lists and link previews."
    )
    description = models.TextField(
        blank=True,
        help_text="Markdown. Links, lists, emphasis and code are kept; "
        "raw HTML is removed.",
    )
    homepage = models.URLField(blank=True)
    repository = models.URLField(blank=True)
    documentation = models.URLField(blank=True)
    pypi_name = models.CharField(
        "PyPI name",
        max_length=80,
        blank=True,
        help_text="Leave blank for parts of the standard library.",
    )
    license = models.CharField(max_length=80, blank=True)
    first_release = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1991), MaxValueValidator(2100)],
        help_text="Year of the first public release.",
    )
    learning_curve = models.CharField(
        max_length=10, choices=LearningCurve, default=LearningCurve.MODERATE
    )
    use_cases = models.ManyToManyField(
        UseCase,
        related_name="frameworks",
        blank=True,
        help_text="What this framework is a good fit for.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text="Drafts are visible to editors only.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[use_cases])

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        # Lower-cased so SQLite and PostgreSQL agree ("asyncio" beside "AIOHTTP").
        ordering = [Lower("name")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__contains=COMPARE_SEPARATOR),
                name="framework_slug_without_compare_separator",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:framework-detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def related_groups(self):
        """Related frameworks grouped by kind, from both sides of each relation.

        Reads the prefetched ``relations`` and ``incoming_relations`` (see
        ``FrameworkQuerySet.for_detail_page``); returns (heading, frameworks) pairs
        for the non-empty groups.
        """
        kind = Relation.Kind
        outgoing, incoming = self.relations.all(), self.incoming_relations.all()
        alternatives = {r.to_framework for r in outgoing if r.kind == kind.ALTERNATIVE}
        alternatives |= {
            r.from_framework for r in incoming if r.kind == kind.ALTERNATIVE
        }
        groups = [
            ("Built on", [r.to_framework for r in outgoing if r.kind == kind.BUILT_ON]),
            ("Extends", [r.to_framework for r in outgoing if r.kind == kind.EXTENDS]),
            ("Alternatives", sorted(alternatives, key=lambda f: f.name)),
            (
                "Built on it",
                [r.from_framework for r in incoming if r.kind == kind.BUILT_ON],
            ),
            (
                "Extended by",
                [r.from_framework for r in incoming if r.kind == kind.EXTENDS],
            ),
        ]
        return [(heading, frameworks) for heading, frameworks in groups if frameworks]

    def alternatives(self):
        """The alternatives among the related frameworks (for "compare with" links)."""
        return dict(self.related_groups()).get("Alternatives", [])


class FrameworkPoint(models.Model):
    """A titled point about a framework; the base of advantages and disadvantages."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    title = models.CharField(
        max_length=120, help_text="A short claim, e.g. 'Batteries included'."
    )
    detail = models.TextField(
        blank=True, help_text="A sentence or two that backs the claim."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["framework_id", "position", "pk"]

    def __str__(self):
        return self.title


class Advantage(FrameworkPoint):
    history = HistoricalRecords()

    class Meta(FrameworkPoint.Meta):
        pass


class Disadvantage(FrameworkPoint):
    history = HistoricalRecords()

    class Meta(FrameworkPoint.Meta):
        pass


class UsageStat(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="usage_stats"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="usage_stats"
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1991), MaxValueValidator(2100)]
    )
    share = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percent of respondents, 0 to 100.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "year"]
        verbose_name = "usage figure"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "source", "year"],
                name="usage_one_figure_per_framework_source_year",
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=100),
                name="usage_share_between_0_and_100",
            ),
        ]

    def __str__(self):
        return f"{self.framework} {self.year}: {self.share}%"


class FeatureSupport(models.Model):
    class Level(models.TextChoices):
        BUILT_IN = "built-in", "Built in"
        PLUGIN = "plugin", "Through a plugin"
        NONE = "none", "Not available"

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="feature_supports"
    )
    feature = models.ForeignKey(
        Feature, on_delete=models.CASCADE, related_name="supports"
    )
    level = models.CharField(max_length=10, choices=Level)
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. the plugin's name."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["feature__position", "feature__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "feature"],
                name="feature_support_once_per_framework",
            )
        ]

    def __str__(self):
        return f"{self.framework}: {self.feature} ({self.get_level_display()})"


class Relation(models.Model):
    class Kind(models.TextChoices):
        BUILT_ON = "built-on", "Built on"
        EXTENDS = "extends", "Extends"
        ALTERNATIVE = "alternative", "Alternative to"

    from_framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="relations"
    )
    to_framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="incoming_relations"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", Lower("to_framework__name")]
        constraints = [
            models.UniqueConstraint(
                fields=["from_framework", "to_framework", "kind"],
                name="relation_once_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(from_framework=F("to_framework")),
                name="relation_not_to_itself",
            ),
        ]

    def __str__(self):
        kind = self.get_kind_display().lower()
        return f"{self.from_framework} {kind} {self.to_framework}"


class StartingEntry(models.Model):
    """An entry of the starting content, once it has been in this database.

    ``loadstartingcontent`` adds an entry (a framework, category, use case,
    feature or source, by slug) only if it has never been here, so what editors
    delete or change stays as they left it.
    """

    model = models.CharField(max_length=100, help_text="E.g. catalog.framework.")
    key = models.CharField(max_length=200, help_text="The entry's slug.")
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model", "key"]
        verbose_name_plural = "starting entries"
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key"], name="starting_entry_once_per_model"
            )
        ]

    def __str__(self):
        return f"{self.model} {self.key}"
