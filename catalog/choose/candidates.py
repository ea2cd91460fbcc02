"""What the guide ranks: every tool that could answer, read as plain values.

Ranking reads a few facts of each tool (its kinds, the asked use cases it
fits, its entries for the asked features and those of the frameworks it
extends). Loading them as rows rather than model instances with prefetches
keeps a catalog of thousands of tools a matter of milliseconds; only the tools
a page shows are then loaded in full, to explain them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower

from ..models import Category, FeatureSupport, Framework, Relation

Level = FeatureSupport.Level


@dataclass(frozen=True)
class Entry:
    """A support entry as ranking reads it."""

    level: str
    partial: bool
    note: str

    @property
    def strength(self):
        return FeatureSupport.strength_of(self.level, self.partial)

    def get_level_display(self):
        return Level(self.level).label


@dataclass
class Candidate:
    """A published tool as ranking reads it; it stands for the framework
    (name, slug, category, link) until the page loads the framework itself."""

    pk: int
    slug: str
    name: str
    latest_share: object
    learning_curve: str
    category: Category
    kind_ids: set = field(default_factory=set)
    use_case_ids: set = field(default_factory=set)
    own: dict = field(default_factory=dict)  # feature pk -> Entry
    # feature pk -> (Entry, pk of the base it comes from): a base's entries for
    # features it has none of its own for, the first base by name first.
    inherited: dict = field(default_factory=dict)
    built_on_ids: set = field(default_factory=set)

    get_absolute_url = Framework.get_absolute_url  # reads only the slug

    def cell(self, feature):
        """(its entry for ``feature``, the base's pk if inherited), as the
        framework's page shows it; (None, None) with no entry at all."""
        if feature.pk in self.own:
            return self.own[feature.pk], None
        return self.inherited.get(feature.pk, (None, None))


def load_candidates(frameworks, categories, use_cases=None, features=None):
    """``Candidate`` objects for ``frameworks`` (ranked), in their order, with
    ``categories`` (every category by pk) as their kinds.

    Given ``use_cases`` and ``features``, only those are read of each tool; the
    guide reads no others. Five queries however many tools (four when no
    feature is asked).
    """
    pks = frameworks.values("pk")
    candidates = {
        pk: Candidate(pk, slug, name, share, curve, categories[category_id])
        for pk, slug, name, share, curve, category_id in frameworks.values_list(
            "pk", "slug", "name", "latest_share", "learning_curve", "category_id"
        )
    }
    for candidate in candidates.values():
        candidate.kind_ids.add(candidate.category.pk)
    # Each read below selects the candidates again, and an editor may publish a
    # tool in between: rows of tools the first read did not return are skipped.
    kinds = Framework.other_kinds.through.objects.filter(framework__in=pks)
    for framework_id, category_id in kinds.values_list("framework_id", "category_id"):
        if framework_id in candidates:
            candidates[framework_id].kind_ids.add(category_id)
    fits = Framework.use_cases.through.objects.filter(framework__in=pks)
    if use_cases is not None:
        fits = fits.filter(usecase__in=use_cases)
    for framework_id, use_case_id in fits.values_list("framework_id", "usecase_id"):
        if framework_id in candidates:
            candidates[framework_id].use_case_ids.add(use_case_id)

    relations = Relation.published().filter(
        from_framework__in=pks, kind__in=[Relation.Kind.EXTENDS, Relation.Kind.BUILT_ON]
    )
    extending = defaultdict(list)  # base pk -> pks of the tools extending it
    for from_id, to_id, kind in relations.order_by(
        Lower("to_framework__name")
    ).values_list("from_framework_id", "to_framework_id", "kind"):
        if from_id not in candidates:
            continue
        if kind == Relation.Kind.BUILT_ON:
            candidates[from_id].built_on_ids.add(to_id)
        else:
            extending[to_id].append(from_id)

    # The candidates' own entries and their bases' in one read.
    bases = relations.filter(kind=Relation.Kind.EXTENDS).values("to_framework")
    entries = FeatureSupport.objects.filter(
        Q(framework__in=pks) | Q(framework__in=bases)
    ).order_by()
    if features is not None:
        entries = entries.filter(feature__in=features)
    by_base = defaultdict(dict)
    for framework_id, feature_id, level, partial, note in entries.values_list(
        "framework_id", "feature_id", "level", "partial", "note"
    ):
        entry = Entry(level, partial, note)
        if framework_id in candidates:
            candidates[framework_id].own[feature_id] = entry
        if framework_id in extending:
            by_base[framework_id][feature_id] = entry
    for base_id, tools in extending.items():
        for framework_id in tools:
            inherited = candidates[framework_id].inherited
            for feature_id, entry in by_base[base_id].items():
                inherited.setdefault(feature_id, (entry, base_id))
    return list(candidates.values())
