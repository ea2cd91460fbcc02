"""The guide's reasoning (catalog/choose.py) and its page, on hand-built catalogs.

The starting content's answers are in test_guide_personas.py.
"""

from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from catalog.choose import WEIGHINGS, Experience, Needs, advise, explain, load_catalog
from catalog.choose.planning import BUILT_ON_NAMED
from catalog.models import Feature, FeatureSupport, Framework, Relation, UseCase
from tests.factories import (
    CategoryFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    UsageStatFactory,
    UseCaseFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

CHOOSE = reverse("catalog:choose")
Level = FeatureSupport.Level
BUILT_IN, EXTRA, PACKAGE, SERVER, NONE = (
    Level.BUILT_IN,
    Level.EXTRA,
    Level.PACKAGE,
    Level.SERVER,
    Level.NONE,
)


def advise_on(use_cases=(), features=(), experience=""):
    catalog = load_catalog(
        UseCase.objects.select_related("primary_kind").prefetch_related("kinds"),
        Feature.objects.prefetch_related("kinds"),
    )
    return explained(
        advise(Needs(tuple(use_cases), tuple(features), experience), catalog)
    )


def explained(advice):
    """``advice`` with every recommendation explained, as a page explains those
    it shows."""
    explain(advice, [r for group in advice.groups for r in group.recommendations])
    return advice


def ranked(*args, **kwargs):
    return advise_on(*args, **kwargs).ranked


def names(recommendations):
    return names_of(recommendation.framework for recommendation in recommendations)


def names_of(frameworks):
    return [framework.name for framework in frameworks]


def by_name(recommendations, name):
    return next(r for r in recommendations if r.framework.name == name)


def caution_titles(recommendation):
    return [caution.title for caution in recommendation.cautions]


def supports(framework, feature, level, note="how", partial=False):
    FeatureSupportFactory(
        framework=framework, feature=feature, level=level, note=note, partial=partial
    )


@pytest.fixture
def kinds():
    return SimpleNamespace(
        web=CategoryFactory(slug="web-framework", name="Web framework", position=1),
        toolkit=CategoryFactory(slug="api-toolkit", name="API toolkit", position=2),
        client=CategoryFactory(slug="http-client", name="HTTP client", position=3),
        blocks=CategoryFactory(
            slug="async-library",
            name="Async library",
            position=4,
            building_block=True,
        ),
        data=CategoryFactory(slug="data-app", name="Data app", position=5),
    )


@pytest.fixture
def rest_apis(kinds):
    return UseCaseFactory(
        slug="rest-apis",
        name="REST APIs",
        kinds=[kinds.web],
        primary_kind=kinds.web,
        caution_words="api, serializer",
    )


@pytest.fixture
def orm(kinds):
    return FeatureFactory(
        slug="orm", name="ORM", kinds=[kinds.web, kinds.toolkit], caution_words="orm"
    )


@pytest.fixture
def admin_panel(kinds):
    return FeatureFactory(slug="admin-panel", name="Admin panel", kinds=[kinds.web])


def web_framework(kinds, name, **kwargs):
    return FrameworkFactory(name=name, category=kinds.web, **kwargs)


# --- Scoring within one kind of tool -------------------------------------------


def test_empty_needs_give_no_advice(kinds, rest_apis):
    web_framework(kinds, "Fits", use_cases=[rest_apis])

    assert advise_on().groups == []
    assert advise_on(experience=Experience.BEGINNER).ranked == []


def test_matched_use_case_outweighs_a_built_in_feature(kinds, rest_apis, orm):
    web_framework(kinds, "Fits", use_cases=[rest_apis])
    supports(web_framework(kinds, "Has ORM", use_cases=[rest_apis]), orm, NONE)
    supports(web_framework(kinds, "Only ORM"), orm, BUILT_IN)

    assert names(ranked(["rest-apis"], ["orm"])) == ["Fits", "Has ORM"]


def test_levels_rank_by_the_rule_and_a_partial_entry_counts_less(kinds, rest_apis, orm):
    for name, level, partial in [
        ("None", NONE, False),
        ("Package", PACKAGE, False),
        ("Server", SERVER, False),
        ("Extra", EXTRA, False),
        ("Built in, in part", BUILT_IN, True),
        ("Built in", BUILT_IN, False),
    ]:
        framework = web_framework(kinds, name, use_cases=[rest_apis])
        supports(framework, orm, level, partial=partial)

    results = ranked(["rest-apis"], ["orm"])

    assert [(r.framework.name, r.score) for r in results] == [
        ("Built in", 7),
        ("Extra", 7),
        ("Built in, in part", 6),
        ("Server", 6),
        ("Package", 5),
        ("None", 3),
    ]


def test_reasons_say_how_the_tool_provides_each_feature(kinds, orm):
    flask = web_framework(kinds, "Flask")
    supports(flask, orm, PACKAGE, "Flask-SQLAlchemy")
    django = web_framework(kinds, "Django")
    supports(django, orm, BUILT_IN, "with migrations", partial=True)

    results = ranked(features=["orm"])

    assert by_name(results, "Flask").reasons == [
        "ORM through a separate package: Flask-SQLAlchemy"
    ]
    assert by_name(results, "Django").reasons == [
        "ORM built in, in part: with migrations"
    ]


def test_missing_must_have_is_a_caution(kinds, rest_apis, orm, admin_panel):
    framework = web_framework(kinds, "Fits", use_cases=[rest_apis])
    supports(framework, orm, BUILT_IN, "with migrations")
    supports(framework, admin_panel, NONE, "none here")

    [result] = ranked(["rest-apis"], ["orm", "admin-panel"])

    assert result.reasons == ["Fits REST APIs", "ORM built in: with migrations"]
    assert result.cautions[0].title == "No admin panel"
    assert result.cautions[0].detail == "none here"


def test_feature_with_no_recorded_support_counts_as_missing(
    kinds, rest_apis, admin_panel
):
    web_framework(kinds, "Fits", use_cases=[rest_apis])

    [result] = ranked(["rest-apis"], ["admin-panel"])

    assert caution_titles(result) == ["No admin panel on record"]
    assert result.score == 4 - 1


def test_framework_matching_nothing_asked_is_left_out(kinds, rest_apis, orm):
    web_framework(kinds, "Fits", use_cases=[rest_apis])
    supports(web_framework(kinds, "Lacks ORM"), orm, NONE)
    web_framework(kinds, "Unrelated")

    assert names(ranked(["rest-apis"], ["orm"])) == ["Fits"]
    assert names(ranked(features=["orm"])) == []


def test_drafts_are_never_recommended(kinds, rest_apis):
    web_framework(kinds, "Draft", use_cases=[rest_apis], status="draft")

    assert ranked(["rest-apis"]) == []


def test_popularity_breaks_only_real_ties(kinds, rest_apis, orm):
    for name in ["Bravo", "Alpha", "Popular"]:
        web_framework(kinds, name, use_cases=[rest_apis])
    UsageStatFactory(framework=Framework.objects.get(name="Popular"), share=40)
    better = web_framework(kinds, "Better fit", use_cases=[rest_apis])
    supports(better, orm, BUILT_IN)

    assert names(ranked(["rest-apis"], ["orm"])) == [
        "Better fit",  # a real difference beats a 40% share
        "Popular",
        "Alpha",
        "Bravo",
    ]


def test_disadvantage_matching_a_needs_caution_words_is_a_caution(kinds, orm):
    framework = web_framework(kinds, "Framework")
    supports(framework, orm, PACKAGE)
    DisadvantageFactory(framework=framework, title="No ORM included", detail="")
    DisadvantageFactory(framework=framework, title="Small community", detail="")

    [result] = ranked(features=["orm"])

    assert caution_titles(result) == ["No ORM included"]


def test_caution_words_match_word_starts_only(kinds, orm):
    framework = web_framework(kinds, "Framework")
    supports(framework, orm, BUILT_IN)
    DisadvantageFactory(framework=framework, title="Odd formatting", detail="")

    [result] = ranked(features=["orm"])

    assert result.cautions == []


def test_caution_words_are_data_an_editor_changes(kinds, orm):
    framework = web_framework(kinds, "Framework")
    supports(framework, orm, BUILT_IN)
    DisadvantageFactory(framework=framework, title="Odd formatting", detail="")
    Feature.objects.filter(pk=orm.pk).update(caution_words="odd")

    [result] = ranked(features=["orm"])

    assert caution_titles(result) == ["Odd formatting"]


def test_advice_runs_no_queries(django_assert_num_queries, kinds, rest_apis, orm):
    framework = web_framework(kinds, "Fits", use_cases=[rest_apis])
    supports(framework, orm, BUILT_IN)
    DisadvantageFactory(framework=framework)
    catalog = load_catalog(
        list(UseCase.objects.select_related("primary_kind").prefetch_related("kinds")),
        list(Feature.objects.prefetch_related("kinds")),
    )

    with django_assert_num_queries(0):
        advise(Needs(("rest-apis",), ("orm",), Experience.BEGINNER), catalog)


# --- Kinds of tool ------------------------------------------------------------


def test_a_tool_whose_kind_does_not_serve_the_use_case_is_never_ranked(kinds):
    learning = UseCaseFactory(slug="learning", kinds=[kinds.web])
    web_framework(kinds, "Web", use_cases=[learning])
    # An editor ticked "learning" on an HTTP client: its kind still rules it out.
    FrameworkFactory(name="Client", category=kinds.client, use_cases=[learning])

    assert names(ranked(["learning"])) == ["Web"]


def test_a_building_block_is_what_you_build_on_never_the_answer(kinds):
    real_time = UseCaseFactory(slug="real-time", kinds=[kinds.web, kinds.blocks])
    loop = FrameworkFactory(name="Loop", category=kinds.blocks, use_cases=[real_time])
    fast = web_framework(kinds, "Fast", use_cases=[real_time])
    web_framework(kinds, "Other", use_cases=[real_time])
    RelationFactory(from_framework=fast, to_framework=loop, kind="built-on")

    advice = advise_on(["real-time"])

    assert names(advice.ranked) == ["Fast", "Other"]
    [foundation] = advice.foundations
    assert foundation.framework.pk == loop.pk
    assert [other.pk for other in foundation.built_on_by] == [fast.pk]
    assert foundation.more == 0


def test_a_building_block_names_a_few_of_the_many_tools_built_on_it(client, kinds):
    real_time = UseCaseFactory(slug="real-time", kinds=[kinds.web, kinds.blocks])
    loop = FrameworkFactory(name="Loop", category=kinds.blocks, use_cases=[real_time])
    for number in range(BUILT_ON_NAMED + 2):
        tool = web_framework(kinds, f"Tool {number}", use_cases=[real_time])
        RelationFactory(from_framework=tool, to_framework=loop, kind="built-on")

    [foundation] = advise_on(["real-time"]).foundations

    assert names_of(foundation.built_on_by) == [
        f"Tool {number}" for number in range(BUILT_ON_NAMED)
    ]
    assert foundation.built_on_by_text == (
        "Tool 0, Tool 1, Tool 2, Tool 3, Tool 4 and 2 more"
    )
    page = client.get(CHOOSE, {"build": "real-time"}).text
    assert "Tool 4 and 2 more in the lists run on it." in page


def test_a_tool_deleted_after_ranking_is_listed_unexplained(kinds, rest_apis):
    web_framework(kinds, "Stays", use_cases=[rest_apis])
    gone = web_framework(kinds, "Gone", use_cases=[rest_apis])
    catalog = load_catalog(
        list(UseCase.objects.prefetch_related("kinds")),
        list(Feature.objects.prefetch_related("kinds")),
        Needs(("rest-apis",)),
    )
    advice = advise(Needs(("rest-apis",)), catalog)
    gone.delete()  # by an editor, between ranking and explaining

    explain(advice, advice.ranked)

    reasons = {r.candidate.name: r.reasons for r in advice.ranked}
    assert reasons == {"Gone": [], "Stays": ["Fits REST APIs"]}


def test_a_tool_published_while_the_guide_reads_is_left_for_the_next_reader(
    kinds, rest_apis, orm
):
    web_framework(kinds, "Fits", use_cases=[rest_apis])
    draft = web_framework(kinds, "Draft", use_cases=[rest_apis], status="draft")
    RelationFactory(from_framework=draft, to_framework=web_framework(kinds, "Base"))
    supports(draft, orm, BUILT_IN)
    use_cases = list(UseCase.objects.prefetch_related("kinds"))
    features = list(Feature.objects.prefetch_related("kinds"))

    def publish_once_the_candidates_are_read(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if '"learning_curve"' in sql:  # only the candidates' read selects it
            Framework.objects.filter(pk=draft.pk).update(status="published")
        return result

    with connection.execute_wrapper(publish_once_the_candidates_are_read):
        catalog = load_catalog(use_cases, features, Needs(("rest-apis",), ("orm",)))

    assert [c.name for c in catalog.candidates] == ["Fits"]


def test_building_blocks_are_marked_by_data_not_by_slug(kinds):
    real_time = UseCaseFactory(slug="real-time", kinds=[kinds.web, kinds.blocks])
    FrameworkFactory(name="Loop", category=kinds.blocks, use_cases=[real_time])
    kinds.blocks.building_block = False
    kinds.blocks.save()

    assert names(ranked(["real-time"])) == ["Loop"]


def test_the_kind_most_used_for_a_use_case_is_listed_first(kinds):
    dashboards = UseCaseFactory(
        slug="dashboards", kinds=[kinds.web, kinds.data], primary_kind=kinds.data
    )
    popular = web_framework(kinds, "Popular web", use_cases=[dashboards])
    UsageStatFactory(framework=popular, share=34)
    FrameworkFactory(name="Data tool", category=kinds.data, use_cases=[dashboards])

    advice = advise_on(["dashboards"])

    assert [group.kind for group in advice.groups] == [kinds.data, kinds.web]
    assert names(advice.ranked) == ["Data tool", "Popular web"]


def test_a_tool_that_is_also_another_kind_is_ranked_as_that_kind(kinds):
    consuming = UseCaseFactory(slug="consuming-apis", kinds=[kinds.client])
    FrameworkFactory(
        name="Both",
        category=kinds.web,
        other_kinds=[kinds.client],
        use_cases=[consuming],
    )

    [group] = advise_on(["consuming-apis"]).groups

    assert group.kind == kinds.client
    assert names(group.recommendations) == ["Both"]


def test_a_feature_of_another_kind_is_a_conflict_with_a_warning_and_a_compromise(
    kinds,
):
    content = UseCaseFactory(
        slug="content-sites", name="Content sites", kinds=[kinds.web]
    )
    retries = FeatureFactory(slug="retries", name="Retries", kinds=[kinds.client])
    web_framework(kinds, "Site builder", use_cases=[content])
    client = FrameworkFactory(name="Caller", category=kinds.client)
    supports(client, retries, BUILT_IN)

    advice = advise_on(["content-sites"], ["retries"])

    assert [group.kind for group in advice.groups] == [kinds.web, kinds.client]
    assert names(advice.ranked) == ["Site builder", "Caller"]
    assert advice.warnings == [
        "For content sites you need a web framework; for retries, an HTTP client. "
        "No one tool does both, so you will want one of each: the lists below give "
        "the best of each kind."
    ]
    assert advice.groups[0].features == []  # retries is not held against a site


def test_use_cases_no_single_kind_serves_get_a_warning(kinds):
    UseCaseFactory(slug="content-sites", name="Content sites", kinds=[kinds.web])
    UseCaseFactory(slug="consuming-apis", name="Consuming APIs", kinds=[kinds.client])

    advice = advise_on(["content-sites", "consuming-apis"])

    assert advice.warnings == [
        "No single kind of tool serves content sites and consuming APIs: you will "
        "use more than one tool, so each kind gets its own list below."
    ]


def test_a_feature_no_fitting_tool_has_in_full_names_the_best_compromise(
    kinds, rest_apis
):
    sockets = FeatureFactory(slug="websockets", name="WebSockets", kinds=[kinds.web])
    supports(web_framework(kinds, "A", use_cases=[rest_apis]), sockets, NONE)
    supports(
        web_framework(kinds, "B", use_cases=[rest_apis]), sockets, PACKAGE, "Channels"
    )

    advice = advise_on(["rest-apis"], ["websockets"])

    assert advice.warnings == [
        "No web framework that fits REST APIs has WebSockets fully built in. The "
        "best compromise is B (separate package: Channels)."
    ]


# --- A framework that extends another -------------------------------------------


@pytest.fixture
def base_and_toolkit(kinds, rest_apis, orm):
    django_apis = UseCaseFactory(
        slug="django-apis", name="APIs for a Django project", kinds=[kinds.toolkit]
    )
    base = web_framework(kinds, "Base", slug="base")
    supports(base, orm, BUILT_IN, "with migrations")
    toolkit = FrameworkFactory(
        name="Toolkit", category=kinds.toolkit, use_cases=[rest_apis, django_apis]
    )
    RelationFactory(from_framework=toolkit, to_framework=base, kind="extends")
    rest_apis.kinds.add(kinds.toolkit)
    return base, toolkit


def test_features_a_tool_gets_from_its_base_are_named_but_not_credited(
    base_and_toolkit,
):
    base, _toolkit = base_and_toolkit

    [result] = advise_on(["django-apis"], ["orm"]).ranked

    assert result.framework.name == "Toolkit"
    assert result.score == 4  # the use case only: the ORM is Base's
    assert not any("ORM" in reason for reason in result.reasons)
    assert result.from_bases == [(base, ["ORM"])]
    assert result.cautions == []  # nor held against it


def test_a_toolkit_is_recommended_for_its_own_use_case_not_for_a_website(
    kinds, base_and_toolkit
):
    content = UseCaseFactory(slug="content-sites", kinds=[kinds.web])
    Framework.objects.get(name="Base").use_cases.add(content)
    Framework.objects.get(name="Toolkit").use_cases.add(content)

    assert names(ranked(["content-sites"])) == ["Base"]
    assert names(ranked(["django-apis"])) == ["Toolkit"]


# --- Experience -----------------------------------------------------------------


@pytest.fixture
def three_ways(kinds, rest_apis, orm):
    """Three tools that provide the ORM three ways, on three learning curves."""
    gentle = web_framework(kinds, "Gentle", learning_curve="gentle")
    steep = web_framework(kinds, "Steep", learning_curve="steep")
    middle = web_framework(kinds, "Middle", learning_curve="moderate")
    for framework, level, share in [
        (gentle, PACKAGE, 30),
        (steep, BUILT_IN, 20),
        (middle, EXTRA, 10),
    ]:
        framework.use_cases.add(rest_apis)
        supports(framework, orm, level)
        UsageStatFactory(framework=framework, share=share)
    DisadvantageFactory(framework=steep, title="Lots to learn", newcomer_concern=True)


@pytest.mark.usefixtures("three_ways")
def test_each_experience_level_gives_different_advice():
    outcomes = {}
    for experience in ["", *Experience.values]:
        results = ranked(["rest-apis"], ["orm"], experience)
        outcomes[experience] = tuple(
            (r.framework.name, tuple(caution_titles(r))) for r in results
        )

    assert [name for name, _ in outcomes[""]] == ["Steep", "Middle", "Gentle"]
    assert [name for name, _ in outcomes["beginner"]] == ["Gentle", "Middle", "Steep"]
    assert [name for name, _ in outcomes["intermediate"]] == [
        "Middle",
        "Gentle",
        "Steep",
    ]
    assert [name for name, _ in outcomes["expert"]] == ["Steep", "Middle", "Gentle"]
    assert len(set(outcomes.values())) == 4  # no two levels advise alike


@pytest.mark.usefixtures("three_ways")
def test_newcomers_are_warned_about_what_trips_newcomers_and_experts_are_not():
    def steep_cautions(experience):
        return caution_titles(
            by_name(ranked(["rest-apis"], ["orm"], experience), "Steep")
        )

    assert steep_cautions(Experience.BEGINNER) == [
        "Steep learning curve",
        "Lots to learn",
    ]
    assert steep_cautions(Experience.INTERMEDIATE) == [
        "Steep learning curve",
        "Lots to learn",
    ]
    assert steep_cautions("") == ["Lots to learn"]
    assert steep_cautions(Experience.EXPERT) == []


def test_every_experience_answer_has_its_own_explanation():
    summaries = [weighing.summary for weighing in WEIGHINGS.values()]

    assert set(WEIGHINGS) == {"", *Experience.values}
    assert len(set(summaries)) == len(summaries)


# --- The page -------------------------------------------------------------------


@pytest.fixture
def guide_catalog(kinds, rest_apis, orm):
    """A small catalog for the page: two web frameworks, a client, a block."""
    fast = web_framework(
        kinds, "Fast", slug="fast", use_cases=[rest_apis], learning_curve="moderate"
    )
    supports(fast, orm, PACKAGE, "SQLModel")
    DisadvantageFactory(
        framework=fast,
        title="Async takes getting used to",
        detail="Blocking calls inside `async def` stall the loop.",
        newcomer_concern=True,
    )
    UsageStatFactory(framework=fast, share=38)
    solid = web_framework(kinds, "Solid", slug="solid", use_cases=[rest_apis])
    supports(solid, orm, BUILT_IN, "with migrations")
    real_time = UseCaseFactory(slug="real-time", name="Real-time services")
    real_time.kinds.set([kinds.web, kinds.blocks])
    fast.use_cases.add(real_time)
    loop = FrameworkFactory(
        name="Loop", slug="loop", category=kinds.blocks, use_cases=[real_time]
    )
    RelationFactory(from_framework=fast, to_framework=loop, kind="built-on")
    consuming = UseCaseFactory(slug="consuming-apis", name="Consuming APIs")
    consuming.kinds.set([kinds.client])
    FrameworkFactory(
        name="Caller", slug="caller", category=kinds.client, use_cases=[consuming]
    )


def test_page_without_answers_shows_the_empty_form_and_how_it_reasons(
    client, guide_catalog
):
    response = client.get(CHOOSE)

    assert response.status_code == HTTPStatus.OK
    assert not response.context["form"].is_bound
    page = response.text
    for expected in [
        "<legend>What are you building?</legend>",
        "REST APIs",
        "New to Python web development",
        "kinds of tool",
        "Popularity only breaks ties",
        "Show matching frameworks",
        *(weighing.summary.replace("'", "&#x27;") for weighing in WEIGHINGS.values()),
    ]:
        assert expected in page, expected
    assert "Why it fits" not in page


def test_unrelated_query_parameters_leave_the_form_unbound(client, guide_catalog):
    response = client.get(CHOOSE, {"utm_source": "newsletter"})

    assert response.status_code == HTTPStatus.OK
    assert not response.context["form"].is_bound


def test_page_with_answers_shows_lists_by_kind_reasons_and_cautions(
    client, guide_catalog
):
    response = client.get(
        CHOOSE,
        {"build": ["rest-apis", "real-time"], "features": "orm", "experience": ""},
    )

    assert response.status_code == HTTPStatus.OK
    assert names(response.context["results"]) == ["Fast", "Solid"]
    page = response.text
    for expected in [
        "Web framework<span",
        ": for REST APIs, real-time services and ORM",
        "Why it fits",
        "Fits real-time services",
        "ORM through a separate package: SQLModel",
        "Watch out for",
        "Async takes getting used to",
        "Blocking calls inside <code>async def</code> stall the loop.",
        f'href="{reverse("catalog:framework-detail", args=["fast"])}"',
        "38%",
        "What you will build on",
        "Fast in the lists runs on it",
        WEIGHINGS[""].summary,
    ]:
        assert expected in page, expected


def test_page_warns_in_plain_words_when_answers_pull_apart(
    client, kinds, guide_catalog
):
    retries = FeatureFactory(slug="retries", name="Retries", kinds=[kinds.client])
    supports(Framework.objects.get(name="Caller"), retries, BUILT_IN, "Retry")

    response = client.get(CHOOSE, {"build": "rest-apis", "features": "retries"})

    page = response.text
    assert "Before you choose" in page
    assert "for retries, an HTTP client" in page
    assert names(response.context["results"]) == ["Fast", "Solid", "Caller"]


def test_page_names_what_a_tool_gets_from_the_framework_it_extends(
    client, base_and_toolkit
):
    response = client.get(CHOOSE, {"build": "django-apis", "features": "orm"})

    assert 'Runs inside <a href="/frameworks/base/">Base</a>, which brings ORM.' in (
        response.text
    )


def test_answers_without_a_use_case_or_feature_prompt_for_one(client, guide_catalog):
    response = client.get(CHOOSE, {"experience": "beginner"})

    assert response.status_code == HTTPStatus.OK
    assert 'class="choose-list"' not in response.text
    assert "Tick at least one thing you are building" in response.text


def test_answers_round_trip_checked_in_the_form(client, guide_catalog):
    response = client.get(
        CHOOSE,
        {
            "build": ["rest-apis", "real-time"],
            "features": "orm",
            "experience": "expert",
        },
    )

    page = response.text
    for value in ["rest-apis", "real-time", "orm", "expert"]:
        assert f'value="{value}" id="' in page
        tag = page.split(f'value="{value}"', 1)[1].split(">", 1)[0]
        assert "checked" in tag, value
    unticked = page.split('value="consuming-apis"', 1)[1].split(">", 1)[0]
    assert "checked" not in unticked


def test_share_link_keeps_the_answers(client, guide_catalog):
    response = client.get(
        CHOOSE, {"features": "orm", "build": "rest-apis", "experience": "beginner"}
    )

    share_url = response.context["share_url"]
    assert share_url == (
        "http://testserver/choose/?build=rest-apis&features=orm&experience=beginner"
    )
    assert "readonly" in response.text
    again = client.get(share_url)
    assert names(again.context["results"]) == names(response.context["results"])


def test_compare_link_takes_the_top_of_the_first_list_with_alike_tools(
    client, guide_catalog
):
    response = client.get(CHOOSE, {"build": ["rest-apis", "consuming-apis"]})

    url = reverse("catalog:compare", args=["fast-vs-solid"])
    assert f'href="{url}"' in response.text
    assert "Compare the top 2" in response.text


def test_use_case_added_by_an_editor_is_offered_and_scored(client, kinds):
    scraping = UseCaseFactory(slug="scraping", name="Web scraping")
    scraping.kinds.set([kinds.client])
    FrameworkFactory(name="Caller", category=kinds.client, use_cases=[scraping])

    response = client.get(CHOOSE, {"build": "scraping"})

    assert 'value="scraping"' in response.text
    assert names(response.context["results"]) == ["Caller"]


@pytest.mark.parametrize(
    "query",
    [
        "build=no-such-use-case",
        "build=%00",
        "features=orm%00",
        "features=" + "x" * 10_000,
        "experience=nonsense",
        "experience=%00",
        "build=rest-apis&build=rest-apis",
        "experience=beginner&experience=expert",
    ],
    ids=[
        "unknown-slug",
        "nul-byte",
        "nul-in-slug",
        "10000-chars",
        "bad-experience",
        "nul-experience",
        "repeated-use-case",
        "repeated-experience",
    ],
)
def test_bad_answers_get_a_400_with_an_error_summary(client, guide_catalog, query):
    response = client.get(f"{CHOOSE}?{query}")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text
    assert "Some answers could not be used" in response.text
    assert "x" * 100 not in response.text  # the bad value is not echoed back


def test_posting_answers_is_not_allowed(client):
    response = client.post(CHOOSE, {"build": "rest-apis"})

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_page_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries, kinds, rest_apis
):
    def make_framework():
        framework = full_framework(category=kinds.web)
        base = FrameworkFactory(category=kinds.web)
        RelationFactory(from_framework=framework, to_framework=base, kind="extends")
        FeatureSupportFactory(framework=base)
        RelationFactory(from_framework=base, kind="runs-on")
        framework.other_kinds.add(kinds.client)

    count, response = assert_constant_queries(
        lambda: client.get(CHOOSE, {"build": "rest-apis", "features": "orm"}),
        19,
        make_framework=make_framework,
    )

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["results"]) == 5
    # the options (kept per content version outside tests): 2; use cases with
    # their kinds: 2; features with theirs: 2; categories: 1; the
    # tools that could answer, as rows: 5 (them, their other kinds, the asked
    # use cases they fit, what they extend or are built on, and their and their
    # bases' entries for the asked features); the tools shown, explained: 4
    # (them, their disadvantages, what they extend or run on, and their bases'
    # servers); the most used tools, for saying why any is left out: 3 (them,
    # their use cases and other kinds).
    assert count == 19


