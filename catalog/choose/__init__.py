"""The "help me choose" guide: advice on which tools fit a reader's needs.

Plain code with no HTTP. ``advise`` takes a ``Needs`` value and a ``Catalog``
already loaded by ``load_catalog`` (so it runs no queries) and returns
``Advice``: one ranked list per kind of tool the needs call for, the building
blocks those tools run on, and plain warnings where the answers pull apart.

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

from ..models import FeatureSupport, Framework, Relation
from .left_out import LeftOut, left_out, notable_frameworks
from .needs import WEIGHINGS, Experience, Needs, Weighing
from .planning import compromises, foundations, kinds_by_id, plan_groups
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
    "candidate_frameworks",
    "left_out",
    "load_catalog",
    "notable_frameworks",
]


def candidate_frameworks(features=None):
    """Published frameworks with all that ``advise`` and the page read.

    Eight queries however many frameworks: one for them, seven prefetches. Given
    ``features`` (those asked for), only their entries are read: the guide
    reads no others.
    """
    supports = FeatureSupport.with_feature()
    if features is not None:
        supports = supports.filter(feature__in=features)
    return (
        Framework.objects.published()
        .ranked()
        .select_related("category")
        .prefetch_related(
            "use_cases",
            "other_kinds",
            "disadvantages",
            Prefetch("feature_supports", queryset=supports),
            Prefetch(
                "relations",
                # What a tool is built on, extends or runs on; not its
                # alternatives, which may be many and which the guide does not read.
                queryset=Relation.published()
                .exclude(kind=Relation.Kind.ALTERNATIVE)
                .prefetch_related(
                    Prefetch("to_framework__feature_supports", queryset=supports),
                    # A base's servers are the servers of what extends it.
                    Prefetch("to_framework__relations", Relation.runs_on()),
                ),
            ),
        )
    )


def load_catalog(use_cases, features, needs=None):
    """A ``Catalog`` from loaded use cases and features (kinds prefetched).

    Given ``needs``, only the tools that could be advised for them are loaded:
    those fitting an asked use case, or with an entry for an asked feature; no
    others can be ranked or offered as a building block.
    """
    frameworks = candidate_frameworks()
    if needs is not None:
        asked = [f for f in features if f.slug in needs.features]
        frameworks = candidate_frameworks(asked).could_answer(
            [u for u in use_cases if u.slug in needs.use_cases], asked
        )
    return Catalog(
        frameworks=list(frameworks),
        use_cases={use_case.slug: use_case for use_case in use_cases},
        features={feature.slug: feature for feature in features},
    )


def advise(needs, catalog):
    """Advice for ``needs`` over ``catalog``; runs no queries."""
    weighing = WEIGHINGS[needs.experience]
    advice = Advice(needs=needs, weighing=weighing)
    if needs.is_empty:
        return advice
    use_cases = [catalog.use_cases[slug] for slug in needs.use_cases]
    features = [catalog.features[slug] for slug in needs.features]
    kinds = kinds_by_id(catalog, use_cases, features)

    advice.groups, advice.warnings = plan_groups(use_cases, features, kinds)
    patterns = caution_patterns([*use_cases, *features])
    for group in advice.groups:
        group.recommendations = sorted(
            (
                recommendation
                for framework in catalog.frameworks
                if group.kind.pk in framework.kind_ids()
                and (recommendation := assess(framework, group, weighing, patterns))
            ),
            key=Recommendation.sort_key,
        )
    advice.groups = [group for group in advice.groups if group.recommendations]
    advice.warnings += compromises(advice.groups)
    advice.foundations = foundations(catalog, use_cases, advice.ranked)
    return advice
