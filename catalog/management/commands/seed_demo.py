from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from catalog import demo


class Command(BaseCommand):
    help = (
        "Grow the catalog with made-up published frameworks, for measuring "
        "pages at size (make bench). Refuses any database whose name does not "
        "start with fw_bench_ or test_ unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frameworks",
            type=int,
            required=True,
            help="How many demo frameworks to add.",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Seed of the random choices."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write into this database although it is not a bench or test one.",
        )

    def handle(self, *args, frameworks, seed, force, **options):
        if frameworks < 0:
            raise CommandError("--frameworks must be 0 or more.")
        if not force and not demo.is_throwaway_database():
            raise CommandError(
                f"Refusing to add demo data to {connection.settings_dict['NAME']}: "
                "its name does not start with fw_bench_ or test_. Demo frameworks "
                "are made up; use a throwaway database (make bench makes one), "
                "or --force if you really mean this one."
            )
        total = demo.seed(frameworks, seed)
        self.stdout.write(f"Added {frameworks} demo frameworks; {total} in all.")
