"""Side-by-side comparison of 2 to 4 frameworks, shared by the page and the API."""

import re
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_

from django.db.models import Case, Q, Value, When, prefetch_related_objects
from django.utils.text import slugify

from .models import (
    COMPARE_SEPARATOR,
    RANKING,
    Feature,
    Framework,
    detail_page_lookups,
    of_any_kind,
)
from .wording import join, lower_first, with_article

MIN_FRAMEWORKS = 2
MAX_FRAMEWORKS = 4
SLUG_SEPARATOR = COMPARE_SEPARATOR
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
# However big the catalog, the picker ticks from the most used (those picked
# first) and the add list offers the most used of the compared kinds first;
# any other is reached by typing its name (``named_slugs``).
PICKER_LIMIT = 40
ADD_LIMIT = 24


class ComparisonError(ValueError):
    """A list of frameworks that cannot be compared; the message says why."""


class UnknownFrameworks(ComparisonError):
    """A well-formed list naming a framework that is not there (or not visible)."""


@dataclass(frozen=True)
class Entry:
    """One framework's cell in a feature row."""

    framework: Framework
    cell: object  # FeatureCell (own or inherited), or None when none is recorded
    applies: bool  # does the feature mean something for the framework's kinds?

    @property
    def support(self):
        return self.cell.support if self.cell else None


@dataclass(frozen=True)
class FeatureRow:
    feature: Feature
    entries: list  # one Entry per framework, in column order
    section: object = None  # the kind (Category) of a kind's own row; None: shared

    @property
    def supports(self):
        """Each framework's support entry, or None, in column order."""
        return [entry.support for entry in self.entries]

    @property
    def differs(self):
        """True when the frameworks it applies to do not all get the same mark.

        A difference that means something to a reader: built in against an
        optional extra is one (✓ against ◐), two separate packages are not,
        whatever their notes say; a framework it does not apply to is left out.
        """
        marks = {
            entry.support.mark.key if entry.cell else None
            for entry in self.entries
            if entry.applies
        }
        return len(marks) > 1


@dataclass(frozen=True)
class Section:
    """Rows of the matrix: the features every compared tool has, or one kind's."""

    kind: object  # None for the rows that apply to every compared tool
    rows: list


@dataclass(frozen=True)
class Comparison:
    """Frameworks side by side. Its ``sections`` read what ``for_detail_page``
    prefetches (``build_comparison``, or ``in_full()`` after ``find_compared``)."""

    frameworks: list

    @cached_property
    def sections(self):
        return feature_sections(self.frameworks)

    def in_full(self):
        """The comparison, with what its page shows read onto the frameworks."""
        prefetch_related_objects(
            self.frameworks, "package_facts", *detail_page_lookups()
        )
        return self

    @property
    def slugs(self):
        return [framework.slug for framework in self.frameworks]

    @property
    def feature_rows(self):
        return [row for section in self.sections for row in section.rows]

    @property
    def difference_count(self):
        return sum(row.differs for row in self.feature_rows)

    def only_differences(self):
        """The sections with only the rows where the frameworks differ."""
        sections = [
            Section(section.kind, [row for row in section.rows if row.differs])
            for section in self.sections
        ]
        return [section for section in sections if section.rows]

    def addable(self, candidates):
        """(label, frameworks) groups of ``candidates`` not compared yet: each
        compared kind's tools first, then the other kinds, each in the given order.

        Reads each candidate's ``category`` and prefetched ``other_kinds``.
        """
        compared = set(self.slugs)
        kinds = [kind for kind, _members in self.kinds()]
        kinds += [
            kind
            for framework in self.frameworks
            for kind in framework.kinds()
            if kind not in kinds
        ]
        same, other = {kind: [] for kind in kinds}, {}
        for candidate in candidates:
            if candidate.slug in compared:
                continue
            kind = next((k for k in kinds if k.pk in candidate.kind_ids()), None)
            if kind is not None:
                same[kind].append(candidate)
            else:
                other.setdefault(candidate.category, []).append(candidate)
        groups = [(f"Same kind: {kind.name}", tools) for kind, tools in same.items()]
        groups += [
            (f"Other kind: {kind.name}", tools)
            for kind, tools in sorted(other.items(), key=lambda item: item[0].position)
        ]
        return [(label, tools) for label, tools in groups if tools]

    @property
    def kinds_differ(self):
        """True when no kind of tool is common to every compared framework."""
        common = set.intersection(*(f.kind_ids() for f in self.frameworks))
        return not common

    def kinds(self):
        """Each kind among the compared tools' main kinds, with its tools."""
        kinds = {}
        for framework in self.frameworks:
            kinds.setdefault(framework.category, []).append(framework)
        return sorted(kinds.items(), key=lambda item: item[0].position)

    def kinds_sentence(self):
        """'Django is a web framework and Requests is an HTTP client.'"""
        clauses = []
        for kind, members in self.kinds():
            noun = lower_first(kind.name)
            if len(members) == 1:
                clauses.append(f"{members[0].name} is {with_article(noun)}")
            else:
                names = join(members, name=lambda framework: framework.name)
                clauses.append(f"{names} are {noun}s")
        return f"{join(clauses)}."

    def links(self):
        """Relations between the compared frameworks, e.g. 'DRF extends Django'."""
        compared = {framework.pk for framework in self.frameworks}
        return [
            relation
            for framework in self.frameworks
            for relation in framework.outgoing()
            if relation.to_framework_id in compared
            and relation.kind != relation.Kind.ALTERNATIVE
        ]


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
        raise too_many(len(slugs))
    return sorted(slugs, key=str.lower)


