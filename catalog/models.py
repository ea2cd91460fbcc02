from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Lower, Upper
from django.urls import reverse

# PackageFacts is imported so that Django registers it with this app.
from . import latest_figures
from .packageindex.models import PackageFacts, PackageFactsQuerySetMixin  # noqa: F401

# Importing the revision models here registers them with the app.
from .revisions import Revision, RevisionFramework, history_by_revision  # noqa: F401


class Category(models.Model):
    """A kind of tool: web framework, HTTP client, async library, ..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two plain sentences shown on the category page."
    )
    works_with = models.TextField(
        blank=True,
        help_text="How a tool of this kind is used together with other kinds, in a "
        "sentence; compare pages show it when they set different kinds side by side.",
    )
    building_block = models.BooleanField(
        default=False,
        help_text="Tick for kinds that other tools are built on (an async library): "
        "the guide offers them as what you will build on, never as the answer.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )
    history = history_by_revision()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:category-detail", args=[self.slug])


CAUTION_WORDS_HELP = (
    "Comma-separated beginnings of words, e.g. 'async, blocking'. A framework's "
    "disadvantage whose title or detail has a word starting with one of them is "
    "shown as a caution to readers of the guide who tick this."
)


def split_words(text):
    """'async, blocking' -> ('async', 'blocking'): lower-cased, blanks dropped."""
    return tuple(word.strip().lower() for word in text.split(",") if word.strip())


class UseCase(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="What a reader builds when this use case fits."
    )
    kinds = models.ManyToManyField(
        Category,
        related_name="use_cases",
        blank=True,
        help_text="The kinds of tool this is built with. The guide ranks only tools "
        "of these kinds for it.",
    )
    primary_kind = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="primary_use_cases",
        help_text="The kind most people use for this; the guide lists it first. "
        "It serves this use case even if it is not ticked among the kinds.",
    )
    caution_words = models.CharField(
        max_length=200, blank=True, help_text=CAUTION_WORDS_HELP
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )
    history = history_by_revision(m2m_fields=[kinds])

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:use-case-detail", args=[self.slug])

    def serving_kind_ids(self):
        """Ids of the kinds that serve this use case (reads prefetched kinds)."""
        ids = {kind.pk for kind in self.kinds.all()}
        if self.primary_kind_id:
            ids.add(self.primary_kind_id)
        return ids


class Feature(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="What having this feature means, in a sentence."
    )
    kinds = models.ManyToManyField(
        Category,
        related_name="features",
        blank=True,
        help_text="The kinds of tool this feature means something for; leave all "
        "unticked when it applies to every kind. Tools of other kinds get no row.",
    )
    caution_words = models.CharField(
        max_length=200, blank=True, help_text=CAUTION_WORDS_HELP
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the row in the feature matrix."
    )
    history = history_by_revision(m2m_fields=[kinds])

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def applies_to(self, framework):
        """Whether this feature means something for ``framework``'s kinds.

        Reads the prefetched ``kinds`` of the feature and of the framework.
        """
        kind_ids = {kind.pk for kind in self.kinds.all()}
        return not kind_ids or bool(kind_ids & framework.kind_ids())


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
        "URL",
        blank=True,
        help_text="Where we read the figures: the report itself, or for a "
        "second-hand source the page that quotes them.",
    )
    survey_url = models.URLField(
        "survey URL",
        blank=True,
        help_text="The survey's own results page, where one exists.",
    )
    year = models.PositiveSmallIntegerField(help_text="The year the figures describe.")
    respondents = models.CharField(
        max_length=80,
        blank=True,
        help_text="How many people answered, as the survey states it, e.g. "
        "'more than 25,000'. Leave blank when no page you can cite states it.",
    )
    question = models.CharField(
        max_length=300,
        blank=True,
        help_text="The question the figures answer, word for word. Leave blank "
        "when no page you can cite states it.",
    )
    fieldwork = models.CharField(
        max_length=80,
        blank=True,
        help_text="When the answers were collected, e.g. 'October to November "
        "2024'. Leave blank when no page you can cite states it.",
    )
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
    history = history_by_revision()

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


# How many related frameworks a page, a comparison or the API's detail shows.
RELATED_LIMIT = 8


# The ranked order: the latest share, highest first, frameworks without one last
# (on SQLite as on PostgreSQL), then by name.
def of_any_kind(kinds):
    """The condition for frameworks of one of ``kinds`` (categories or their
    pks): by category, or as one of their other kinds."""
    also = Framework.other_kinds.through.objects.filter(
        framework=OuterRef("pk"), category__in=kinds
    )
    return Q(category__in=kinds) | Q(Exists(also))


RANKING = (
    F("latest_share").desc(nulls_last=True),
    # then those a survey only ranks, by their best rank; the rest by name
    F("rank_best").asc(nulls_last=True),
    Lower("name"),
)


def detail_page_lookups():
    """What a framework's page shows besides its own row and those it joins (its
    category and package facts), as ``prefetch_related`` lookups."""
    published = Framework.Status.PUBLISHED
    return [
        "advantages",
        "disadvantages",
        "use_cases",
        "other_kinds",
        Prefetch(
            "usage_stats",
            queryset=UsageStat.objects.select_related("source").order_by(
                "year", "source__kind", "source_id"
            ),
        ),
        Prefetch("feature_supports", queryset=FeatureSupport.with_feature()),
        Prefetch(
            "relations",
            to_attr="closest_relations",
            queryset=Relation.closest(
                Relation.published().prefetch_related(
                    Prefetch(
                        "to_framework__feature_supports",
                        queryset=FeatureSupport.with_feature(),
                    ),
                    # A base's servers are the servers of what extends it.
                    Prefetch("to_framework__relations", Relation.runs_on()),
                ),
                "to_framework",
            ),
        ),
        Prefetch(
            "incoming_relations",
            to_attr="closest_incoming_relations",
            queryset=Relation.closest(
                Relation.objects.filter(
                    from_framework__status=published
                ).select_related("from_framework"),
                "from_framework",
            ),
        ),
    ]


class FrameworkQuerySet(PackageFactsQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(status=Framework.Status.PUBLISHED)

    def visible_to(self, user):
        """Published frameworks, plus drafts for users allowed to see them."""
        if user.has_perm("catalog.view_framework"):
            return self.all()
        return self.published()

    def of_kind(self, kind):
        """Frameworks of this kind: by category, or as one of their other kinds."""
        return self.filter(of_any_kind([kind]))

    def could_answer(self, use_cases, features, feature_kinds):
        """Frameworks the guide could advise for ``use_cases`` and ``features``:
        those fitting one of the use cases, and those of one of
        ``feature_kinds`` (the kinds it ranks on features alone) with one of
        the features (an entry other than "not available")."""
        fits = Q(
            pk__in=Framework.use_cases.through.objects.filter(
                usecase__in=use_cases
            ).values("framework_id")
        )
        has_feature = Exists(
            FeatureSupport.objects.filter(
                framework=OuterRef("pk"), feature__in=features
            ).exclude(level=FeatureSupport.Level.NONE)
        )
        if not feature_kinds:
            return self.filter(fits) if use_cases else self.none()
        return self.filter(fits | (has_feature & of_any_kind(feature_kinds)))

    def refresh_latest_figures(self):
        """Recompute the stored latest figures of these frameworks from their
        usage figures (two UPDATE statements)."""
        latest_figures.refresh(
            Framework.objects.filter(pk__in=self.values("pk")), UsageStat.objects
        )

    def search(self, terms):
        """These frameworks holding every word of ``terms``, best matches first.

        Full-text search on PostgreSQL, a simple fallback elsewhere; see
        ``catalog.text_search``. Annotates ``search_name_hits`` and
        ``search_rank``.
        """
        from . import text_search

        return text_search.search(self, terms, (Advantage, Disadvantage))

    def for_detail_page(self):
        """Fetch everything a framework's page shows in a fixed number of queries."""
        return self.select_related("category", "package_facts").prefetch_related(
            *detail_page_lookups()
        )

    def related_to(self, framework):
        """Frameworks related to ``framework``, either way, of any kind."""
        return self.filter(
            Q(pk__in=framework.relations.values("to_framework"))
            | Q(pk__in=framework.incoming_relations.values("from_framework"))
        )

    def ranked(self):
        """Order by latest share, highest first; then those a survey only ranks
        (by their best rank); frameworks without any survey figure last.

        One sort on stored, indexed columns (the ``framework_ranking`` index).
        """
        return self.order_by(*RANKING)


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
    learning_curve_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why the curve is what it is, in a sentence, e.g. 'Few concepts: "
        "routes, views and templates.'",
    )
    other_kinds = models.ManyToManyField(
        Category,
        related_name="also_frameworks",
        blank=True,
        help_text="Other kinds of tool it also is, besides its category: AIOHTTP "
        "is a web framework and also an HTTP client.",
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

    # The latest usage figures, derived from the usage figures and written only
    # by ``catalog.latest_figures`` (so ranking is one indexed sort).
    latest_share = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, editable=False
    )
    latest_year = models.PositiveSmallIntegerField(null=True, editable=False)
    previous_share = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, editable=False
    )
    previous_year = models.PositiveSmallIntegerField(null=True, editable=False)
    share_change = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, editable=False
    )
    first_share = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, editable=False
    )
    first_year = models.PositiveSmallIntegerField(null=True, editable=False)
    rank_year = models.PositiveSmallIntegerField(null=True, editable=False)
    rank_best = models.PositiveSmallIntegerField(null=True, editable=False)
    rank_worst = models.PositiveSmallIntegerField(null=True, editable=False)

    # The weighted words of the name, summary and description, for full-text
    # search; written on PostgreSQL by a trigger (``catalog.text_search``),
    # empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    history = history_by_revision(
        m2m_fields=[use_cases, other_kinds],
        excluded_fields=[*latest_figures.LATEST_FIGURES, "search_vector"],
    )

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
        # The recently changed (the feed) and the latest change (the sitemap).
        indexes = [
            models.Index(
                fields=["status", "-updated", "name"], name="framework_by_update"
            ),
            # Slugs and names in any letter case (compare pages, typed names,
            # the address of a page asked in capitals).
            models.Index(Upper("slug"), name="framework_slug_any_case"),
            models.Index(Upper("name"), name="framework_name_any_case"),
        ]
        # The ranking indexes differ by database (SQLite cannot index NULLS
        # LAST); migration 0011 makes them from latest_figures.ranking_indexes,
        # and catalog.apps makes any that a later migration lost again.

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save, leaving the stored latest figures as the database has them.

        They are written only by ``catalog.latest_figures``; an instance loaded
        before a usage figure changed must not put back what it read.
        """
        updating = not self._state.adding and not kwargs.get("force_insert")
        if updating and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name not in latest_figures.LATEST_FIGURES
                and field.name != "search_vector"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:framework-detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def kinds(self):
        """Its category first, then the other kinds it also is (prefetch them)."""
        others = sorted(self.other_kinds.all(), key=lambda k: (k.position, k.name))
        return [self.category, *(k for k in others if k.pk != self.category_id)]

    def kind_ids(self):
        return {kind.pk for kind in self.kinds()}

    def bases(self):
        """The frameworks it extends, whose features it shows as inherited.

        Reads the prefetched ``relations`` (see ``for_detail_page``).
        """
        return [
            relation.to_framework
            for relation in self.outgoing()
            if relation.kind == Relation.Kind.EXTENDS
        ]

    def servers(self):
        """The servers it runs on: its own "runs on" relations, else its bases'.

        Django REST Framework runs wherever Django runs. Reads the prefetched
        ``relations`` and, for the bases, theirs (see ``for_detail_page``).
        """
        own = self._runs_on()
        if own:
            return own
        return list(
            dict.fromkeys(server for base in self.bases() for server in base._runs_on())
        )

    def _runs_on(self):
        return [
            relation.to_framework
            for relation in self.outgoing()
            if relation.kind == Relation.Kind.RUNS_ON
        ]

    def feature_cells(self):
        """Its feature rows: its own support entries, then what it inherits.

        A framework that extends another shows the base's entries for features it
        has no entry of its own for, marked with the base. Returns
        ``FeatureCell`` objects in feature order; runs no queries on what
        ``for_detail_page`` prefetches.
        """
        cells = {s.feature_id: FeatureCell(s) for s in self.feature_supports.all()}
        for base in self.bases():
            for support in base.feature_supports.all():
                cells.setdefault(support.feature_id, FeatureCell(support, base))
        return sorted(
            cells.values(),
            key=lambda c: (c.support.feature.position, c.support.feature.name),
        )

    def related_groups(self):
        """Related frameworks grouped by kind, from both sides of each relation.

        Reads the prefetched ``relations`` and ``incoming_relations`` (see
        ``FrameworkQuerySet.for_detail_page``); returns (heading, frameworks) pairs
        for the non-empty groups.
        """
        kind = Relation.Kind
        outgoing, incoming = self.outgoing(), self.incoming()
        alternatives = {r.to_framework for r in outgoing if r.kind == kind.ALTERNATIVE}
        alternatives |= {
            r.from_framework for r in incoming if r.kind == kind.ALTERNATIVE
        }
        groups = [
            ("Built on", [r.to_framework for r in outgoing if r.kind == kind.BUILT_ON]),
            ("Extends", [r.to_framework for r in outgoing if r.kind == kind.EXTENDS]),
            ("Alternatives", _most_used(alternatives)[:RELATED_LIMIT]),
            (
                "Built on it",
                [r.from_framework for r in incoming if r.kind == kind.BUILT_ON],
            ),
            (
                "Extended by",
                [r.from_framework for r in incoming if r.kind == kind.EXTENDS],
            ),
            (
                "Runs apps built with",
                [r.from_framework for r in incoming if r.kind == kind.RUNS_ON],
            ),
        ]
        return [(heading, frameworks) for heading, frameworks in groups if frameworks]

    def alternatives(self):
        """The alternatives among the related frameworks (for "compare with" links)."""
        return dict(self.related_groups()).get("Alternatives", [])

    def rivals(self):
        """Itself and up to three alternatives of its own kind, for one compare
        link of them all (Dash, Gradio and Streamlit side by side); empty when
        fewer than two alternatives share its kind."""
        same_kind = [
            f for f in self.alternatives() if f.category_id == self.category_id
        ]
        if len(same_kind) < 2:
            return []
        return [self, *same_kind[:3]]

    def outgoing(self):
        """Its relations to others: the closest few that ``for_detail_page``
        prefetches, or else all of ``relations`` (prefetch them)."""
        if "closest_relations" in self.__dict__:
            return self.closest_relations
        return self.relations.all()

    def incoming(self):
        """Others' relations to it, bounded like ``outgoing``."""
        if "closest_incoming_relations" in self.__dict__:
            return self.closest_incoming_relations
        return self.incoming_relations.all()

    def has_more_related(self):
        """Whether the prefetched, bounded relations may leave some out."""
        return RELATED_LIMIT in (
            len(self.outgoing()),
            len(self.incoming()),
        )


