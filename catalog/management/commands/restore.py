from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from simple_history.models import HistoricalChanges

from catalog.backups import NotEmpty, restore


class Command(BaseCommand):
    help = (
        "Load a backup written by `manage.py backup` into this database, migrated "
        "to the same state. Refuses a database that already has content unless "
        "--replace is given, which deletes that content first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to load.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the content this database has before loading the backup.",
        )

    def handle(self, *args, file, replace, **options):
        try:
            counts = restore(file, replace=replace)
        except NotEmpty as error:
            (in_the_way,) = error.args
            examples = ", ".join(
                f"{count} {label}" for label, count in list(in_the_way.items())[:3]
            )
            raise CommandError(
                f"This database already has content ({examples}, ...). Restore "
                "into an empty database, or add --replace to delete it first."
            ) from None
        history = sum(
            count
            for label, count in counts.items()
            if issubclass(apps.get_model(label), HistoricalChanges)
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(counts.values())} rows, {history} of them history, "
                f"from {file}."
            )
        )
