"""make bench: every reader page under gunicorn and wrk, in three modes, by size.

For each catalog size it grows a throwaway PostgreSQL database (fw_bench_<pid>,
dropped at the end) with ``manage.py seed_demo``, starts gunicorn with
production settings on a free loopback port, and runs wrk against the floor
(/robots.txt) and every page three times (``MODES``): cold (the page cache and
the kept parts of pages both off: every request renders everything), uncached
(the page cache off: every request a page-cache miss through the full stack,
with the parts of pages kept per content version, as on a miss in production)
and cached (the page cache on, warmed first). Redis db BENCH_REDIS_DB is the
cache when it answers; otherwise each worker's memory.

It prints one table and writes it into docs/performance.md between the bench
markers, with the machine and the versions. The floor in the ratio column is
/robots.txt with the page cache off at the same size.

Settings (environment): BENCH_SIZES="10 1000 10000" (a size below the starting
content's count measures the starting content), BENCH_PAGES (a space-separated
subset of the pages below, the floor always included), BENCH_SECONDS=5,
BENCH_CONNECTIONS=16, BENCH_WORKERS=2, BENCH_PG=postgres://postgres@127.0.0.1:5432,
BENCH_REDIS=redis://127.0.0.1:6379/11. Needs wrk (Debian: apt-get install wrk).
"""

import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10 1000 10000").split()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/11")

FLOOR = "/robots.txt"
ALL_PAGES = [
    FLOOR,
    "/",
    "/frameworks/django/",
    "/compare/django-vs-flask/",
    "/trends/",
    "/choose/",
    "/choose/?build=rest-apis&experience=expert",
    "/search/?q=web",
    "/categories/web-framework/",
    "/use-cases/rest-apis/",
    "/changes/",
    "/feed/",
    "/sitemap.xml",
    "/api/frameworks/",
    "/api/frameworks/django/",
]
CHOSEN_PAGES = [p for p in os.environ.get("BENCH_PAGES", "").split() if p != FLOOR]
PAGES = [FLOOR, *CHOSEN_PAGES] if CHOSEN_PAGES else ALL_PAGES


