"""A page of a ranked listing, kept per content version (``fragments``).

What a page of the catalog, a category or a use case takes from the database
besides its rows is how many frameworks the listing holds and which of them
are on the page. Kept as plain values under the page's address, asking again
runs neither the count nor the page's query: the rows come from their own kept
fragments, and only rows not kept are read in full (``full_rows``).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import prefetch_related_objects

from . import fragments
from .models import Framework


def page_of(count, number, per_page, items):
    """Page ``number`` holding ``items``, of a paginator told its ``count``."""
    paginator = Paginator([], per_page)
    paginator.count = count
    return Page(items, number, paginator)


@dataclass(frozen=True)
class Listed:
    """A framework as a listing names it (``item_list`` does too)."""

    pk: int
    name: str
    slug: str
    url: str

    def get_absolute_url(self):
        return self.url


@dataclass(frozen=True)
class ListingPage:
    count: int
    number: int
    per_page: int
    listed: tuple

    @classmethod
    def of(cls, page):
        listed = tuple(
            Listed(row.pk, row.name, row.slug, row.get_absolute_url())
            for row in page.object_list
        )
        return cls(page.paginator.count, page.number, page.paginator.per_page, listed)

    def paginated(self):
        """(paginator, page, object_list, is_paginated), as Django's
        ``MultipleObjectMixin.paginate_queryset`` gives them."""
        page = page_of(self.count, self.number, self.per_page, list(self.listed))
        return page.paginator, page, page.object_list, page.has_other_pages()


class KeptListing:
    """A view's page of a listing: kept, or read (and then kept)."""

    def __init__(self, request, address):
        self.request, self.address = request, address
        self.read = {}  # the frameworks read for the page, by primary key

    def paginated(self, paginate):
        """``paginate()``'s page, as ``ListingPage.paginated`` gives it."""

        def read_page(keys):
            page = paginate()[1]
            self.read = {row.pk: row for row in page.object_list}
            return [ListingPage.of(page)]

        key = fragments.fragment_key("listing", [self.address])
        [listing] = fragments.kept_or_made(self.request, [key], read_page)
        return listing.paginated()

    def full_rows(self, listed):
        """The frameworks ``listed``, with what their rows show: those the page
        read, and the others in one query. One gone since is shown as listed."""
        unread = [item.pk for item in listed if item.pk not in self.read]
        if unread:
            self.read.update(
                Framework.objects.select_related("category").in_bulk(unread)
            )
        rows = [self.read.get(item.pk, item) for item in listed]
        prefetch_related_objects(
            [row for row in rows if isinstance(row, Framework)], "package_facts"
        )
        return rows
