"""Processes tests start for themselves: manage.py, Redis and PostgreSQL servers.

Servers run on a free port in a temporary directory, never touching the shared
ones, and are stopped by process id. Outside CI a missing binary skips the test;
under CI=true it fails.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import pytest
from django.conf import settings

STARTUP_SECONDS = 30


def run_django(*args, **env):
    """Run manage.py in a fresh interpreter with only the given DJANGO_ settings."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DJANGO_ENV_FILE"] = ""  # ignore a developer's .env
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"cannot run under CI: {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {STARTUP_SECONDS}s")


def stop(process):
    """Kill the server by its process id and reap it."""
    if process.poll() is None:
        process.kill()
        process.wait(timeout=STARTUP_SECONDS)


class RedisServer:
    def __init__(self, binary):
        self.binary = binary
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process)

    def stop(self):
        stop(self.process)


@contextmanager
def redis_server():
    binary = shutil.which("redis-server")
    if not binary:
        unavailable("no redis-server on PATH (apt-get install redis-server)")
    server = RedisServer(binary)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def as_postgres_user(command):
    """PostgreSQL refuses to run as root; drop to the postgres user if we are."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"] + (
        command
    )


@contextmanager
def postgres_server():
    """A throwaway PostgreSQL cluster; yields its DATABASE_URL."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        unavailable("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    bin_dir = os.path.dirname(found[-1])
    home = tempfile.mkdtemp(prefix="pg-test-")
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, port = os.path.join(home, "data"), free_port()
    try:
        subprocess.run(
            as_postgres_user(
                [f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "-A", "trust"]
                + ["--no-sync", "-E", "UTF8", "--locale=C"]
            ),
            check=True,
            capture_output=True,
        )
        process = subprocess.Popen(
            as_postgres_user(
                [f"{bin_dir}/postgres", "-D", data, "-p", str(port), "-k", home]
                + ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, process)
            ready = [f"{bin_dir}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)]
            deadline = time.monotonic() + STARTUP_SECONDS
            while subprocess.run(ready).returncode and time.monotonic() < deadline:
                time.sleep(0.05)
            yield f"postgres://postgres@127.0.0.1:{port}/postgres"
        finally:
            stop(process)
    finally:
        shutil.rmtree(home, ignore_errors=True)
