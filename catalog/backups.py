"""Backups that restore: every model of the project, history included, as JSON.

A backup holds the rows of every installed model except those each database
makes for itself (content types and permissions, made by ``migrate``) or that
are not worth keeping (sessions, login attempts). Rows keep their ids, so the
history keeps pointing at its objects; users and groups are written by name,
and references to permissions and content types by their natural keys, so a
backup restores into any database, SQLite or PostgreSQL, migrated to the same
state.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

from .content_version import content_changed

# By app label, or by app label and model name.
NOT_BACKED_UP = {"contenttypes", "auth.permission", "sessions", "axes"}


class NotEmpty(Exception):
    """The database already holds rows a restore would write."""


def backed_up_models():
    """Every installed model that holds rows of its own (no proxies) worth keeping."""
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.app_label not in NOT_BACKED_UP
        and model._meta.label_lower not in NOT_BACKED_UP
    ]


def backup(path):
    """Write every backed-up row to ``path`` (JSON; compressed for .gz, .xz, ...)."""
    call_command(
        "dumpdata",
        *(model._meta.label for model in backed_up_models()),
        natural_foreign=True,
        natural_primary=True,
        use_base_manager=True,
        output=str(path),
        verbosity=0,
    )


def rows_in_the_way():
    """``{model label: rows}`` for the models a restore writes that have rows.

    Groups do not count: migrations create the Editors group, and a restore
    matches groups by name.
    """
    counts = {
        model._meta.label: model._base_manager.count()
        for model in backed_up_models()
        if model is not Group
    }
    return {label: count for label, count in counts.items() if count}


def restore(path, replace=False):
    """Load a backup into this database; refuse one that has rows unless replacing.

    Returns ``{model label: rows}`` as restored.
    """
    with transaction.atomic():
        in_the_way = rows_in_the_way()
        if in_the_way and not replace:
            raise NotEmpty(in_the_way)
        if replace:
            delete_backed_up_rows()
            content_changed()  # emptied by SQL, which sends no signal
        # Loading many-to-many fields would record a change in the history of
        # their objects, beside the history the backup holds.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(path), verbosity=0)
        return {
            model._meta.label: model._base_manager.count()
            for model in backed_up_models()
        }


def delete_backed_up_rows():
    # PostgreSQL will not empty a table with constraint checks still pending
    # in this transaction; running them first settles them.
    connection.check_constraints()
    tables = {model._meta.db_table for model in backed_up_models()}
    tables |= {
        field.remote_field.through._meta.db_table
        for model in backed_up_models()
        for field in model._meta.local_many_to_many
    }
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True)
    )
