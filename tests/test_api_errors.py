"""Every 4xx is JSON with a message a person can act on; odd input is never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    SourceFactory,
    UsageStatFactory,
)

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000


def error(response, status):
    """The error body, after checking the status and the shape every error has."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body["detail"], str)
    assert set(body) <= {"detail", "errors"}
    return body


# --- Query parameters ----------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "a b"}, "category: A slug has 1 to 80 letters, digits"),
        ({"learning_curve": "vertical"}, "learning_curve: Select a valid choice."),
        ({"min_share": "150"}, "min_share: Ensure this value is less than or equal"),
        ({"min_share": "lots"}, "min_share: Enter a number."),
        ({"year": "1800"}, "year: Ensure this value is greater than or equal to 1991"),
        ({"ordering": "popularity"}, "ordering: Select a valid choice."),
        ({"search": "a\x00b"}, "search: Remove the null character."),
        ({"search": LONG}, "search: Use at most 200 characters"),
    ],
)
def test_bad_framework_filter_value_names_the_parameter(
    api_client, starting_content, params, message
):
    response = api_client.get(reverse("api:framework-list"), params)

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert message in body["detail"]
    assert list(body["errors"]) == list(params)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "nope"}, "category: There is no category with this slug."),
        ({"use_case": "nope"}, "use_case: There is no use case with this slug."),
        ({"feature": "nope"}, "feature: There is no feature with this slug."),
    ],
)
def test_a_well_formed_slug_that_names_nothing_is_not_found(
    api_client, starting_content, params, message
):
    """The schema says a slug is a string; which ones exist, only the lists say."""
    response = api_client.get(reverse("api:framework-list"), params)

    assert message in error(response, HTTPStatus.NOT_FOUND)["detail"]


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        (
            {"framework": "nope"},
            HTTPStatus.NOT_FOUND,
            "framework: There is no framework with this slug.",
        ),
        (
            {"source": "nope"},
            HTTPStatus.NOT_FOUND,
            "source: There is no source with this slug.",
        ),
        ({"year": "twenty"}, HTTPStatus.BAD_REQUEST, "year: Enter a number."),
    ],
)
def test_bad_usage_filter_value_names_the_parameter(
    api_client, starting_content, params, status, message
):
    response = api_client.get(reverse("api:usage-list"), params)

    assert message in error(response, status)["detail"]


@pytest.mark.parametrize("name", ["category", "use_case", "feature", "ordering"])
@pytest.mark.parametrize("value", ["\x00", "a\x00", LONG, "é/../☃"])
def test_odd_filter_value_is_a_bad_request(api_client, starting_content, name, value):
    response = api_client.get(reverse("api:framework-list"), {name: value})

    error(response, HTTPStatus.BAD_REQUEST)


@pytest.mark.parametrize("value", ["\x00", LONG, "☃", ""])
def test_unknown_query_parameters_are_refused_naming_those_there_are(api_client, value):
    response = api_client.get(reverse("api:framework-list"), {"q": value, "x": value})

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert list(body["errors"]) == ["q", "x"]
    assert "It takes: category, feature, format, learning_curve" in body["detail"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("api:framework-detail", args=["flask"]), {"page": "2"}),
        (reverse("api:compare"), {"frameworks": "django,flask", "framework": "x"}),
        (reverse("api:usage-list"), {"search": "flask"}),
    ],
)
def test_every_operation_refuses_what_it_does_not_take(
    api_client, starting_content, url, params
):
    response = api_client.get(url, params)

    assert "takes no such query parameter" in error(response, 400)["detail"]


def test_page_past_the_last_says_which_pages_exist(api_client, starting_content):
    response = api_client.get(reverse("api:framework-list"), {"page": 99})

    assert error(response, HTTPStatus.NOT_FOUND)["detail"] == (
        "Page 99 does not exist; pages run from 1 to 2."
    )


def test_page_past_the_last_of_several_says_which_pages_exist(
    api_client, starting_content
):
    response = api_client.get(
        reverse("api:feature-support-list"), {"page": 0, "page_size": 50}
    )

    assert error(response, HTTPStatus.NOT_FOUND)["detail"] == (
        "Page 0 does not exist; pages run from 1 to 4."
    )


