"""The catalog's API: read for everyone, write for editors."""

from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, routers, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse as api_reverse
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from .. import fragments
from ..compare import SLUG, ComparisonError, UnknownFrameworks, build_comparison
from ..listings import KeptListing
from ..models import (
    Advantage,
    Category,
    Disadvantage,
    Feature,
    FeatureSupport,
    Framework,
    Relation,
    Source,
    UsageStat,
    UseCase,
)
from . import filters, kept
from .conditional import check_if_match, etag_for
from .errors import shorten
from .serializers.catalog import (
    CategorySerializer,
    FeatureSerializer,
    SourceSerializer,
    UsageStatSerializer,
    UseCaseSerializer,
)
from .serializers.compare import (
    COMPARE_PARAMETER,
    CompareQuerySerializer,
    ComparisonSerializer,
)
from .serializers.framework_rows import (
    AdvantageSerializer,
    DisadvantageSerializer,
    FeatureSupportSerializer,
    RelationSerializer,
)
from .serializers.frameworks import (
    FrameworkDetailSerializer,
    FrameworkListSerializer,
    FrameworkWriteSerializer,
)
from .tables import CSVDownloads, dig


class APIRootView(routers.APIRootView):
    """The Python frameworks catalog: read by anyone, written by editors.

    Editors sign in through the admin to use the forms here, or send
    `Authorization: Token <key>` from scripts. `docs` and `redoc` describe
    every endpoint, filter and error.
    """

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for name in ("compare", "schema", "docs", "redoc"):
            response.data[name] = api_reverse(f"api:{name}", request=request)
        return response


class Conflict(APIException):
    status_code = 409
    default_detail = "The change conflicts with other objects in the catalog."
    default_code = "conflict"


WRITES = {"PUT", "PATCH", "DELETE"}


class KnownQueryParameters:
    """Refuse query parameters the operation does not document, naming those it
    does: a misspelt filter would otherwise be ignored without a word.

    What an operation documents comes from the same places as its schema: the
    filter backends and the paginator on lists, ``query_serializer_class``
    elsewhere; ``format`` is always allowed.
    """

    query_serializer_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known = self.documented_query_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            documented = ", ".join(sorted(known)) or "none"
            raise ValidationError(
                {
                    shorten(name): [
                        f"This address takes no such query parameter. It takes: "
                        f"{documented}."
                    ]
                    for name in unknown
                }
            )

    def parameters_of(self, backend):
        if hasattr(backend, "get_filterset_class"):  # django-filter's
            # It only checks the model: the plain queryset does, without building
            # the annotated one the list then builds again.
            queryset = self.get_queryset() if self.queryset is None else self.queryset
            filterset = backend.get_filterset_class(self, queryset)
            return set(filterset.base_filters) if filterset else set()
        parameters = backend.get_schema_operation_parameters(self)
        return {parameter["name"] for parameter in parameters}

    def documented_query_parameters(self):
        names = {api_settings.URL_FORMAT_OVERRIDE}
        if self.query_serializer_class:
            names |= set(self.query_serializer_class().fields)
        if getattr(self, "action", None) == "list":
            for backend_class in self.filter_backends:
                names |= self.parameters_of(backend_class())
            if self.paginator:
                parameters = self.paginator.get_schema_operation_parameters(self)
                names |= {parameter["name"] for parameter in parameters}
        return names


