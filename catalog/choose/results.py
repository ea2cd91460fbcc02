"""What the guide answers: lists of tools by kind, building blocks, warnings."""

from dataclasses import dataclass, field

from ..models import Framework
from ..wording import join, lower_first
from .needs import Needs, Weighing

COMPARE_TOP = 3  # how many of the best alike tools the compare link takes


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
