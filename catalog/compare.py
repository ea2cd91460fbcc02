"""Side-by-side comparison of 2 to 4 frameworks, shared by the page and the API."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from .models import COMPARE_SEPARATOR, Feature, Framework

MIN_FRAMEWORKS = 2
MAX_FRAMEWORKS = 4
SLUG_SEPARATOR = COMPARE_SEPARATOR
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


class ComparisonError(ValueError):
    """A list of frameworks that cannot be compared; the message says why."""


class UnknownFrameworks(ComparisonError):
    """A well-formed list naming a framework that is not there (or not visible)."""


@dataclass(frozen=True)
class FeatureRow:
    feature: Feature
    supports: list  # one FeatureSupport or None per framework, in column order

    @property
    def differs(self):
        """True when the frameworks do not all have the same level."""
        return (
            len({support.level if support else None for support in self.supports}) > 1
        )


@dataclass(frozen=True)
class Comparison:
    frameworks: list
    feature_rows: list

    @property
    def slugs(self):
        return [framework.slug for framework in self.frameworks]


def check_slugs(slugs):
    """Validate the shape of a list of slugs; return it in canonical order.

    Letter case is not part of a slug's identity: ``DJANGO`` repeats ``django``.
    """
    slugs = [slug.strip() for slug in slugs]
    if any(not slug for slug in slugs):
        raise ComparisonError("A framework slug is empty. Separate slugs with commas.")
    odd = [slug for slug in slugs if not SLUG.fullmatch(slug)]
    if odd:
        raise ComparisonError(
            "A framework slug has only letters, digits, hyphens and underscores; "
            f"this is not one: {odd[0][:80]!r}."
        )
    folded = [slug.lower() for slug in slugs]
    repeated = sorted({slug for slug in folded if folded.count(slug) > 1})
    if repeated:
        raise ComparisonError(
            f"Each framework can appear once; repeated: {', '.join(repeated)}."
        )
    if len(slugs) < MIN_FRAMEWORKS:
        raise ComparisonError(
            f"Name at least {MIN_FRAMEWORKS} frameworks to compare; got {len(slugs)}."
        )
    if len(slugs) > MAX_FRAMEWORKS:
        raise ComparisonError(
            f"Compare at most {MAX_FRAMEWORKS} frameworks at once; got {len(slugs)}."
        )
    return sorted(slugs, key=str.lower)


def canonical_path_part(slugs):
    """The one URL fragment for a set of frameworks, e.g. 'django-vs-flask'."""
    return SLUG_SEPARATOR.join(sorted(slugs))


def build_comparison(slugs, user):
    """Load the frameworks named by ``slugs`` and line up their features.

    Slugs match in any letter case; the comparison's ``slugs`` are the stored
    ones, in canonical order. Raises ComparisonError for a bad list or a slug
    the user cannot see.
    """
    slugs = check_slugs(slugs)
    found = {
        framework.slug.lower(): framework
        for framework in Framework.objects.visible_to(user)
        .for_detail_page()
        .filter(reduce(or_, (Q(slug__iexact=slug) for slug in slugs)))
    }
    unknown = [slug for slug in slugs if slug.lower() not in found]
    if unknown:
        raise UnknownFrameworks(
            f"No published framework with slug: {', '.join(unknown)}."
        )
    frameworks = sorted(
        (found[slug.lower()] for slug in slugs), key=lambda framework: framework.slug
    )
    return Comparison(frameworks=frameworks, feature_rows=feature_rows(frameworks))


def feature_rows(frameworks):
    """One row per feature, holding each framework's support (or None)."""
    by_framework = [
        {support.feature_id: support for support in framework.feature_supports.all()}
        for framework in frameworks
    ]
    return [
        FeatureRow(feature, [supports.get(feature.pk) for supports in by_framework])
        for feature in Feature.objects.all()
    ]
