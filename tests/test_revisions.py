"""Every history record names its revision: who, when and why (catalog.revisions)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from catalog.framework_rows import row_kinds
from catalog.models import (
    Advantage,
    Framework,
    Relation,
    Revision,
    RevisionFramework,
    Source,
)
from catalog.revisions import adopt_unrevisioned, is_revisioned, revision
from tests.factories import (
    AdvantageFactory,
    FrameworkFactory,
    RelationFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def links(revision):
    return dict(
        RevisionFramework.objects.filter(revision=revision).values_list(
            "framework_id", "published"
        )
    )


def test_records_written_in_one_revision_share_it_with_its_reason():
    framework = FrameworkFactory()
    user = UserFactory()

    with revision(reason="Checked against the docs") as pending:
        framework.summary = "Changed."
        framework._history_user = user
        framework.save()
        AdvantageFactory(framework=framework)

    latest = pending.revision
    assert (latest.user, latest.reason) == (user, "Checked against the docs")
    framework_record = framework.history.latest()
    advantage_record = Advantage.history.latest()
    assert framework_record.history_revision == latest
    assert advantage_record.history_revision == latest
    assert framework_record.history_change_reason == "Checked against the docs"
    assert advantage_record.history_change_reason == "Checked against the docs"
    assert links(latest) == {framework.pk: True}


def test_a_record_written_outside_any_revision_gets_one_of_its_own():
    framework = FrameworkFactory()
    AdvantageFactory(framework=framework)

    revisions = [record.history_revision_id for record in framework.history.all()]
    revisions.append(Advantage.history.get().history_revision_id)
    assert None not in revisions
    assert len(set(revisions)) == len(revisions)


def test_a_relation_links_its_revision_to_both_frameworks():
    draft = FrameworkFactory(status=Framework.Status.DRAFT)
    published = FrameworkFactory()

    relation = RelationFactory(from_framework=draft, to_framework=published)

    record = Relation.history.get(id=relation.pk)
    assert links(record.history_revision) == {draft.pk: False, published.pk: True}


def test_publishing_in_a_revision_marks_its_link_published():
    draft = FrameworkFactory(status=Framework.Status.DRAFT)

    with revision() as pending:
        AdvantageFactory(framework=draft)
        draft.status = Framework.Status.PUBLISHED
        draft.save()

    assert links(pending.revision) == {draft.pk: True}


def test_a_request_that_writes_nothing_leaves_no_revision(editor_client):
    framework = FrameworkFactory()
    before = Revision.objects.count()

    editor_client.post(
        reverse("admin:catalog_framework_delete", args=[framework.pk + 1000])
    )

    assert Revision.objects.count() == before


def test_an_api_write_is_one_revision_by_its_editor(editor_api_client, editor):
    framework = FrameworkFactory(slug="flask")
    before = Revision.objects.count()

    editor_api_client.patch(
        reverse("api:framework-detail", args=["flask"]),
        {"summary": "New.", "use_cases": []},
    )

    assert Revision.objects.count() == before + 1
    latest = Revision.objects.first()
    assert latest.user == editor
    assert framework.history.latest().history_revision == latest


def test_loaded_starting_content_is_one_revision_with_a_reason():
    call_command("loadstartingcontent", stdout=None)

    revisions = set()
    for kind in row_kinds():
        revisions |= set(kind.history_model.objects.values_list("history_revision"))
    revisions |= set(Source.history.values_list("history_revision"))
    [(revision_id,)] = revisions
    assert Revision.objects.get(pk=revision_id).reason == "Loaded the starting content"
    assert len(links(revision_id)) == Framework.objects.count()


def test_adopt_unrevisioned_gives_orphan_records_one_revision():
    source = SourceFactory()
    Source.history.update(history_revision=None)

    adopted = adopt_unrevisioned(reason="Imported")

    assert Source.history.get(id=source.pk).history_revision == adopted
    assert adopted.reason == "Imported"


def test_migration_gives_each_earlier_record_a_revision_in_date_order():
    migration = import_module("catalog.migrations.0007_revisions")
    framework = FrameworkFactory(status=Framework.Status.PUBLISHED)
    advantage = AdvantageFactory(framework=framework)
    for model in apps.get_app_config("catalog").get_models():
        if is_revisioned(model):
            model.objects.update(history_revision=None)
    Framework.history.update(history_change_reason="First")
    Revision.objects.all().delete()

    migration.give_each_record_a_revision(apps, schema_editor=None)

    framework_record = Framework.history.get(id=framework.pk)
    advantage_record = Advantage.history.get(id=advantage.pk)
    assert framework_record.history_revision.reason == "First"
    assert framework_record.history_revision_id < advantage_record.history_revision_id
    assert links(advantage_record.history_revision) == {framework.pk: True}


def test_every_row_kind_is_found_from_the_models():
    found = {kind.model._meta.model_name: kind.links for kind in row_kinds()}

    assert found == {
        "advantage": ("framework",),
        "disadvantage": ("framework",),
        "usagestat": ("framework",),
        "featuresupport": ("framework",),
        "relation": ("from_framework", "to_framework"),
    }
