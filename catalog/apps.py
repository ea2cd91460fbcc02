from django.apps import AppConfig
from django.db.models.signals import pre_save


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"

    def ready(self):
        from simple_history.models import HistoricalChanges
        from simple_history.signals import pre_create_historical_record

        from .revisions import attach_revision
        from .text import normalise_before_save

        pre_create_historical_record.connect(attach_revision)

        # Every catalog model, fields added later included; a historical record
        # copies values that were normalised already.
        for model in self.get_models():
            if not issubclass(model, HistoricalChanges):
                pre_save.connect(normalise_before_save, sender=model)
