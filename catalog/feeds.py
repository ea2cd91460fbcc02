import datetime
import io
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from . import fragments
from .changes import describe, published_changes
from .models import Framework

# What an entry shows of a framework (the rest of its row is not read).
FEED_FIELDS = ["name", "slug", "summary", "created", "updated", "category__name"]


class BufferedAtom1Feed(Atom1Feed):
    """Atom, written to the response in one piece: Django's feed view writes
    each XML event to the response (some 650 writes for 20 entries)."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class RecentlyChangedFeed(Feed):
    """Atom feed of the published frameworks changed most recently."""

    feed_type = BufferedAtom1Feed
    title = "PyFrameworks: recently changed frameworks"
    subtitle = (
        "Python web frameworks and libraries whose catalog entry was added or "
        "updated most recently: usage shares, strengths, weaknesses and features."
    )
    author_name = "PyFrameworks editors"
    limit = 20

    def link(self):
        return reverse("catalog:framework-list")

    def feed_url(self):
        return reverse("catalog:feed")

    def items(self):
        return (
            Framework.objects.published()
            .select_related("category")
            .only(*FEED_FIELDS)
            .order_by("-updated", "name")[: self.limit]
        )

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        # Atom1Feed marks the summary as type="html"; escape the plain-text
        # summary so a reader shows it as typed, markup and all.
        return escape(item.summary)

    def item_categories(self, item):
        return [item.category.name]

    def item_pubdate(self, item):
        # Atom's <published> is when the entry first appeared; <updated> says
        # when it last changed.
        return item.created

    def item_updateddate(self, item):
        return item.updated


@dataclass(frozen=True)
class ChangeEntry:
    """What the changes feed says of one change, in plain values."""

    title: str
    description: str
    link: str
    author: str | None
    date: datetime.datetime

    @classmethod
    def of(cls, change):
        reason = change.revision.reason or "No reason given."
        # Unique per entry (Atom uses it as the id); /changes/ links to the page.
        anchor = f"change-{change.revision.pk}-{change.framework.pk}"
        return cls(
            title=f"{change.framework.name}: {change.headline}",
            description=escape(f"{reason} ({change.headline})"),
            link=f"{reverse('catalog:changes')}#{anchor}",
            author=change.editor,
            date=change.revision.created,
        )


class ChangesFeed(Feed):
    """Atom feed of the changes on /changes/: one entry per framework and change.

    Each entry is kept per content version (``fragments``): only changes not
    kept are described, which reads their history.
    """

    feed_type = BufferedAtom1Feed
    title = "PyFrameworks: changes to the catalog"
    subtitle = (
        "What editors changed in published catalog entries, and why, newest first."
    )
    author_name = "PyFrameworks editors"
    limit = 20

    def get_object(self, request, *args, **kwargs):
        # The feed is about the whole catalog: what ``items`` needs is the
        # request, whose content version keeps the entries.
        fragments.note_version(request)  # before the feed reads the catalog
        return request

    def link(self):
        return reverse("catalog:changes")

    def feed_url(self):
        return reverse("catalog:changes-feed")

    def items(self, request):
        links = published_changes()[: self.limit]
        return fragments.kept_each(
            request, "changes-feed", links, ChangeEntry.of, prepare=describe
        )

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.description

    def item_link(self, entry):
        return entry.link

    def item_author_name(self, entry):
        return entry.author or self.author_name

    def item_pubdate(self, entry):
        return entry.date

    def item_updateddate(self, entry):
        return entry.date