@pytest.mark.parametrize("page", ["\x00", "last-but-one", LONG])
def test_nonsense_page_is_not_found_with_the_pages_that_exist(api_client, page):
    response = api_client.get(reverse("api:framework-list"), {"page": page})

    detail = error(response, HTTPStatus.NOT_FOUND)["detail"]
    assert detail.startswith("A page is a whole number from 1 to 1; got ")
    assert len(detail) < 100


@pytest.mark.parametrize(
    ("url", "formats"),
    [("/api/frameworks/", "json, api, csv"), ("/api/frameworks/django/", "json, api")],
)
def test_unknown_format_is_not_found_with_the_formats_there_are(
    api_client, starting_content, url, formats
):
    response = api_client.get(url, {"format": "xyz"})

    assert error(response, HTTPStatus.NOT_FOUND)["detail"] == (
        f"There is no format 'xyz'. Ask for one of {formats}, or leave the format out."
    )


def test_unknown_format_suffix_is_not_found_with_the_formats_there_are(api_client):
    response = api_client.get("/api/categories.xml")

    assert "Ask for one of json, api" in error(response, HTTPStatus.NOT_FOUND)["detail"]


@pytest.mark.parametrize("page_size", ["0", "-1", "101", "many", "", "true", LONG])
def test_a_page_size_that_is_not_1_to_100_is_refused(api_client, page_size):
    response = api_client.get(reverse("api:framework-list"), {"page_size": page_size})

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert "A page size is a whole number from 1 to 100" in body["detail"]
    assert list(body["errors"]) == ["page_size"]


@pytest.mark.parametrize("page", ["", "last"])
def test_an_empty_or_last_page_is_not_a_page_number(api_client, page):
    response = api_client.get(reverse("api:framework-list"), {"page": page})

    assert "A page is a whole number" in error(response, HTTPStatus.NOT_FOUND)["detail"]


# --- Unknown objects ----------------------------------------------------------


@pytest.mark.parametrize(
    "basename", ["framework", "category", "use-case", "feature", "source"]
)
def test_unknown_slug_is_not_found_with_a_pointer_to_the_list(api_client, basename):
    response = api_client.get(reverse(f"api:{basename}-detail", args=["nope"]))

    detail = error(response, HTTPStatus.NOT_FOUND)["detail"]
    assert "slug 'nope'" in detail
    assert reverse(f"api:{basename}-list") in detail


def test_wrong_case_slug_is_not_found_with_the_address_in_the_right_case(api_client):
    FrameworkFactory(slug="fastapi")

    response = api_client.get(reverse("api:framework-detail", args=["FastAPI"]))

    detail = error(response, HTTPStatus.NOT_FOUND)["detail"]
    assert reverse("api:framework-detail", args=["fastapi"]) in detail


def test_compare_matches_slugs_in_any_letter_case(api_client):
    FrameworkFactory(slug="django")
    FrameworkFactory(slug="flask")

    response = api_client.get(reverse("api:compare"), {"frameworks": "FLASK,Django"})

    assert response.status_code == HTTPStatus.OK
    assert [f["slug"] for f in response.json()["frameworks"]] == ["django", "flask"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/frameworks/%00/",
        "/api/frameworks/caf%C3%A9/",
        "/api/frameworks/a%20b/",
        f"/api/frameworks/{LONG}/",
        "/api/categories/%E2%98%83/",
        "/api/usage/abc/",
        "/api/usage/%00/",
        "/api/usage/-1/",
        "/api/usage/99999999999999999999999/",
    ],
)
def test_odd_address_is_not_found(api_client, path):
    error(api_client.get(path), HTTPStatus.NOT_FOUND)


# --- Bodies ----------------------------------------------------------------------


def test_malformed_json_is_a_bad_request(editor_api_client):
    response = editor_api_client.post(
        reverse("api:category-list"), '{"name": "x",', content_type="application/json"
    )

    assert error(response, HTTPStatus.BAD_REQUEST)["detail"].startswith(
        "JSON parse error"
    )


