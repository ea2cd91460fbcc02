from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.choose import (
    CAUTION_KEYWORDS,
    Experience,
    Needs,
    candidate_frameworks,
    recommend,
)
from catalog.models import Feature, FeatureSupport, Framework, UseCase
from tests.factories import (
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    UsageStatFactory,
    UseCaseFactory,
)

pytestmark = pytest.mark.django_db

CHOOSE = reverse("catalog:choose")
BUILT_IN = FeatureSupport.Level.BUILT_IN
PLUGIN = FeatureSupport.Level.PLUGIN
NONE = FeatureSupport.Level.NONE


def needs(use_cases=(), features=(), experience=""):
    return Needs(tuple(use_cases), tuple(features), experience)


def ranked(needs_):
    return recommend(list(candidate_frameworks()), needs_)


def names(recommendations):
    return [recommendation.framework.name for recommendation in recommendations]


def by_name(recommendations, name):
    return next(r for r in recommendations if r.framework.name == name)


def caution_titles(recommendation):
    return [caution.title for caution in recommendation.cautions]


def supports(framework, feature, level, note=""):
    FeatureSupportFactory(framework=framework, feature=feature, level=level, note=note)


@pytest.fixture
def orm():
    return FeatureFactory(slug="orm", name="Built-in ORM")


@pytest.fixture
def admin_panel():
    return FeatureFactory(slug="admin-panel", name="Admin panel")


@pytest.fixture
def rest_apis():
    return UseCaseFactory(slug="rest-apis", name="REST APIs")


# --- Scoring, on small hand-built catalogs ---------------------------------


def test_empty_needs_recommend_nothing(rest_apis):
    FrameworkFactory(use_cases=[rest_apis])
    assert ranked(needs()) == []
    assert ranked(needs(experience=Experience.BEGINNER)) == []


def test_matched_use_case_outweighs_a_built_in_feature(rest_apis, orm):
    FrameworkFactory(name="Fits", use_cases=[rest_apis])
    supports(FrameworkFactory(name="Has ORM"), orm, BUILT_IN)

    assert names(ranked(needs(["rest-apis"], ["orm"]))) == ["Fits", "Has ORM"]


def test_built_in_beats_plugin_and_plugin_beats_missing(rest_apis, orm):
    for name, level in [("None", NONE), ("Plugin", PLUGIN), ("Built in", BUILT_IN)]:
        supports(FrameworkFactory(name=name, use_cases=[rest_apis]), orm, level)

    results = ranked(needs(["rest-apis"], ["orm"]))

    assert names(results) == ["Built in", "Plugin", "None"]
    assert results[0].score > results[1].score > results[2].score


def test_plugin_reason_names_the_plugin(orm):
    supports(FrameworkFactory(name="Flask"), orm, PLUGIN, "Flask-SQLAlchemy")

    [flask] = ranked(needs(features=["orm"]))

    assert flask.reasons == ["ORM through a plugin: Flask-SQLAlchemy"]


def test_missing_must_have_is_a_caution(rest_apis, orm, admin_panel):
    framework = FrameworkFactory(use_cases=[rest_apis])
    supports(framework, orm, BUILT_IN)
    supports(framework, admin_panel, NONE)

    [result] = ranked(needs(["rest-apis"], ["orm", "admin-panel"]))

    assert result.reasons == ["Fits REST APIs", "ORM built in"]
    assert caution_titles(result) == ["No admin panel"]


def test_feature_with_no_recorded_support_counts_as_missing(rest_apis, admin_panel):
    FrameworkFactory(use_cases=[rest_apis])

    [result] = recommend(
        candidate_frameworks(),
        needs(["rest-apis"], ["admin-panel"]),
        feature_names={"admin-panel": "Admin panel"},
    )

    assert caution_titles(result) == ["No admin panel on record"]


def test_framework_matching_nothing_asked_is_left_out(rest_apis, orm):
    FrameworkFactory(name="Fits", use_cases=[rest_apis])
    supports(FrameworkFactory(name="Lacks ORM"), orm, NONE)
    FrameworkFactory(name="Unrelated")

    assert names(ranked(needs(["rest-apis"], ["orm"]))) == ["Fits"]


