"""Writing only what changed, so concurrent writes of different fields both stay.

DRF's ``ModelSerializer.update()`` saves every column of the row it read; two
PATCHes of different fields sent at once each wrote back the other's old value.
Here an update writes only the fields whose value changes (and the ones Django
derives on save, such as ``auto_now`` times), and writes nothing, so records no
history, when nothing changes.
"""

from django.db import models

from ...text import normalise_instance
from .strict import ModelSerializer


class ChangedFieldsModelSerializer(ModelSerializer):
    """Strict about what it takes (``.strict``); writes only what changed."""

    def update(self, instance, validated_data):
        fields = instance._meta.concrete_fields
        before = {field.attname: getattr(instance, field.attname) for field in fields}
        many = {}
        for name, value in validated_data.items():
            if isinstance(instance._meta.get_field(name), models.ManyToManyField):
                many[name] = value
            else:
                setattr(instance, name, value)
        normalise_instance(instance)  # as saving would: compare like with like
        changed = [
            field.name
            for field in fields
            if getattr(instance, field.attname) != before[field.attname]
        ]
        if changed:
            derived = [f.name for f in fields if getattr(f, "auto_now", False)]
            instance.save(update_fields=[*changed, *derived])
        for name, value in many.items():
            getattr(instance, name).set(value)
        return instance
