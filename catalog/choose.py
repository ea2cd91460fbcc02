"""The "help me choose" guide: rank frameworks against a reader's needs.

Plain code with no HTTP. ``recommend`` takes frameworks already loaded by
``candidate_frameworks`` (so it runs no queries) and a ``Needs`` value, and
returns ``Recommendation`` objects that say why each framework fits and what to
watch out for.

Scoring: every matched use case adds ``USE_CASE_POINTS``; each must-have
feature adds ``FEATURE_POINTS`` for its level (built in counts fully, a plugin
partly, missing costs a point); ``CURVE_POINTS`` steers readers by experience
against the learning curve. Equal scores are broken by the latest usage share
(a bigger community and more help online), then by name.
"""

import re
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch

from .models import FeatureSupport, Framework


class Experience(models.TextChoices):
    BEGINNER = "beginner", "New to Python web development"
    INTERMEDIATE = "intermediate", "Comfortable: I have built a project or two"
    EXPERT = "expert", "Experienced: I know several frameworks well"


Curve = Framework.LearningCurve
Level = FeatureSupport.Level

USE_CASE_POINTS = 4
FEATURE_POINTS = {Level.BUILT_IN: 2, Level.PLUGIN: 1, Level.NONE: -1}
MISSING_FEATURE_POINTS = FEATURE_POINTS[Level.NONE]  # no row recorded: as none
CURVE_POINTS = {
    (Experience.BEGINNER, Curve.GENTLE): 1,
    (Experience.BEGINNER, Curve.STEEP): -2,
}
CURVE_REASONS = {
    (Experience.BEGINNER, Curve.GENTLE): "Gentle learning curve for a newcomer",
}
CURVE_CAUTIONS = {
    (Experience.BEGINNER, Curve.STEEP): (
        "Steep learning curve",
        "Someone new to Python web development has a lot to learn before "
        "feeling productive with it.",
    ),
}

# Which disadvantages touch which need: a disadvantage is a caution for a
# reader when its title or detail contains a word starting with one of the
# keywords listed for any of the reader's use cases, features or experience.
# Keys are the slugs of the starting content; needs not listed here (say, a use
# case an editor adds later) still score, they just match no disadvantage.
CAUTION_KEYWORDS = {
    # use cases
    "rest-apis": ("api", "serializer", "validation"),
    "ml-model-serving": ("validation", "async", "blocking"),
    "content-sites": ("cms", "admin", "templat", "layout"),
    "dashboards": ("layout", "admin"),
    "microservices": ("heavy", "coupled", "setup"),
    "real-time": ("async", "blocking", "websocket"),
    "consuming-apis": ("blocking", "retr", "client"),
    "high-concurrency-io": ("async", "blocking", "many requests"),
    "prototyping": ("heavy", "setup", "assemble"),
    "learning": ("learn", "newcomer", "new to", "confusing", "unfamiliar"),
    # features
    "orm": ("orm", "database"),
    "admin-panel": ("admin",),
    "authentication": ("auth", "security", "csrf"),
    "templating": ("templat",),
    "openapi-docs": ("api documentation", "documentation"),
    "type-validation": ("validation",),
    "native-async": ("async", "blocking", "event loop"),
    "websockets": ("websocket",),
    "http2": ("http/2",),
    "retries": ("retr",),
    "browsable-api": ("api documentation",),
    "dependency-injection": (),
    # experience
    Experience.BEGINNER: ("learn", "newcomer", "new to", "confusing", "debug"),
}


@dataclass(frozen=True)
class Needs:
    """What the reader asked for: use case slugs, feature slugs, experience."""

    use_cases: tuple = ()
    features: tuple = ()
    experience: str = ""

    @property
    def is_empty(self):
        """True when there is nothing to match frameworks against."""
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

    @property
    def share(self):
        return getattr(self.framework, "latest_share", None)

    def sort_key(self):
        share = self.share
        return (-self.score, share is None, -(share or 0), self.framework.name.lower())


def candidate_frameworks():
    """Published frameworks with all that ``recommend`` and the page read.

    Four queries however many frameworks: one for them, three prefetches.
    """
    return (
        Framework.objects.published()
        .ranked()
        .select_related("category")
        .prefetch_related(
            "use_cases",
            "disadvantages",
            Prefetch(
                "feature_supports",
                queryset=FeatureSupport.objects.select_related("feature"),
            ),
        )
    )


def recommend(frameworks, needs, feature_names=None):
    """Rank ``frameworks`` for ``needs``, best first.

    A framework that matches none of the asked use cases and supports none of the
    must-have features (not even through a plugin) is left out: ranking it would
    only pad the list with "no" answers. ``feature_names`` maps feature slugs to
    names for features a framework has no recorded row for.
    """
    if needs.is_empty:
        return []
    patterns = _caution_patterns(needs)
    results = []
    for framework in frameworks:
        recommendation = _assess(framework, needs, patterns, feature_names or {})
        if recommendation is not None:
            results.append(recommendation)
    return sorted(results, key=Recommendation.sort_key)


def _assess(framework, needs, patterns, feature_names):
    score, matched, reasons, cautions = 0, False, [], []

    use_cases = {use_case.slug: use_case for use_case in framework.use_cases.all()}
    for slug in needs.use_cases:
        if slug in use_cases:
            score += USE_CASE_POINTS
            matched = True
            reasons.append(f"Fits {_lower_first(use_cases[slug].name)}")

    supports = {s.feature.slug: s for s in framework.feature_supports.all()}
    for slug in needs.features:
        support = supports.get(slug)
        if support is None:
            score += MISSING_FEATURE_POINTS
            name = feature_names.get(slug, slug)
            cautions.append(Caution(f"No {_lower_first(name)} on record"))
            continue
        score += FEATURE_POINTS[support.level]
        label = _feature_label(support.feature.name)
        if support.level == Level.BUILT_IN:
            matched = True
            note = f" ({support.note})" if support.note else ""
            reasons.append(f"{label} built in{note}")
        elif support.level == Level.PLUGIN:
            matched = True
            note = f": {support.note}" if support.note else ""
            reasons.append(f"{label} through a plugin{note}")
        else:
            name = _lower_first(support.feature.name)
            cautions.append(Caution(f"No {name}", support.note))

    if not matched:
        return None

    curve = (needs.experience, framework.learning_curve)
    score += CURVE_POINTS.get(curve, 0)
    if curve in CURVE_REASONS:
        reasons.append(CURVE_REASONS[curve])
    if curve in CURVE_CAUTIONS:
        cautions.append(Caution(*CURVE_CAUTIONS[curve]))

    if patterns is not None:
        cautions.extend(
            Caution(point.title, point.detail)
            for point in framework.disadvantages.all()
            if patterns.search(f"{point.title} {point.detail}")
        )
    return Recommendation(framework, score, reasons, cautions)


def _caution_patterns(needs):
    """One regex matching any keyword of the needs at the start of a word."""
    keywords = set()
    for need in (*needs.use_cases, *needs.features, needs.experience):
        keywords.update(CAUTION_KEYWORDS.get(need, ()))
    if not keywords:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(keywords))
    return re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)


def _feature_label(name):
    """'Built-in ORM' reads as 'ORM' in 'ORM built in' and 'ORM through a plugin'."""
    return name.removeprefix("Built-in ").removeprefix("built-in ")


def _lower_first(name):
    """Lower-case a leading capitalised word ('Admin panel'), not 'HTTP/2'."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:] == first[1:].lower():
        return name[0].lower() + name[1:]
    return name
