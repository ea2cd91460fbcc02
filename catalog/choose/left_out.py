"""Why well-known tools are not among the guide's answers, in a sentence each."""

from dataclasses import dataclass

from ..models import Framework
from ..wording import join, lower_first, with_article

NOTABLE = 6  # the most used tools the page accounts for


@dataclass(frozen=True)
class LeftOut:
    framework: Framework
    reason: str


def notable_frameworks():
    """The most used published tools, with what ``left_out`` reads (3 queries)."""
    return list(
        Framework.objects.published()
        .ranked()
        .select_related("category")
        .prefetch_related("use_cases", "other_kinds")[:NOTABLE]
    )


def left_out(advice, notable):
    """A ``LeftOut`` for each of ``notable`` that the advice neither ranks nor
    offers as a building block, saying why."""
    if advice.needs.is_empty:
        return []
    shown = {r.framework.pk for r in advice.ranked}
    shown |= {foundation.framework.pk for foundation in advice.foundations}
    kinds = {group.kind.pk: group.kind for group in advice.groups}
    use_cases = {u.pk: u for group in advice.groups for u in group.use_cases}
    return [
        LeftOut(framework, _reason(framework, kinds, use_cases))
        for framework in notable
        if framework.pk not in shown
    ]


def _reason(framework, kinds, use_cases):
    its_kinds = framework.kinds()
    what = with_article(lower_first(framework.category.name))
    if not kinds:
        return f"it is {what}, and no kind of tool fits all your answers"
    if not {kind.pk for kind in its_kinds} & set(kinds):
        wanted = join(
            sorted(kinds.values(), key=lambda k: (k.position, k.name)),
            name=lambda k: with_article(lower_first(k.name)),
            joiner="or",
        )
        if any(kind.building_block for kind in its_kinds):
            return f"it is {what}, a building block, not {wanted}"
        return f"it is {what}, not {wanted}"
    fits = {use_case.pk for use_case in framework.use_cases.all()}
    if use_cases and not fits & set(use_cases):
        names = join(
            use_cases.values(), name=lambda u: lower_first(u.name), joiner="or"
        )
        return f"it is not made for {names}"
    return "it has none of the features you ticked"
