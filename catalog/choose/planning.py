"""Which kinds of tool the needs call for, where the answers pull apart, and the
building blocks the recommended tools run on."""

from ..models import FeatureSupport
from ..wording import join, lower_first, with_article
from .results import Foundation, KindGroup

Level = FeatureSupport.Level
PRIMARY_KIND_WEIGHT = 2  # how much more a use case's main kind weighs in ordering
FOUNDATIONS_SHOWN = 5  # building blocks named, the most used first
BUILT_ON_NAMED = 5  # the listed tools named as built on each, then a count


def _feature_kind_ids(feature, kinds):
    """The kinds a feature applies to; all of them when it names none."""
    return {kind.pk for kind in feature.kinds.all()} or set(kinds)


def plan_groups(use_cases, features, kinds):
    """One group per kind of tool the needs call for, and conflict warnings;
    ``kinds`` holds every category by pk. A group has the use cases its kind
    serves; a kind no asked use case serves gets a group for its features
    alone, where the asked use cases and those features pull apart (or no use
    case is asked)."""
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


def compromises(groups):
    """Warn where no tool in the main list has an asked-for feature in full."""
    group = groups[0] if groups else None
    if group is None or not group.use_cases:
        return []
    warnings = []
    for feature in group.features:
        offers = [
            (recommendation.candidate, recommendation.candidate.cell(feature)[0])
            for recommendation in group.recommendations
        ]
        candidate, entry = max(offers, key=lambda offer: _strength(offer[1]))
        if entry is None or not _is_full(entry):
            warnings.append(_compromise(group, feature, candidate, entry))
    return warnings


def _strength(entry):
    return -1 if entry is None else entry.strength


def _is_full(entry):
    return entry.level in (Level.BUILT_IN, Level.EXTRA) and not entry.partial


def _compromise(group, feature, candidate, entry):
    use_cases = _join_names(group.use_cases)
    fitting = f"{lower_first(group.kind.name)} that fits {use_cases}"
    name = lower_first(feature.name)
    if entry is None or entry.level == Level.NONE:
        return (
            f"No {fitting} has {name}: you would build it yourself or pair the "
            "tool with another one."
        )
    how = entry.get_level_display().lower()
    if entry.partial:
        how += ", in part"
    note = f": {entry.note}" if entry.note else ""
    return (
        f"No {fitting} has {name} fully built in. The best compromise is "
        f"{candidate.name} ({how}{note})."
    )


def foundations(catalog, use_cases, ranked):
    """Building blocks that fit a use case asked for, with who is built on them:
    the ``FOUNDATIONS_SHOWN`` most used (``catalog.candidates`` come ranked),
    each naming at most ``BUILT_ON_NAMED`` of the listed tools built on it."""
    asked = {use_case.pk for use_case in use_cases}
    blocks = [
        candidate
        for candidate in catalog.candidates
        if any(catalog.categories[pk].building_block for pk in candidate.kind_ids)
        and asked & candidate.use_case_ids
    ][:FOUNDATIONS_SHOWN]
    built_on_by = {block.pk: [] for block in blocks}
    for recommendation in ranked:
        for pk in recommendation.candidate.built_on_ids & built_on_by.keys():
            built_on_by[pk].append(recommendation.candidate)
    return [
        Foundation(
            block,
            built_on_by=built_on_by[block.pk][:BUILT_ON_NAMED],
            more=max(len(built_on_by[block.pk]) - BUILT_ON_NAMED, 0),
        )
        for block in blocks
    ]


def _join_names(use_cases):
    return join(use_cases, name=lambda u: lower_first(u.name))
