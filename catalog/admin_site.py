"""The editors' admin site: the catalog grouped in the order a reader meets it."""

from django.contrib import admin

# Groups of the admin index and sidebar, by model class name, in reading order:
# the frameworks first, then where their figures come from, then the words used
# to describe them. A catalog model not named here is listed after them.
GROUPS = (
    ("Frameworks and their figures", ("Framework", "UsageStat", "Source")),
    ("How frameworks are described", ("Category", "UseCase", "Feature")),
    ("Sent in by readers", ("FrameworkSuggestion",)),
)
OTHERS = "More of the catalog"


class CatalogAdminSite(admin.AdminSite):
    site_header = "Python frameworks catalog: editors"
    site_title = "Frameworks catalog admin"
    index_title = "Keep the catalog true"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        grouped = []
        for app in app_list:
            grouped += group_models(app) if app["app_label"] == "catalog" else [app]
        return grouped


def group_models(app):
    """The catalog app split into ``GROUPS``, each a copy of the app's entry."""
    by_name = {model["object_name"]: model for model in app["models"]}
    groups = []
    for title, names in GROUPS:
        models = [by_name.pop(name) for name in names if name in by_name]
        if models:
            groups.append({**app, "name": title, "models": models})
    if by_name:
        groups.append({**app, "name": OTHERS, "models": list(by_name.values())})
    return groups
