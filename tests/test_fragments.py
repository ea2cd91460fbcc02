"""Parts of pages kept rendered per content version (catalog/fragments.py).

The content version moves on when a transaction commits, so the page tests
commit (``transaction=True``).
"""

import pickle
import pickletools
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from catalog import content_version, fragments, trends
from catalog.changes import published_changes
from catalog.listings import KeptListing, Listed
from catalog.models import Framework, UseCase
from catalog.revisions import revision
from tests.conftest import count_queries
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    FrameworkFactory,
    UsageStatFactory,
    full_framework,
)

CHANGE_ITEM = "includes/change_item.html"
FILTER_FORM = "includes/filter_form.html"
RANKING_ROW = "includes/ranking_row.html"


@pytest.fixture(autouse=True)
def fragments_on(settings, empty_cache):
    settings.FRAGMENT_CACHE_SECONDS = 600


def templates_of(response):
    return {template.name for template in response.templates}


def first_and_again(client, address):
    """The page rendered, then again from its kept parts with its query count."""
    first = client.get(address)
    queries, again = count_queries(lambda: client.get(address))
    return first, queries, again


def live_and_kept(client, settings, address):
    """The page rendered with nothing kept, and from its kept parts."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    live = client.get(address).content
    settings.FRAGMENT_CACHE_SECONDS = 600
    client.get(address)
    return live, client.get(address).content


class RecordingCache:
    """The cache, noting every value stored through ``set_many``."""

    def __init__(self, cache):
        self.cache, self.stored = cache, {}

    def __getattr__(self, name):
        return getattr(self.cache, name)

    def set_many(self, values, *args, **kwargs):
        self.stored.update(values)
        return self.cache.set_many(values, *args, **kwargs)


def pickled_globals(value):
    """The classes and functions pickling ``value`` names, as "module name"."""
    pickled = pickle.dumps(value, protocol=2)  # names each in a GLOBAL opcode
    return {arg for op, arg, _ in pickletools.genops(pickled) if op.name == "GLOBAL"}


def web_frameworks():
    """Alpha and Beta, two published web frameworks with every kind of row."""
    category = CategoryFactory(slug="web-framework")
    return [
        full_framework(slug=slug, name=slug.title(), category=category)
        for slug in ("alpha", "beta")
    ]


class WithWebFrameworks:
    """Tests that start from ``web_frameworks()``, as their ``catalog``."""

    @pytest.fixture(autouse=True)
    def catalog(self):
        return web_frameworks()


def new_request():
    request = SimpleNamespace()
    fragments.note_version(request)
    return request


def test_a_fragment_is_rendered_once_per_content_version():
    first, again = new_request(), new_request()

    assert fragments.cached(first, "part", [1], lambda: "rendered") == "rendered"
    assert fragments.cached(again, "part", [1], lambda: "again") == "rendered"
    assert fragments.cached(again, "part", [2], lambda: "other") == "other"


def test_a_fragment_rendered_before_a_change_is_not_used_after_it():
    # The request read the version, then the catalog changed before it rendered.
    before = new_request()
    content_version.bump()
    fragments.cached(before, "part", [], lambda: "read before the change")

    after = new_request()

    assert fragments.cached(after, "part", [], lambda: "fresh") == "fresh"


def test_without_a_content_version_fragments_are_rendered_live():
    request = new_request()
    request.content_version = None  # the cache could not be reached

    fragments.cached(request, "part", [], lambda: "first")

    assert fragments.cached(request, "part", [], lambda: "live") == "live"


def test_an_object_its_prepare_finds_gone_is_made_as_nothing():
    objects = [SimpleNamespace(pk=1), SimpleNamespace(pk=2)]

    made = fragments.cached_each(
        new_request(), "part", objects, lambda item: item, prepare=lambda _: ["a", None]
    )

    assert made == ["a", ""]


@pytest.mark.django_db
def test_a_kept_page_reads_its_rows_and_finds_those_gone_since():
    alpha = FrameworkFactory()
    listing = KeptListing(new_request(), ["/"])
    listing.queryset = Framework.objects.all()

    rows = listing.prepared(lambda rows: rows, [Listed(alpha.pk), Listed(alpha.pk + 1)])

    assert rows == [alpha, None]


@pytest.mark.django_db(transaction=True)
class TestTheCatalogFilterForm:
    @pytest.fixture(autouse=True)
    def catalog(self):
        full_framework(slug="alpha", name="Alpha")

    def test_is_rendered_once_for_every_page_of_a_listing(self, client):
        first = client.get("/")
        queries, again = count_queries(lambda: client.get("/?page=1"))

        assert FILTER_FORM in templates_of(first)
        assert FILTER_FORM not in templates_of(again)
        assert RANKING_ROW not in templates_of(again)
        assert again.content == first.content
        # The count and the page of rows; the dropdowns' options were not read.
        assert queries == 2

    def test_shows_a_change_to_the_catalog_on_the_next_request(self, client):
        client.get("/")

        CategoryFactory(name="Task queues", slug="task-queues")

        assert "Task queues" in client.get("/").text

    def test_is_told_apart_by_the_address_and_its_query(self, client):
        plain = client.get("/")
        sorted_ = client.get("/?learning_curve=gentle")
        invalid = client.get("/?min_share=lots")

        assert 'value="gentle" selected' in sorted_.text
        assert 'value="gentle" selected' not in plain.text
        assert invalid.status_code == 400
        assert FILTER_FORM in templates_of(invalid)
        assert "Some filters could not be used" in invalid.text


@pytest.mark.django_db(transaction=True)
class TestAPageOfAListing(WithWebFrameworks):
    @pytest.mark.parametrize(
        ("address", "expected"),
        [
            ("/", 0),
            ("/?ordering=name&page=1", 0),
            ("/categories/web-framework/", 0),  # the category it narrows to too
        ],
    )
    def test_is_read_once(self, client, address, expected):
        first, queries, again = first_and_again(client, address)

        assert again.content == first.content
        assert queries == expected

    def test_shows_a_new_framework_on_the_next_request(self, client, catalog):
        client.get("/")

        full_framework(slug="gamma", name="Gamma", category=catalog[0].category)

        again = client.get("/")
        assert 'href="/frameworks/gamma/"' in again.text
        assert "3 frameworks" in again.text

    def test_shows_a_renamed_category_on_the_next_request(self, client, catalog):
        client.get("/categories/web-framework/")

        category = catalog[0].category
        category.name = "Web frameworks, renamed"
        category.save()

        page = client.get("/categories/web-framework/").text
        assert "<h1>Web frameworks, renamed</h1>" in page

    def test_reads_in_full_only_the_rows_not_kept(self, client, catalog):
        first = client.get("/")
        fragments.cache.delete(fragments.fragment_key(RANKING_ROW, [catalog[0].pk]))

        queries, again = count_queries(lambda: client.get("/"))

        assert again.content == first.content
        assert queries == 2  # alpha's row, then its package facts


@pytest.mark.django_db(transaction=True)
class TestTheRankingRows(WithWebFrameworks):
    def test_are_rendered_once_for_every_listing_that_shows_them(self, client):
        client.get("/")

        again = client.get("/categories/web-framework/")

        assert RANKING_ROW not in templates_of(again)
        assert 'href="/frameworks/alpha/"' in again.text
        assert 'href="/frameworks/beta/"' in again.text

    def test_show_a_change_to_a_framework_on_the_next_request(self, client, catalog):
        client.get("/")

        alpha = catalog[0]
        alpha.summary = "A summary written since."
        alpha.save()

        assert "A summary written since." in client.get("/").text

    def test_are_the_html_the_page_rendered_before(self, client, settings):
        live, kept = live_and_kept(client, settings, "/")

        assert kept == live


@pytest.mark.django_db(transaction=True)
class TestAFrameworksArticle:
    @pytest.fixture(autouse=True)
    def alpha(self):
        return full_framework(slug="alpha", name="Alpha")

    def test_is_rendered_once_and_its_rows_not_read_again(self, client):
        first, queries, again = first_and_again(client, "/frameworks/alpha/")

        assert again.content == first.content
        assert "includes/points.html" not in templates_of(again)
        assert queries == 1  # the framework's row, with its category

    def test_shows_a_change_to_one_of_its_rows_on_the_next_request(self, client, alpha):
        client.get("/frameworks/alpha/")

        AdvantageFactory(framework=alpha, title="Written since the last visit")

        assert "Written since the last visit" in client.get("/frameworks/alpha/").text

    def test_is_the_html_the_page_rendered_before(self, client, settings):
        live, kept = live_and_kept(client, settings, "/frameworks/alpha/")

        assert kept == live


@pytest.mark.django_db(transaction=True)
class TestTheListOfChanges:
    @pytest.fixture(autouse=True)
    def alpha(self):
        return full_framework(slug="alpha", name="Alpha")

    def test_describes_each_change_once(self, client):
        first, queries, again = first_and_again(client, "/changes/")

        assert again.content == first.content
        assert queries == 0  # the page of changes is kept, and each change

    def test_feed_describes_each_change_once(self, client, alpha):
        first, queries, again = first_and_again(client, "/changes/feed/")

        assert again.content == first.content
        assert queries == 1  # which changes; each entry is kept

        with revision(reason="Checked against the survey"):
            AdvantageFactory(framework=alpha, title="Checked strength")

        assert "Checked against the survey" in client.get("/changes/feed/").text

    def test_reads_only_the_changes_not_kept(self, client):
        first = client.get("/changes/")
        newest = published_changes().first()
        fragments.cache.delete(fragments.fragment_key(CHANGE_ITEM, [newest.pk]))

        queries, again = count_queries(lambda: client.get("/changes/"))

        assert again.content == first.content
        assert queries == 8  # the change, its history (``describe``: 7)

    def test_shows_a_new_change_on_the_next_request(self, client, alpha):
        client.get("/changes/")

        with revision(reason="Checked against the survey"):
            AdvantageFactory(framework=alpha, title="Checked strength")

        page = client.get("/changes/").text
        assert "Checked against the survey" in page
        assert "Checked strength" in page

    def test_a_kept_change_shows_what_changed_since_on_the_next_request(
        self, client, alpha
    ):
        kept = client.get("/changes/").text
        assert ">Alpha</a>" in kept

        Framework.objects.filter(pk=alpha.pk).update(name="Omega")
        content_version.content_changed()  # as code that writes with update() does

        page = client.get("/changes/").text
        assert ">Alpha</a>" not in page
        assert ">Omega</a>" in page


@pytest.mark.django_db(transaction=True)
class TestTheTrendsPage:
    @pytest.fixture(autouse=True)
    def catalog(self):
        return [
            full_framework(slug=slug, name=slug.title()) for slug in ("alpha", "beta")
        ]

    def test_runs_no_query_when_its_parts_are_kept(self, client):
        first, queries, again = first_and_again(client, "/trends/")

        assert again.content == first.content
        assert queries == 0

    def test_shows_a_new_figure_on_the_next_request(self, client, catalog):
        client.get("/trends/")

        UsageStatFactory(framework=catalog[0], year=2031, share=47)

        page = client.get("/trends/").text
        assert ">2031<" in page
        assert "47%" in page


@pytest.mark.django_db(transaction=True)
class TestAComparison:
    @pytest.fixture(autouse=True)
    def catalog(self):
        category = CategoryFactory(slug="web-framework")
        return [
            full_framework(slug=slug, name=slug.title(), category=category)
            for slug in ("alpha", "beta", "gamma")
        ]

    def test_is_rendered_once_and_its_rows_not_read_again(self, client):
        first, queries, again = first_and_again(client, "/compare/alpha-vs-beta/")

        assert again.content == first.content
        # The compared frameworks; not what they are compared on, nor the add
        # list, which is kept with the comparison.
        assert queries == 1

    def test_shows_a_change_to_a_compared_framework_on_the_next_request(
        self, client, catalog
    ):
        client.get("/compare/alpha-vs-beta/")

        AdvantageFactory(framework=catalog[1], title="Compared since")

        assert "Compared since" in client.get("/compare/alpha-vs-beta/").text

    def test_only_the_differences_are_kept_apart(self, client):
        every = client.get("/compare/alpha-vs-beta/").text
        differences = client.get("/compare/alpha-vs-beta/?only=differences").text

        assert "Show all features" not in every
        assert "Show all features" in differences


@pytest.mark.django_db(transaction=True)
class TestTheGuidesResults:
    ADDRESS = "/choose/?build=rest-apis&experience=expert"

    @pytest.fixture(autouse=True)
    def catalog(self):
        frameworks = web_frameworks()
        UseCase.objects.get(slug="rest-apis").kinds.set([frameworks[0].category])
        return frameworks

    def test_are_ranked_and_explained_once(self, client):
        first, queries, again = first_and_again(client, self.ADDRESS)

        assert 'class="choose-list"' in first.text
        assert again.content == first.content
        assert queries == 0  # the form's options are kept too

    def test_offer_a_use_case_added_on_the_next_request(self, client):
        client.get("/choose/")

        UseCase.objects.create(slug="task-queues", name="Task queues")

        assert 'value="task-queues"' in client.get("/choose/").text
        assert 'value="task-queues"' in client.get(self.ADDRESS).text

    def test_show_a_change_to_a_ranked_tool_on_the_next_request(self, client, catalog):
        client.get(self.ADDRESS)

        catalog[1].name = "Beta Prime"
        catalog[1].save()

        assert "Beta Prime" in client.get(self.ADDRESS).text


@pytest.mark.django_db(transaction=True)
class TestASearch:
    ADDRESS = "/search/?q=gizmo"

    @pytest.fixture(autouse=True)
    def catalog(self):
        return [FrameworkFactory(name=f"Gizmo {number}") for number in range(3)]

    def test_is_run_once(self, client):
        first, queries, again = first_and_again(client, self.ADDRESS)

        assert again.content == first.content
        assert queries == 0

    def test_shows_a_change_on_the_next_request(self, client, catalog):
        client.get(self.ADDRESS)

        catalog[1].name = "Gizmo Prime"
        catalog[1].save()

        assert "Gizmo Prime" in client.get(self.ADDRESS).text

    def test_is_the_html_the_page_rendered_before(self, client, settings):
        live, kept = live_and_kept(client, settings, self.ADDRESS)

        assert kept == live


@pytest.mark.django_db(transaction=True)
class TestTheApisFrameworks:
    @pytest.fixture(autouse=True)
    def catalog(self):
        return [
            full_framework(slug=slug, name=slug.title()) for slug in ("alpha", "beta")
        ]

    @pytest.mark.parametrize(
        ("address", "expected"),
        [
            ("/api/frameworks/", 0),  # its page and rows are kept
            ("/api/frameworks/?ordering=name&page_size=1", 0),
            ("/api/frameworks/alpha/", 1),  # its row
        ],
    )
    def test_are_serialized_once(self, client, address, expected):
        first, queries, again = first_and_again(client, address)

        assert again.json() == first.json()
        assert queries == expected

    def test_show_a_change_on_the_next_request(self, client, catalog):
        client.get("/api/frameworks/")
        client.get("/api/frameworks/alpha/")

        AdvantageFactory(framework=catalog[0], title="Seen by programs too")
        catalog[0].summary = "Summarised again."
        catalog[0].save()

        rows = client.get("/api/frameworks/").json()["results"]
        assert {row["slug"]: row["summary"] for row in rows}["alpha"] == (
            "Summarised again."
        )
        detail = client.get("/api/frameworks/alpha/").json()
        assert detail["summary"] == "Summarised again."
        assert "Seen by programs too" in [
            point["title"] for point in detail["advantages"]
        ]

    def test_are_kept_as_plain_data_without_the_objects_they_link_to(
        self, client, monkeypatch
    ):
        recording = RecordingCache(fragments.cache)
        monkeypatch.setattr(fragments, "cache", recording)

        client.get("/api/frameworks/")
        client.get("/api/frameworks/alpha/")

        kept = [value for key, value in recording.stored.items() if ":api:" in key]
        assert len(kept) == 3  # two rows and a detail
        named = pickled_globals(kept)
        assert not {name for name in named if name.startswith(("django.db", "catalog"))}

    def test_links_follow_the_address_asked(self, client):
        client.get("/api/frameworks/alpha/")

        other_host = client.get("/api/frameworks/alpha/", HTTP_HOST="localhost")

        assert other_host.json()["url"].startswith("http://localhost/")

    def test_links_follow_a_format_suffix_only_where_it_was_asked(self, client):
        with_suffix = client.get("/api/frameworks/alpha.json").json()
        plain = client.get("/api/frameworks/alpha/").json()

        assert with_suffix["url"].endswith("/api/frameworks/alpha.json")
        assert plain["url"].endswith("/api/frameworks/alpha/")

    def test_the_browsable_detail_lets_an_editor_edit_what_is_there(
        self, client, editor, catalog
    ):
        client.force_login(editor)
        client.get("/api/frameworks/alpha/?format=api")

        again = client.get("/api/frameworks/alpha/?format=api")

        assert catalog[0].summary in str(again.context["raw_data_put_form"])


@pytest.mark.django_db(transaction=True)
def test_a_draft_kept_for_an_editor_is_not_shown_to_readers(client, editor):
    full_framework(slug="draft", name="Draft", status=Framework.Status.DRAFT)
    client.force_login(editor)
    assert client.get("/frameworks/draft/").status_code == 200
    assert client.get("/api/frameworks/draft/").status_code == 200
    client.logout()

    assert client.get("/frameworks/draft/").status_code == 404
    assert client.get("/api/frameworks/draft/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_trends_tables_links_keep_only_their_own_query(client, monkeypatch):
    monkeypatch.setattr(trends, "TABLE_PAGE_SIZE", 1)
    for slug in ("alpha", "beta"):
        full_framework(slug=slug, name=slug.title())
    client.get("/trends/?utm_source=elsewhere")

    page = client.get("/trends/").text

    assert "utm_source" not in page


@pytest.mark.django_db(transaction=True)
def test_while_the_cache_is_down_the_version_is_asked_for_once(
    client, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    asked = []

    def unreachable(*keys):
        asked.append(keys)
        return None, {}

    monkeypatch.setattr(content_version, "read", unreachable)
    full_framework(slug="alpha", name="Alpha")

    assert client.get("/").status_code == 200
    assert len(asked) == 1


def test_the_blank_guide_runs_no_query_once_its_options_are_kept(client, db):
    first, queries, again = first_and_again(client, "/choose/")

    assert again.content == first.content
    assert queries == 0


@pytest.mark.django_db(transaction=True)
class TestTheSitemapIndex(WithWebFrameworks):
    """It counts and dates every section: kept, it reads none of them again."""

    def test_runs_no_query_when_kept(self, client):
        first, queries, again = first_and_again(client, "/sitemap.xml")

        assert queries == 0
        assert again.content == first.content
        assert again.headers == first.headers

    def test_dates_a_change_on_the_next_request(self, client, catalog):
        client.get("/sitemap.xml")
        Framework.objects.filter(slug="alpha").update(updated=UPDATED)
        content_version.content_changed()

        page = client.get("/sitemap.xml").text
        assert "<lastmod>2031-01-02T00:00:00+00:00</lastmod>" in page


UPDATED = datetime(2031, 1, 2, tzinfo=UTC)
