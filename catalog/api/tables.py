"""``?format=csv``: the API's lists as flat tables with a header row.

djangorestframework-csv writes the CSV (its ``csv`` module writer quotes a name
with a comma or a quote as the format says); views say which columns a table
has. A list's rows are the objects of the list (the whole list: a download is
not paged unless ``page`` or ``page_size`` asks for a page), nested objects
become ``category.name``-style columns and lists of plain values one cell
joined with "; ".
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

from rest_framework_csv.renderers import CSVRenderer

CSV = "csv"


def without_format(value):
    """An API link as JSON readers get it: DRF's ``reverse`` keeps the request's
    ``?format=csv`` on every link it writes, which no cell of a table wants."""
    if not isinstance(value, str) or "format=" not in value:
        return value
    parts = urlsplit(value)
    if not parts.scheme.startswith("http"):
        return value
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "format"]
    return parts._replace(query=urlencode(query)).geturl()


def dig(item, path):
    """``item["category"]["name"]`` for the path ``"category.name"``; None if absent."""
    for part in path.split("."):
        item = item.get(part) if isinstance(item, dict) else None
    return item


def joined(value):
    """A list of plain values as one cell; anything else as it is."""
    if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        return "; ".join(str(v) for v in value)
    return value


class TableRenderer(CSVRenderer):
    """CSV of the rows a view's ``csv_table`` picks, or of every field."""

    def render(self, data, media_type=None, renderer_context=None):
        context = dict(renderer_context or {})
        view, response = context.get("view"), context.get("response")
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        succeeded = response is None or response.status_code < 400
        if succeeded and hasattr(view, "csv_table"):
            context["header"], data = view.csv_table(data)
        return super().render(data, media_type, context)

    def flatten_item(self, item):
        return super().flatten_item(without_format(joined(item)))

    def flatten_dict(self, d):
        return super().flatten_dict({key: joined(value) for key, value in d.items()})


class CSVDownloads:
    """Offer ``?format=csv`` on a view's lists, as a file to save.

    ``csv_columns`` lists ``(header, path)`` pairs picking the columns from each
    serialized object; without it every field is a column.
    """

    csv_columns = None
    csv_filename = None

    def offers_csv(self):
        return getattr(self, "action", "list") == "list"

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, TableRenderer()] if self.offers_csv() else renderers

    def csv_table(self, rows):
        if self.csv_columns is None:
            return None, rows
        header = [name for name, _path in self.csv_columns]
        table = [
            {name: joined(dig(row, path)) for name, path in self.csv_columns}
            for row in rows
        ]
        return header, table

    def wants_csv(self):
        return self.request.query_params.get("format") == CSV

    def is_paged(self):
        """A list comes a page at a time, but for a CSV asked for without
        ``page`` or ``page_size``: that is the whole list."""
        paging = {"page", "page_size"} & set(self.request.query_params)
        return not self.wants_csv() or bool(paging)

    def paginate_queryset(self, queryset):
        return super().paginate_queryset(queryset) if self.is_paged() else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        renderer = getattr(response, "accepted_renderer", None)
        if isinstance(renderer, TableRenderer) and response.status_code < 400:
            name = self.csv_filename or self.request.path.strip("/").split("/")[-1]
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
