from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

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
