import httpx
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.figure_signals import refreshes_deferred
from catalog.packageindex.client import PackageIndex
from tests.factories import EditorFactory, full_framework
from tests.recorded_index import INDEX_URL, RecordedIndex


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _page_caches_off(settings):
    """Tests measure pages as they are rendered; tests/test_page_cache.py and
    tests/test_fragments.py turn the caches on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """No test reaches a real package index."""

    def refuse(request):
        raise AssertionError(f"a test tried to reach {request.url}")

    monkeypatch.setattr(PackageIndex, "transport", httpx.MockTransport(refuse))


@pytest.fixture
def package_index(monkeypatch, settings):
    """The recorded index at PACKAGE_INDEX_URL; waits between retries are only
    recorded, in ``package_index.sleeps``."""
    index = RecordedIndex()
    index.sleeps = []

    async def sleep(seconds):
        index.sleeps.append(seconds)

    monkeypatch.setattr(PackageIndex, "transport", httpx.MockTransport(index.handler))
    monkeypatch.setattr(PackageIndex, "sleep", staticmethod(sleep))
    settings.PACKAGE_INDEX_URL = INDEX_URL
    return index


@pytest.fixture
def starting_content(db):
    """The catalog as `make run` loads it."""
    with refreshes_deferred():
        call_command("loaddata", "fixtures/catalog.json", verbosity=0)
        call_command("loaddata", "fixtures/package_facts.json", verbosity=0)


@pytest.fixture
def first_ten_entries(starting_content):
    """The starting content as the first ten entries were, for tests that pin
    API mechanics and recorded package facts on that data (filters, ordering,
    pages)."""
    from catalog.models import Category, Framework, UseCase
    from tests.expected import ADDED_IN_ISSUE_13

    Framework.objects.filter(slug__in=ADDED_IN_ISSUE_13).delete()
    Category.objects.filter(slug="server").delete()
    UseCase.objects.filter(slug="ml-demos").delete()


@pytest.fixture
def editor(db):
    return EditorFactory(username="editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def count_queries(fetch):
    """Run ``fetch`` and return how many SQL queries it made and its result."""
    with CaptureQueriesContext(connection) as queries:
        result = fetch()
    return len(queries), result


@pytest.fixture
def assert_constant_queries(db):
    """Assert ``fetch`` runs exactly ``queries`` SQL queries at two catalog sizes.

    ``make_framework`` builds one catalog entry (default: ``full_framework``).
    ``fetch`` runs once first to warm up (caches of content types, sessions),
    then once per size; its last response is returned with the count.
    """

    def check(fetch, queries, make_framework=full_framework, sizes=(2, 5)):
        counts, responses, built = [], [], 0
        for size in sizes:
            while built < size:
                make_framework()
                built += 1
            if not responses:
                fetch()
            count, response = count_queries(fetch)
            counts.append(count)
            responses.append(response)
        assert counts == [queries] * len(sizes), (
            f"expected {queries} queries at every size, ran {counts}"
        )
        return counts[-1], responses[-1]

    return check


# --- API ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _api_unthrottled(settings):
    """Tests send many anonymous requests and wrong tokens; the throttling tests
    set their own rates."""
    settings.API_ANON_RATE = None
    settings.API_TOKEN_FAILURE_RATE = None


@pytest.fixture
def empty_cache():
    """Throttles start counting afresh, and leave nothing for the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def reader_api_client(api_client, db):
    """Signed in (by session), but not an editor."""
    from tests.factories import UserFactory

    api_client.force_login(UserFactory(username="reader"))
    return api_client


@pytest.fixture
def editor_token(editor):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=editor).key


@pytest.fixture
def editor_api_client(api_client, editor_token):
    """An editor's script, authenticated by token."""
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    return api_client
