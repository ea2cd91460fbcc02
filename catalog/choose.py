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
- In a list, each use case a tool fits counts ``USE_CASE_POINTS``; each
  must-have feature counts by how the tool provides it (``Weighing``); the
  reader's experience adds points for the learning curve. Features a tool only
  inherits from the framework it extends count nothing: they are named as what
  its base brings. Popularity (the latest usage share) only breaks equal scores.
"""

import re
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch

from .models import FeatureSupport, Framework, Relation, split_words
from .wording import join, lower_first, with_article

Curve = Framework.LearningCurve
Level = FeatureSupport.Level

USE_CASE_POINTS = 4
MISSING_FEATURE_POINTS = -1  # an applicable feature with no entry: as not available
PARTIAL_PENALTY = 1  # a partial entry counts one point less than a complete one
PRIMARY_KIND_WEIGHT = 2  # how much more a use case's main kind weighs in ordering
COMPARE_TOP = 3


class Experience(models.TextChoices):
    BEGINNER = "beginner", "New to Python web development"
    INTERMEDIATE = "intermediate", "Comfortable: I have built a project or two"
    EXPERT = "expert", "Experienced: I know several frameworks well"


@dataclass(frozen=True)
class Weighing:
    """How a reader's experience weighs learning curves, features and cautions."""

    summary: str
    curve_points: dict
    level_points: dict
    newcomer_cautions: bool


DEFAULT_LEVEL_POINTS = {
    Level.BUILT_IN: 3,
    Level.EXTRA: 3,
    Level.SERVER: 2,
    Level.PACKAGE: 1,
    Level.NONE: -1,
}

WEIGHINGS = {
    "": Weighing(
        summary="You did not say how much experience you have, so learning curves "
        "do not count, and every caution is shown.",
        curve_points={},
        level_points=DEFAULT_LEVEL_POINTS,
        newcomer_cautions=True,
    ),
    Experience.BEGINNER: Weighing(
        summary="As a newcomer, tools with a gentle learning curve move up and "
        "steep ones move down; a feature that needs an extra install or a separate "
        "package counts for less, since each is one more thing to learn and wire "
        "in; and you are warned about what tends to trip newcomers up.",
        curve_points={Curve.GENTLE: 2, Curve.STEEP: -2},
        level_points={
            **DEFAULT_LEVEL_POINTS,
            Level.EXTRA: 2,
            Level.SERVER: 1,
            Level.PACKAGE: 0,
        },
        newcomer_cautions=True,
    ),
    Experience.INTERMEDIATE: Weighing(
        summary="Having built a project or two, a gentle learning curve counts a "
        "little in a tool's favour and a steep one a little against it; you are "
        "still warned about what tends to trip people up.",
        curve_points={Curve.GENTLE: 1, Curve.STEEP: -1},
        level_points=DEFAULT_LEVEL_POINTS,
        newcomer_cautions=True,
    ),
    Experience.EXPERT: Weighing(
        summary="As an experienced developer, learning curves do not count, a "
        "feature from a separate package counts nearly as much as a built-in one, "
        "and warnings meant for newcomers are left out.",
        curve_points={},
        level_points={**DEFAULT_LEVEL_POINTS, Level.PACKAGE: 2},
        newcomer_cautions=False,
    ),
}

LEVEL_REASONS = {
    Level.BUILT_IN: "{label} built in",
    Level.EXTRA: "{label} with an optional extra",
    Level.PACKAGE: "{label} through a separate package",
    Level.SERVER: "{label} through the server",
}


@dataclass(frozen=True)
class Needs:
    """What the reader asked for: use case slugs, feature slugs, experience."""

    use_cases: tuple = ()
    features: tuple = ()
    experience: str = ""

    @property
    def is_empty(self):
        """True when there is nothing to match tools against."""
        return not self.use_cases and not self.features


@dataclass(frozen=True)
class Caution:
    title: str
    detail: str = ""