def too_many(count):
    return ComparisonError(
        f"Compare at most {MAX_FRAMEWORKS} frameworks at once; got {count}."
    )


def named_slugs(typed):
    """The slugs of the published frameworks named in ``typed``, names or slugs
    separated by commas ("Django Ninja, tornado"), in one query.

    Raises UnknownFrameworks for a name that matches none.
    """
    printable = "".join(char for char in typed if char.isprintable())
    names = [name.strip()[:80] for name in printable.split(",") if name.strip()]
    if not names:
        return []
    if len(names) > MAX_FRAMEWORKS:
        raise too_many(len(names))
    wanted = reduce(
        or_, (Q(name__iexact=name) | Q(slug__iexact=slugify(name)) for name in names)
    )
    found = Framework.objects.published().filter(wanted).values_list("name", "slug")
    slugs = {}
    for name, slug in found:
        slugs[name.lower()] = slugs[slug.lower()] = slug
    resolved = {n: slugs.get(n.lower()) or slugs.get(slugify(n)) for n in names}
    unknown = [name for name, slug in resolved.items() if slug is None]
    if unknown:
        raise UnknownFrameworks(
            f"No published framework is called {', '.join(unknown)}. "
            "Check the spelling, or search the catalog for it."
        )
    return list(resolved.values())


def picker_candidates(picked):
    """The frameworks the picker offers: those picked first, then the most used."""
    frameworks = Framework.objects.published().order_by(*RANKING)
    picked = [slug for slug in picked if SLUG.fullmatch(slug)]  # as refused: anything
    if picked:  # (an empty list would order by a constant, which PostgreSQL refuses)
        frameworks = frameworks.alias(is_picked=flagged(Q(slug__in=picked))).order_by(
            "-is_picked", *RANKING
        )
    return frameworks[:PICKER_LIMIT]


def addable_candidates(comparison):
    """What the add list offers (see ``Comparison.addable``): the most used of
    the compared kinds first, then of the others.

    Two short reads along the ranking index, one per side, rather than one
    sort of the whole catalog by kind.
    """
    kinds = {
        kind.pk for framework in comparison.frameworks for kind in framework.kinds()
    }
    others = (
        Framework.objects.published()
        .exclude(slug__in=comparison.slugs)
        .order_by(*RANKING)
        .select_related("category")
    )
    same_kind = of_any_kind(kinds)
    candidates = [
        *others.filter(same_kind)[:ADD_LIMIT],
        *others.exclude(same_kind)[:ADD_LIMIT],
    ][:ADD_LIMIT]
    prefetch_related_objects(candidates, "other_kinds")
    return candidates


def flagged(condition):
    return Case(When(condition, then=Value(True)), default=Value(False))


def canonical_path_part(slugs):
    """The one URL fragment for a set of frameworks, e.g. 'django-vs-flask'."""
    return SLUG_SEPARATOR.join(sorted(slugs))


def build_comparison(slugs, user):
    """Load the frameworks named by ``slugs`` with all a comparison shows.

    See ``find_compared``; raises ComparisonError as it does.
    """
    frameworks = Framework.objects.visible_to(user).for_detail_page()
    return find_compared(slugs, frameworks)


def find_compared(slugs, frameworks):
    """The comparison of the ``frameworks`` (a queryset) named by ``slugs``.

    Slugs match in any letter case; the comparison's ``slugs`` are the stored
    ones, in canonical order. Raises ComparisonError for a bad list or a slug
    not among the frameworks.
    """
    slugs = check_slugs(slugs)
    found = {
        framework.slug.lower(): framework
        for framework in frameworks.filter(
            reduce(or_, (Q(slug__iexact=slug) for slug in slugs))
        )
    }
    unknown = [slug for slug in slugs if slug.lower() not in found]
    if unknown:
        raise UnknownFrameworks(
            f"No published framework with slug: {', '.join(unknown)}."
        )
    return Comparison(
        sorted((found[slug.lower()] for slug in slugs), key=lambda f: f.slug)
    )


def feature_sections(frameworks):
    """The matrix in sections: features every framework has, then each kind's own.

    A feature that applies to none of the frameworks' kinds is left out; in a
    kind's own section, the frameworks of other kinds show "not applicable".
    """
    cells = [
        {cell.feature.pk: cell for cell in framework.feature_cells()}
        for framework in frameworks
    ]
    kinds = sorted(
        {kind for framework in frameworks for kind in framework.kinds()},
        key=lambda kind: (kind.position, kind.name),
    )
    shared, own = [], {kind: [] for kind in kinds}
    for feature in Feature.objects.prefetch_related("kinds"):
        entries = [
            Entry(framework, by_feature.get(feature.pk), feature.applies_to(framework))
            for framework, by_feature in zip(frameworks, cells, strict=True)
        ]
        if not any(entry.applies for entry in entries):
            continue
        if all(entry.applies for entry in entries):
            shared.append(FeatureRow(feature, entries))
            continue
        feature_kinds = {kind.pk for kind in feature.kinds.all()}
        kind = next(kind for kind in kinds if kind.pk in feature_kinds)
        own[kind].append(FeatureRow(feature, entries, section=kind))
    sections = [Section(None, shared)] if shared else []
    return sections + [Section(kind, rows) for kind, rows in own.items() if rows]
