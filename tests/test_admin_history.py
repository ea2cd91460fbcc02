"""One timeline per framework with its rows, and whole-framework revert."""

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalog.framework_rows import row_kinds
from catalog.models import (
    Advantage,
    Framework,
    Revision,
    UsageStat,
)
from catalog.revisions import revision
from tests.factories import (
    AdvantageFactory,
    DisadvantageFactory,
    FeatureFactory,
    FeatureSupportFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UsageStatFactory,
    UseCaseFactory,
    UserFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db


def history_url(obj):
    opts = obj._meta
    return reverse(f"admin:catalog_{opts.model_name}_history", args=[obj.pk])


def revert_url(obj, revision_id):
    opts = obj._meta
    return reverse(
        f"admin:catalog_{opts.model_name}_revert", args=[obj.pk, revision_id]
    )


def confirm_revert(client, obj, revision_id, reason=""):
    """Open the revert page, then confirm it as it came: (page, response)."""
    url = revert_url(obj, revision_id)
    page = client.get(url)
    data = {"version": page.context["form"]["version"].value(), "reason": reason}
    return page, client.post(url, data)


def latest_revision_id():
    return Revision.objects.values_list("pk", flat=True).first()


def page_text(response):
    return response.content.decode()


# --- One timeline -------------------------------------------------------------


def test_a_change_to_an_advantage_shows_in_its_framework_history(editor_client):
    framework = FrameworkFactory(name="Django")
    advantage = AdvantageFactory(framework=framework, title="Batteries included")

    with revision(reason="Shorter title"):
        advantage.title = "Batteries"
        advantage.save()
    response = editor_client.get(history_url(framework))

    assert response.status_code == HTTPStatus.OK
    [latest, *_] = response.context["entries"]
    [change] = latest.objects
    assert (change.noun, change.action) == ("advantage", "changed")
    assert [c.label for c in change.changes] == ["Title"]
    assert latest.revision.reason == "Shorter title"
    assert "Shorter title" in page_text(response)


@pytest.mark.parametrize(
    "make_row",
    [
        lambda fw: AdvantageFactory(framework=fw),
        lambda fw: DisadvantageFactory(framework=fw),
        lambda fw: UsageStatFactory(framework=fw),
        lambda fw: FeatureSupportFactory(framework=fw),
        lambda fw: RelationFactory(from_framework=fw),
        lambda fw: RelationFactory(to_framework=fw),
    ],
    ids=["advantage", "disadvantage", "usage", "feature", "relation", "incoming"],
)
def test_every_kind_of_row_shows_in_the_framework_history(editor_client, make_row):
    framework = FrameworkFactory()
    row = make_row(framework)

    response = editor_client.get(history_url(framework))

    [added, *_] = response.context["entries"]
    row = type(row).objects.get(pk=row.pk)
    assert [(o.noun, o.action, o.label) for o in added.objects] == [
        (str(type(row)._meta.verbose_name), "added", str(row))
    ]


def test_a_relation_shows_in_the_history_of_both_frameworks(editor_client):
    fastapi = FrameworkFactory(name="FastAPI")
    starlette = FrameworkFactory(name="Starlette")
    RelationFactory(from_framework=fastapi, to_framework=starlette, kind="built-on")

    for framework in (fastapi, starlette):
        response = editor_client.get(history_url(framework))
        assert "FastAPI built on Starlette" in page_text(response)


def test_use_cases_given_to_a_framework_show_in_its_history(editor_client):
    framework = FrameworkFactory()
    framework.use_cases.add(UseCaseFactory(name="REST APIs"))

    response = editor_client.get(history_url(framework))

    [latest, *_] = response.context["entries"]
    [change] = latest.objects[0].changes
    assert (change.label, change.old, change.new) == ("Use cases", "—", "REST APIs")


def test_entry_says_who_changed_what_when_and_why(editor_client, editor):
    framework = FrameworkFactory(summary="Old words.")
    framework.summary = "New words."
    framework._history_user = editor
    framework._change_reason = "Fixed a typo"
    framework.save()

    content = page_text(editor_client.get(history_url(framework)))

    assert "by editor" in content
    assert "Fixed a typo" in content
    assert '<del><span class="visually-hidden">removed: </span>Old</del>' in content
    assert '<ins><span class="visually-hidden">added: </span>New</ins>' in content


def test_a_long_description_diff_is_whole_and_word_by_word(editor_client):
    words = " ".join(f"word{n}" for n in range(80))
    framework = FrameworkFactory(description=f"Django {words} framework")
    framework.description = f"Django {words} toolkit"
    framework.save()

    response = editor_client.get(history_url(framework))

    [latest, *_] = response.context["entries"]
    [change] = latest.objects[0].changes
    assert ("delete", "framework") in change.words
    assert ("insert", "toolkit") in change.words
    assert "".join(text for op, text in change.words if op != "insert") == (
        f"Django {words} framework"
    )
    assert "chars]" not in page_text(response)


def test_a_save_with_a_reason_shows_it_as_the_change_reason(editor_client):
    framework = FrameworkFactory()
    with revision(reason="Checked the docs"):
        framework.summary = "Checked."
        framework.save()

    record = framework.history.latest()

    assert record.history_change_reason == "Checked the docs"


def test_history_of_a_figure_whose_framework_was_deleted_still_shows(editor_client):
    figure = UsageStatFactory(year=2024, share=10)
    figure.share = 12
    figure.save()
    figure.framework.delete()

    response = editor_client.get(history_url(figure))

    assert response.status_code == HTTPStatus.OK
    assert "Usage figure " in response.context["title"]
    assert [entry.objects[0].action for entry in response.context["entries"]] == [
        "removed",
        "changed",
        "added",
    ]


def test_history_of_another_kind_of_object_is_its_own(editor_client):
    source = SourceFactory(title="Survey 2023")
    source.title = "Survey 2024"
    source.save()

    response = editor_client.get(history_url(source))

    assert [entry.objects[0].action for entry in response.context["entries"]] == [
        "changed",
        "added",
    ]


def test_history_is_paged(editor_client):
    framework = FrameworkFactory()
    for number in range(25):
        AdvantageFactory(framework=framework, title=f"Point {number}")

    first = editor_client.get(history_url(framework))
    second = editor_client.get(history_url(framework), {"p": 2})

    assert len(first.context["entries"]) == 20
    assert len(second.context["entries"]) == 6
    assert "26 changes" in page_text(second)


def test_framework_history_runs_a_fixed_number_of_queries(
    editor_client, assert_constant_queries
):
    framework = full_framework()
    url = history_url(framework)

    def change_every_kind_of_row():
        with revision(reason="More rows"):
            AdvantageFactory(framework=framework).delete()
            advantage = framework.advantages.first()
            advantage.detail += " More."
            advantage.save()
            UsageStatFactory(framework=framework, source=SourceFactory())
            FeatureSupportFactory(framework=framework)
            RelationFactory(to_framework=framework)
            framework.use_cases.add(UseCaseFactory())

    editor_client.get(url)  # warm the per-process ContentType cache first

    # With the other kinds' history; enough changes to fill a page.
    _, response = assert_constant_queries(
        lambda: editor_client.get(url),
        17,
        make_framework=change_every_kind_of_row,
        sizes=(12, 16),
    )

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["entries"]) == 20