@dataclass
class Result:
    page: str
    size: int
    mode: str
    rate: float
    p50: str
    p99: str
    errors: int
    kilobytes: float


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_reachable():
    host, port = re.match(r"redis://([^:/]+):(\d+)", REDIS).groups()
    try:
        with socket.create_connection((host, int(port)), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def flush_redis_db():
    """Empty the bench's own Redis database number, and only that one."""
    host, port, db = re.match(r"redis://([^:/]+):(\d+)/(\d+)", REDIS).groups()
    with socket.create_connection((host, int(port)), timeout=2) as s:
        s.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        s.recv(64)


# mode: (page cache on, kept parts of pages on)
MODES = {"cold": (False, False), "uncached": (False, True), "cached": (True, True)}


def environment(database_url, cache_url, page_cache, fragments=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV_FILE="",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        API_ANON_RATE="",  # measure pages, not the throttle
        PAGE_CACHE_SECONDS="600" if page_cache else "0",
        FRAGMENT_CACHE_SECONDS="600" if fragments else "0",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    else:
        env.pop("CACHE_URL", None)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def framework_count(env):
    return int(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-v", "0", "-c", COUNT_FRAMEWORKS],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )


COUNT_FRAMEWORKS = (
    "from catalog.models import Framework; print(Framework.objects.count())"
)


def postgres(sql):
    subprocess.run(
        ["psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


class Gunicorn:
    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "frameworks_site.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get(FLOOR)
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 30 seconds")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        with urllib.request.urlopen(self.url(path), timeout=120) as response:
            return response.status, response.headers, response.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def run_wrk(url):
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--latency"]
        + ["--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    count = int(errors.group(1)) if errors else 0
    count += int(timeouts.group(1)) if timeouts else 0
    return rate, p50, p99, count


def measure(server, size, mode):
    results = []
    for page in PAGES:
        try:
            status, headers, body = server.get(page)  # warms the cache when on
            if mode == "cached":
                status, headers, body = server.get(page)
                if headers.get("X-Page-Cache") != "hit":
                    print(f"  note: {page} was not served from the cache", flush=True)
        except OSError as error:  # slower than the timeout, or refused
            print(f"  {page}: {error}", flush=True)
            results.append(Result(page, size, mode, 0.0, "-", "-", 1, 0.0))
            continue
        rate, p50, p99, errors = run_wrk(server.url(page))
        result = Result(page, size, mode, rate, p50, p99, errors, len(body) / 1024)
        print(
            f"  {mode:8} {size:>6} {page:50} {rate:9.1f}/s p50 {p50:>8} "
            f"p99 {p99:>8} {result.kilobytes:7.1f} KB",
            flush=True,
        )
        results.append(result)
    return results


def table(results):
    floors = {
        r.size: r.rate for r in results if r.page == FLOOR and r.mode == "uncached"
    }
    lines = [
        "| page | size | mode | req/s | p50 | p99 | × floor | KB | errors |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    modes = list(MODES)
    for r in sorted(
        results, key=lambda r: (PAGES.index(r.page), r.size, modes.index(r.mode))
    ):
        ratio = r.rate / floors[r.size] if floors.get(r.size) else float("nan")
        lines.append(
            f"| `{r.page}` | {r.size} | {r.mode} | {r.rate:.1f} | {r.p50} | {r.p99} "
            f"| {ratio:.2f} | {r.kilobytes:.1f} | {r.errors} |"
        )
    return "\n".join(lines)


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "not found"


def wrk_version():
    # wrk prints its version to stdout with a usage line, and exits 1.
    return command_output("wrk", "--version").splitlines()[0]


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
    import django

    return [
        f"- Machine: {os.cpu_count()} CPUs ({cpu}), {kilobytes / 1024**2:.1f} GiB RAM",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"{command_output(PYTHON, '-m', 'gunicorn', '--version')}",
        f"- {command_output('psql', '--version')} (server at {PG}); "
        f"{command_output('redis-server', '--version').split(' sha')[0]}",
        f"- {wrk_version()}",
    ]


def write_report(text):
    REPORT.parent.mkdir(exist_ok=True)
    current = (
        REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{START}\n{END}\n"
    )
    if START not in current:
        current += f"\n{START}\n{END}\n"
    before, rest = current.split(START, 1)
    after = rest.split(END, 1)[1]
    REPORT.write_text(f"{before}{START}\n{text}\n{END}{after}")


def report(results, cache_url):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    text = "\n".join(
        [
            f"Measured by `make bench` on {when}: gunicorn with {WORKERS} sync "
            f"workers, `DJANGO_DEBUG=false`, PostgreSQL, "
            f"{'Redis' if cache_url else 'per-worker memory'} as the cache; wrk with "
            f"{CONNECTIONS} connections for {SECONDS} s per row. *Cold*: the page "
            "cache and the kept parts of pages off, so every request renders "
            "everything; *uncached*: the page cache off, so every request renders "
            "its page, from the parts kept per content version (warmed by one "
            "request), as a page-cache miss does in production; *cached*: the page "
            "cache on and warmed. × floor: requests a second over those of "
            "`/robots.txt` uncached at the same size.",
            "",
            *machine(),
            f"- Load average when it ended (1/5/15 min): {load}; other work on the "
            "machine slows every row alike, so compare rows of one run.",
            "",
            table(results),
        ]
    )
    write_report(text)


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: on Debian or Ubuntu, sudo apt-get install wrk")
    database = f"fw_bench_{os.getpid()}"
    database_url = f"{PG}/{database}"
    cache_url = REDIS if redis_reachable() else ""
    print(f"Bench database {database}; cache {cache_url or 'per-worker memory'}")
    postgres(f"CREATE DATABASE {database}")
    results = []
    try:
        setup = environment(database_url, cache_url, page_cache=False)
        manage(setup, "collectstatic", "--noinput", "-v", "0")
        manage(setup, "migrate", "--noinput", "-v", "0")
        manage(setup, "loadstartingcontent")
        current = framework_count(setup)
        # Sizes at or below the starting content's count all measure that count.
        for wanted in sorted({max(size, current) for size in SIZES}):
            if wanted > current:
                manage(setup, "seed_demo", "--frameworks", str(wanted - current))
                current = wanted
            for mode, (page_cache, fragments) in MODES.items():
                if cache_url:
                    flush_redis_db()
                env = environment(database_url, cache_url, page_cache, fragments)
                server = Gunicorn(env)
                try:
                    results += measure(server, current, mode)
                finally:
                    server.stop()
            report(results, cache_url)  # each size as soon as it is measured
    finally:
        postgres(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        if cache_url:
            flush_redis_db()
    print()
    print(table(results))
    print(f"\nWritten to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
