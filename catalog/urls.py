from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import ChangesFeed, RecentlyChangedFeed
from .sitemaps import SITEMAPS
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
    path("search/", views.SearchView.as_view(), name="search"),
    path("suggest/", SuggestView.as_view(), name="suggest"),
    path("choose/", views.ChooseView.as_view(), name="choose"),
    path("trends/", views.TrendsView.as_view(), name="trends"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("feed/", RecentlyChangedFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
]
