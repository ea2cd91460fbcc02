"""Fetch projects from a Warehouse-style JSON API (``<index>/<name>/json``).

Politely: a few requests at a time, a timeout on each, bounded retries with
backoff on connection errors, timeouts, 429 and 5xx (honouring Retry-After), and
conditional requests, so that a project unchanged since its last ETag costs a 304
and no download.
"""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator

ATTEMPTS = 3
BACKOFF_SECONDS = 0.5  # before the second attempt; doubled for each one after
MAX_RETRY_AFTER_SECONDS = 30
TIMEOUT_SECONDS = 10
CONCURRENCY = 4
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_ETAG_LENGTH = 200  # PackageFacts.etag
USER_AGENT = "frameworks-catalog-syncpackages (+httpx)"

NOT_CONFIGURED = (
    "Set PACKAGE_INDEX_URL to the JSON API base of the Python Package Index or a "
    "compatible mirror (the address before /<project>/json); see README.md."
)


class IndexNotConfigured(ImproperlyConfigured):
    """PACKAGE_INDEX_URL is missing or is not a web address."""


class FetchError(Exception):
    """The index gave no usable answer; the message says what happened."""

    def __init__(self, message, *, downloaded=0):
        super().__init__(message)
        self.downloaded = downloaded  # bytes received on the way


@dataclass(frozen=True)
class Fetched:
    """An answer: the decoded JSON, or None when unchanged since ``etag``."""

    data: dict | list | None
    etag: str
    downloaded: int  # bytes of body received, over every attempt


class PackageIndex:
    """A Warehouse-style JSON API at ``base_url``."""

    # Tests set an httpx.MockTransport here (no test reaches the network) and
    # a sleep that only records how long it was asked to wait.
    transport = None
    sleep = staticmethod(asyncio.sleep)

    def __init__(self, base_url):
        try:
            URLValidator(schemes=["http", "https"])(base_url)
        except ValidationError:
            raise IndexNotConfigured(
                f"PACKAGE_INDEX_URL is not a web address: {base_url!r}. "
                + NOT_CONFIGURED
            ) from None
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_settings(cls):
        base_url = settings.PACKAGE_INDEX_URL
        if not base_url:
            raise IndexNotConfigured(NOT_CONFIGURED)
        return cls(base_url)

    def project_url(self, name):
        return f"{self.base_url}/{quote(name, safe='')}/json"

    def client(self):
        return httpx.AsyncClient(
            transport=self.transport,
            timeout=httpx.Timeout(TIMEOUT_SECONDS),
            follow_redirects=True,  # Warehouse redirects to the canonical name
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )

    async def fetch(self, client, name, etag=""):
        """Fetch one project; raise FetchError once the attempts are used up."""
        headers = {"If-None-Match": etag} if etag else {}
        downloaded = 0
        for attempt in range(1, ATTEMPTS + 1):
            response = None
            try:
                response = await client.get(self.project_url(name), headers=headers)
            except httpx.TimeoutException:
                problem = f"no answer within {TIMEOUT_SECONDS} s"
            except httpx.TransportError as error:
                problem = f"could not reach the index ({type(error).__name__})"
            else:
                downloaded += response.num_bytes_downloaded
                if response.status_code not in RETRY_STATUSES:
                    return read_answer(name, response, etag, downloaded)
                problem = f"the index answered {response.status_code}"
            if attempt == ATTEMPTS:
                raise FetchError(f"{problem}, {ATTEMPTS} times", downloaded=downloaded)
            await self.sleep(retry_delay(attempt, response))
        raise AssertionError("unreachable")  # pragma: no cover

    def fetch_one(self, name):
        """Fetch one project now, outside any event loop (e.g. in a view)."""

        async def fetch():
            async with self.client() as client:
                return await self.fetch(client, name)

        return run(fetch())

    async def fetch_many(self, requests, work):
        """Run ``work(client, name, etag)`` for each (name, etag), a few at a time.

        Returns each result, or the exception it raised, in the order asked.
        """
        limit = asyncio.Semaphore(CONCURRENCY)
        async with self.client() as client:

            async def run(name, etag):
                async with limit:
                    return await work(client, name, etag)

            return await asyncio.gather(
                *(run(name, etag) for name, etag in requests), return_exceptions=True
            )


def read_answer(name, response, etag, downloaded):
    status = response.status_code
    if status == httpx.codes.NOT_MODIFIED and etag:
        return Fetched(data=None, etag=etag, downloaded=downloaded)
    if status == httpx.codes.NOT_FOUND:
        raise FetchError(
            f"the index has no project {name!r} (404): was it renamed or removed? "
            "Check the framework's PyPI name",
            downloaded=downloaded,
        )
    if status != httpx.codes.OK:
        raise FetchError(f"the index answered {status}", downloaded=downloaded)
    try:
        data = json.loads(response.content)
    except ValueError:
        raise FetchError(
            "the answer is not valid JSON (cut short?)", downloaded=downloaded
        ) from None
    etag = response.headers.get("ETag", "")
    # An ETag too long to store would never match; do without one.
    etag = etag if len(etag) <= MAX_ETAG_LENGTH else ""
    return Fetched(data=data, etag=etag, downloaded=downloaded)


def retry_delay(attempt, response):
    """Seconds to wait after failed ``attempt``: Retry-After if the index sent
    one (capped), else exponential backoff."""
    backoff = BACKOFF_SECONDS * 2 ** (attempt - 1)
    if response is None:
        return backoff
    try:
        asked = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return backoff
    return min(max(asked, 0.0), MAX_RETRY_AFTER_SECONDS)


def run(coroutine):
    """Run ``coroutine`` to its end from synchronous code and return its result.

    ``asyncio.run`` refuses a thread whose event loop is running (a caller that
    is itself driven by one, as Playwright's sync API drives the browser
    tests); there the coroutine gets a thread and a loop of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
