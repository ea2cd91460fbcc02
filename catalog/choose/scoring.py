"""How well one tool fits the needs its kind serves: score, reasons, cautions."""

import re

from ..models import FeatureSupport, split_words
from ..wording import lower_first
from .results import Caution, Recommendation

Level = FeatureSupport.Level

USE_CASE_POINTS = 4
MISSING_FEATURE_POINTS = -1  # an applicable feature with no entry: as not available
PARTIAL_PENALTY = 1  # a partial entry counts one point less than a complete one
LEVEL_REASONS = {
    Level.BUILT_IN: "{label} built in",
    Level.EXTRA: "{label} with an optional extra",
    Level.PACKAGE: "{label} through a separate package",
    Level.SERVER: "{label} through the server",
}


def assess(framework, group, weighing, patterns):
    """A ``Recommendation`` for ``framework`` in ``group``, or None if it fits
    none of the group's use cases (or, with none, supports none of its features).
    """
    fits = {use_case.pk for use_case in framework.use_cases.all()}
    matched = [use_case for use_case in group.use_cases if use_case.pk in fits]
    if group.use_cases and not matched:
        return None
    recommendation = Recommendation(framework, USE_CASE_POINTS * len(matched))
    recommendation.reasons = [f"Fits {lower_first(u.name)}" for u in matched]
    recommendation.asked = len(group.use_cases) + len(group.features)
    recommendation.covered = len(matched)

    cells = {cell.feature.pk: cell for cell in framework.feature_cells()}
    supported, from_bases = False, {}
    for feature in group.features:
        cell = cells.get(feature.pk)
        if cell is not None and cell.support.level != Level.NONE:
            # Covered, whoever provides it (a base's feature is named, not scored).
            recommendation.covered += 1
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


def caution_patterns(needs):
    """One regex matching the needs' caution words at the start of a word."""
    words = {word for need in needs for word in split_words(need.caution_words)}
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words))
    return re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)


def _feature_label(name):
    """'Built-in ORM' reads as 'ORM' in 'ORM built in'."""
    return name.removeprefix("Built-in ").removeprefix("built-in ")
