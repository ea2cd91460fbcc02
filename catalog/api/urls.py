from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views
from .docs import RedocView, SchemaView, SwaggerView, redoc_bundle

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.APIRootView
router.register("frameworks", views.FrameworkViewSet)
router.register("categories", views.CategoryViewSet)
router.register("use-cases", views.UseCaseViewSet)
router.register("features", views.FeatureViewSet)
router.register("sources", views.SourceViewSet)
router.register("usage", views.UsageStatViewSet)
router.register("advantages", views.AdvantageViewSet)
router.register("disadvantages", views.DisadvantageViewSet)
router.register("feature-supports", views.FeatureSupportViewSet)
router.register("relations", views.RelationViewSet)

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