@dataclass
class Recommendation:
    framework: Framework
    score: int
    reasons: list = field(default_factory=list)
    cautions: list = field(default_factory=list)
    # (base framework, names of asked-for features it brings), for tools that
    # extend another: what the base provides is named here, never as a reason.
    from_bases: list = field(default_factory=list)

    @property
    def share(self):
        return getattr(self.framework, "latest_share", None)

    def sort_key(self):
        share = self.share
        return (-self.score, share is None, -(share or 0), self.framework.name.lower())


@dataclass
class KindGroup:
    """The ranked tools of one kind, for the needs that kind serves."""

    kind: object  # Category
    use_cases: list
    features: list
    weight: int = 0
    recommendations: list = field(default_factory=list)

    @property
    def needs_label(self):
        """'content sites and learning web development', for the heading."""
        names = [lower_first(use_case.name) for use_case in self.use_cases]
        names += [lower_first(feature.name) for feature in self.features]
        return join(names)


@dataclass(frozen=True)
class Foundation:
    """A building block that fits the needs, with the listed tools built on it."""

    framework: Framework
    built_on_by: list


@dataclass
class Advice:
    needs: Needs
    weighing: Weighing
    groups: list = field(default_factory=list)
    foundations: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ranked(self):
        """Every recommended tool once, best list first: the overall order."""
        seen, ranked = set(), []
        for group in self.groups:
            for recommendation in group.recommendations:
                if recommendation.framework.pk not in seen:
                    seen.add(recommendation.framework.pk)
                    ranked.append(recommendation)
        return ranked

    @property
    def compare_slugs(self):
        """The best few of the first list with two or more: alike tools to compare."""
        for group in self.groups:
            if len(group.recommendations) > 1:
                top = group.recommendations[:COMPARE_TOP]
                return [r.framework.slug for r in top]
        return []


@dataclass(frozen=True)
class Catalog:
    """What the guide reasons over: frameworks, use cases and features by slug."""

    frameworks: list
    use_cases: dict
    features: dict


def candidate_frameworks():
    """Published frameworks with all that ``advise`` and the page read.

    Seven queries however many frameworks: one for them, six prefetches.
    """
    supports = FeatureSupport.with_feature()
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
                queryset=Relation.objects.filter(
                    to_framework__status=Framework.Status.PUBLISHED
                )
                .select_related("to_framework")
                .prefetch_related(
                    Prefetch("to_framework__feature_supports", queryset=supports)
                ),
            ),
        )
    )