class CatalogViewSet(CSVDownloads, KnownQueryParameters, viewsets.ModelViewSet):
    """Objects looked up by slug, with filters on lists only and ETags on details.

    A write to one object reads it under a row lock, in one transaction, so two
    writes to one object follow each other instead of both reading it first;
    with ``If-Match`` it goes through only if the object is still the version
    the client read (``conditional``).
    """

    lookup_field = "slug"
    conditional_get = True

    def dispatch(self, request, *args, **kwargs):
        if request.method not in WRITES:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def locked(self, queryset):
        """``queryset`` read under a row lock when the request writes one object."""
        if self.request.method in WRITES:
            return queryset.select_for_update(of=("self",))
        return queryset

    def get_queryset(self):
        return self.locked(super().get_queryset())

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            if self.lookup_field == "slug" and not SLUG.fullmatch(value):
                raise Http404
            obj = super().get_object()
        except Http404:
            raise NotFound(self.not_found_message(value)) from None
        if self.request.method in WRITES and "If-Match" in self.request.headers:
            current = etag_for(self.request, self.representation(obj))
            check_if_match(self.request, current, obj._meta.verbose_name)
        return obj

    def representation(self, obj):
        """The object as a GET of its detail shows it."""
        return self.serializer_class(obj, context=self.get_serializer_context()).data

    def not_found_message(self, value):
        noun = self.queryset.model._meta.verbose_name
        key = self.lookup_url_kwarg or self.lookup_field
        message = f"There is no {noun} with the {key} {value!r}."
        other_case = self.slug_in_other_case(value)
        if other_case:
            url = self.reverse_action("detail", kwargs={key: other_case})
            return f"{message} Slugs are case-sensitive: its address is {url}."
        return f"{message} The list at {self.reverse_action('list')} has every one."

    def slug_in_other_case(self, value):
        """The stored slug that matches ``value`` in another letter case, if any."""
        if self.lookup_field != "slug" or not SLUG.fullmatch(value):
            return None
        matches = self.get_queryset().prefetch_related(None)
        return matches.filter(slug__iexact=value).values_list("slug", flat=True).first()

    def perform_destroy(self, instance):
        try:
            instance.delete()
        except ProtectedError as error:
            count = len(error.protected_objects)
            noun = self.queryset.model._meta.verbose_name
            raise Conflict(
                f"This {noun} is still used by {count} other object(s), "
                f"e.g. {next(iter(error.protected_objects))}; "
                "change or delete those first."
            ) from None

    def filter_queryset(self, queryset):
        # Query parameters narrow lists; they never hide the object a URL names.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, super().retrieve(request, *args, **kwargs))

    @staticmethod
    def conditional(request, response):
        """A detail with its ETag, or 304 when the client has it already."""
        if request.accepted_renderer.format == "api":
            return response  # the browsable page holds forms and tokens per user
        response["ETag"] = etag_for(request, response.data)
        return get_conditional_response(
            request, etag=response["ETag"], response=response
        )