def test_drafts_are_never_recommended(rest_apis):
    FrameworkFactory(name="Draft", use_cases=[rest_apis], status="draft")
    assert ranked(needs(["rest-apis"])) == []


def test_beginner_is_steered_away_from_a_steep_curve_with_a_caution(rest_apis):
    FrameworkFactory(name="Steep", learning_curve="steep", use_cases=[rest_apis])
    FrameworkFactory(name="Gentle", learning_curve="gentle", use_cases=[rest_apis])

    results = ranked(needs(["rest-apis"], experience=Experience.BEGINNER))

    assert names(results) == ["Gentle", "Steep"]
    assert "Steep learning curve" in caution_titles(by_name(results, "Steep"))
    assert "Gentle learning curve for a newcomer" in by_name(results, "Gentle").reasons


def test_experts_are_not_warned_about_learning_curves(rest_apis):
    FrameworkFactory(learning_curve="steep", use_cases=[rest_apis])
    DisadvantageFactory(framework=Framework.objects.get(), title="Lots to learn")

    [result] = ranked(needs(["rest-apis"], experience=Experience.EXPERT))

    assert result.cautions == []


def test_equal_scores_rank_by_share_then_name(rest_apis):
    for name in ["Bravo", "Alpha", "Popular"]:
        FrameworkFactory(name=name, use_cases=[rest_apis])
    UsageStatFactory(framework=Framework.objects.get(name="Popular"), share=40)

    assert names(ranked(needs(["rest-apis"]))) == ["Popular", "Alpha", "Bravo"]


def test_disadvantage_touching_a_need_is_a_caution(orm):
    framework = FrameworkFactory()
    supports(framework, orm, PLUGIN)
    DisadvantageFactory(framework=framework, title="No ORM included", detail="")
    DisadvantageFactory(framework=framework, title="Small community", detail="")

    [result] = ranked(needs(features=["orm"]))

    assert caution_titles(result) == ["No ORM included"]


def test_caution_keywords_match_word_starts_only(orm):
    framework = FrameworkFactory()
    supports(framework, orm, BUILT_IN)
    DisadvantageFactory(framework=framework, title="Odd formatting", detail="")

    [result] = ranked(needs(features=["orm"]))

    assert result.cautions == []


def test_recommend_runs_no_queries(django_assert_num_queries, rest_apis, orm):
    framework = FrameworkFactory(use_cases=[rest_apis])
    supports(framework, orm, BUILT_IN)
    DisadvantageFactory(framework=framework)
    frameworks = list(candidate_frameworks())

    with django_assert_num_queries(0):
        recommend(frameworks, needs(["rest-apis"], ["orm"], Experience.BEGINNER))


# --- Scoring, on the starting content ----------------------------------------


def test_admin_orm_and_content_site_put_django_first(starting_content):
    results = ranked(needs(["content-sites"], ["admin-panel", "orm"]))
    assert names(results)[0] == "Django"


def test_ml_serving_async_and_openapi_docs_put_fastapi_first(starting_content):
    results = ranked(needs(["ml-model-serving"], ["native-async", "openapi-docs"]))
    assert names(results)[0] == "FastAPI"


def test_consuming_apis_with_async_put_httpx_above_requests(starting_content):
    order = names(ranked(needs(["consuming-apis"], ["native-async"])))
    assert order.index("HTTPX") < order.index("Requests")


def test_reasons_name_matched_use_cases_and_features(starting_content):
    results = ranked(needs(["ml-model-serving"], ["openapi-docs", "orm"]))

    fastapi, flask = by_name(results, "FastAPI"), by_name(results, "Flask")
    assert "Fits ML model serving" in fastapi.reasons
    assert "Automatic OpenAPI docs built in (Swagger UI and ReDoc)" in fastapi.reasons
    assert "ORM through a plugin: Flask-SQLAlchemy" in flask.reasons


def test_orm_need_cautions_fastapi_about_its_missing_orm(starting_content):
    fastapi = by_name(ranked(needs(["rest-apis"], ["orm"])), "FastAPI")
    assert "No auth, admin or ORM included" in caution_titles(fastapi)


def test_beginner_sees_learning_cautions_on_steep_frameworks(starting_content):
    results = ranked(needs(["rest-apis"], experience=Experience.BEGINNER))

    django = by_name(results, "Django")
    assert "Steep learning curve" in caution_titles(django)
    assert "Lots to learn" in caution_titles(django)


