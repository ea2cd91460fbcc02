from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Framework

FIXTURE = settings.BASE_DIR / "fixtures" / "catalog.json"


class Command(BaseCommand):
    help = (
        "Load the starting catalog into an empty database. Does nothing when the "
        "catalog already has frameworks, so editors' changes are never overwritten."
    )

    def handle(self, *args, **options):
        if Framework.objects.exists():
            self.stdout.write("The catalog already has content; nothing loaded.")
            return
        with transaction.atomic():
            call_command("loaddata", FIXTURE, verbosity=0)
            # Record the loaded rows as each object's first version in its history.
            # (Frameworks already have one, from their use cases being set; the
            # command's note that it skips them is not news to the reader.)
            call_command("populate_history", auto=True, stdout=StringIO())
        count = Framework.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} frameworks."))
