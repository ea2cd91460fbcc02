from django.contrib import admin
from django.urls import include, path

from frameworks_site.csp_reports import csp_report

handler500 = "frameworks_site.outages.server_error"

urlpatterns = [
    path("csp-report/", csp_report, name="csp-report"),
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    path("", include("catalog.urls")),
]
