from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.FrameworkListView.as_view(), name="framework-list"),
    path(
        "frameworks/<slug:slug>/",
        views.FrameworkDetailView.as_view(),
        name="framework-detail",
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
]