def test_usage_figure_history_runs_a_fixed_number_of_queries(
    editor_client, assert_constant_queries
):
    figure = UsageStatFactory(framework__name="Flask", year=2024, share=10)
    url = history_url(figure)

    def change_the_share():
        figure.share += 1
        figure.save()

    editor_client.get(url)  # warm the per-process ContentType cache first

    _, response = assert_constant_queries(
        lambda: editor_client.get(url), 10, make_framework=change_the_share
    )

    assert response.status_code == HTTPStatus.OK
    assert "Flask 2024: 15.0%" in page_text(response)


# --- Whole-framework revert -----------------------------------------------------


def snapshot(framework_id):
    """The framework and every row of its page, by id, as plain values."""
    framework = Framework.objects.filter(pk=framework_id).first()
    state = {"framework": None, "use_cases": set()}
    if framework is not None:
        state["framework"] = {
            f.attname: getattr(framework, f.attname)
            for f in Framework._meta.concrete_fields
            if f.name != "updated"
        }
        state["use_cases"] = set(framework.use_cases.values_list("pk", flat=True))
    for kind in row_kinds():
        state[kind.model._meta.model_name] = {
            row["id"]: row
            for row in kind.model.objects.filter(kind.belongs_to(framework_id)).values()
        }
    return state


