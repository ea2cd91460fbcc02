"""The sitemap: an index (``/sitemap.xml``) of one sitemap per section, each
in pages of at most SITEMAP_PAGE_SIZE addresses, so no response grows with
the catalog. The index counts and dates every section, which reads the whole
catalog, so it is kept per content version (``index``)."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse

from . import fragments
from .models import Category, Framework, UseCase

SITEMAP_PAGE_SIZE = 500


class FrameworkSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Framework.objects.published().order_by("name", "pk")

    def lastmod(self, framework):
        return framework.updated

    def get_latest_lastmod(self):
        """For the index: one aggregate, not every framework's lastmod()."""
        return Framework.objects.published().aggregate(latest=Max("updated"))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Category.objects.order_by("position", "name")


class UseCaseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return UseCase.objects.order_by("position", "name")


class StaticViewSitemap(Sitemap):
    """Pages without a model: the catalog, trends, the guide, the compare picker."""

    changefreq = "daily"
    priority = 0.6
    url_names = [
        "catalog:framework-list",
        "catalog:trends",
        "catalog:choose",
        "catalog:compare-picker",
    ]

    def items(self):
        return self.url_names

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticViewSitemap,
    "frameworks": FrameworkSitemap,
    "categories": CategorySitemap,
    "use-cases": UseCaseSitemap,
}


def index(request):
    """Django's sitemap index, kept per content version and address."""
    fragments.note_version(request)

    def render():
        response = sitemap_views.index(
            request, SITEMAPS, sitemap_url_name="catalog:sitemap-section"
        )
        return response.render().content, list(response.items())

    address = request.build_absolute_uri()
    content, headers = fragments.kept(request, "sitemap-index", render, [address])
    return HttpResponse(content, headers=dict(headers))
