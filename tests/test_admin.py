from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.http import urlencode

from catalog.editors import EDITED_MODELS, EDITORS_GROUP
from catalog.models import Feature, FeatureSupport, Framework, Relation, UsageStat
from tests.factories import (
    AdvantageFactory,
    FeatureFactory,
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
ADMIN_MODELS = ["category", "usecase", "feature", "source", "framework", "usagestat"]


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
    } | {
        # Readers' suggestions: editors read, mark and clear them, never add one.
        ("catalog", f"{action}_frameworksuggestion")
        for action in ("view", "change", "delete")
    }
    assert len(permissions) == 43


def test_every_catalog_model_is_registered():
    registered = {
        model._meta.model_name
        for model in admin.site._registry
        if model._meta.app_label == "catalog"
    }

    assert {"category", "usecase", "feature", "source", "framework"} <= registered
    assert "usagestat" in registered


@pytest.mark.parametrize("model", ADMIN_MODELS)
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

    _, response = assert_constant_queries(lambda: editor_client.get(url), 9)

    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].result_count == 5


def test_usage_changelist_query_count_does_not_grow(
    editor_client, assert_constant_queries
):
    url = reverse("admin:catalog_usagestat_changelist")
    editor_client.get(url)  # warm the per-process ContentType cache first

    _, response = assert_constant_queries(lambda: editor_client.get(url), 9)

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

    # 14, the package facts shown read only, and the other kinds: choices, values
    _, response = assert_constant_queries(
        lambda: editor_client.get(url), 17, make_framework=grow_the_form
    )

    assert response.status_code == HTTPStatus.OK
    relations = response.context["inline_admin_formsets"][-1].formset
    assert len(relations.forms) == 5


def test_editor_saves_a_framework_with_its_rows(editor_client, editor):
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
            "usage_stats-1-provenance": "stated",
        }
    )

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.OK
    assert "Please correct the duplicate data" in response.content.decode()
    assert framework.usage_stats.count() == 1


# --- Odd input --------------------------------------------------------------


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_history_pages_of_odd_ids_are_not_found(editor_client, model):
    full_framework()
    urls = []
    for odd in ("abc", "1.5", "-1", "99999999999999999999"):
        urls += [
            reverse(f"admin:catalog_{model}_history", args=[odd]),
            reverse(f"admin:catalog_{model}_revert", args=[odd, 1]),
            reverse(f"admin:catalog_{model}_revert", args=[1, odd]),
        ]

    statuses = {url: editor_client.get(url).status_code for url in urls}
    revert = editor_client.post(
        reverse(f"admin:catalog_{model}_revert", args=[1, "abc"])
    )

    assert set(statuses.values()) == {HTTPStatus.NOT_FOUND}, statuses
    assert revert.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("framework", {"status__exact": "\x00"}),
        ("framework", {"learning_curve__exact": "\x00"}),
        ("framework", {"category__id__exact": "\x00"}),
        ("framework", {"use_cases__id__exact": "\x00"}),
        ("framework", {"q": "flask\x00"}),
        ("source", {"kind__exact": "\x00"}),
        ("source", {"year": "\x00"}),
        ("usagestat", {"source__id__exact": "\x00"}),
        ("category", {"name": "\x00"}),
        ("usecase", {"q": "\x00"}),
        ("feature", {"slug\x00": "orm"}),
    ],
)
def test_changelist_query_with_a_nul_byte_is_a_bad_request(editor_client, model, query):
    full_framework()
    url = reverse(f"admin:catalog_{model}_changelist")

    page = editor_client.get(url, query)
    action = editor_client.post(
        f"{url}?{urlencode(query)}",
        {"action": "delete_selected", "_selected_action": ["1"], "index": "0"},
    )

    assert page.status_code == HTTPStatus.BAD_REQUEST
    assert action.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize(
    "data",
    [
        {"action": "publish", "index": "0"},
        {"action": "unpublish", "index": "0"},
        {"action": "delete_selected", "index": "0"},
        {"action": "delete_selected", "post": "yes"},
    ],
)
@pytest.mark.parametrize("selected", ["abc", "1.5", "\x00"])
def test_action_on_a_garbled_selection_changes_nothing(editor_client, data, selected):
    draft = FrameworkFactory(status=Framework.Status.DRAFT)
    published = FrameworkFactory(status=Framework.Status.PUBLISHED)

    response = editor_client.post(
        reverse(CHANGELIST),
        {**data, "_selected_action": [str(draft.pk), selected]},
        follow=True,
    )

    assert response.status_code == HTTPStatus.OK
    assert "The selection was not understood." in response.content.decode()
    statuses = dict(Framework.objects.values_list("pk", "status"))
    assert statuses == {draft.pk: draft.status, published.pk: published.status}


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_delete_selected_on_a_garbled_selection_deletes_nothing(editor_client, model):
    full_framework()
    rows = apps.get_model("catalog", model).objects
    before = rows.count()

    response = editor_client.post(
        reverse(f"admin:catalog_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": ["abc"], "post": "yes"},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert rows.count() == before


# --- Delete pages: query counts ---------------------------------------------


def test_framework_delete_page_query_count_does_not_grow(
    editor_client, assert_constant_queries
):
    framework = full_framework(name="Flask")
    url = reverse("admin:catalog_framework_delete", args=[framework.pk])

    def relate_another_framework():
        other = FrameworkFactory()
        FeatureSupportFactory(framework=framework)
        RelationFactory(from_framework=framework, to_framework=other)
        RelationFactory(from_framework=other, to_framework=framework)
        UsageStatFactory(framework=framework, source=SourceFactory())

    editor_client.get(url)  # warm the per-process ContentType cache first

    # With the package facts and the other kinds a framework takes along.
    _, response = assert_constant_queries(
        lambda: editor_client.get(url), 25, make_framework=relate_another_framework
    )

    assert response.status_code == HTTPStatus.OK
    assert dict(response.context["model_count"]) == {
        "frameworks": 1,
        "advantages": 2,
        "disadvantages": 1,
        "usage figures": 7,
        "feature supports": 6,
        "relations": 10,
        "framework-usecase relationships": 1,
        "package facts": 1,
    }
    content = response.content.decode()
    assert "Feature support: Flask: Feature" in content
    assert "Relation: Flask alternative to Framework" in content


def test_feature_delete_page_query_count_does_not_grow(
    editor_client, assert_constant_queries
):
    feature = FeatureFactory(name="ORM", slug="orm")
    url = reverse("admin:catalog_feature_delete", args=[feature.pk])
    editor_client.get(url)  # warm the per-process ContentType cache first

    _, response = assert_constant_queries(
        lambda: editor_client.get(url),
        9,  # with the feature's kinds
        make_framework=lambda: FeatureSupportFactory(feature=feature),
    )

    assert response.status_code == HTTPStatus.OK
    assert dict(response.context["model_count"]) == {
        "features": 1,
        "feature supports": 5,
    }
    assert ": ORM (Built in)" in response.content.decode()


def test_source_delete_page_lists_its_figures_in_constant_queries(
    editor_client, assert_constant_queries
):
    source = SourceFactory()
    url = reverse("admin:catalog_source_delete", args=[source.pk])
    editor_client.get(url)  # warm the per-process ContentType cache first

    _, response = assert_constant_queries(
        lambda: editor_client.get(url),
        8,
        make_framework=lambda: UsageStatFactory(source=source),
    )

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["protected"]) == 5
    assert "would require deleting" in response.content.decode()