def _most_used(frameworks):
    """Most used first (those without a share last), then by name."""
    return sorted(
        frameworks,
        key=lambda f: (f.latest_share is None, -(f.latest_share or 0), f.name.lower()),
    )


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
    history = history_by_revision()

    class Meta(FrameworkPoint.Meta):
        pass


class Disadvantage(FrameworkPoint):
    newcomer_concern = models.BooleanField(
        default=False,
        help_text="Tick when it mostly matters to someone new to web development "
        "(a steep concept, hard debugging): the guide shows it to newcomers "
        "and leaves it out for experienced developers.",
    )
    history = history_by_revision()

    class Meta(FrameworkPoint.Meta):
        pass


class UsageStat(models.Model):
    """A survey figure: a framework's usage share, or the rank band it falls in.

    A figure is stated by its source, or derived from figures the source states
    (then ``basis`` says how). Where a source ranks a framework without giving
    its share, the figure holds the rank band instead of a share.
    """

    class Provenance(models.TextChoices):
        STATED = "stated", "Stated by the source"
        DERIVED = "derived", "Derived from figures the source states"

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
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percent of respondents, 0 to 100. Leave blank when the source "
        "gives only a rank band.",
    )
    rank_best = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="For a source that ranks without a share: the best rank of the "
        "band, e.g. 7 in 'ranked 7 to 10'.",
    )
    rank_worst = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="The worst rank of the band, e.g. 10 in 'ranked 7 to 10'; the "
        "same as the best rank for a single rank.",
    )
    provenance = models.CharField(
        max_length=8,
        choices=Provenance,
        default=Provenance.STATED,
        help_text="Stated: the source gives this figure. Derived: worked out from "
        "figures the source gives; say how in the basis.",
    )
    basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a derived figure, how it was worked out, e.g. '2024 share "
        "(38%) minus the stated rise of 9 points'.",
    )
    history = history_by_revision()

    class Meta:
        ordering = ["framework", "year"]
        verbose_name = "usage figure"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "source", "year"],
                name="usage_one_figure_per_framework_source_year",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gte=0) & Q(share__lte=100),
                name="usage_share_between_0_and_100",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=False)
                | Q(rank_best__isnull=False, rank_worst__isnull=False),
                name="usage_has_a_share_or_a_rank_band",
            ),
            models.CheckConstraint(
                condition=Q(rank_best__isnull=True, rank_worst__isnull=True)
                | Q(rank_best__lte=F("rank_worst")),
                name="usage_rank_band_best_to_worst",
            ),
            models.CheckConstraint(
                condition=~Q(provenance="derived") | ~Q(basis=""),
                name="usage_derived_figure_has_a_basis",
            ),
        ]

    def __str__(self):
        if self.share is None:
            return f"{self.framework} {self.year}: {self.rank_band}"
        return f"{self.framework} {self.year}: {self.share}%"

    @classmethod
    def from_db(cls, db, field_names, values):
        figure = super().from_db(db, field_names, values)
        # Remembered so that moving a figure refreshes the framework it left.
        figure.loaded_framework_id = figure.__dict__.get("framework_id")
        return figure

    @property
    def is_derived(self):
        return self.provenance == self.Provenance.DERIVED

    @property
    def rank_band(self):
        """'ranked 7 to 10', 'ranked 3', or '' when there is no rank."""
        if self.rank_best is None:
            return ""
        if self.rank_worst in (None, self.rank_best):
            return f"ranked {self.rank_best}"
        return f"ranked {self.rank_best} to {self.rank_worst}"

    @staticmethod
    def band_in_order(rank_best, rank_worst):
        """ "Ranked 10 to 7" is the band "ranked 7 to 10": best first."""
        if None in (rank_best, rank_worst):
            return rank_best, rank_worst
        return min(rank_best, rank_worst), max(rank_best, rank_worst)

    def clean(self):
        super().clean()
        self.rank_best, self.rank_worst = self.band_in_order(
            self.rank_best, self.rank_worst
        )
        errors = self.problems(
            share=self.share,
            rank_best=self.rank_best,
            rank_worst=self.rank_worst,
            provenance=self.provenance,
            basis=self.basis,
        )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def problems(cls, *, share, rank_best, rank_worst, provenance, basis):
        """What is wrong with a figure's values, by field; the admin and the API
        both check this before the database's constraints would refuse them."""
        errors = {}
        if (rank_best is None) != (rank_worst is None):
            errors["rank_worst"] = "Give both ranks of the band, or neither."
        if share is None and (rank_best is None or rank_worst is None):
            errors["share"] = (
                "Give a share, or both ranks of the band when the source gives "
                "only a rank."
            )
        if provenance == cls.Provenance.DERIVED and not (basis or "").strip():
            errors["basis"] = "Say how a derived figure was worked out."
        return errors


