"""Migrations run both ways without losing what editors rely on."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection

from catalog.editors import EDITORS_GROUP, editor_permission_codenames
from catalog.latest_figures import ranking_indexes
from tests.factories import EditorFactory


def editors_rights():
    group = Group.objects.get(name=EDITORS_GROUP)
    members = set(group.user_set.values_list("username", flat=True))
    codenames = set(group.permissions.values_list("codename", flat=True))
    return members, codenames


def migrate_catalog_back_to_0001_and_forward():
    call_command("migrate", "catalog", "0001", verbosity=0)
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_catalog_migrated_back_to_0001_and_forward_keeps_editors_rights():
    # Tests that serve pages empty every table, the Editors group included;
    # migrating makes it again.
    if not Group.objects.filter(name=EDITORS_GROUP).exists():
        migrate_catalog_back_to_0001_and_forward()
    EditorFactory(username="ada")
    group = Group.objects.get(name=EDITORS_GROUP)
    # A right granted by hand on top of the migration's own.
    group.permissions.add(Permission.objects.get(codename="view_logentry"))
    before = editors_rights()

    migrate_catalog_back_to_0001_and_forward()

    assert editors_rights() == before
    members, codenames = before
    assert members == {"ada"}
    assert codenames == {*editor_permission_codenames(), "view_logentry"}


RANKING_INDEXES = {
    "framework_ranking",
    "framework_by_change",
    "framework_by_fall",
    "framework_by_overall_rise",
    "framework_by_overall_fall",
}


def ranking_index_names():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "catalog_framework")
    return {index.name for index in ranking_indexes(connection.vendor)} & found.keys()


@pytest.mark.django_db
def test_the_ranking_indexes_exist_after_migrating():
    """SQLite lost them when migration 0013 remade the table."""
    assert ranking_index_names() == RANKING_INDEXES


@pytest.mark.django_db(transaction=True)
def test_the_ranking_indexes_exist_after_migrating_back_and_forward():
    migrate_catalog_back_to_0001_and_forward()
    assert ranking_index_names() == RANKING_INDEXES


@pytest.mark.django_db
def test_flush_inside_a_transaction_leaves_the_indexes_alone():
    """The check for lost indexes opens no schema editor when none is lost
    (SQLite's refuses to open inside a transaction)."""
    call_command("flush", interactive=False, verbosity=0)

    assert ranking_index_names() == RANKING_INDEXES
