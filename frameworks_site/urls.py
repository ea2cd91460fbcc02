from django.contrib import admin
from django.urls import include, path

handler500 = "frameworks_site.outages.server_error"

admin.site.site_header = "Python frameworks catalog: editors"
admin.site.site_title = "Frameworks catalog admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    path("", include("catalog.urls")),
]
