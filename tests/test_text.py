"""Text is stored in one form, whichever way it arrives (catalog.text)."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from simple_history.models import HistoricalChanges

from catalog.models import Advantage, Framework, Source
from catalog.text import normalise, text_fields
from tests.factories import AdvantageFactory, FrameworkFactory, SourceFactory

pytestmark = pytest.mark.django_db

CRLF_DESCRIPTION = "First line.  \r\nSecond line.\t\r\n\r\n- a list item \r\n\r\n"
CLEAN_DESCRIPTION = "First line.\nSecond line.\n\n- a list item"


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        (CRLF_DESCRIPTION, True, CLEAN_DESCRIPTION),
        ("old mac\rline", True, "old mac\nline"),
        ("  A title \r\n", False, "A title"),
        ("Two\r\nlines", False, "Two lines"),
        ("", True, ""),
        (None, True, None),
    ],
)
def test_normalise_ends_lines_with_lf_and_drops_trailing_whitespace(
    value, multiline, expected
):
    assert normalise(value, multiline) == expected


def test_every_text_field_of_every_catalog_model_is_normalised_on_save():
    framework = FrameworkFactory.build(
        name=" Flask ", summary="A small\r\nframework. ", description=CRLF_DESCRIPTION
    )
    framework.category.save()
    framework.category_id = framework.category.pk
    framework.save()
    advantage = AdvantageFactory(framework=framework, title="Tiny ", detail="a \r\nb")
    source = SourceFactory(note="Read\r\nby hand.  ")

    framework.refresh_from_db()
    advantage.refresh_from_db()
    source.refresh_from_db()
    assert (framework.name, framework.summary) == ("Flask", "A small framework.")
    assert framework.description == CLEAN_DESCRIPTION
    assert (advantage.title, advantage.detail) == ("Tiny", "a\nb")
    assert source.note == "Read\nby hand."
    assert framework.history.latest().description == CLEAN_DESCRIPTION


def test_normalisation_covers_every_text_field_it_finds():
    # The rule is generic: fields other branches add are covered without a change.
    models = [
        model
        for model in apps.get_app_config("catalog").get_models()
        if not issubclass(model, HistoricalChanges)
    ]
    covered = {
        f"{model._meta.model_name}.{field.name}"
        for model in models
        for field, _ in text_fields(model)
    }
    assert {"framework.description", "advantage.detail", "source.note"} <= covered


def test_loaddata_stores_normalised_text(tmp_path):
    category = FrameworkFactory().category
    fixture = tmp_path / "crlf.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "catalog.framework",
                    "pk": 900,
                    "fields": {
                        "name": "Bottle ",
                        "slug": "bottle",
                        "category": category.pk,
                        "summary": "A one-file\r\nframework.",
                        "description": CRLF_DESCRIPTION,
                        "status": "published",
                        "created": "2026-01-01T00:00:00Z",
                        "updated": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )

    call_command("loaddata", fixture, verbosity=0)

    bottle = Framework.objects.get(pk=900)
    assert bottle.name == "Bottle"
    assert bottle.summary == "A one-file framework."
    assert bottle.description == CLEAN_DESCRIPTION


def test_api_stores_normalised_text(editor_api_client):
    framework = FrameworkFactory(slug="flask")
    advantage = AdvantageFactory(framework=framework)

    framework_response = editor_api_client.patch(
        reverse("api:framework-detail", args=["flask"]),
        {"description": CRLF_DESCRIPTION},
    )
    row_response = editor_api_client.patch(
        reverse("api:advantage-detail", args=[advantage.pk]),
        {"detail": "One.\r\nTwo. "},
    )

    assert framework_response.status_code == 200, framework_response.json()
    assert framework_response.json()["description"] == CLEAN_DESCRIPTION
    assert row_response.json()["detail"] == "One.\nTwo."
    framework.refresh_from_db()
    assert framework.description == CLEAN_DESCRIPTION
    assert Advantage.objects.get(pk=advantage.pk).detail == "One.\nTwo."


def test_data_migration_cleans_stored_text_and_its_history():
    migration = import_module("catalog.migrations.0006_normalise_stored_text")
    source = SourceFactory(note="clean")
    # Text stored before normalisation existed: update() bypasses save().
    Source.objects.filter(pk=source.pk).update(note="Old\r\nnote  ")
    Source.history.filter(id=source.pk).update(note="Old\r\nnote  ")

    migration.normalise_stored_text(apps, schema_editor=None)

    assert Source.objects.get(pk=source.pk).note == "Old\nnote"
    assert Source.history.get(id=source.pk).note == "Old\nnote"
