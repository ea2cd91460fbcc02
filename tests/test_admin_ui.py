"""The editors' admin as served: grouping, widgets, icons and the Markdown preview."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalog.admin_site import group_models
from tests.factories import (
    FrameworkFactory,
    RelationFactory,
    UserFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

PREVIEW = reverse("admin:catalog_framework_preview")


def change_page(client, framework):
    url = reverse("admin:catalog_framework_change", args=[framework.pk])
    return client.get(url).content.decode()


def test_index_groups_the_catalog_frameworks_first(editor_client):
    response = editor_client.get(reverse("admin:index"))

    groups = [
        (app["name"], [model["object_name"] for model in app["models"]])
        for app in response.context["app_list"]
    ]
    assert groups == [
        ("Frameworks and their figures", ["Framework", "UsageStat", "Source"]),
        ("How frameworks are described", ["Category", "UseCase", "Feature"]),
        ("Sent in by readers", ["FrameworkSuggestion"]),
    ]


def test_a_catalog_model_added_later_is_listed_after_the_groups():
    app = {
        "app_label": "catalog",
        "name": "Catalog",
        "models": [
            {"object_name": name}
            for name in ("PackageFacts", "Source", "Framework", "Category")
        ],
    }

    groups = group_models(app)

    assert [(g["name"], [m["object_name"] for m in g["models"]]) for g in groups] == [
        ("Frameworks and their figures", ["Framework", "Source"]),
        ("How frameworks are described", ["Category"]),
        ("More of the catalog", ["PackageFacts"]),
    ]


def test_change_page_uses_autocomplete_for_sources_features_and_frameworks(
    editor_client,
):
    framework = full_framework()
    RelationFactory(from_framework=framework)

    content = change_page(editor_client, framework)

    for name in ("usage_stats-0-source", "feature_supports-0-feature"):
        assert f'name="{name}"' in content
    assert content.count("admin-autocomplete") >= 4  # one per row, plus empty forms
    assert 'data-field-name="to_framework"' in content


def test_related_object_icons_only_where_they_help(editor_client):
    content = change_page(editor_client, full_framework())

    assert "change-related" not in content
    assert "delete-related" not in content
    assert "view-related" not in content
    assert 'id="add_id_usage_stats-0-source"' in content  # a new source saves a trip
    assert 'id="add_id_category"' not in content


def test_inline_details_are_small_boxes_and_titles_one_line(editor_client):
    content = change_page(editor_client, full_framework())

    assert 'name="advantages-0-detail" cols="40" rows="2"' in content
    assert 'type="text" name="advantages-0-title"' in content
    assert 'class="cell-label" for="id_advantages-0-title"' in content


def test_description_comes_with_a_server_rendered_sanitised_preview(editor_client):
    framework = FrameworkFactory(
        description="It is **fast**.<script>alert(1)</script>[x](javascript:alert(1))"
    )

    content = change_page(editor_client, framework)

    assert f'data-preview-url="{PREVIEW}"' in content
    preview = content.split('id="id_description-preview"')[1].split("</section>")[0]
    assert "<strong>fast</strong>" in preview
    assert "<script" not in preview
    assert "javascript:" not in preview


def test_preview_renders_posted_markdown_sanitised(editor_client):
    response = editor_client.post(
        PREVIEW, {"text": "## Fast\r\n\r\n<img src=x onerror=alert(1)> *yes*"}
    )

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "<h2>Fast</h2>" in html
    assert "<em>yes</em>" in html
    assert "onerror" not in html


@pytest.mark.parametrize(
    ("method", "status"),
    [("get", HTTPStatus.METHOD_NOT_ALLOWED), ("put", HTTPStatus.METHOD_NOT_ALLOWED)],
)
def test_preview_only_answers_post(editor_client, method, status):
    assert getattr(editor_client, method)(PREVIEW).status_code == status


def test_preview_refuses_a_text_too_long_to_preview(editor_client):
    response = editor_client.post(PREVIEW, {"text": "x" * 100_001})

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_preview_is_for_editors_only(client):
    anonymous = client.post(PREVIEW, {"text": "hi"})
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_framework"))
    client.force_login(staff)
    viewer = client.post(PREVIEW, {"text": "hi"})

    assert anonymous.status_code == HTTPStatus.FOUND  # to the login page
    assert viewer.status_code == HTTPStatus.FORBIDDEN


def test_use_cases_are_boxes_to_tick(editor_client):
    content = change_page(editor_client, full_framework())

    assert 'type="checkbox" name="use_cases"' in content
    assert "selectfilter" not in content.lower()


def test_the_admin_loads_its_own_styles_and_scripts_only_from_this_site(
    editor_client,
):
    content = change_page(editor_client, full_framework())

    for asset in (
        "css/admin.css",
        "js/admin/counter.js",
        "js/admin/sortable.js",
        "js/admin/markdown-preview.js",
    ):
        assert f'"/static/{asset}"' in content
    assert "<script>" not in content.replace('<script type="text/template">', "")
    assert ' style="' not in content.split('id="advantages-group"')[1]
