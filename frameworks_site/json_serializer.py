"""Django's JSON serializer, with times to the microsecond.

Django's encoder cuts datetimes and times to the millisecond, so a backup
(manage.py backup, which uses dumpdata) would come back a little different
from what was saved. Registered under "json" (SERIALIZATION_MODULES); reading
is Django's own.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoSerializer

__all__ = ["Deserializer", "Serializer"]


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            text = o.isoformat()
            utc = text.endswith("+00:00")
            return text.removesuffix("+00:00") + "Z" if utc else text
        return super().default(o)


class Serializer(DjangoSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = Encoder
