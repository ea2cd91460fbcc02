from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import chart_views, preview_views, sitemaps, views
from .feeds import ChangesFeed, RecentlyChangedFeed
from .suggestions import SuggestView

app_name = "catalog"

urlpatterns = [
    path("", views.FrameworkListView.as_view(), name="framework-list"),
    path(
        "frameworks/<slug:slug>/",
        views.FrameworkDetailView.as_view(),
        name="framework-detail",
    ),
    path(
        "frameworks/<slug:slug>/related/",
        views.RelatedFrameworkListView.as_view(),
        name="framework-related",
    ),
    path(
        "frameworks/<slug:slug>/preview.png",
        preview_views.framework_preview,
        name="framework-preview",
    ),
    path(
        "frameworks/<slug:slug>/chart.svg",
        chart_views.framework_chart,
        name="framework-chart",
    ),
    path(
        "categories/<slug:slug>/",
        views.CategoryDetailView.as_view(),
        name="category-detail",
    ),
    path(
        "use-cases/<slug:slug>/",
        views.UseCaseDetailView.as_view(),
        name="use-case-detail",
    ),
    path("compare/", views.ComparePickerView.as_view(), name="compare-picker"),
    path("compare/<str:spec>/", views.CompareView.as_view(), name="compare"),
    path(
        "compare/<str:spec>/preview.png",
        preview_views.compare_preview,
        name="compare-preview",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("suggest/", SuggestView.as_view(), name="suggest"),
    path("choose/", views.ChooseView.as_view(), name="choose"),
    path("trends/", views.TrendsView.as_view(), name="trends"),
    path("trends/chart.svg", chart_views.trends_chart, name="trends-chart"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("feed/", RecentlyChangedFeed(), name="feed"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
]