TOO_DEEP = "JSON parse error - arrays and objects nest more than 20 levels deep"


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"name": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
        '{"name": ' + "[" * 500 + "]" * 500 + "}",  # decodes, then is refused
    ],
    ids=["unclosed", "closed", "objects", "shallow-enough-to-decode"],
)
@pytest.mark.parametrize("write", ["create category", "change framework"])
def test_deeply_nested_json_is_a_bad_request(editor_api_client, write, body):
    if write == "create category":
        url, send = reverse("api:category-list"), editor_api_client.post
    else:
        framework = FrameworkFactory()
        url = reverse("api:framework-detail", args=[framework.slug])
        send = editor_api_client.patch

    response = send(url, body, content_type="application/json")

    assert error(response, HTTPStatus.BAD_REQUEST)["detail"].startswith(TOO_DEEP)


def test_json_nested_as_deep_as_a_list_of_slugs_is_read(editor_api_client):
    framework = FrameworkFactory()

    response = editor_api_client.patch(
        reverse("api:framework-detail", args=[framework.slug]),
        '{"use_cases": [], "summary": "New."}',
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.OK, response.content


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b'{"name": "caf\xe9"}',
            "JSON parse error - the body is not utf-8 text: byte 13 is 0xe9.",
        ),
        (
            b'{"position": 1' + b"0" * 5000 + b"}",
            "JSON parse error - a number has more than 4300 digits.",
        ),
    ],
    ids=["latin-1", "5000-digit number"],
)
def test_json_that_cannot_be_decoded_is_a_bad_request(editor_api_client, body, message):
    response = editor_api_client.post(
        reverse("api:category-list"), body, content_type="application/json"
    )

    assert error(response, HTTPStatus.BAD_REQUEST)["detail"] == message


def test_json_nan_is_a_bad_request(editor_api_client, starting_content):
    response = editor_api_client.post(
        reverse("api:usage-list"),
        '{"framework": "httpx", "source": "pds-2023", "year": 2023, "share": NaN}',
        content_type="application/json",
    )

    error(response, HTTPStatus.BAD_REQUEST)


def test_unsupported_content_type_is_refused(editor_api_client):
    response = editor_api_client.post(
        reverse("api:category-list"), "name=x", content_type="text/plain"
    )

    error(response, HTTPStatus.UNSUPPORTED_MEDIA_TYPE)


def figure(**overrides):
    return {
        "framework": "httpx",
        "source": "pds-2023",
        "year": 2023,
        "share": 12.5,
        **overrides,
    }


def test_share_of_150_is_refused_with_the_allowed_range(
    editor_api_client, starting_content
):
    response = editor_api_client.post(
        reverse("api:usage-list"), figure(share=150), format="json"
    )

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert body["errors"] == {
        "share": ["A share is a percentage: give a number from 0 to 100."]
    }
    assert body["detail"].startswith("Invalid input. share: A share is a percentage")


def test_share_change_to_150_is_refused(editor_api_client):
    stat = UsageStatFactory()

    response = editor_api_client.patch(
        reverse("api:usage-detail", args=[stat.pk]), {"share": 150}, format="json"
    )

    error(response, HTTPStatus.BAD_REQUEST)
    stat.refresh_from_db()
    assert stat.share == 10


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"share": -1}, "share"),
        ({"share": 1e308}, "share"),
        ({"share": "12.55"}, "share"),
        ({"share": "lots"}, "share"),
        ({"year": 99_999_999_999}, "year"),
        ({"year": 1800}, "year"),
        ({"year": "soon"}, "year"),
        ({"framework": "nope"}, "framework"),
        ({"framework": 7}, "framework"),
        ({"source": "a\x00b"}, "source"),
    ],
)
def test_bad_usage_figure_names_the_field(
    editor_api_client, starting_content, overrides, field
):
    response = editor_api_client.post(
        reverse("api:usage-list"), figure(**overrides), format="json"
    )

    assert field in error(response, HTTPStatus.BAD_REQUEST)["errors"]


def test_second_figure_for_the_same_framework_source_and_year_is_refused(
    editor_api_client, starting_content
):
    response = editor_api_client.post(
        reverse("api:usage-list"),
        figure(framework="fastapi", source="seed-2024"),
        format="json",
    )

    body = error(response, HTTPStatus.CONFLICT)
    assert "already has a figure from this source for this year" in body["detail"]


