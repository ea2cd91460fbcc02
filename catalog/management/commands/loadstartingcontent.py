from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from catalog.models import Framework
from catalog.revisions import adopt_unrevisioned, revision

FIXTURE = settings.BASE_DIR / "fixtures" / "catalog.json"
# Recorded from the package index, so that the pages show facts without a fetch.
PACKAGE_FACTS_FIXTURE = settings.BASE_DIR / "fixtures" / "package_facts.json"
REASON = "Loaded the starting content"


class Command(BaseCommand):
    help = (
        "Load the starting catalog into an empty database. Does nothing when the "
        "catalog already has frameworks, so editors' changes are never overwritten."
    )

    def handle(self, *args, **options):
        if Framework.objects.exists():
            self.stdout.write("The catalog already has content; nothing loaded.")
            return
        with transaction.atomic(), revision(reason=REASON):
            history_before = Framework.history.aggregate(last=Max("history_id"))
            call_command("loaddata", FIXTURE, verbosity=0)
            call_command("loaddata", PACKAGE_FACTS_FIXTURE, verbosity=0)
            # Setting use cases while loading records each framework's first
            # version as a change; it is where the framework was created.
            Framework.history.filter(history_id__gt=history_before["last"] or 0).update(
                history_type="+"
            )
            # Give every other loaded object its first version in history too.
            call_command("populate_history", auto=True, stdout=StringIO())
            adopt_unrevisioned()
        count = Framework.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} frameworks."))
