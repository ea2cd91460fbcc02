"""The public list of changes (/changes/) and its Atom feed."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Framework
from catalog.revisions import revision
from tests.factories import (
    AdvantageFactory,
    EditorFactory,
    FrameworkFactory,
    RelationFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

CHANGES = reverse("catalog:changes")
FEED = reverse("catalog:changes-feed")
ATOM = "{http://www.w3.org/2005/Atom}"


def edit(framework, reason, user=None, **fields):
    with revision(reason=reason):
        for name, value in fields.items():
            setattr(framework, name, value)
        framework._history_user = user
        framework.save()


def changes_on(response):
    """The changes the page rendered, each through includes/change_item.html."""
    return [context["change"] for context in response.context if "change" in context]


def listed(response):
    return [
        (change.framework.name, change.revision.reason)
        for change in changes_on(response)
    ]


def test_published_changes_are_listed_newest_first_with_their_reasons(client):
    flask = FrameworkFactory(name="Flask")
    django = FrameworkFactory(name="Django")
    edit(flask, "Clearer summary", summary="A micro framework.")
    edit(django, "New release", summary="Batteries included.")

    response = client.get(CHANGES)

    assert response.status_code == HTTPStatus.OK
    assert listed(response)[:2] == [
        ("Django", "New release"),
        ("Flask", "Clearer summary"),
    ]
    [latest, *_] = changes_on(response)
    assert latest.headline == "changed summary"
    assert "New release" in response.content.decode()


def test_a_row_change_is_listed_under_its_framework(client):
    flask = FrameworkFactory(name="Flask")
    with revision(reason="A strength we missed"):
        AdvantageFactory(framework=flask, title="Tiny core")

    [change, *_] = changes_on(client.get(CHANGES))

    assert (change.framework, change.revision.reason) == (flask, "A strength we missed")
    assert change.headline == "added advantage “Tiny core”"


def test_drafts_and_their_changes_stay_private(client):
    draft = FrameworkFactory(name="Secret", status=Framework.Status.DRAFT)
    edit(draft, "Drafting", summary="Work in progress.")
    published = FrameworkFactory(name="Flask")
    edit(published, "Before its relation")
    with revision(reason="Relates to a draft"):
        RelationFactory(from_framework=published, to_framework=draft)

    response = client.get(CHANGES)

    names = {name for name, _ in listed(response)}
    assert names == {"Flask"}
    relation_change = changes_on(response)[0]
    assert relation_change.revision.reason == "Relates to a draft"
    assert relation_change.objects == []  # it names the draft
    assert "Secret" not in response.content.decode()


def test_changes_made_while_a_draft_stay_private_once_published(client):
    framework = FrameworkFactory(name="Bottle", status=Framework.Status.DRAFT)
    edit(framework, "First draft", summary="Draft words.")
    edit(framework, "Ready", status=Framework.Status.PUBLISHED)

    assert listed(client.get(CHANGES)) == [("Bottle", "Ready")]


def test_editors_names_are_shown_only_when_a_setting_says_so(client, settings):
    editor = EditorFactory(username="alice", first_name="Alice", last_name="Lee")
    framework = FrameworkFactory()
    edit(framework, "Checked", user=editor, summary="Checked.")

    hidden = client.get(CHANGES).content.decode()
    settings.CHANGES_SHOW_EDITORS = True
    shown = client.get(CHANGES).content.decode()

    assert "Alice" not in hidden and "alice" not in hidden
    assert "by Alice Lee" in shown


def test_changes_are_paged(client):
    framework = FrameworkFactory()
    for number in range(21):
        edit(framework, f"Change {number}", summary=f"Summary {number}.")

    first = client.get(CHANGES)
    second = client.get(CHANGES, {"page": 2})

    assert len(changes_on(first)) == 20
    assert listed(first)[0] == (framework.name, "Change 20")
    assert len(changes_on(second)) == 2  # and the framework's creation


def test_changes_page_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    # With the other kinds' history; enough changes to fill a page.
    _, response = assert_constant_queries(lambda: client.get(CHANGES), 12, sizes=(3, 6))

    assert len(changes_on(response)) == 20


def test_feed_lists_the_changes_with_their_reasons(client):
    flask = FrameworkFactory(name="Flask")
    edit(flask, "Clearer summary", summary="A micro framework.")
    FrameworkFactory(name="Secret", status=Framework.Status.DRAFT)

    response = client.get(FEED)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles[0] == "Flask: changed summary"
    assert "Clearer summary" in entries[0].find(f"{ATOM}summary").text
    assert all("Secret" not in title for title in titles)
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    assert ids[0].startswith("http://testserver/changes/#change-")


def test_feed_runs_a_fixed_number_of_queries(client, assert_constant_queries):
    # With the other kinds' history.
    _, response = assert_constant_queries(lambda: client.get(FEED), 11)

    assert response.status_code == HTTPStatus.OK


def test_changes_page_links_from_every_page(client):
    full_framework()

    response = client.get(reverse("catalog:framework-list"))

    assert f'href="{CHANGES}"' in response.content.decode()


def test_an_object_first_recorded_by_a_change_is_listed_as_added(client):
    # loaddata's raw save records nothing; the first history is a change.
    flask = FrameworkFactory(name="Flask")
    Framework.history.filter(id=flask.pk).delete()
    edit(flask, "Restored from a backup", summary="A micro framework.")

    [change] = [
        change
        for change in changes_on(client.get(CHANGES))
        if change.revision.reason == "Restored from a backup"
    ]

    assert change.headline == "added framework “Flask”"
