from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .changes import describe, published_changes
from .models import Framework


class RecentlyChangedFeed(Feed):
    """Atom feed of the published frameworks changed most recently."""

    feed_type = Atom1Feed
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


class ChangesFeed(Feed):
    """Atom feed of the changes on /changes/: one entry per framework and change."""

    feed_type = Atom1Feed
    title = "PyFrameworks: changes to the catalog"
    subtitle = (
        "What editors changed in published catalog entries, and why, newest first."
    )
    author_name = "PyFrameworks editors"
    limit = 20

    def link(self):
        return reverse("catalog:changes")

    def feed_url(self):
        return reverse("catalog:changes-feed")

    def items(self):
        return describe(published_changes()[: self.limit])

    def item_title(self, item):
        return f"{item.framework.name}: {item.headline}"

    def item_description(self, item):
        reason = item.revision.reason or "No reason given."
        return escape(f"{reason} ({item.headline})")

    def item_link(self, item):
        # Unique per entry (Atom uses it as the id); /changes/ links to the page.
        anchor = f"change-{item.revision.pk}-{item.framework.pk}"
        return f"{reverse('catalog:changes')}#{anchor}"

    def item_author_name(self, item):
        return item.editor or self.author_name

    def item_pubdate(self, item):
        return item.revision.created

    def item_updateddate(self, item):
        return item.revision.created