def test_relations_of_other_kinds_do_not_make_a_foundation(kinds):
    real_time = UseCaseFactory(slug="real-time", kinds=[kinds.web])
    loop = FrameworkFactory(name="Loop", category=kinds.blocks)
    fast = web_framework(kinds, "Fast", use_cases=[real_time])
    RelationFactory(from_framework=fast, to_framework=loop, kind=Relation.Kind.EXTENDS)

    assert advise_on(["real-time"]).foundations == []


def test_the_blank_form_reads_only_the_use_cases_and_features(
    client, assert_constant_queries, kinds, rest_apis
):
    # The kinds they name are read only for advice.
    count, response = assert_constant_queries(lambda: client.get(CHOOSE), 2)

    assert response.status_code == HTTPStatus.OK
    assert count == 2


def test_advice_leaves_out_what_was_deleted_since_the_options_were_read(
    kinds, rest_apis
):
    catalog = load_catalog(list(UseCase.objects.all()), list(Feature.objects.all()))
    asked = Needs(use_cases=("rest-apis", "gone-since"), features=("gone-too",))

    advice = advise(asked, catalog)

    still_there = advise(Needs(use_cases=("rest-apis",)), catalog)
    assert advice.warnings == still_there.warnings
    assert advice.patterns == still_there.patterns
