from django.core.management.base import BaseCommand

from catalog.backups import backed_up_models, backup


class Command(BaseCommand):
    help = (
        "Write everything a restore needs (the catalog and its history, editors, "
        "their groups and tokens) to FILE as portable JSON; FILE.gz or FILE.xz "
        "is compressed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup.")

    def handle(self, *args, file, **options):
        backup(file)
        count = len(backed_up_models())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote the rows of {count} models to {file}.")
        )
