from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from catalog.editors import EDITED_MODELS, EDITORS_GROUP
from catalog.models import Framework
from tests.factories import (
    AdvantageFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
    UserFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:catalog_framework_changelist"


def change_url(framework):
    return reverse("admin:catalog_framework_change", args=[framework.pk])


def form_data(response):
    """Return the POST data of the admin form rendered in ``response``, unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)
    return data


# --- Access -----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse(CHANGELIST))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))


def test_staff_user_outside_editors_is_forbidden_the_changelist(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_editors_group_holds_exactly_the_catalog_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)

    permissions = set(
        group.permissions.values_list("content_type__app_label", "codename")
    )

    assert permissions == {
        ("catalog", f"{action}_{model}")
        for model in EDITED_MODELS
        for action in ("view", "add", "change", "delete")
    }
    assert len(permissions) == 40


def test_every_catalog_model_is_registered():
    registered = {
        model._meta.model_name
        for model in admin.site._registry
        if model._meta.app_label == "catalog"
    }

    assert {"category", "usecase", "feature", "source", "framework"} <= registered
    assert "usagestat" in registered


@pytest.mark.parametrize(
    "model", ["category", "usecase", "feature", "source", "framework", "usagestat"]
)
def test_editor_sees_every_changelist_and_add_form(editor_client, model):
    full_framework()

    changelist = editor_client.get(reverse(f"admin:catalog_{model}_changelist"))
    add_form = editor_client.get(reverse(f"admin:catalog_{model}_add"))

    assert changelist.status_code == HTTPStatus.OK
    assert add_form.status_code == HTTPStatus.OK


# --- Changelist -------------------------------------------------------------


def test_changelist_shows_category_latest_share_and_status(editor_client):
    framework = full_framework(name="Flask", slug="flask")
    FrameworkFactory(name="Bottle", slug="bottle", status=Framework.Status.DRAFT)

    response = editor_client.get(reverse(CHANGELIST))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Flask" in content
    assert framework.category.name in content
    assert "15.0%" in content  # the 2024 figure, newer than 2023's 12.0
    assert "—" in content  # Bottle has no figures
    assert "Draft" in content


def test_changelist_sorts_by_latest_share(editor_client):
    UsageStatFactory(framework__name="Small", share=5)
    UsageStatFactory(framework__name="Large", share=40)

    response = editor_client.get(reverse(CHANGELIST), {"o": "-3"})

    names = [framework.name for framework in response.context["cl"].result_list]
    assert names == ["Large", "Small"]


def test_changelist_query_count_does_not_grow(editor_client, assert_constant_queries):
    url = reverse(CHANGELIST)
    editor_client.get(url)  # warm the per-process ContentType cache first

    count, response = assert_constant_queries(lambda: editor_client.get(url))

    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].result_count == 60


def test_usage_changelist_query_count_does_not_grow(
    editor_client, assert_constant_queries
):
    url = reverse("admin:catalog_usagestat_changelist")
    editor_client.get(url)  # warm the per-process ContentType cache first

    count, response = assert_constant_queries(lambda: editor_client.get(url))

    assert response.status_code == HTTPStatus.OK


def test_search_finds_a_framework_by_summary(editor_client):
    FrameworkFactory(name="Flask", summary="A small web framework.")
    FrameworkFactory(name="Requests", summary="An HTTP client.")

    response = editor_client.get(reverse(CHANGELIST), {"q": "HTTP client"})

    names = [framework.name for framework in response.context["cl"].result_list]
    assert names == ["Requests"]


# --- Actions ----------------------------------------------------------------


def run_action(client, action, frameworks):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [fw.pk for fw in frameworks]},
        follow=True,
    )


def test_publish_action_publishes_drafts_and_records_history(editor_client, editor):
    drafts = FrameworkFactory.create_batch(2, status=Framework.Status.DRAFT)

    response = run_action(editor_client, "publish", drafts)

    assert response.status_code == HTTPStatus.OK
    assert "2 frameworks were published." in response.content.decode()
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == Framework.Status.PUBLISHED
        latest = draft.history.latest()
        assert latest.status == Framework.Status.PUBLISHED
        assert latest.history_user == editor


def test_unpublish_action_returns_frameworks_to_draft(editor_client):
    published = FrameworkFactory.create_batch(3)

    response = run_action(editor_client, "unpublish", published[:2])

    assert "2 frameworks were returned to draft." in response.content.decode()
    statuses = dict(Framework.objects.values_list("pk", "status"))
    assert statuses == {
        published[0].pk: Framework.Status.DRAFT,
        published[1].pk: Framework.Status.DRAFT,
        published[2].pk: Framework.Status.PUBLISHED,
    }


def test_publish_action_keeps_use_cases_in_history(editor_client):
    draft = full_framework(status=Framework.Status.DRAFT)

    run_action(editor_client, "publish", [draft])

    latest = draft.history.latest()
    assert [row.usecase.slug for row in latest.use_cases.all()] == ["rest-apis"]


# --- Change form ------------------------------------------------------------


def test_change_form_renders_with_inlines(editor_client):
    framework = full_framework(name="Flask", slug="flask")
    other = FrameworkFactory(name="Quart", slug="quart")
    RelationFactory(from_framework=framework, to_framework=other)

    response = editor_client.get(change_url(framework))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    for text in (
        "Flask",
        "Advantages",
        "Disadvantages",
        "Usage figures",
        "Feature supports",
        "Relations to other frameworks",
        framework.advantages.first().title,
        "Developer survey",
        "Quart",
        "View on site",
        "History",
    ):
        assert text in content
    inline_counts = [
        len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    ]
    assert inline_counts == [2, 1, 2, 1, 1]


def test_view_on_site_leads_to_the_framework_page(editor_client):
    framework = FrameworkFactory(slug="flask")

    response = editor_client.get(change_url(framework))

    assert response.context["has_absolute_url"]
    assert framework.get_absolute_url() == "/frameworks/flask/"


def test_change_form_query_count_does_not_grow(editor_client, assert_constant_queries):
    framework = full_framework()
    url = change_url(framework)

    def grow_the_form():
        # Each new catalog entry also adds a row to every inline of the form.
        other = full_framework()
        AdvantageFactory(framework=framework)
        UsageStatFactory(framework=framework, source=SourceFactory(), year=2020)
        FeatureSupportFactory(framework=framework)
        RelationFactory(from_framework=framework, to_framework=other)

    editor_client.get(url)  # warm the per-process ContentType cache first

    count, response = assert_constant_queries(
        lambda: editor_client.get(url), make_framework=grow_the_form
    )

    assert response.status_code == HTTPStatus.OK
    relations = response.context["inline_admin_formsets"][-1].formset
    assert len(relations.forms) == 60


def test_editor_saves_a_change_that_shows_in_history(editor_client, editor):
    framework = full_framework(name="Flask", slug="flask", summary="Old summary.")
    form = editor_client.get(change_url(framework))
    data = form_data(form)
    data["summary"] = "A small framework with a big ecosystem."
    data["advantages-0-title"] = "Tiny core"

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.FOUND, response.context[
        "adminform"
    ].form.errors
    framework.refresh_from_db()
    assert framework.summary == "A small framework with a big ecosystem."
    assert framework.use_cases.get().slug == "rest-apis"
    assert framework.advantages.filter(title="Tiny core").exists()
    assert framework.usage_stats.count() == 2
    latest = Framework.history.filter(id=framework.pk).latest()
    assert latest.summary == "A small framework with a big ecosystem."
    assert latest.history_user == editor
    history = editor_client.get(
        reverse("admin:catalog_framework_history", args=[framework.pk])
    )
    assert history.status_code == HTTPStatus.OK
    content = history.content.decode()
    assert "A small framework with a big ecosystem." in content
    assert "Old summary." in content


def test_relation_to_itself_is_refused_with_a_message(editor_client):
    framework = FrameworkFactory(name="Flask")
    data = form_data(editor_client.get(change_url(framework)))
    data.update(
        {
            "relations-TOTAL_FORMS": "1",
            "relations-0-kind": "alternative",
            "relations-0-to_framework": str(framework.pk),
        }
    )

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.OK
    assert "cannot be related to itself" in response.content.decode()
    assert not framework.relations.exists()


def test_second_figure_for_the_same_source_and_year_is_refused(editor_client):
    figure = UsageStatFactory(year=2024, share=10)
    framework = figure.framework
    data = form_data(editor_client.get(change_url(framework)))
    data.update(
        {
            "usage_stats-TOTAL_FORMS": "2",
            "usage_stats-1-year": "2024",
            "usage_stats-1-share": "11.0",
            "usage_stats-1-source": str(figure.source.pk),
        }
    )

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.OK
    assert "Please correct the duplicate data" in response.content.decode()
    assert framework.usage_stats.count() == 1


def test_editor_reverts_to_an_earlier_version(editor_client):
    framework = FrameworkFactory(summary="First words.")
    first = framework.history.earliest()
    framework.summary = "Second thoughts."
    framework.save()
    revert_url = reverse(
        "admin:catalog_framework_simple_history", args=[framework.pk, first.pk]
    )

    page = editor_client.get(revert_url)

    assert page.status_code == HTTPStatus.OK
    assert "Revert" in page.content.decode()
    assert "First words." in page.content.decode()

    response = editor_client.post(revert_url, form_data(page))

    assert response.status_code == HTTPStatus.FOUND
    framework.refresh_from_db()
    assert framework.summary == "First words."
    assert framework.history.count() == 3
