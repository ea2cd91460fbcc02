import logging
import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Framework
from catalog.packageindex.client import IndexNotConfigured, PackageIndex
from catalog.packageindex.sync import sync_packages

AGE = re.compile(r"(\d{1,6})([smhd])")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def age(value):
    """'90s', '30m', '6h' or '2d' as a timedelta."""
    match = AGE.fullmatch(value.strip())
    if not match:
        raise ValueError(value)
    return timedelta(**{UNITS[match[2]]: int(match[1])})


age.__name__ = "age"  # argparse names the type in its error message


class Command(BaseCommand):
    help = (
        "Fetch each framework's package facts (versions, release dates, Python "
        "support, licence, links) from the package index at PACKAGE_INDEX_URL. "
        "Prints one line per framework; exits non-zero if any could not be "
        "refreshed (its last good facts are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", help="Frameworks to refresh (default: all)."
        )
        parser.add_argument(
            "--stale-after",
            type=age,
            metavar="AGE",
            help="Skip frameworks whose facts were fetched less than AGE ago, "
            "e.g. 30m, 12h or 2d.",
        )

    def handle(self, *args, slugs, stale_after, verbosity, **options):
        # httpx logs every request at INFO; show them only with -v 2.
        logging.getLogger("httpx").setLevel(
            logging.INFO if verbosity > 1 else logging.WARNING
        )
        try:
            index = PackageIndex.from_settings()
        except IndexNotConfigured as error:
            raise CommandError(str(error)) from None
        frameworks = Framework.objects.all()
        if slugs:
            frameworks = frameworks.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - {f.slug for f in frameworks})
            if unknown:
                raise CommandError(f"No framework with slug: {', '.join(unknown)}.")
        report = sync_packages(frameworks, index, stale_after=stale_after)
        for result in report.results:
            self.stdout.write(str(result))
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} framework(s) could not be refreshed; "
                "their last good facts are kept."
            )