class FeatureSupport(models.Model):
    """How one framework provides one feature, by the rule in the README.

    The level says where the feature comes from; ``partial`` says the package's
    own version does only part of the job (the note says which part).
    """

    class Level(models.TextChoices):
        BUILT_IN = "built-in", "Built in"
        EXTRA = "extra", "Optional extra"
        PACKAGE = "package", "Separate package"
        SERVER = "server", "Through the server"
        NONE = "none", "Not available"

    # What each level means: the rule in the README ("Support levels"), shortened.
    MEANINGS = {
        Level.BUILT_IN: "Part of the package as you install it (with the "
        "dependencies it always brings), and documented as its own.",
        Level.EXTRA: "In the package's own API, once an optional extra or "
        "optional dependency is installed, e.g. pip install httpx[http2].",
        Level.PACKAGE: "Another project, with its own releases, adds it, e.g. "
        "Django Channels for WebSockets in Django.",
        Level.SERVER: "The server that runs the app provides it, whatever the "
        "framework, e.g. HTTP/2 from Hypercorn or a proxy in front.",
        Level.NONE: "Not offered, and no well-known package adds it.",
    }
    PARTIAL_MEANING = (
        "“In part” after a level: it does only some of the job; the note says "
        "what is missing."
    )
    # How much a level gives, for ordering and marks (partial costs one).
    STRENGTH = {
        Level.BUILT_IN: 4,
        Level.EXTRA: 3,
        Level.PACKAGE: 2,
        Level.SERVER: 2,
        Level.NONE: 0,
    }

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="feature_supports"
    )
    feature = models.ForeignKey(
        Feature, on_delete=models.CASCADE, related_name="supports"
    )
    level = models.CharField(
        max_length=10,
        choices=Level,
        help_text="Where the feature comes from, by the rule in the README's "
        "'Support levels': built in, an optional extra of the same package, a "
        "separate package, the server running the app, or not available.",
    )
    partial = models.BooleanField(
        default=False,
        help_text="Tick when it covers only part of the feature; the note says "
        "what is missing.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="What provides it (the extra, package or server) and any limit. "
        "Required for every level but built in.",
    )
    source_url = models.URLField(
        "source URL",
        blank=True,
        help_text="A page that backs this entry: required when it is partial or "
        "could be disputed.",
    )
    history = history_by_revision()

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

    @classmethod
    def with_feature(cls):
        """Entries with their feature joined in, for prefetching."""
        return cls.objects.select_related("feature")

    @classmethod
    def legend(cls):
        """(label, meaning) for every level, for the legend under a matrix."""
        return [(label, cls.MEANINGS[value]) for value, label in cls.Level.choices]

    @property
    def mark(self):
        """✓ built in and complete, ✗ not available, ◐ anything between."""
        if self.level == self.Level.NONE:
            return SUPPORT_MARKS["none"]
        if self.level == self.Level.BUILT_IN and not self.partial:
            return SUPPORT_MARKS["full"]
        return SUPPORT_MARKS["some"]

    @property
    def strength(self):
        return self.strength_of(self.level, self.partial)

    @classmethod
    def strength_of(cls, level, partial):
        """0 (not available) to 4 (built in, complete); partial costs one."""
        strength = cls.STRENGTH[level]
        return strength - 1 if partial and strength else strength