def test_moving_a_figure_onto_another_is_refused(editor_api_client, starting_content):
    response = editor_api_client.get(
        reverse("api:usage-list"), {"framework": "fastapi", "year": 2022}
    )
    url = response.json()["results"][0]["url"]

    response = editor_api_client.patch(
        url, {"year": 2023, "source": "seed-2024"}, format="json"
    )

    error(response, HTTPStatus.CONFLICT)


def test_duplicate_framework_slug_is_refused(editor_api_client, starting_content):
    response = editor_api_client.post(
        reverse("api:framework-list"),
        {
            "name": "Django again",
            "slug": "django",
            "category": "web-framework",
            "summary": "A copy.",
        },
        format="json",
    )

    body = error(response, HTTPStatus.CONFLICT)
    assert body["errors"] == {"slug": ["framework with this slug already exists."]}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"category": "nope"}, "category", "There is no category with the slug nope."),
        ({"use_cases": ["rest-apis", "nope"]}, "use_cases", "use case with the slug"),
        ({"use_cases": "rest-apis"}, "use_cases", "Expected a list"),
        ({"first_release": 1800}, "first_release", "greater than or equal to 1991"),
        ({"slug": "no spaces"}, "slug", "Enter a valid"),
        ({"name": "a\x00b"}, "name", "Null characters are not allowed."),
        ({"summary": LONG}, "summary", "no more than 200 characters"),
        ({"homepage": "not a url"}, "homepage", "Enter a valid URL."),
        ({"status": "secret"}, "status", "is not a valid choice."),
    ],
)
def test_bad_framework_names_the_field(
    editor_api_client, starting_content, overrides, field, message
):
    payload = {
        "name": "Litestar",
        "slug": "litestar",
        "category": "web-framework",
        "summary": "A typed ASGI framework.",
        **overrides,
    }

    response = editor_api_client.post(
        reverse("api:framework-list"), payload, format="json"
    )

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert message in " ".join(body["errors"][field])


def test_missing_fields_are_each_named(editor_api_client):
    response = editor_api_client.post(reverse("api:framework-list"), {}, format="json")

    errors = error(response, HTTPStatus.BAD_REQUEST)["errors"]
    assert set(errors) == {"name", "slug", "category", "summary"}


@pytest.mark.parametrize("basename", ["category", "use-case", "feature"])
def test_huge_position_is_refused(editor_api_client, basename):
    response = editor_api_client.post(
        reverse(f"api:{basename}-list"),
        {"name": "X", "slug": "x", "position": 2**40},
        format="json",
    )

    assert "position" in error(response, HTTPStatus.BAD_REQUEST)["errors"]


