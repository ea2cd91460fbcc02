from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class CatalogAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the catalog's own site (``catalog.admin_site``)."""

    default = False  # CatalogConfig is this module's config for the catalog app
    default_site = "catalog.admin_site.CatalogAdminSite"


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"

    def ready(self):
        from simple_history.models import HistoricalChanges
        from simple_history.signals import pre_create_historical_record

        from . import figure_signals, latest_figures
        from .content_version import connect_signals
        from .revisions import attach_revision
        from .text import normalise_before_save

        pre_create_historical_record.connect(attach_revision)
        connect_signals()
        post_migrate.connect(latest_figures.ensure_ranking_indexes, sender=self)

        # Every catalog model, fields added later included; a historical record
        # copies values that were normalised already.
        for model in self.get_models():
            if not issubclass(model, HistoricalChanges):
                pre_save.connect(normalise_before_save, sender=model)

        # The latest figures stored on frameworks follow every change to a usage
        # figure (admin, API, loaddata's raw saves, revert) and to a source.
        usage_stat = self.get_model("UsageStat")
        post_save.connect(figure_signals.usage_saved, sender=usage_stat)
        post_delete.connect(figure_signals.usage_deleted, sender=usage_stat)
        post_save.connect(figure_signals.source_saved, sender=self.get_model("Source"))
        post_save.connect(
            figure_signals.framework_loaded, sender=self.get_model("Framework")
        )