@extend_schema_view(
    create=extend_schema(responses={201: FrameworkDetailSerializer}),
    update=extend_schema(responses={200: FrameworkDetailSerializer}),
    partial_update=extend_schema(responses={200: FrameworkDetailSerializer}),
)
class FrameworkViewSet(CatalogViewSet):
    """Python frameworks and libraries, ranked by their latest usage share.

    Drafts are listed for editors only. Editors create and change frameworks
    with category and use cases given by slug; the rows the detail lists are
    written through `/api/usage/`, `/api/advantages/`, `/api/disadvantages/`,
    `/api/feature-supports/` and `/api/relations/`.
    """

    queryset = Framework.objects.all()
    filterset_class = filters.FrameworkApiFilter
    csv_columns = [
        ("slug", "slug"),
        ("name", "name"),
        ("category", "category.name"),
        ("summary", "summary"),
        ("learning_curve", "learning_curve"),
        ("first_release", "first_release"),
        ("latest_share", "latest_share"),
        ("latest_year", "latest_year"),
        ("share_change", "share_change"),
        ("rank_best", "rank_best"),
        ("rank_worst", "rank_worst"),
        ("latest_version", "package.latest_version"),
        ("license", "package.license"),
        ("page_url", "page_url"),
    ]
    # Search first, so that an explicit ``ordering`` filter overrides relevance.
    filter_backends = [filters.SearchFilter, filters.FilterBackend]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        fragments.note_version(request)  # before the view reads the catalog

    listing = None  # the list's page, when kept (``paginate_queryset``)

    def paginate_queryset(self, queryset):
        """A page of the list is kept per content version (``listings``): a kept
        page reads neither its count nor its rows; rows not kept are read in
        full (``get_serializer_context``). The browsable page is read live."""
        paginate = super().paginate_queryset
        if not self.is_paged() or self.request.accepted_renderer.format == "api":
            return paginate(queryset)
        sees_drafts = self.request.user.has_perm("catalog.view_framework")
        self.listing = KeptListing(
            self.request, [self.request.get_full_path(), sees_drafts]
        )

        def read_page():
            paginate(queryset)
            return self.paginator.page

        self.paginator.request = self.request
        self.paginator.page = self.listing.page(queryset, read_page)
        return list(self.paginator.page)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "listing": self.listing}

    def get_queryset(self):
        # A list's or a detail's representations are kept per content version
        # (kept.py): what they show beyond the framework's row is read only
        # for those not kept.
        frameworks = Framework.objects.visible_to(self.request.user)
        if self.action == "list":
            return frameworks.ranked().select_related("category")
        if self.action == "retrieve":
            return frameworks.only("pk", "slug")  # read in full when serialized
        return self.locked(frameworks.for_detail_page())

    def retrieve(self, request, *args, **kwargs):
        data = kept.detail(
            FrameworkDetailSerializer,
            self.get_object(),
            self.get_serializer_context(),
            in_full=lambda found: Framework.objects.for_detail_page().get(pk=found.pk),
            # The browsable page's forms edit the serializer's instance, which
            # a kept representation no longer carries.
            keep=request.accepted_renderer.format != "api",
        )
        return self.conditional(request, Response(data))

    def get_serializer_class(self):
        if self.request.method in ("POST", "PUT", "PATCH"):
            return FrameworkWriteSerializer
        if self.action == "list":
            return FrameworkListSerializer
        return FrameworkDetailSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        framework = serializer.save()
        return Response(self.detail_data(framework), status=201)

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        framework = serializer.save()
        return Response(self.detail_data(framework))

    def detail_data(self, framework):
        """The framework as GET shows it, read afresh with its annotations."""
        framework = self.get_queryset().get(pk=framework.pk)
        context = self.get_serializer_context()
        return FrameworkDetailSerializer(framework, context=context).data

    representation = detail_data


class CategoryViewSet(CatalogViewSet):
    """Categories of framework, e.g. web framework or HTTP client."""

    queryset = Category.objects.all()
    serializer_class = CategorySerializer


class UseCaseViewSet(CatalogViewSet):
    """What frameworks are good for, e.g. REST APIs or dashboards."""

    queryset = UseCase.objects.select_related("primary_kind").prefetch_related("kinds")
    serializer_class = UseCaseSerializer


class FeatureViewSet(CatalogViewSet):
    """Rows of the feature matrix, e.g. built-in ORM or native async."""

    queryset = Feature.objects.prefetch_related("kinds")
    serializer_class = FeatureSerializer


