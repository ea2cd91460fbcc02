"""A package index for tests, serving recorded answers through httpx.MockTransport.

It behaves as Warehouse does: ``/pypi/<name>/json`` for any spelling of a
project's name, an ETag on every answer and a 304 to a matching If-None-Match,
and a 404 for a project it does not hold. Tests can queue other answers (or
exceptions) ahead of the recording, change what a project answers, and read the
requests that were sent.
"""

import copy
import hashlib
import json
from collections import defaultdict
from pathlib import Path

import httpx
from packaging.utils import canonicalize_name

RECORDINGS = Path(__file__).resolve().parent / "recordings"
INDEX_URL = "https://index.example/pypi"
PATH_PREFIX = "/pypi/"


def project_name(request):
    return request.url.path.removeprefix(PATH_PREFIX).split("/")[0]


def recording(name):
    """A recorded answer (decoded), e.g. recording("django")."""
    return json.loads((RECORDINGS / f"{canonicalize_name(name)}.json").read_text())


class RecordedIndex:
    def __init__(self):
        self.bodies = {}
        self.queued = defaultdict(list)
        self.requests = []

    def serve(self, name, answer=None):
        """Answer ``name`` with ``answer`` (a dict, or raw bytes), by default its
        recording."""
        answer = recording(name) if answer is None else answer
        body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        self.bodies[canonicalize_name(name)] = body

    def queue(self, name, *answers):
        """Answer the next requests for ``name`` with these, in turn: each an
        httpx.Response, or an exception to raise."""
        self.queued[canonicalize_name(name)].extend(answers)

    def names_asked(self):
        return [
            request.url.path.removeprefix(PATH_PREFIX).split("/")[0]
            for request in self.requests
        ]

    def handler(self, request):
        self.requests.append(request)
        name = canonicalize_name(
            request.url.path.removeprefix(PATH_PREFIX).split("/")[0]
        )
        if self.queued[name]:
            answer = self.queued[name].pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        body = self.bodies.get(name)
        if body is None:
            return httpx.Response(404)
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        return httpx.Response(
            200,
            stream=WireStream(body),
            headers={"ETag": etag, "Content-Type": "application/json"},
        )


class WireStream(httpx.AsyncByteStream):
    """A body read as if from the network, so httpx counts its bytes."""

    def __init__(self, body):
        self.body = body

    async def __aiter__(self):
        yield self.body


def without_release(answer, version):
    """The answer as it was before ``version`` was uploaded."""
    earlier = copy.deepcopy(answer)
    del earlier["releases"][version]
    return earlier
