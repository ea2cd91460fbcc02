from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views
from .docs import RedocView, redoc_bundle

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.APIRootView
router.register("frameworks", views.FrameworkViewSet)
router.register("categories", views.CategoryViewSet)
router.register("use-cases", views.UseCaseViewSet)
router.register("features", views.FeatureViewSet)
router.register("sources", views.SourceViewSet)
router.register("usage", views.UsageStatViewSet)

urlpatterns = [
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
    path("", include(router.urls)),
    # Last: addresses without a trailing slash still get CommonMiddleware's redirect.
    re_path(r"^[\s\S]*/$", views.NotFoundView.as_view()),
]