def load_catalog(use_cases, features):
    """A ``Catalog`` from loaded use cases and features (kinds prefetched)."""
    return Catalog(
        frameworks=list(candidate_frameworks()),
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
    kinds = _kinds_by_id(catalog, use_cases, features)

    advice.groups, advice.warnings = _plan_groups(use_cases, features, kinds)
    patterns = _caution_patterns([*use_cases, *features])
    for group in advice.groups:
        group.recommendations = sorted(
            (
                recommendation
                for framework in catalog.frameworks
                if group.kind.pk in framework.kind_ids()
                and (recommendation := _assess(framework, group, weighing, patterns))
            ),
            key=Recommendation.sort_key,
        )
    advice.groups = [group for group in advice.groups if group.recommendations]
    advice.warnings += _compromises(advice.groups)
    advice.foundations = _foundations(catalog, use_cases, advice.ranked)
    return advice


# --- Which kinds of tool the needs call for --------------------------------


def _kinds_by_id(catalog, use_cases, features):
    kinds = {}
    for framework in catalog.frameworks:
        kinds.update((kind.pk, kind) for kind in framework.kinds())
    for use_case in use_cases:
        kinds.update((kind.pk, kind) for kind in use_case.kinds.all())
        if use_case.primary_kind_id:
            kinds[use_case.primary_kind_id] = use_case.primary_kind
    for feature in features:
        kinds.update((kind.pk, kind) for kind in feature.kinds.all())
    return kinds


def _feature_kind_ids(feature, kinds):
    """The kinds a feature applies to; all of them when it names none."""
    return {kind.pk for kind in feature.kinds.all()} or set(kinds)


def _plan_groups(use_cases, features, kinds):
    """One group per kind of tool the needs call for, and conflict warnings."""
    weights, warnings = {}, []
    for use_case in use_cases:
        for kind_id in use_case.serving_kind_ids():
            primary = kind_id == use_case.primary_kind_id
            weights[kind_id] = weights.get(kind_id, 0) + (
                PRIMARY_KIND_WEIGHT if primary else 1
            )
    tools = {pk for pk, kind in kinds.items() if not kind.building_block}
    serving = set(weights) & tools
    if use_cases and not serving:
        warnings.append(
            f"Nothing in the catalog is a tool for {_join_names(use_cases)} itself; "
            "only the building blocks below fit."
        )
    elif len(use_cases) > 1 and not _one_kind_serves_all(use_cases, tools):
        warnings.append(
            f"No single kind of tool serves {_join_names(use_cases)}: you will "
            "use more than one tool, so each kind gets its own list below."
        )
    for feature in features:
        feature_kinds = _feature_kind_ids(feature, kinds) & tools
        if use_cases and serving and not feature_kinds & serving:
            warnings.append(_feature_conflict(feature, use_cases, serving, kinds))
        elif use_cases:
            continue
        for kind_id in feature_kinds:
            weights.setdefault(kind_id, 0)
    groups = [
        KindGroup(
            kind=kinds[kind_id],
            use_cases=[u for u in use_cases if kind_id in u.serving_kind_ids()],
            features=[f for f in features if kind_id in _feature_kind_ids(f, kinds)],
            weight=weight,
        )
        for kind_id, weight in weights.items()
        if kind_id in tools
    ]
    groups.sort(
        key=lambda g: (-g.weight, -len(g.features), g.kind.position, g.kind.name)
    )
    return groups, warnings


def _one_kind_serves_all(use_cases, tools):
    common = set(tools)
    for use_case in use_cases:
        common &= use_case.serving_kind_ids()
    return bool(common)


def _feature_conflict(feature, use_cases, serving, kinds):
    def kinds_named(ids):
        ordered = sorted((kinds[pk] for pk in ids), key=lambda k: k.position)
        return join(
            ordered, name=lambda k: with_article(lower_first(k.name)), joiner="or"
        )

    feature_kinds = _feature_kind_ids(feature, kinds) & set(kinds)
    return (
        f"For {_join_names(use_cases)} you need {kinds_named(serving)}; for "
        f"{lower_first(feature.name)}, {kinds_named(feature_kinds)}. No one tool "
        "does both, so you will want one of each: the lists below give the best of "
        "each kind."
    )


def _compromises(groups):
    """Warn where no tool in the main list has an asked-for feature in full."""
    group = groups[0] if groups else None
    if group is None or not group.use_cases:
        return []
    warnings = []
    for feature in group.features:
        offers = [
            (recommendation.framework, _cell(recommendation.framework, feature))
            for recommendation in group.recommendations
        ]
        framework, cell = max(offers, key=lambda offer: _strength(offer[1]))
        if cell is None or not _is_full(cell.support):
            warnings.append(_compromise(group, feature, framework, cell))
    return warnings


def _cell(framework, feature):
    return next(
        (c for c in framework.feature_cells() if c.feature.pk == feature.pk), None
    )


def _strength(cell):
    return -1 if cell is None else cell.support.strength


def _is_full(support):
    return support.level in (Level.BUILT_IN, Level.EXTRA) and not support.partial


def _compromise(group, feature, framework, cell):
    use_cases = _join_names(group.use_cases)
    fitting = f"{lower_first(group.kind.name)} that fits {use_cases}"
    name = lower_first(feature.name)
    if cell is None or cell.support.level == Level.NONE:
        return (
            f"No {fitting} has {name}: you would build it yourself or pair the "
            "tool with another one."
        )
    support = cell.support
    how = support.get_level_display().lower()
    if support.partial:
        how += ", in part"
    note = f": {support.note}" if support.note else ""
    return (
        f"No {fitting} has {name} fully built in. The best compromise is "
        f"{framework.name} ({how}{note})."
    )


# --- Scoring one tool for one group ------------------------------------------


def _assess(framework, group, weighing, patterns):
    """A ``Recommendation`` for ``framework`` in ``group``, or None if it fits
    none of the group's use cases (or, with none, supports none of its features).
    """
    fits = {use_case.pk for use_case in framework.use_cases.all()}
    matched = [use_case for use_case in group.use_cases if use_case.pk in fits]
    if group.use_cases and not matched:
        return None
    recommendation = Recommendation(framework, USE_CASE_POINTS * len(matched))
    recommendation.reasons = [f"Fits {lower_first(u.name)}" for u in matched]

    cells = {cell.feature.pk: cell for cell in framework.feature_cells()}
    supported, from_bases = False, {}
    for feature in group.features:
        cell = cells.get(feature.pk)
        if cell is not None and cell.inherited_from is not None:
            if cell.support.level != Level.NONE:
                from_bases.setdefault(cell.inherited_from, []).append(feature.name)
            continue
        if cell is None:
            recommendation.score += MISSING_FEATURE_POINTS
            name = lower_first(feature.name)
            recommendation.cautions.append(Caution(f"No {name} on record"))
            continue
        support = cell.support
        points = weighing.level_points[support.level]
        if support.partial and support.level != Level.NONE:
            points -= PARTIAL_PENALTY
        recommendation.score += points
        if support.level == Level.NONE:
            name = lower_first(feature.name)
            recommendation.cautions.append(Caution(f"No {name}", support.note))
        else:
            supported = True
            recommendation.reasons.append(_feature_reason(support))
    if not group.use_cases and not supported:
        return None

    recommendation.from_bases = [
        (base, from_bases.get(base, [])) for base in framework.bases()
    ]
    curve_points = weighing.curve_points.get(framework.learning_curve, 0)
    recommendation.score += curve_points
    if curve_points > 0:
        recommendation.reasons.append(
            f"{framework.get_learning_curve_display()} learning curve"
        )
    elif curve_points < 0:
        recommendation.cautions.append(
            Caution(
                f"{framework.get_learning_curve_display()} learning curve",
                "There is a lot to learn before you feel productive with it.",
            )
        )
    recommendation.cautions += _disadvantage_cautions(framework, weighing, patterns)
    return recommendation


def _feature_reason(support):
    label = _feature_label(support.feature.name)
    reason = LEVEL_REASONS[support.level].format(label=label)
    if support.partial:
        reason += ", in part"
    return f"{reason}: {support.note}" if support.note else reason


def _disadvantage_cautions(framework, weighing, patterns):
    cautions = []
    for point in framework.disadvantages.all():
        if point.newcomer_concern:
            shown = weighing.newcomer_cautions
        else:
            shown = patterns is not None and patterns.search(
                f"{point.title} {point.detail}"
            )
        if shown:
            cautions.append(Caution(point.title, point.detail))
    return cautions


def _caution_patterns(needs):
    """One regex matching the needs' caution words at the start of a word."""
    words = {word for need in needs for word in split_words(need.caution_words)}
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words))
    return re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)


# --- Building blocks ---------------------------------------------------------


def _foundations(catalog, use_cases, ranked):
    """Building blocks that fit a use case asked for, with who is built on them."""
    asked = {use_case.pk for use_case in use_cases}
    listed = [recommendation.framework for recommendation in ranked]
    return [
        Foundation(
            framework,
            built_on_by=[
                other
                for other in listed
                if any(
                    relation.kind == Relation.Kind.BUILT_ON
                    and relation.to_framework_id == framework.pk
                    for relation in other.relations.all()
                )
            ],
        )
        for framework in catalog.frameworks
        if any(kind.building_block for kind in framework.kinds())
        and asked & {use_case.pk for use_case in framework.use_cases.all()}
    ]


# --- Wording ------------------------------------------------------------------


def _feature_label(name):
    """'Built-in ORM' reads as 'ORM' in 'ORM built in'."""
    return name.removeprefix("Built-in ").removeprefix("built-in ")


def _join_names(use_cases):
    return join(use_cases, name=lambda u: lower_first(u.name))