def test_body_that_is_a_list_is_refused(editor_api_client):
    response = editor_api_client.post(
        reverse("api:category-list"), [1, 2], format="json"
    )

    assert error(response, HTTPStatus.BAD_REQUEST)["errors"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_deleting_a_category_in_use_is_a_conflict(editor_api_client):
    category = CategoryFactory()
    FrameworkFactory(category=category)

    response = editor_api_client.delete(
        reverse("api:category-detail", args=[category.slug])
    )

    assert (
        "change or delete those first" in error(response, HTTPStatus.CONFLICT)["detail"]
    )


def test_deleting_a_source_with_figures_is_a_conflict(editor_api_client):
    source = SourceFactory()
    UsageStatFactory(source=source)

    response = editor_api_client.delete(
        reverse("api:source-detail", args=[source.slug])
    )

    error(response, HTTPStatus.CONFLICT)


# --- Compare ----------------------------------------------------------------------


def test_compare_of_an_unknown_framework_is_not_found(api_client, starting_content):
    response = api_client.get(reverse("api:compare"), {"frameworks": "django,nope"})

    detail = error(response, HTTPStatus.NOT_FOUND)["detail"]
    assert detail == "No published framework with slug: nope."


@pytest.mark.parametrize(
    ("frameworks", "message"),
    [
        ("django", "Name at least 2 frameworks to compare; got 1."),
        (
            "django,flask,fastapi,httpx,requests",
            "Compare at most 4 frameworks at once; got 5.",
        ),
        ("django,flask,django", "Each framework can appear once; repeated: django."),
        ("django,,flask", "A framework slug is empty."),
        ("", "Give 2 to 4 framework slugs separated by commas"),
        ("django,\x00", "Null characters are not allowed."),
        (LONG, "no more than 400 characters"),
    ],
)
def test_compare_list_that_cannot_be_compared_says_why(
    api_client, starting_content, frameworks, message
):
    response = api_client.get(reverse("api:compare"), {"frameworks": frameworks})

    body = error(response, HTTPStatus.BAD_REQUEST)
    assert message in body["detail"]
    assert list(body["errors"]) == ["frameworks"]


def test_compare_without_the_parameter_says_how_to_use_it(api_client):
    response = api_client.get(reverse("api:compare"))

    assert (
        "?frameworks=django,flask" in error(response, HTTPStatus.BAD_REQUEST)["detail"]
    )


def test_compare_refuses_writes(editor_api_client):
    response = editor_api_client.post(reverse("api:compare"), {}, format="json")

    assert error(response, HTTPStatus.METHOD_NOT_ALLOWED)["detail"] == (
        'Method "POST" not allowed.'
    )


# --- Bodies hold to the schema -----------------------------------------------------


def test_unknown_body_keys_are_refused_naming_the_fields_there_are(editor_api_client):
    CategoryFactory(slug="web")

    response = editor_api_client.patch(
        reverse("api:category-detail", args=["web"]), {"nmae": "Web"}, format="json"
    )

    detail = error(response, HTTPStatus.BAD_REQUEST)["detail"]
    assert "Unknown fields: 'nmae'. This takes: " in detail
    assert ", name, " in detail.split("This takes: ")[1]


def test_unknown_form_keys_are_refused_too(editor_api_client):
    CategoryFactory(slug="web")

    response = editor_api_client.patch(
        reverse("api:category-detail", args=["web"]),
        "nmae=Web&csrfmiddlewaretoken=x",
        content_type="application/x-www-form-urlencoded",
    )

    assert "Unknown fields: 'nmae'" in error(response, 400)["detail"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"slug": 15, "name": "A", "year": 2024, "publisher": "P", "title": "T"},
            "slug",
            "Give a string; got int.",
        ),
        (
            {"slug": "s", "title": "T", "publisher": "P", "year": "2024"},
            "year",
            "Give a whole number; got str.",
        ),
        (
            {"slug": "s", "title": "T", "publisher": "P", "year": True},
            "year",
            "Give a whole number; got bool.",
        ),
    ],
)
def test_json_values_of_the_wrong_type_are_refused(
    editor_api_client, body, field, message
):
    response = editor_api_client.post(reverse("api:source-list"), body, format="json")

    assert error(response, HTTPStatus.BAD_REQUEST)["errors"][field] == [message]


def test_the_schema_says_request_bodies_take_no_other_keys(api_client):
    schema = api_client.get(reverse("api:schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]

    requests = [name for name in components if name.endswith("Request")]
    assert "PatchedFrameworkWriteRequest" in requests
    assert all(components[name]["additionalProperties"] is False for name in requests)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"share": None}, "share"),
        ({"share": None, "rank_best": 7}, "rank_worst"),
        ({"provenance": "derived", "basis": ""}, "basis"),
    ],
    ids=["no-share-or-band", "half-band", "derived-without-basis"],
)
def test_a_figure_that_cannot_be_sourced_is_refused_naming_the_field(
    editor_api_client, starting_content, overrides, field
):
    response = editor_api_client.post(
        reverse("api:usage-list"), figure(**overrides), format="json"
    )

    assert field in error(response, HTTPStatus.BAD_REQUEST)["errors"]


def test_a_patch_that_does_not_fit_the_figure_as_it_stands_is_a_conflict(
    editor_api_client,
):
    stat = UsageStatFactory()  # a share, no rank band

    response = editor_api_client.patch(
        reverse("api:usage-detail", args=[stat.pk]), {"share": None}, format="json"
    )

    body = error(response, HTTPStatus.CONFLICT)
    assert "Give a share, or both ranks of the band" in body["errors"]["share"][0]
    stat.refresh_from_db()
    assert stat.share == 10


def test_an_upside_down_rank_band_is_stored_best_first(
    editor_api_client, starting_content
):
    response = editor_api_client.post(
        reverse("api:usage-list"),
        figure(share=None, rank_best=10, rank_worst=7),
        format="json",
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert (response.json()["rank_best"], response.json()["rank_worst"]) == (7, 10)