@dataclass(frozen=True)
class SupportMark:
    """What a reader gets, at a glance: one of three marks, each with words."""

    key: str  # "full", "some" or "none": a CSS class and what "differs" compares
    symbol: str
    words: str


SUPPORT_MARKS = {
    "full": SupportMark("full", "\u2713", "Comes with the package as installed"),
    "some": SupportMark(
        "some",
        "\u25d0",
        "Needs something added (an optional extra, another package or the "
        "server) or does only part of the job",
    ),
    "none": SupportMark("none", "\u2717", "Not available"),
}


@dataclass(frozen=True)
class FeatureCell:
    """A framework's row for one feature: its own entry, or one it inherits."""

    support: FeatureSupport
    inherited_from: "Framework | None" = None

    @property
    def feature(self):
        return self.support.feature


class Relation(models.Model):
    class Kind(models.TextChoices):
        BUILT_ON = "built-on", "Built on"
        EXTENDS = "extends", "Extends"
        ALTERNATIVE = "alternative", "Alternative to"
        RUNS_ON = "runs-on", "Runs on"

    from_framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="relations"
    )
    to_framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="incoming_relations"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    note = models.CharField(max_length=200, blank=True)
    history = history_by_revision()

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

    @classmethod
    def published(cls):
        """Relations to published frameworks, with the framework joined in."""
        return cls.objects.filter(
            to_framework__status=Framework.Status.PUBLISHED
        ).select_related("to_framework")

    @classmethod
    def runs_on(cls):
        """ "Runs on" relations to published servers."""
        return cls.published().filter(kind=cls.Kind.RUNS_ON)

    @classmethod
    def closest(cls, relations, other):
        """At most ``RELATED_LIMIT`` of ``relations`` per framework, for
        prefetching: what a framework is built on or extends (or is built on
        and extended by) first, then the most used ``other`` frameworks, so a
        framework that hundreds of others name as an alternative stays a
        bounded read. The rest are at ``catalog:framework-related``."""
        alternative = Case(
            When(kind=cls.Kind.ALTERNATIVE, then=Value(1)),
            default=Value(0),
            output_field=models.IntegerField(),
        )
        return relations.order_by(
            alternative,
            F(f"{other}__latest_share").desc(nulls_last=True),
            Lower(f"{other}__name"),
        )[:RELATED_LIMIT]


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


# Importing it here registers readers' suggestions with the app.
from .suggestions import FrameworkSuggestion  # noqa: E402, F401
