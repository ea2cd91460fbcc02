from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views
from .docs import RedocView, SchemaView, SwaggerView, redoc_bundle

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.APIRootView
router.register("frameworks", views.FrameworkViewSet, basename="framework")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("use-cases", views.UseCaseViewSet, basename="use-case")
router.register("features", views.FeatureViewSet, basename="feature")
router.register("sources", views.SourceViewSet, basename="source")
router.register("usage", views.UsageStatViewSet, basename="usage")
router.register("advantages", views.AdvantageViewSet, basename="advantage")
router.register("disadvantages", views.DisadvantageViewSet, basename="disadvantage")
router.register(
    "feature-supports", views.FeatureSupportViewSet, basename="feature-support"
)
router.register("relations", views.RelationViewSet, basename="relation")

urlpatterns = [
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
    path("", include(router.urls)),
    # Last: addresses without a trailing slash still get CommonMiddleware's redirect.
    re_path(r"^[\s\S]*/$", views.NotFoundView.as_view()),
]
