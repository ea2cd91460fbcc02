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


def assess(candidate, group, weighing):
    """A ``Recommendation`` for ``candidate`` in ``group``, scored but not yet
    explained; None if it fits none of the group's use cases (or, with none,
    supports none of its features)."""
    matched = _matched(candidate, group)
    if group.use_cases and not matched:
        return None
    recommendation = Recommendation(candidate, USE_CASE_POINTS * len(matched))
    recommendation.asked = len(group.use_cases) + len(group.features)
    recommendation.covered = len(matched)
    supported = False
    for _feature, entry, base_id, points in _feature_outcomes(
        candidate, group, weighing
    ):
        recommendation.score += points
        if entry is not None and entry.level != Level.NONE:
            # Covered, whoever provides it (a base's feature is named, not scored).
            recommendation.covered += 1
            supported = supported or base_id is None
    if not group.use_cases and not supported:
        return None
    recommendation.score += weighing.curve_points.get(candidate.learning_curve, 0)
    return recommendation


def explain(recommendation, framework, group, weighing, patterns):
    """Give ``recommendation`` its loaded ``framework`` (as
    ``explained_frameworks`` loads it), and the reasons and cautions behind its
    score."""
    candidate = recommendation.candidate
    recommendation.framework = framework
    reasons = [f"Fits {lower_first(u.name)}" for u in _matched(candidate, group)]
    cautions, from_bases = [], {}
    for feature, entry, base_id, _points in _feature_outcomes(
        candidate, group, weighing
    ):
        name = lower_first(feature.name)
        if entry is None:
            cautions.append(Caution(f"No {name} on record"))
        elif base_id is not None:
            if entry.level != Level.NONE:
                from_bases.setdefault(base_id, []).append(feature.name)
        elif entry.level == Level.NONE:
            cautions.append(Caution(f"No {name}", entry.note))
        else:
            reasons.append(_feature_reason(feature, entry))
    recommendation.from_bases = [
        (base, from_bases.get(base.pk, [])) for base in framework.bases()
    ]
    curve_points = weighing.curve_points.get(framework.learning_curve, 0)
    curve = f"{framework.get_learning_curve_display()} learning curve"
    if curve_points > 0:
        reasons.append(curve)
    elif curve_points < 0:
        cautions.append(
            Caution(
                curve, "There is a lot to learn before you feel productive with it."
            )
        )
    recommendation.reasons = reasons
    recommendation.cautions = cautions + _disadvantage_cautions(
        framework, weighing, patterns
    )


def _matched(candidate, group):
    return [u for u in group.use_cases if u.pk in candidate.use_case_ids]


def _feature_outcomes(candidate, group, weighing):
    """(feature, entry, base pk or None, points) for each of the group's
    features: an own entry counts by its level, one inherited from a base
    counts nothing, none at all counts as not available."""
    for feature in group.features:
        entry, base_id = candidate.cell(feature)
        if entry is None:
            points = MISSING_FEATURE_POINTS
        elif base_id is not None:
            points = 0
        else:
            points = weighing.level_points[entry.level]
            if entry.partial and entry.level != Level.NONE:
                points -= PARTIAL_PENALTY
        yield feature, entry, base_id, points


def _feature_reason(feature, entry):
    label = _feature_label(feature.name)
    reason = LEVEL_REASONS[entry.level].format(label=label)
    if entry.partial:
        reason += ", in part"
    return f"{reason}: {entry.note}" if entry.note else reason


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
