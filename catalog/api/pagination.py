from django.core import paginator
from rest_framework import pagination

from .errors import shorten


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
    """20 a page by default; clients may ask for up to 100 with ``page_size``."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = Paginator
    invalid_page_message = "{message}"
