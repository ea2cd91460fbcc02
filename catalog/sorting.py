"""The catalog's sort control: the orders a reader picks from, and what each
order lets the page say about its list.

The ordering itself is the FilterSet's ``ordering`` filter (catalog/filters.py),
so the API sorts the same way; this module only words it.
"""

from dataclasses import dataclass

# The orderings whose list is a ranking by use, numbered from 1.
RANKING = ("", "-share")


@dataclass(frozen=True)
class SortChoice:
    value: str  # the ``ordering`` parameter; "" is the default, ranked by use
    label: str  # the control's words
    heading: str  # how the page's heading says the list is ordered


SORT_CHOICES = (
    SortChoice("", "Most used", "ranked by use"),
    SortChoice("-change", "Biggest rise", "by their change in use"),
    SortChoice("name", "Name", "A to Z"),
    SortChoice("-latest_release", "Newest release", "by their newest release"),
)


@dataclass(frozen=True)
class Order:
    """The order a list is shown in."""

    value: str
    heading: str

    @property
    def ranks(self):
        """Whether the entries are ranks by use (and numbered so)."""
        return self.value in RANKING


def current_order(filterset):
    """The order of a bound catalog FilterSet's list, by its ``ordering`` value.

    An ordering the sort control does not offer (e.g. ``first_release`` from the
    API's list) is worded from the filter's own label.
    """
    valid = filterset.is_valid()
    values = filterset.form.cleaned_data.get("ordering") if valid else None
    value = values[0] if values else ""
    for choice in SORT_CHOICES:
        if choice.value == value or (value in RANKING and choice.value in RANKING):
            return Order(value, choice.heading)
    labels = dict(filterset.filters["ordering"].field.choices)
    return Order(value, f"sorted: {str(labels.get(value, value)).lower()}")