def test_every_starting_need_has_caution_keywords(starting_content):
    slugs = [*UseCase.objects.values_list("slug", flat=True)]
    slugs += Feature.objects.values_list("slug", flat=True)
    assert [slug for slug in slugs if slug not in CAUTION_KEYWORDS] == []


# --- The page ----------------------------------------------------------------


def test_page_without_answers_shows_the_empty_form_and_how_it_ranks(
    client, starting_content
):
    response = client.get(CHOOSE)

    assert response.status_code == HTTPStatus.OK
    assert not response.context["form"].is_bound
    page = response.text
    for expected in [
        "<legend>What are you building?</legend>",
        "ML model serving",
        "Automatic OpenAPI docs",
        "New to Python web development",
        "Use cases weigh most",
        "Show matching frameworks",
    ]:
        assert expected in page, expected
    assert "Why it fits" not in page


def test_unrelated_query_parameters_leave_the_form_unbound(client, starting_content):
    response = client.get(CHOOSE, {"utm_source": "newsletter"})
    assert response.status_code == HTTPStatus.OK
    assert not response.context["form"].is_bound


def test_page_with_answers_shows_reasons_and_cautions(client, starting_content):
    response = client.get(
        CHOOSE,
        {"build": "ml-model-serving", "features": ["native-async", "openapi-docs"]},
    )

    assert response.status_code == HTTPStatus.OK
    assert names(response.context["results"])[0] == "FastAPI"
    page = response.text
    for expected in [
        "Why it fits",
        "Fits ML model serving",
        "Watch out for",
        "Async takes getting used to",
        f'href="{reverse("catalog:framework-detail", args=["fastapi"])}"',
        "38%",
    ]:
        assert expected in page, expected


def test_answers_without_a_use_case_or_feature_prompt_for_one(client, starting_content):
    response = client.get(CHOOSE, {"experience": "beginner"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["results"] == []
    assert "Tick at least one thing you are building" in response.text


def test_answers_round_trip_checked_in_the_form(client, starting_content):
    response = client.get(
        CHOOSE,
        {"build": ["rest-apis", "learning"], "features": "orm", "experience": "expert"},
    )

    page = response.text
    for value in ["rest-apis", "learning", "orm", "expert"]:
        assert f'value="{value}" id="' in page
        tag = page.split(f'value="{value}"', 1)[1].split(">", 1)[0]
        assert "checked" in tag, value
    unticked = page.split('value="dashboards"', 1)[1].split(">", 1)[0]
    assert "checked" not in unticked


def test_share_link_keeps_the_answers(client, starting_content):
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


def test_compare_link_takes_the_top_three(client, starting_content):
    response = client.get(CHOOSE, {"build": "consuming-apis"})

    top = [r.framework.slug for r in response.context["results"][:3]]
    url = reverse("catalog:compare", args=["-vs-".join(sorted(top))])
    assert f'href="{url}"' in response.text
    assert "Compare the top 3" in response.text


def test_use_case_added_by_an_editor_is_offered_and_scored(client, starting_content):
    scraping = UseCaseFactory(slug="scraping", name="Web scraping")
    Framework.objects.get(slug="httpx").use_cases.add(scraping)

    response = client.get(CHOOSE, {"build": "scraping"})

    assert 'value="scraping"' in response.text
    assert names(response.context["results"]) == ["HTTPX"]


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
def test_bad_answers_get_a_400_with_an_error_summary(client, starting_content, query):
    response = client.get(f"{CHOOSE}?{query}")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'role="alert"' in response.text
    assert "Some answers could not be used" in response.text
    assert "x" * 100 not in response.text  # the bad value is not echoed back


def test_posting_answers_is_not_allowed(client):
    response = client.post(CHOOSE, {"build": "rest-apis"})
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_page_runs_the_same_queries_for_10_and_60_frameworks(
    client, assert_constant_queries
):
    count, response = assert_constant_queries(
        lambda: client.get(CHOOSE, {"build": "rest-apis", "features": "orm"})
    )

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["results"]) == 60
    assert count <= 6  # choices: 2; frameworks and 3 prefetches: 4