def framework_with_every_row():
    framework = full_framework(name="Django", slug="django")
    AdvantageFactory(framework=framework, title="Admin")
    RelationFactory(from_framework=framework, note="outgoing")
    RelationFactory(to_framework=framework, kind="extends", note="incoming")
    return framework


def change_every_kind_of_row(framework, editor):
    """Change, add and remove rows of every kind, in a few revisions."""
    with revision(reason="First round"):
        framework.summary = "Rewritten."
        framework.description = "A new description."
        framework._history_user = editor
        framework.save()
        first, second, third = framework.advantages.all()
        first.title = "Changed title"
        first.save()
        second.delete()
        AdvantageFactory(framework=framework, title="Added later")
        disadvantage = framework.disadvantages.get()
        disadvantage.detail = "Different."
        disadvantage.save()
    with revision(reason="Second round"):
        older, newer = framework.usage_stats.order_by("year")
        older.delete()
        newer.share = Decimal("44.0")
        newer.save()
        UsageStatFactory(framework=framework, source=SourceFactory(), year=2025)
        support = framework.feature_supports.get()
        support.level = "package"
        support.note = "Through an add-on"
        support.save()
        FeatureSupportFactory(framework=framework, feature=FeatureFactory())
        framework.relations.get().delete()
        RelationFactory(from_framework=framework, kind="built-on")
        incoming = framework.incoming_relations.get()
        incoming.note = "changed note"
        incoming.save()
        framework.use_cases.set([UseCaseFactory(name="ML serving")])


def test_revert_restores_a_framework_and_every_kind_of_row(editor_client, editor):
    framework = framework_with_every_row()
    version = latest_revision_id()
    before = snapshot(framework.pk)
    change_every_kind_of_row(framework, editor)
    changed = snapshot(framework.pk)
    assert changed != before

    _, response = confirm_revert(
        editor_client, framework, version, reason="Undo it all"
    )

    assert response.status_code == HTTPStatus.FOUND, page_text(response)
    assert snapshot(framework.pk) == before
    done = Revision.objects.first()
    assert (done.reason, done.reverted_to_id, done.user) == (
        "Undo it all",
        version,
        editor,
    )
    # The revert is a history entry that can itself be undone.
    undo = Revision.objects.filter(pk__lt=done.pk).first()
    confirm_revert(editor_client, framework, undo.pk)
    assert snapshot(framework.pk) == changed


def test_revert_confirmation_lists_what_will_change_and_changes_nothing(
    editor_client, editor
):
    framework = framework_with_every_row()
    version = latest_revision_id()
    change_every_kind_of_row(framework, editor)
    changed = snapshot(framework.pk)

    response = editor_client.get(revert_url(framework, version))

    assert response.status_code == HTTPStatus.OK
    actions = {(c.noun, c.action) for c in response.context["plan"].changes}
    assert {
        ("framework", "change"),
        ("advantage", "restore"),
        ("advantage", "remove"),
        ("advantage", "change"),
        ("disadvantage", "change"),
        ("usage figure", "restore"),
        ("usage figure", "remove"),
        ("usage figure", "change"),
        ("feature support", "change"),
        ("feature support", "remove"),
        ("relation", "restore"),
        ("relation", "remove"),
        ("relation", "change"),
    } == actions
    assert "Yes, revert" in page_text(response)
    assert snapshot(framework.pk) == changed


def test_revert_is_one_revision_in_one_transaction(editor_client, editor):
    framework = framework_with_every_row()
    version = latest_revision_id()
    change_every_kind_of_row(framework, editor)
    before = Revision.objects.count()

    confirm_revert(editor_client, framework, version)

    assert Revision.objects.count() == before + 1


def test_a_revert_that_breaks_a_rule_changes_nothing(editor_client):
    framework = FrameworkFactory(name="Bottle", slug="bottle")
    version = latest_revision_id()
    framework.name = "Bottle.py"
    framework.save()
    AdvantageFactory(framework=framework)
    FrameworkFactory(name="Bottle", slug="bottle-2")  # takes the old name
    state = snapshot(framework.pk)

    _, response = confirm_revert(editor_client, framework, version)

    assert response.status_code == HTTPStatus.CONFLICT
    assert "The revert was not made." in page_text(response)
    assert "Framework with this Name already exists." in page_text(response)
    assert snapshot(framework.pk) == state


