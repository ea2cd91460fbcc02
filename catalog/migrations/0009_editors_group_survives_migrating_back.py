"""Keep the Editors group, its members and its rights when catalog migrates back.

Undoing 0002 deletes the Editors group, so migrating back past it and forward
again left every editor without rights. 0002 stays as it is (applied migrations
are not edited): undoing this migration, which always happens first, sets the
group aside under another name that 0002 leaves alone; applying it again
returns the group, merged with the fresh one 0002 creates.
"""

from django.db import migrations

from catalog.editors import EDITORS_GROUP

SET_ASIDE = f"{EDITORS_GROUP} (set aside while catalog migrations are undone)"


def set_editors_group_aside(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=EDITORS_GROUP).update(name=SET_ASIDE)


def bring_editors_group_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    kept = Group.objects.filter(name=SET_ASIDE).first()
    if kept is None:
        return
    fresh = Group.objects.filter(name=EDITORS_GROUP).first()
    if fresh is not None:
        kept.permissions.add(*fresh.permissions.all())
        kept.user_set.add(*fresh.user_set.all())
        fresh.delete()
    kept.name = EDITORS_GROUP
    kept.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_kinds_levels_provenance")]

    operations = [
        migrations.RunPython(bring_editors_group_back, set_editors_group_aside)
    ]
