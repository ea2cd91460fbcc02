"""A page of a list, kept per content version (``fragments``).

What a page of the catalog, a category, a use case or /changes/ takes from the
database besides its rows is how many rows the list holds and which of them are
on the page. Kept as plain values under the page's address, asking again runs
neither the count nor the page's query: the rows come from their own kept
fragments, and only rows not kept are read in full (``KeptListing.preparer``).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from . import fragments


def page_of(count, number, per_page, items):
    """Page ``number`` holding ``items``, of a paginator told its ``count``."""
    paginator = Paginator([], per_page)
    paginator.count = count
    return Page(items, number, paginator)


@dataclass(frozen=True)
class Listed:
    """A row as a kept page names it."""

    pk: int

    @classmethod
    def of(cls, row):
        return cls(row.pk)


@dataclass(frozen=True)
class ListedFramework(Listed):
    """A framework as a kept page names it (its description's item list too)."""

    name: str
    slug: str
    url: str

    @classmethod
    def of(cls, row):
        return cls(row.pk, row.name, row.slug, row.get_absolute_url())

    def get_absolute_url(self):
        return self.url


@dataclass(frozen=True)
class ListingPage:
    count: int
    number: int
    per_page: int
    listed: tuple

    @classmethod
    def of(cls, page, listed_as):
        listed = tuple(listed_as.of(row) for row in page.object_list)
        return cls(page.paginator.count, page.number, page.paginator.per_page, listed)

    def page(self):
        return page_of(self.count, self.number, self.per_page, list(self.listed))


class KeptListing:
    """A view's page of a list, told apart by ``parts`` (its address, and
    anything else that decides which rows it lists): kept, or read (and then
    kept)."""

    def __init__(self, request, parts, listed_as=Listed):
        self.request, self.parts, self.listed_as = request, parts, listed_as
        self.queryset, self.read = None, {}  # the rows the page read, by key

    def page(self, queryset, read_page):
        """The page ``read_page()`` reads from ``queryset``, or the one kept,
        as a Django ``Page`` of what ``listed_as`` keeps of each row."""
        self.queryset = queryset

        def read():
            page = read_page()
            self.read = {row.pk: row for row in page.object_list}
            return ListingPage.of(page, self.listed_as)

        return fragments.kept(self.request, "listing", read, self.parts).page()

    def preparer(self, then):
        """The rows' ``prepare`` (``fragments.preparer``): ``prepared``."""
        return fragments.preparer(self.prepared, then)

    def prepared(self, then, listed):
        """The rows ``listed``, read in full (those the page read, the others
        in one query), then ``then(rows)``. A row gone since it was listed is
        None (``fragments.kept_each``)."""
        unread = [item.pk for item in listed if item.pk not in self.read]
        if unread:
            self.read.update(self.queryset.in_bulk(unread))
        rows = [self.read.get(item.pk) for item in listed]
        made = iter(then([row for row in rows if row is not None]))
        return [None if row is None else next(made) for row in rows]
