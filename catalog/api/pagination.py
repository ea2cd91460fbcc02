import re

from django.core import paginator
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from .errors import shorten

WHOLE_NUMBER = re.compile(r"[0-9]+")


class Paginator(paginator.Paginator):
    """Django's paginator, with errors that say which pages there are."""

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except paginator.PageNotAnInteger:
            raise paginator.PageNotAnInteger(
                f"A page is a whole number from 1 to {self.num_pages}; "
                f"got {shorten(number)!r}."
            ) from None
        except paginator.EmptyPage:
            raise paginator.EmptyPage(
                f"Page {shorten(number)} does not exist; "
                f"pages run from 1 to {self.num_pages}."
            ) from None


class PageNumberPagination(pagination.PageNumberPagination):
    """20 a page by default; clients may ask for 1 to 100 with ``page_size``.

    Both are whole numbers, as the schema says: an empty ``page`` or ``last``
    is not a page, and a ``page_size`` out of range is refused, not clamped.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = Paginator
    invalid_page_message = "{message}"
    last_page_strings = ()

    def get_page_number(self, request, paginator):
        return request.query_params.get(self.page_query_param, 1)

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(value) or not (
            1 <= int(value) <= self.max_page_size
        ):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"A page size is a whole number from 1 to "
                        f"{self.max_page_size}; got {shorten(value)!r}."
                    ]
                }
            )
        return int(value)

    def get_paginated_response_schema(self, schema):
        # The docs' examples are one page holding one real object: count 1, no
        # other page (DRF's own examples point at api.example.org/accounts).
        paged = super().get_paginated_response_schema(schema)
        examples = {"count": 1, "next": None, "previous": None}
        for name, example in examples.items():
            paged["properties"][name]["example"] = example
        return paged

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