class SourceViewSet(CatalogViewSet):
    """Where the usage figures come from."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer


class FrameworkRowViewSet(CatalogViewSet):
    """Rows about frameworks, by id; rows that involve a draft are for editors only."""

    lookup_field = "pk"
    lookup_url_kwarg = "id"
    framework_fields = ("framework",)  # each must name a framework the user may see
    related = ()  # other foreign keys the serializer reads
    ordering = ()

    def get_queryset(self):
        frameworks = Framework.objects.visible_to(self.request.user)
        visible = {f"{name}__in": frameworks for name in self.framework_fields}
        return self.locked(
            self.queryset.filter(**visible)
            .select_related(*self.framework_fields, *self.related)
            .order_by(*self.ordering, "pk")
        )


class UsageStatViewSet(FrameworkRowViewSet):
    """Usage shares by framework, source and year, in percent.

    Figures of draft frameworks are listed for editors only.
    """

    queryset = UsageStat.objects.all()
    serializer_class = UsageStatSerializer
    filterset_class = filters.UsageStatFilter
    related = ("source",)
    ordering = ("framework__name", "year", "source__kind", "source_id")


class AdvantageViewSet(FrameworkRowViewSet):
    """What each framework does well, in the order its page lists them.

    Advantages of draft frameworks are listed for editors only.
    """

    queryset = Advantage.objects.all()
    serializer_class = AdvantageSerializer
    filterset_class = filters.AdvantageFilter
    ordering = (Lower("framework__name"), "position")


class DisadvantageViewSet(FrameworkRowViewSet):
    """What each framework does less well, in the order its page lists them.

    Disadvantages of draft frameworks are listed for editors only.
    """

    queryset = Disadvantage.objects.all()
    serializer_class = DisadvantageSerializer
    filterset_class = filters.DisadvantageFilter
    ordering = (Lower("framework__name"), "position")


class FeatureSupportViewSet(FrameworkRowViewSet):
    """The feature matrix's cells: how each framework provides each feature.

    One entry per framework and feature; entries of draft frameworks are listed
    for editors only.
    """

    queryset = FeatureSupport.objects.all()
    serializer_class = FeatureSupportSerializer
    filterset_class = filters.FeatureSupportFilter
    related = ("feature",)
    ordering = (Lower("framework__name"), "feature__position", "feature__name")


class RelationViewSet(FrameworkRowViewSet):
    """How frameworks relate: `framework` is built on, extends, or is an
    alternative to `to_framework`.

    One relation per pair of frameworks and kind; relations that involve a
    draft are listed for editors only.
    """

    queryset = Relation.objects.all()
    serializer_class = RelationSerializer
    filterset_class = filters.RelationFilter
    framework_fields = ("from_framework", "to_framework")
    ordering = (Lower("from_framework__name"), "kind", Lower("to_framework__name"))


class CompareView(CSVDownloads, KnownQueryParameters, APIView):
    """2 to 4 frameworks side by side, ordered by slug, with their feature matrix.

    A slug that names no published framework is a 404.
    """

    permission_classes = [permissions.AllowAny]
    query_serializer_class = CompareQuerySerializer
    csv_filename = "comparison"
    # Rows of the CSV before the features: (header, path in a framework).
    csv_facts = [
        ("Category", "category.name"),
        ("Latest share (%)", "latest_share"),
        ("Year of the latest share", "latest_year"),
        ("Learning curve", "learning_curve"),
        ("First release", "first_release"),
        ("Licence", "package.license"),
    ]

    def csv_table(self, comparison):
        """One row per key fact and per feature, one column per framework."""
        names = [framework["name"] for framework in comparison["frameworks"]]
        rows = [
            {
                "row": label,
                **{f["name"]: dig(f, path) for f in comparison["frameworks"]},
            }
            for label, path in self.csv_facts
        ]
        for feature_row in comparison["feature_rows"]:
            cells = zip(names, feature_row["supports"], strict=True)
            rows.append(
                {"row": feature_row["feature"]["name"]}
                | {name: support_text(cell) for name, cell in cells}
            )
        return ["row", *names], rows

    @extend_schema(parameters=[COMPARE_PARAMETER], responses=ComparisonSerializer)
    def get(self, request):
        query = CompareQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            comparison = build_comparison(
                query.validated_data["frameworks"].split(","), request.user
            )
        except UnknownFrameworks as error:
            raise NotFound(str(error)) from None
        except ComparisonError as error:
            raise ValidationError({"frameworks": [str(error)]}) from None
        context = {"request": request}
        return Response(ComparisonSerializer(comparison, context=context).data)


def support_text(cell):
    """A compare cell in words: "built-in", "package (partial)", "does not apply"."""
    if not cell["applies"]:
        return "does not apply"
    if cell["level"] is None:
        return "no entry"
    return f"{cell['level']} (partial)" if cell["partial"] else cell["level"]


class NotFoundView(APIView):
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""

    permission_classes = [permissions.AllowAny]
    schema = None

    def not_found(self, request, *args, **kwargs):
        raise NotFound(
            f"There is nothing at {request.path}. "
            f"The API root, {reverse('api:api-root')}, lists every endpoint."
        )

    get = post = put = patch = delete = options = not_found
