from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Framework, UseCase


class FrameworkSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Framework.objects.published().order_by("name")

    def lastmod(self, framework):
        return framework.updated


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Category.objects.order_by("position", "name")


class UseCaseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

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
