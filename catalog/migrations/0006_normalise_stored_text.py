"""Store every text value, and every historical copy of it, in one form.

Values saved before text was normalised on save hold CRLF line endings and
trailing spaces; their historical records are cleaned too, so that the next real
change is not shown beside a change of line endings that nobody made.
"""

from django.db import migrations

from catalog.text import normalise, text_fields


def normalise_stored_text(apps, schema_editor):
    for model in apps.get_app_config("catalog").get_models():
        fields = text_fields(model)
        if not fields:
            continue
        names = [field.attname for field, _ in fields]
        changed = []
        for row in model._base_manager.only("pk", *names).iterator():
            before = [getattr(row, name) for name in names]
            for field, multiline in fields:
                value = getattr(row, field.attname)
                setattr(row, field.attname, normalise(value, multiline))
            if [getattr(row, name) for name in names] != before:
                changed.append(row)
        model._base_manager.bulk_update(changed, names, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_package_facts")]

    operations = [
        migrations.RunPython(normalise_stored_text, migrations.RunPython.noop)
    ]
