"""Editing in the admin: reasons, no false changes, stale saves refused."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Advantage, Framework, Revision, Source
from tests.factories import AdvantageFactory, SourceFactory, full_framework
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:catalog_{opts.model_name}_change", args=[obj.pk])


def as_a_browser_sends_it(data):
    """A form's data with the line endings a browser sends for a textarea: CRLF."""
    return {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }


def open_form(client, obj):
    return as_a_browser_sends_it(form_data(client.get(change_url(obj))))


def test_saving_an_untouched_form_records_nothing(editor_client):
    framework = full_framework(description="First paragraph.\n\nSecond one.")
    AdvantageFactory(framework=framework, detail="Line one.\nLine two.")
    framework.refresh_from_db()
    revisions = Revision.objects.count()

    response = editor_client.post(
        change_url(framework), open_form(editor_client, framework)
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Revision.objects.count() == revisions
    assert Framework.objects.get(pk=framework.pk).updated == framework.updated


def test_a_reason_alone_is_not_a_change(editor_client):
    framework = full_framework()
    revisions = Revision.objects.count()
    data = open_form(editor_client, framework)
    data["change_reason"] = "Just looking"

    editor_client.post(change_url(framework), data)

    assert Revision.objects.count() == revisions


def test_crlf_typed_in_the_admin_is_stored_with_lf(editor_client):
    framework = full_framework()
    data = open_form(editor_client, framework)
    data["description"] = "One.  \r\nTwo.\r\n\r\nThree.\r\n"
    data["advantages-0-detail"] = "Fast.\r\nReally. "

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.FOUND
    framework.refresh_from_db()
    assert framework.description == "One.\nTwo.\n\nThree."
    assert framework.advantages.first().detail == "Fast.\nReally."


def test_the_reason_for_the_change_goes_with_every_record_it_writes(
    editor_client, editor
):
    framework = full_framework()
    data = open_form(editor_client, framework)
    data["summary"] = "Newly summarised."
    data["advantages-0-title"] = "Retitled"
    data["change_reason"] = "Matched the 5.2 release notes"

    editor_client.post(change_url(framework), data)

    revision = Revision.objects.first()
    assert (revision.user, revision.reason) == (editor, "Matched the 5.2 release notes")
    for record in (framework.history.latest(), Advantage.history.latest()):
        assert record.history_revision == revision
        assert record.history_change_reason == "Matched the 5.2 release notes"


def test_the_change_form_offers_a_reason_and_carries_its_version(editor_client):
    framework = full_framework()

    response = editor_client.get(change_url(framework))

    content = response.content.decode()
    assert "Reason for the change" in content
    version = Revision.objects.values_list("pk", flat=True).first()
    assert f'name="version" value="{version}"' in content


def test_a_save_over_a_newer_version_is_refused_and_keeps_the_input(editor_client):
    framework = full_framework(summary="Original summary.")
    mine = open_form(editor_client, framework)
    theirs = open_form(editor_client, framework)
    theirs["summary"] = "Their summary."
    editor_client.post(change_url(framework), theirs)
    mine["description"] = "My new description."

    refused = editor_client.post(change_url(framework), mine)

    assert refused.status_code == HTTPStatus.OK
    content = refused.content.decode()
    assert "Someone else saved this framework after you opened it" in content
    assert "Saved by someone else while you were editing" in content
    [entry] = refused.context["adminform"].form.conflict
    [change] = entry.objects[0].changes
    assert (change.label, change.old, change.new) == (
        "Summary",
        "Original summary.",
        "Their summary.",
    )
    assert "My new description." in content  # the editor's input is kept
    framework.refresh_from_db()
    assert (framework.summary, framework.description) == (
        "Their summary.",
        "A *Markdown* description.",
    )
    # Saving the form as it came back is a choice made knowing their change.
    again = editor_client.post(change_url(framework), form_data(refused))
    assert again.status_code == HTTPStatus.FOUND
    framework.refresh_from_db()
    assert framework.description == "My new description."


def test_a_change_to_a_row_elsewhere_makes_the_form_stale(
    editor_client, editor_api_client
):
    framework = full_framework()
    mine = open_form(editor_client, framework)
    advantage = framework.advantages.first()
    editor_api_client.patch(
        reverse("api:advantage-detail", args=[advantage.pk]), {"title": "By the API"}
    )
    mine["summary"] = "Mine."

    refused = editor_client.post(change_url(framework), mine)

    assert refused.status_code == HTTPStatus.OK
    assert refused.context["adminform"].form.conflict
    assert Framework.objects.get(pk=framework.pk).summary != "Mine."


def test_every_catalog_change_form_refuses_a_stale_save(editor_client):
    source = SourceFactory(title="Survey")
    mine = open_form(editor_client, source)
    Source.objects.get(pk=source.pk).save()  # someone saves it meanwhile
    source.title = "Other"
    source.save()
    mine["title"] = "Mine"

    refused = editor_client.post(change_url(source), mine)

    assert refused.status_code == HTTPStatus.OK
    assert "Someone else saved this source" in refused.content.decode()
    assert Source.objects.get(pk=source.pk).title == "Other"


def test_a_form_without_its_version_is_treated_as_stale(editor_client):
    framework = full_framework()
    data = open_form(editor_client, framework)
    del data["version"]
    data["summary"] = "Changed."

    response = editor_client.post(change_url(framework), data)

    assert response.status_code == HTTPStatus.OK
    assert Framework.objects.get(pk=framework.pk).summary != "Changed."