def test_delete_selected_confirmation_query_count_does_not_grow(
    editor_client, assert_constant_queries
):
    frameworks = FrameworkFactory.create_batch(2)

    def relate_both():
        feature = FeatureFactory()
        for framework in frameworks:
            FeatureSupportFactory(framework=framework, feature=feature)
        RelationFactory(from_framework=frameworks[0], to_framework=FrameworkFactory())

    def confirm():
        return run_action(editor_client, "delete_selected", frameworks)

    confirm()  # warm the per-process ContentType cache first

    # With the package facts and the other kinds the frameworks take along.
    _, response = assert_constant_queries(confirm, 24, make_framework=relate_both)

    assert response.status_code == HTTPStatus.OK
    model_count = dict(response.context["model_count"])
    assert model_count["feature supports"] == 10
    assert model_count["relations"] == 5


def test_editor_deletes_a_framework_and_its_rows(editor_client):
    framework = full_framework()
    other = FrameworkFactory()
    RelationFactory(from_framework=framework, to_framework=other)
    RelationFactory(from_framework=other, to_framework=framework)
    url = reverse("admin:catalog_framework_delete", args=[framework.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not Framework.objects.filter(pk=framework.pk).exists()
    assert not FeatureSupport.objects.filter(framework_id=framework.pk).exists()
    assert not Relation.objects.exists()
    assert Framework.objects.get() == other
    assert Feature.objects.exists()
    assert Framework.history.filter(id=framework.pk).latest().history_type == "-"


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("category", {"works_with", "building_block"}),
        ("usecase", {"kinds", "primary_kind", "caution_words"}),
        ("feature", {"kinds", "caution_words"}),
        ("source", {"survey_url", "respondents", "question", "fieldwork"}),
        ("framework", {"other_kinds"}),
    ],
)
def test_editor_can_edit_every_field_about_kinds_and_sources(
    editor_client, model, fields
):
    response = editor_client.get(reverse(f"admin:catalog_{model}_add"))

    assert fields <= set(response.context["adminform"].form.fields)


def test_framework_form_edits_provenance_levels_and_newcomer_flags_inline(
    editor_client,
):
    framework = full_framework()

    response = editor_client.get(change_url(framework))

    inline_fields = {
        inline.formset.prefix: set(inline.formset.forms[0].fields)
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.forms
    }
    assert {"rank_best", "rank_worst", "provenance", "basis"} <= inline_fields[
        "usage_stats"
    ]
    assert {"partial", "source_url"} <= inline_fields["feature_supports"]
    assert "newcomer_concern" in inline_fields["disadvantages"]


def test_a_derived_figure_without_a_basis_is_refused_with_a_message(editor_client):
    figure = UsageStatFactory(year=2024, share=10)
    data = form_data(editor_client.get(change_url(figure.framework)))
    data["usage_stats-0-provenance"] = "derived"
    data["usage_stats-0-basis"] = ""

    response = editor_client.post(change_url(figure.framework), data)

    assert response.status_code == HTTPStatus.OK
    assert "Say how a derived figure was worked out." in response.text
    figure.refresh_from_db()
    assert figure.provenance == UsageStat.Provenance.STATED
