"""OpenAPI generation: error responses and conditional GET on every operation,
and the summaries, examples and sections of ``docs_content``."""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import permissions

from .docs_content import as_written, stored_examples, summary
from .errors import ErrorSerializer
from .serializers.strict import StrictInput

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
OBJECT_WRITES = {"PUT", "PATCH", "DELETE"}
# A filter given with no value filters nothing (as a form leaves it).
EMPTY_VALUE = {"type": "string", "maxLength": 0}
# Text may hold any character but NUL, which DRF refuses (PostgreSQL cannot
# store it); text that may not be blank needs more than whitespace, which DRF
# trims.
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"
# Addresses as Django's URLValidator takes them (a subset: http(s), a named host).
WEB_ADDRESS = (
    r"^https?://([a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?\.)+[a-z]{2,10}"
    r"(/[-a-zA-Z0-9._~/%]*)?$"
)

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a bad filter value, malformed JSON or a failed check. "
    "`errors` names each field or parameter.",
    "401": "Credentials are missing or invalid. Send `Authorization: Token <key>`.",
    "403": "Signed in, but without the permission this change needs.",
    "404": "Nothing with this slug or id, a page past the last, or a slug in the "
    "query that names nothing.",
    "409": "In conflict with what is stored: one with the same unique fields "
    "exists, (for a delete) others still use this one, or (for a PATCH) the "
    "change does not fit the object's other fields as they stand.",
    "412": "The object changed since the ETag sent in If-Match; nothing was written.",
    "415": "The body's content type is not JSON, a form, or multipart.",
    "429": "Too many requests; wait `Retry-After` seconds (or sign in, if anonymous).",
    "503": "The database cannot be reached just now; try again after `Retry-After` "
    "seconds.",
}


def describe_text(field):
    """Give a request's string field the pattern of what the API takes."""
    for choice in field.get("oneOf", []):
        describe_text(choice)
    if field.get("type") != "string" or field.keys() & {"pattern", "enum"}:
        return
    if field.get("format") == "uri":
        field["pattern"] = WEB_ADDRESS
    else:
        field["pattern"] = NO_NUL if field.get("minLength", 0) == 0 else NOT_BLANK


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the errors and headers every view shares."""

    def _is_retrieve(self):
        return getattr(self.view, "action", None) == "retrieve" and getattr(
            self.view, "conditional_get", False
        )

    def get_auth(self):
        # Open reads need no credentials: no security requirement, so the docs
        # show no lock (editors' sessions and tokens still reach drafts).
        perms = [type(permission) for permission in self.view.get_permissions()]
        open_reads = {
            permissions.DjangoModelPermissionsOrAnonReadOnly,
            permissions.AllowAny,
        }
        if open_reads & set(perms) and self.method in permissions.SAFE_METHODS:
            return []
        return super().get_auth()

    def _action(self):
        return getattr(self.view, "action", None)

    def get_summary(self):
        return summary(self.get_tags()[0], self._action())

    def _stored_example(self):
        key = getattr(self.view, "basename", None) or self.get_tags()[0]
        return stored_examples().get(key)

    def get_examples(self):
        stored = self._stored_example()
        if not stored:
            return []
        detail = stored["detail"]
        title = str(detail.get("name") or detail.get("framework") or "FastAPI")
        answer = stored.get("list", detail) if self._action() == "list" else detail
        examples = [OpenApiExample(title, value=answer, response_only=True)]
        if self.method in {"POST", "PUT", "PATCH"}:
            serializer = self._get_serializer()
            writable = [
                name for name, field in serializer.fields.items() if not field.read_only
            ]
            body = {
                name: as_written(detail[name]) for name in writable if name in detail
            }
            if self.method == "PATCH":
                body = dict(list(body.items())[-1:])
            examples.append(OpenApiExample(title, value=body, request_only=True))
        return examples

    def _is_object_write(self):
        return self.method in OBJECT_WRITES and "(?P<" in self.path_regex

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            parameter["schema"] = {"anyOf": [parameter["schema"], EMPTY_VALUE]}
        return parameters

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and isinstance(serializer, StrictInput):
            schema["additionalProperties"] = False  # unknown keys are refused
            for field in schema.get("properties", {}).values():
                describe_text(field)
            # Rules between fields hold for a whole body; a PATCH is checked
            # against the object as it stands, and a clash is a 409.
            rules = getattr(serializer, "body_rules", ())
            if rules and not serializer.partial:
                schema["allOf"] = list(rules)
        return schema

    def _get_parameters(self):
        # A delete has no body to show: its example is the object it names.
        parameters = super()._get_parameters()
        stored = self._stored_example()
        if self.method == "DELETE" and stored:
            for parameter in parameters:
                if parameter["in"] == "path":
                    key = "id" if parameter["name"] == "id" else "slug"
                    parameter["example"] = stored["detail"][key]
        return parameters

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_object_write():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="Optional. The ETag of the version you read; the "
                    "write is refused with 412 if the object has changed since.",
                )
            )
        if self._is_retrieve():
            parameters += [
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier response; "
                    "304 if the object has not changed since.",
                ),
                OpenApiParameter(
                    "ETag",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=[200, 304],
                    description="Changes whenever the response body changes.",
                ),
            ]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._is_retrieve():
            responses.setdefault(
                "304",
                self._get_response_for_code(
                    OpenApiResponse(description="Not modified since the ETag given."),
                    "304",
                ),
            )
        for code in self.error_codes():
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, ERROR_DESCRIPTIONS[code])
                responses[code] = self._get_response_for_code(error, code)
        return responses

    def error_codes(self):
        """The 4xx codes this operation can answer with."""
        # A bad token, too many requests, or a database outage.
        codes = {"401", "429", "503"}
        takes_query = any(p["in"] == "query" for p in self._get_parameters())
        if self.method in WRITE_METHODS:
            codes |= {"403", "415"}
        if self.method in {"POST", "PUT", "PATCH"} or takes_query:
            codes.add("400")  # an invalid body or query parameter
        if self.method in WRITE_METHODS:
            codes.add("409")  # a duplicate, or (for a delete) still in use
        if self._is_object_write():
            codes.add("412")  # If-Match names an older version
        if "(?P<" in self.path_regex or self._is_list_view() or takes_query:
            codes.add("404")  # no such object or page, or a slug naming nothing
        return sorted(codes)
