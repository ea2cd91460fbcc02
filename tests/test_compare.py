from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from catalog.compare import ComparisonError, build_comparison, check_slugs
from catalog.models import FeatureSupport, Framework, Relation
from tests.factories import (
    AdvantageFactory,
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    UsageStatFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

PICKER = reverse("catalog:compare-picker")


BUILT_IN = FeatureSupport.Level.BUILT_IN
PACKAGE = FeatureSupport.Level.PACKAGE
NONE = FeatureSupport.Level.NONE


def compare_url(part):
    return reverse("catalog:compare", args=[part])


def section(page, heading_id):
    """The HTML from a heading to the end of its section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_two_frameworks_are_shown_side_by_side(client):
    for slug, share in (("django", 35), ("flask", 34)):
        framework = FrameworkFactory(slug=slug)
        AdvantageFactory(framework=framework, title=f"{slug} does well")
        DisadvantageFactory(
            framework=framework, title=f"{slug} does less well", detail="Use `x`."
        )
        UsageStatFactory(framework=framework, share=share)

    response = client.get(compare_url("django-vs-flask"))

    assert response.status_code == HTTPStatus.OK
    comparison = response.context["comparison"]
    assert comparison.slugs == ["django", "flask"]
    page = response.text
    assert "django does well." in page
    assert "flask does well." in page
    assert "flask does less well.</strong> Use <code>x</code>." in page
    assert "35%" in page and "34%" in page


def test_four_frameworks_are_shown_side_by_side(client):
    for slug in ("django", "fastapi", "flask", "starlette"):
        full_framework(slug=slug)
    part = "django-vs-fastapi-vs-flask-vs-starlette"
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["comparison"].frameworks) == 4


def test_feature_rows_where_frameworks_differ_are_highlighted(client):
    web = CategoryFactory(slug="web-framework", name="Web framework")
    admin = FeatureFactory(slug="admin-panel", name="Admin panel")
    native_async = FeatureFactory(slug="native-async", name="Native async")
    for slug, admin_level in (("django", BUILT_IN), ("fastapi", PACKAGE)):
        framework = FrameworkFactory(slug=slug, category=web)
        FeatureSupportFactory(framework=framework, feature=admin, level=admin_level)
        FeatureSupportFactory(framework=framework, feature=native_async)

    response = client.get(compare_url("django-vs-fastapi"))

    rows = {
        row.feature.slug: row for row in response.context["comparison"].feature_rows
    }
    assert rows["admin-panel"].differs
    assert not rows["native-async"].differs
    assert 'class="differs"' in response.text


@pytest.fixture
def web_and_client():
    """A web framework and an HTTP client, with features of each kind and both."""
    web = CategoryFactory(
        slug="web-framework",
        name="Web framework",
        position=1,
        works_with="The application itself; it calls other services through a client.",
    )
    client_kind = CategoryFactory(
        slug="http-client",
        name="HTTP client",
        position=3,
        works_with="Called from your code, a web framework's views included.",
    )
    orm = FeatureFactory(slug="orm", name="ORM", position=1, kinds=[web])
    native_async = FeatureFactory(slug="native-async", name="Native async", position=2)
    retries = FeatureFactory(
        slug="retries", name="Retries", position=3, kinds=[client_kind]
    )
    webby = FrameworkFactory(slug="webby", name="Webby", category=web)
    clienty = FrameworkFactory(slug="clienty", name="Clienty", category=client_kind)
    FeatureSupportFactory(framework=webby, feature=orm, note="with migrations")
    FeatureSupportFactory(framework=webby, feature=native_async, note="async views")
    FeatureSupportFactory(framework=clienty, feature=native_async, level=NONE)
    FeatureSupportFactory(framework=clienty, feature=retries, note="urllib3's Retry")
    return web, client_kind


def test_different_kinds_are_named_first_with_how_they_work_together(
    client, web_and_client
):
    response = client.get(compare_url("clienty-vs-webby"))

    assert response.context["comparison"].kinds_differ
    intro = section(response.text, "compare-kinds-title")
    assert "Webby is a web framework and Clienty is an HTTP client." in intro
    assert "not alternatives" in intro
    assert "it calls other services through a client." in intro
    assert "a web framework&#x27;s views included." in intro
    assert intro.index("compare-kinds-title") < response.text.index("feature-matrix")


def test_cross_kind_matrix_shows_shared_features_then_each_kinds_own(
    client, web_and_client
):
    response = client.get(compare_url("clienty-vs-webby"))

    sections = response.context["comparison"].sections
    assert [
        (s.kind.slug if s.kind else None, [row.feature.slug for row in s.rows])
        for s in sections
    ] == [
        (None, ["native-async"]),
        ("web-framework", ["orm"]),
        ("http-client", ["retries"]),
    ]
    matrix = section(response.text, "feature-matrix")
    assert "Features of both" in matrix
    assert "Web framework features" in matrix
    assert "HTTP client features" in matrix
    assert "Does not apply to Clienty" in matrix
    assert "Does not apply to Webby" in matrix
    orm = sections[1].rows[0]
    assert not orm.differs  # the client's "does not apply" is not a difference


def test_same_kind_comparison_has_no_kind_note_and_no_other_kinds_rows(
    client, web_and_client
):
    web, _client_kind = web_and_client
    FrameworkFactory(slug="other", category=web)

    response = client.get(compare_url("other-vs-webby"))

    comparison = response.context["comparison"]
    assert not comparison.kinds_differ
    assert "compare-kinds-title" not in response.text
    assert [row.feature.slug for row in comparison.feature_rows] == [
        "orm",
        "native-async",
    ]


def test_a_framework_shows_the_features_it_inherits_from_its_base(client):
    orm = FeatureFactory(slug="orm", name="ORM")
    base = FrameworkFactory(slug="base", name="Base")
    addon = FrameworkFactory(slug="addon", name="Add-on")
    FeatureSupportFactory(framework=base, feature=orm, note="with migrations")
    RelationFactory(from_framework=addon, to_framework=base, kind=Relation.Kind.EXTENDS)

    response = client.get(compare_url("addon-vs-base"))

    [row] = response.context["comparison"].feature_rows
    assert [entry.cell.inherited_from for entry in row.entries] == [base, None]
    matrix = section(response.text, "feature-matrix")
    assert 'From <a href="/frameworks/base/">Base</a>:' in matrix
    assert "Add-on extends Base" in response.text


def test_other_orders_redirect_permanently_to_the_canonical_url(client):
    FrameworkFactory(slug="flask")
    FrameworkFactory(slug="django")
    response = client.get(compare_url("flask-vs-django"))
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_redirects_a_picked_set_to_its_canonical_page(client):
    response = client.get(PICKER, {"frameworks": ["flask", "django"]})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == compare_url("django-vs-flask")


def test_picker_lists_published_frameworks_only(client):
    FrameworkFactory(name="Shown")
    FrameworkFactory(name="Hidden", status=Framework.Status.DRAFT)
    page = client.get(PICKER).text
    assert "Shown" in page and "Hidden" not in page


@pytest.mark.parametrize(
    ("part", "message"),
    [
        ("django", "at least 2"),
        ("a-vs-b-vs-c-vs-d-vs-e", "at most 4"),
        ("django-vs-django", "repeated: django"),
        ("django\x00-vs-flask", "not one"),
    ],
)
def test_bad_comparisons_answer_400_with_a_message(client, part, message):
    response = client.get(compare_url(part))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text


@pytest.mark.parametrize(
    "frameworks", [["flask"], ["a", "b", "c", "d", "e"], ["x", "x"], [""], ["%00"]]
)
def test_bad_picks_answer_400_with_a_message(client, frameworks):
    response = client.get(PICKER, {"frameworks": frameworks})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text


def test_unknown_slug_is_not_found_with_a_message(client):
    FrameworkFactory(slug="django")
    response = client.get(compare_url("django-vs-nope"))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No published framework with slug: nope" in response.text


def test_drafts_cannot_be_compared_by_readers(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-secret"))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_compare_page_offers_to_add_and_remove_frameworks(client):
    for slug in ("django", "fastapi", "flask"):
        FrameworkFactory(slug=slug)
    FrameworkFactory(slug="starlette", name="Starlette")
    page = client.get(compare_url("django-vs-fastapi-vs-flask")).text
    assert 'href="/compare/django-vs-flask/"' in page  # remove FastAPI
    assert '<option value="starlette">Starlette</option>' in page
    assert '<option value="django">' not in page


def test_check_slugs_returns_the_canonical_order():
    assert check_slugs(["flask", " django "]) == ["django", "flask"]


def test_check_slugs_rejects_an_empty_slug():
    with pytest.raises(ComparisonError, match="empty"):
        check_slugs(["django", ""])


def test_wrong_case_slugs_redirect_permanently_to_the_canonical_page(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("DJANGO-vs-FastAPI"))

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slugs_in_another_order_redirect_in_one_step(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="fastapi")

    response = client.get(compare_url("Fastapi-vs-DJANGO"))

    assert response["Location"] == compare_url("django-vs-fastapi")


def test_wrong_case_slug_of_a_draft_cannot_be_compared_by_a_reader(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="secret", status=Framework.Status.DRAFT)
    response = client.get(compare_url("django-vs-SECRET"))
    assert response.status_code == HTTPStatus.NOT_FOUND


# --- A compare page that scans --------------------------------------------------

EXTRA = FeatureSupport.Level.EXTRA
SERVER = FeatureSupport.Level.SERVER


@pytest.mark.parametrize(
    ("level", "partial", "mark", "symbol"),
    [
        (BUILT_IN, False, "full", "✓"),
        (BUILT_IN, True, "some", "◐"),
        (EXTRA, False, "some", "◐"),
        (PACKAGE, False, "some", "◐"),
        (SERVER, False, "some", "◐"),
        (NONE, False, "none", "✗"),
    ],
)
def test_each_level_has_a_mark_and_words(level, partial, mark, symbol):
    support = FeatureSupport(level=level, partial=partial)
    assert (support.mark.key, support.mark.symbol) == (mark, symbol)
    assert support.mark.words


def row_differs(*cells):
    """Whether a one-feature comparison of frameworks with these cells differs."""
    feature = FeatureFactory(slug="feature")
    slugs = []
    for number, (level, partial, note) in enumerate(cells):
        framework = FrameworkFactory(slug=f"tool{number}")
        FeatureSupportFactory(
            framework=framework,
            feature=feature,
            level=level,
            partial=partial,
            note=note,
        )
        slugs.append(framework.slug)
    [row] = build_comparison(slugs, AnonymousUser()).feature_rows
    return row.differs


@pytest.mark.parametrize(
    ("cells", "differs"),
    [
        # Two separate packages are alike, whatever their notes name.
        (((PACKAGE, False, "Flask-Admin"), (PACKAGE, False, "SQLAdmin")), False),
        # A separate package, an extra and the server all need something added.
        (((PACKAGE, False, "x"), (EXTRA, False, "y"), (SERVER, False, "z")), False),
        (((BUILT_IN, True, "views only"), (PACKAGE, False, "x")), False),
        (((BUILT_IN, False, ""), (EXTRA, False, "x")), True),
        (((BUILT_IN, False, ""), (BUILT_IN, True, "views only")), True),
        (((PACKAGE, False, "x"), (NONE, False, "no")), True),
    ],
)
def test_rows_differ_only_when_their_marks_differ(cells, differs):
    assert row_differs(*cells) is differs


@pytest.fixture
def three_web_frameworks():
    web = CategoryFactory(slug="web-framework", name="Web framework", position=1)
    client_kind = CategoryFactory(slug="http-client", name="HTTP client", position=3)
    same = FeatureFactory(slug="http2", name="HTTP/2", position=1)
    differing = FeatureFactory(slug="orm", name="ORM", position=2)
    for slug, orm in (("django", BUILT_IN), ("fastapi", PACKAGE), ("flask", PACKAGE)):
        framework = FrameworkFactory(
            slug=slug,
            name=slug.title(),
            category=web,
            license=f"{slug}-licence",
            first_release=2000 + len(slug),
        )
        FeatureSupportFactory(framework=framework, feature=same, level=SERVER)
        FeatureSupportFactory(framework=framework, feature=differing, level=orm)
        UsageStatFactory(framework=framework, share=10 + len(slug))
    FrameworkFactory(slug="starlette", name="Starlette", category=web)
    FrameworkFactory(slug="requests", name="Requests", category=client_kind)
    aiohttp = FrameworkFactory(slug="aiohttp", name="AIOHTTP", category=client_kind)
    aiohttp.other_kinds.add(web)
    return web


def test_only_differences_is_a_link_that_leaves_out_alike_rows(
    client, three_web_frameworks
):
    url = compare_url("django-vs-fastapi-vs-flask")

    everything = client.get(url)
    only = client.get(url, {"only": "differences"})

    assert [r.feature.slug for r in everything.context["sections"][0].rows] == [
        "http2",
        "orm",
    ]
    assert "They differ on 1 of 2 features." in everything.text
    assert f'href="{url}?only=differences"' in everything.text
    assert "same for all" in section(everything.text, "feature-matrix")
    assert [r.feature.slug for s in only.context["sections"] for r in s.rows] == ["orm"]
    matrix = section(only.text, "feature-matrix")
    assert '<th scope="row">HTTP/2' not in matrix
    assert f'<a href="{url}">Show all features</a>' in matrix


def test_an_unknown_only_value_is_a_bad_request(client, three_web_frameworks):
    response = client.get(
        compare_url("django-vs-fastapi-vs-flask"), {"only": "everything"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "“only” takes one value, “differences”" in response.text


def test_only_differences_survives_the_canonical_redirect_and_the_add_form(
    client, three_web_frameworks
):
    redirected = client.get(compare_url("flask-vs-django"), {"only": "differences"})
    added = client.get(
        PICKER, {"frameworks": ["django", "flask", "fastapi"], "only": "differences"}
    )

    assert redirected["Location"] == compare_url("django-vs-flask") + (
        "?only=differences"
    )
    assert added["Location"] == compare_url("django-vs-fastapi-vs-flask") + (
        "?only=differences"
    )


def test_key_facts_come_first_then_features_then_points_in_rows(
    client, three_web_frameworks
):
    page = client.get(compare_url("django-vs-fastapi-vs-flask")).text

    facts = section(page, "key-facts")
    labels = ["Kind", "Usage share", "Learning curve", "Licence", "First release"]
    positions = [facts.index(f'<th scope="row">{label}</th>') for label in labels]
    assert positions == sorted(positions)
    assert "django-licence" in facts and "2006" in facts
    assert page.index('id="key-facts"') < page.index('id="feature-matrix"')
    assert page.index('id="feature-matrix"') < page.index('id="pros-cons"')
    points = section(page, "pros-cons")
    # One table row per kind of point, one cell per framework: they line up.
    for label in ("Advantages", "Disadvantages", "Ideal for"):
        heading = f'<th scope="rowgroup" colspan="3"><span>{label}</span></th></tr>'
        row = points[points.index(heading) + len(heading) :]
        assert row[: row.index("</tr>")].count("<td>") == 3


def test_add_list_offers_the_same_kind_first_and_preselects_nothing(
    client, three_web_frameworks
):
    page = client.get(compare_url("django-vs-fastapi-vs-flask")).text

    form = page[page.index('<select id="add-framework"') :]
    form = form[: form.index("</select>")]
    assert '<option value="" disabled selected>Choose one…</option>' in form
    assert form.count("selected") == 1
    same = form.index('<optgroup label="Same kind: Web framework">')
    other = form.index('<optgroup label="Other kind: HTTP client">')
    assert same < form.index('value="starlette"') < other
    assert same < form.index('value="aiohttp"') < other  # a web framework too
    assert other < form.index('value="requests"')
    assert 'value="django"' not in form


def test_every_cell_shows_its_mark_and_its_level_in_words(client, three_web_frameworks):
    matrix = section(
        client.get(compare_url("django-vs-fastapi-vs-flask")).text, "feature-matrix"
    )
    assert '<span class="mark mark-full" aria-hidden="true">✓</span>' in matrix
    assert "Built in</span>" in matrix
    assert '<span class="mark mark-some" aria-hidden="true">◐</span>' in matrix
    assert "Separate package</span>" in matrix


# + the package facts, read apart: a kept comparison reads only the frameworks
@pytest.mark.parametrize(("query", "expected"), [("", 15), ("?only=differences", 15)])
def test_compare_runs_an_exact_number_of_queries_at_two_sizes(
    client, assert_constant_queries, query, expected
):
    full_framework(slug="aaa")
    full_framework(slug="bbb")
    count, response = assert_constant_queries(
        lambda: client.get(compare_url("aaa-vs-bbb") + query), expected
    )
    assert response.status_code == HTTPStatus.OK
    assert count == expected


def test_a_comparison_across_kinds_offers_each_compared_kind_first(
    client, web_and_client
):
    web, client_kind = web_and_client
    FrameworkFactory(slug="other-client", name="Other client", category=client_kind)
    FrameworkFactory(slug="other-web", name="Other web", category=web)
    FrameworkFactory(slug="loop", name="Loop", category__name="Async library")

    response = client.get(compare_url("clienty-vs-webby"))

    groups = [
        (label, [tool.slug for tool in tools])
        for label, tools in response.context["addable"]
    ]
    assert groups == [
        ("Same kind: Web framework", ["other-web"]),
        ("Same kind: HTTP client", ["other-client"]),
        ("Other kind: Async library", ["loop"]),
    ]


def test_add_list_offers_a_bounded_set_the_compared_kinds_most_used_first(
    client, three_web_frameworks, monkeypatch
):
    monkeypatch.setattr("catalog.compare.ADD_LIMIT", 2)
    UsageStatFactory(framework=FrameworkFactory(category__name="Other"), share=90)
    busy_client = FrameworkFactory(slug="busy", category__slug="http-client")
    UsageStatFactory(framework=busy_client, share=80)

    groups = client.get(compare_url("django-vs-fastapi-vs-flask")).context["addable"]

    # Two of three web frameworks left, though others are used more.
    assert [(label, len(tools)) for label, tools in groups] == [
        ("Same kind: Web framework", 2)
    ]


def test_picker_lists_a_bounded_set_with_the_picked_ones_first(client, monkeypatch):
    monkeypatch.setattr("catalog.compare.PICKER_LIMIT", 2)
    for share in (30, 20):
        UsageStatFactory(framework=FrameworkFactory(), share=share)
    FrameworkFactory(slug="unused", name="Unused")

    response = client.get(PICKER, {"frameworks": "unused"})  # one: refused, ticked

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert [f.slug for f in response.context["candidates"]][0] == "unused"
    assert len(response.context["candidates"]) == 2
    assert 'value="unused" id="pick-unused" checked' in response.text


@pytest.mark.parametrize("extra", [{}, {"frameworks": "flask"}])
def test_a_typed_name_reaches_a_framework_the_lists_leave_out(client, extra):
    FrameworkFactory(slug="django-ninja", name="Django Ninja")
    FrameworkFactory(slug="flask", name="Flask")

    response = client.get(
        PICKER, {"named": "Django Ninja" + ("" if extra else ", flask"), **extra}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == compare_url("django-ninja-vs-flask")


def test_a_typed_name_that_matches_nothing_is_refused_with_the_picker(client):
    FrameworkFactory(slug="flask")

    response = client.get(PICKER, {"frameworks": "flask", "named": "No Such Thing"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "No published framework is called No Such Thing." in response.text
    assert 'value="flask" id="pick-flask" checked' in response.text
    # What was typed is still there to correct, and the message names the box.
    assert 'name="named" value="No Such Thing"' in response.text
    assert 'aria-describedby="picker-error"' in response.text


def test_adding_from_a_comparison_takes_the_chosen_framework(client):
    for slug in ("django", "flask", "fastapi"):
        FrameworkFactory(slug=slug)

    response = client.get(
        PICKER, {"frameworks": ["django", "flask"], "add": "fastapi", "adding": "1"}
    )

    assert response["Location"] == compare_url("django-vs-fastapi-vs-flask")


def test_adding_nothing_from_a_comparison_says_so_and_keeps_the_set(client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="flask")

    response = client.get(
        PICKER, {"frameworks": ["django", "flask"], "named": " ", "adding": "1"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Nothing was added: choose a framework from the list" in response.text
    assert 'value="django" id="pick-django" checked' in response.text
    assert 'value="flask" id="pick-flask" checked' in response.text


def test_a_name_both_ticked_and_typed_counts_once(client):
    FrameworkFactory(slug="django", name="Django")
    FrameworkFactory(slug="flask", name="Flask")

    response = client.get(PICKER, {"frameworks": "django", "named": "Django, flask"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == compare_url("django-vs-flask")


def test_more_typed_names_than_can_be_compared_are_refused_before_any_lookup(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the picker's list only
        response = client.get(PICKER, {"named": ",".join(["x"] * 5000)})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 4" in response.text
