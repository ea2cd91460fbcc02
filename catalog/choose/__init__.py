"""The "help me choose" guide: advice on which tools fit a reader's needs.

Plain code with no HTTP. ``advise`` takes a ``Needs`` value and a ``Catalog``
already loaded by ``load_catalog`` (so it runs no queries) and returns
``Advice``: one ranked list per kind of tool the needs call for, the building
blocks those tools run on, and plain warnings where the answers pull apart.
Ranking reads light ``Candidate`` rows, so it stays quick with thousands of
tools; ``explain`` then loads in full only the tools a page shows, and gives
them their reasons and cautions.

How it reasons:

- A use case names the kinds of tool that serve it (``UseCase.kinds``). Only
  tools of those kinds are ranked for it, each kind in its own list, the kind
  most used for the answers first. A must-have feature that no such kind has
  (retries for a content site) is a conflict: the guide says so and adds a list
  of the kind that does have it, as the best compromise.
- A kind marked as a building block (an async library) is never ranked: its
  tools are listed apart, as what the others are built on.
- In a list, each use case a tool fits counts ``scoring.USE_CASE_POINTS``; each
  must-have feature counts by how the tool provides it (``Weighing``); the
  reader's experience adds points for the learning curve. Features a tool only
  inherits from the framework it extends count nothing: they are named as what
  its base brings. Popularity (the latest usage share) only breaks equal scores.
"""

from django.db.models import Prefetch

from ..models import Category, Framework, Relation
from .candidates import load_candidates
from .left_out import LeftOut, left_out, notable_frameworks
from .needs import WEIGHINGS, Experience, Needs, Weighing
from .planning import compromises, foundations, plan_groups
from .results import (
    Advice,
    AdvicePage,
    Catalog,
    Caution,
    Foundation,
    KindGroup,
    Recommendation,
)
from .scoring import assess, caution_patterns
from .scoring import explain as explain_one

__all__ = [
    "WEIGHINGS",
    "Advice",
    "AdvicePage",
    "Catalog",
    "Caution",
    "Experience",
    "Foundation",
    "KindGroup",
    "LeftOut",
    "Needs",
    "Recommendation",
    "Weighing",
    "advise",
    "explain",
    "left_out",
    "load_catalog",
    "notable_frameworks",
]


def explained_frameworks():
    """Frameworks with what explaining a recommendation and showing it read:
    its category, disadvantages and what it extends or runs on (four queries)."""
    return Framework.objects.select_related("category").prefetch_related(
        "disadvantages",
        Prefetch(
            "relations",
            # What a tool is built on, extends or runs on; not its alternatives,
            # which may be many and which the guide does not read.
            queryset=Relation.published()
            .exclude(kind=Relation.Kind.ALTERNATIVE)
            # A base's servers are the servers of what extends it.
            .prefetch_related(Prefetch("to_framework__relations", Relation.runs_on())),
        ),
    )


def load_catalog(use_cases, features, needs=None):
    """A ``Catalog`` from loaded use cases and features (kinds prefetched).

    Given ``needs``, only the tools that could be advised for them are loaded,
    and only what they ask of each: those fitting an asked use case, and those
    of a kind listed for its features alone (see ``plan_groups``) with one of
    the asked features; no others can be ranked or offered as a building block.
    """
    categories = {category.pk: category for category in Category.objects.all()}
    frameworks = Framework.objects.published().ranked()
    asked_use_cases = asked_features = None
    if needs is not None:
        asked_use_cases = [u for u in use_cases if u.slug in needs.use_cases]
        asked_features = [f for f in features if f.slug in needs.features]
        groups, _warnings = plan_groups(asked_use_cases, asked_features, categories)
        frameworks = frameworks.could_answer(
            asked_use_cases,
            asked_features,
            feature_kinds=[group.kind for group in groups if not group.use_cases],
        )
    return Catalog(
        candidates=load_candidates(
            frameworks, categories, asked_use_cases, asked_features
        ),
        categories=categories,
        use_cases={use_case.slug: use_case for use_case in use_cases},
        features={feature.slug: feature for feature in features},
    )


def advise(needs, catalog):
    """Advice for ``needs`` over ``catalog``: ranked, not yet explained (see
    ``explain``); runs no queries."""
    weighing = WEIGHINGS[needs.experience]
    advice = Advice(needs=needs, weighing=weighing)
    if needs.is_empty:
        return advice
    # A use case or feature deleted since the form's options were read (they
    # are kept per content version) is left out.
    use_cases = [
        catalog.use_cases[s] for s in needs.use_cases if s in catalog.use_cases
    ]
    features = [catalog.features[s] for s in needs.features if s in catalog.features]

    advice.groups, advice.warnings = plan_groups(
        use_cases, features, catalog.categories
    )
    advice.patterns = caution_patterns([*use_cases, *features])
    for group in advice.groups:
        group.recommendations = sorted(
            (
                recommendation
                for candidate in catalog.candidates
                if group.kind.pk in candidate.kind_ids
                and (recommendation := assess(candidate, group, weighing))
            ),
            key=Recommendation.sort_key,
        )
    advice.groups = [group for group in advice.groups if group.recommendations]
    advice.warnings += compromises(advice.groups)
    advice.foundations = foundations(catalog, use_cases, advice.ranked)
    return advice


def explain(advice, recommendations):
    """Load the frameworks of ``recommendations`` (of ``advice``), in four
    queries however many, and give each its reasons and cautions."""
    wanted = {id(recommendation) for recommendation in recommendations}
    if not wanted:
        return
    frameworks = explained_frameworks().in_bulk(
        {recommendation.candidate.pk for recommendation in recommendations}
    )
    for group in advice.groups:
        for recommendation in group.recommendations:
            framework = frameworks.get(recommendation.candidate.pk)
            # (None: deleted since it was ranked; the list names it unexplained.)
            if id(recommendation) in wanted and framework is not None:
                explain_one(
                    recommendation, framework, group, advice.weighing, advice.patterns
                )
