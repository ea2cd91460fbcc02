from django.core.management.base import BaseCommand

from catalog import starting_content


class Command(BaseCommand):
    help = (
        "Add the entries of the starting content that were never in this database "
        "(frameworks, categories, use cases, features and sources, by slug), with "
        "their rows. Entries that are here, or were deleted, are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            default=starting_content.FIXTURES,
            help="Fixture files to load (default: the project's starting content).",
        )

    def handle(self, *args, fixtures, **options):
        report = starting_content.load(fixtures)
        for line in report.lines():
            self.stdout.write(line)
        if not report.added:
            self.stdout.write(
                "Every starting entry has been loaded before; none added."
            )
