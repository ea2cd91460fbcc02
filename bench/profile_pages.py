"""Profile each reader page rendered uncached, with production settings.

Run against a bench or development database that holds the catalog:

    DATABASE_URL=postgres://.../fw_bench_x .venv/bin/python bench/profile_pages.py [N]

Each page is fetched once to warm up, then N times (default 20) under cProfile
through Django's test client with DEBUG off and the page cache off. Prints the
mean milliseconds per page and the functions that take most of its time.
"""

import cProfile
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_ENV_FILE="",
    DJANGO_DEBUG="false",
    DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
    DJANGO_LOG_LEVEL="WARNING",
    PAGE_CACHE_SECONDS="0",
    API_ANON_RATE="",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frameworks_site.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from bench.run_bench import PAGES  # noqa: E402

TOP = 12


def profile(client, page, repeat):
    client.get(page)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        response = client.get(page)
    profiler.disable()
    milliseconds = (time.perf_counter() - started) * 1000 / repeat
    return response, milliseconds, profiler


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    only = sys.argv[2:] or PAGES
    client = Client()
    for page in only:
        response, milliseconds, profiler = profile(client, page, repeat)
        print(f"\n=== {page}: {response.status_code}, {milliseconds:.1f} ms a request")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"catalog|frameworks_site", TOP)
        stats.sort_stats("tottime").print_stats(TOP)


if __name__ == "__main__":
    main()
