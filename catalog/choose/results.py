"""What the guide answers: lists of tools by kind, building blocks, warnings."""

from dataclasses import dataclass, field

from ..wording import join, lower_first
from .needs import Needs, Weighing

COMPARE_TOP = 3  # how many of the best alike tools the compare link takes
PAGE_SIZE = 10  # tools shown per list on one page of the guide


@dataclass(frozen=True)
class Caution:
    title: str
    detail: str = ""


@dataclass
class Recommendation:
    """A tool's place in a list: ranked from its ``candidate`` (see
    ``candidates``), then, for the tools a page shows, explained with the
    framework loaded in full (``scoring.explain``)."""

    candidate: object  # Candidate
    score: int
    reasons: list = field(default_factory=list)
    cautions: list = field(default_factory=list)
    # (base framework, names of asked-for features it brings), for tools that
    # extend another: what the base provides is named here, never as a reason.
    from_bases: list = field(default_factory=list)
    # How many of the needs its list answers (use cases and features) it covers.
    asked: int = 0
    covered: int = 0
    # The Framework once explained; until then the candidate stands for it
    # (name, slug, category and link are all that is read of it).
    framework: object = None

    def __post_init__(self):
        if self.framework is None:
            self.framework = self.candidate

    @property
    def coverage_scale(self):
        """(filled, empty) marks for a visible scale of the needs it covers."""
        return range(self.covered), range(self.asked - self.covered)

    @property
    def share(self):
        return self.candidate.latest_share

    def sort_key(self):
        share = self.share
        return (-self.score, share is None, -(share or 0), self.candidate.name.lower())


@dataclass
class KindGroup:
    """The ranked tools of one kind, for the needs that kind serves."""

    kind: object  # Category
    use_cases: list
    features: list
    weight: int = 0
    recommendations: list = field(default_factory=list)

    @property
    def best_covered(self):
        """The most needs any tool of this list covers."""
        return max((r.covered for r in self.recommendations), default=0)

    def split(self):
        """(strong, also possible): the tools covering as many needs as the best
        one, and those covering fewer, each in ranked order."""
        best = self.best_covered
        strong = [r for r in self.recommendations if r.covered == best]
        return strong, [r for r in self.recommendations if r.covered < best]

    @property
    def needs_label(self):
        """'content sites and learning web development', for the heading."""
        names = [lower_first(use_case.name) for use_case in self.use_cases]
        names += [lower_first(feature.name) for feature in self.features]
        return join(names)


@dataclass(frozen=True)
class GroupPage:
    """One page of a kind's list: its strong matches, then its weaker ones."""

    group: KindGroup
    strong: list
    also: list
    start: int  # the rank of the first tool shown
    also_start: int

    @property
    def shown(self):
        return self.strong + self.also


@dataclass(frozen=True)
class AdvicePage:
    """One page of every list: tools ``start`` to ``start + size - 1`` of each."""

    number: int
    groups: list
    has_next: bool

    @property
    def shown(self):
        """Every recommendation on the page, list by list."""
        return [r for page in self.groups for r in page.shown]

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1


@dataclass(frozen=True)
class Foundation:
    """A building block that fits the needs, with the listed tools built on it."""

    framework: object  # Candidate
    built_on_by: list  # the first few, in the lists' order
    more: int = 0  # how many others listed are built on it

    @property
    def built_on_by_text(self):
        """'A, B and 3 more', for the sentence naming them."""
        names = [framework.name for framework in self.built_on_by]
        if self.more:
            names.append(f"{self.more} more")
        return join(names)

    @property
    def several_built_on_it(self):
        return len(self.built_on_by) + self.more > 1


@dataclass
class Advice:
    needs: Needs
    weighing: Weighing
    groups: list = field(default_factory=list)
    foundations: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    patterns: object = None  # the asked needs' caution words (``caution_patterns``)

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

    def page(self, number, size=PAGE_SIZE):
        """Page ``number`` (from 1) of every list, so a page's length does not
        grow with the catalog; a number past the end is the last page."""
        last = max((-(-len(g.recommendations) // size) for g in self.groups), default=1)
        number = min(max(number, 1), last)
        start, end = (number - 1) * size, number * size
        pages = []
        for group in self.groups:
            strong, also = group.split()
            shown = (strong + also)[start:end]
            strong_ids = {id(r) for r in strong}
            pages.append(
                GroupPage(
                    group,
                    strong=[r for r in shown if id(r) in strong_ids],
                    also=[r for r in shown if id(r) not in strong_ids],
                    start=start + 1,
                    also_start=max(start, len(strong)) + 1,
                )
            )
        return AdvicePage(
            number,
            [p for p in pages if p.strong or p.also],
            end < max((len(g.recommendations) for g in self.groups), default=0),
        )

    @property
    def compare_slugs(self):
        """The best few of the first list with two or more: alike tools to compare."""
        for group in self.groups:
            if len(group.recommendations) > 1:
                top = group.recommendations[:COMPARE_TOP]
                return [r.candidate.slug for r in top]
        return []


@dataclass(frozen=True)
class Catalog:
    """What the guide reasons over: the tools that could answer, as
    ``Candidate`` objects (ranked), and use cases and features by slug."""

    candidates: list
    categories: dict  # every category, by pk
    use_cases: dict
    features: dict