def test_a_row_whose_source_was_deleted_is_listed_as_not_restorable(editor_client):
    framework = FrameworkFactory()
    figure = UsageStatFactory(framework=framework)
    AdvantageFactory(framework=framework, title="Kept")
    version = latest_revision_id()
    source = figure.source
    figure.delete()
    source.delete()
    framework.advantages.all().delete()

    page, _ = confirm_revert(editor_client, framework, version)

    assert "its source has been deleted since" in page_text(page)
    assert not UsageStat.objects.exists()
    assert Advantage.objects.get().title == "Kept"


def test_a_revert_over_a_newer_change_is_refused(editor_client):
    framework = FrameworkFactory(summary="First.")
    version = latest_revision_id()
    framework.summary = "Second."
    framework.save()
    page = editor_client.get(revert_url(framework, version))
    framework.summary = "Third, by someone else."
    framework.save()

    response = editor_client.post(
        revert_url(framework, version),
        {"version": page.context["form"]["version"].value()},
    )

    assert response.status_code == HTTPStatus.CONFLICT
    assert "Someone changed this since you opened the page" in page_text(response)
    framework.refresh_from_db()
    assert framework.summary == "Third, by someone else."
    # The page now lists the revert as it stands, ready to confirm again.
    again = editor_client.post(
        revert_url(framework, version),
        {"version": response.context["form"]["version"].value()},
    )
    assert again.status_code == HTTPStatus.FOUND
    framework.refresh_from_db()
    assert framework.summary == "First."


def viewer_client(client, *codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def test_an_editor_without_change_permission_cannot_revert(client):
    framework = FrameworkFactory(summary="First.")
    version = latest_revision_id()
    framework.summary = "Second."
    framework.save()
    viewer = viewer_client(client, "view_framework")

    history = viewer.get(history_url(framework))
    page = viewer.get(revert_url(framework, version))
    post = viewer.post(revert_url(framework, version), {"version": version + 1})

    assert history.status_code == HTTPStatus.OK
    assert "Revert to this version" not in page_text(history)
    assert page.status_code == post.status_code == HTTPStatus.FORBIDDEN
    framework.refresh_from_db()
    assert framework.summary == "Second."


def test_a_revert_needing_a_row_permission_the_editor_lacks_is_refused(client):
    framework = FrameworkFactory()
    AdvantageFactory(framework=framework)
    version = latest_revision_id()
    framework.advantages.all().delete()
    editor = viewer_client(client, "view_framework", "change_framework")

    _, response = confirm_revert(editor, framework, version)

    assert response.status_code == HTTPStatus.CONFLICT
    assert "catalog.add_advantage" in page_text(response)
    assert not framework.advantages.exists()


def test_a_deleted_framework_comes_back_with_its_rows(editor_client):
    framework = framework_with_every_row()
    version = latest_revision_id()
    before = snapshot(framework.pk)
    editor_client.post(
        reverse("admin:catalog_framework_delete", args=[framework.pk]), {"post": "yes"}
    )
    assert snapshot(framework.pk)["framework"] is None

    _, response = confirm_revert(editor_client, framework, version)

    assert response.status_code == HTTPStatus.FOUND
    assert snapshot(framework.pk) == before


def test_a_revision_from_another_history_is_not_found(editor_client):
    framework = FrameworkFactory()
    other = FrameworkFactory()

    response = editor_client.get(
        revert_url(framework, other.history.get().history_revision_id)
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_row_without_recorded_history_is_left_alone(editor_client):
    framework = FrameworkFactory(summary="First.")
    version = latest_revision_id()
    framework.summary = "Second."
    framework.save()
    loaded = AdvantageFactory(framework=framework)  # as loaddata would, unrecorded
    Advantage.history.filter(id=loaded.pk).delete()

    page, _ = confirm_revert(editor_client, framework, version)

    assert [(c.noun, c.action) for c in page.context["plan"].changes] == [
        ("framework", "change")
    ]
    framework.refresh_from_db()
    assert framework.summary == "First."
    assert framework.advantages.get() == loaded


def test_any_catalog_object_can_be_reverted_on_its_own(editor_client):
    source = SourceFactory(title="Survey 2023")
    version = latest_revision_id()
    source.title = "Survey 2024"
    source.save()

    page, response = confirm_revert(editor_client, source, version)

    assert [(c.noun, c.action) for c in page.context["plan"].changes] == [
        ("source", "change")
    ]
    assert response.status_code == HTTPStatus.FOUND
    source.refresh_from_db()
    assert source.title == "Survey 2023"
