import functools
from dataclasses import dataclass
from http import HTTPStatus

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.generic import (
    DetailView,
    FormView,
    ListView,
    RedirectView,
    TemplateView,
)
from django_filters.views import FilterView

from . import choose, fragments, trends
from .changes import describe, published_changes
from .compare import (
    SLUG_SEPARATOR,
    ComparisonError,
    addable_candidates,
    canonical_path_part,
    check_slugs,
    find_compared,
    named_slugs,
    picker_candidates,
)
from .didyoumean import did_you_mean
from .filters import CatalogPageFilter
from .forms import ChooseForm, guide_choices
from .listings import KeptListing, Listed, ListedFramework
from .models import Category, Framework, UseCase, detail_page_lookups
from .search import SearchForm, found_page
from .sorting import SORT_CHOICES, current_order


class KeptPageMixin:
    """A paginated list whose page is kept per content version (``listings``);
    ``listed_as`` is what is kept of each row."""

    listed_as = Listed

    def get(self, request, *args, **kwargs):
        fragments.note_version(request)  # before the page reads the catalog
        self.listing = KeptListing(request, [request.get_full_path()], self.listed_as)
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginate = super().paginate_queryset
        page = self.listing.page(queryset, lambda: paginate(queryset, page_size)[1])
        return page.paginator, page, page.object_list, page.has_other_pages()


class FrameworkListView(KeptPageMixin, FilterView):
    """The published catalog ranked by latest usage share, filtered and paged.

    Invalid filter values show the form's message with a 400 and no results.
    """

    # The page of the listing and its rows are kept per content version
    # (``listings``, ``fragments``); rows not kept are read in full.
    queryset = Framework.objects.published().ranked().select_related("category")
    filterset_class = CatalogPageFilter
    template_name = "catalog/framework_list.html"
    paginate_by = 12

    listed_as = ListedFramework

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            order=current_order(self.filterset),
            sort_choices=SORT_CHOICES,
            active_filters=self.active_filters(),
            filter_form_parts=self.filter_form_parts(),
            prepare_rows=self.listing.preparer(
                functools.partial(fragments.prefetched, ["package_facts"])
            ),
            **kwargs,
        )

    def filter_form_parts(self):
        """What decides the filter form's HTML besides the catalog: the address
        and its query, but for the page number (``fragments``)."""
        query = [
            (name, value)
            for name, values in self.request.GET.lists()
            if name != "page"
            for value in values
        ]
        return self.request.path, query

    def active_filters(self):
        """The names of the filters the reader set (sorting is not a filter)."""
        if not self.filterset.is_bound:
            return []
        data = self.filterset.data
        return [
            name
            for name in self.filterset.form.fields
            if name != "ordering" and any(value.strip() for value in data.getlist(name))
        ]

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs.setdefault("status", HTTPStatus.BAD_REQUEST)
        return super().render_to_response(context, **response_kwargs)


class CanonicalSlugMixin:
    """A slug in another letter case redirects (301) to the object's own page."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            asked = kwargs["slug"]
            found = self.slug_candidates().filter(slug__iexact=asked).first()
            if found is None or found.slug == asked:
                raise
            url, query = found.get_absolute_url(), request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def slug_candidates(self):
        """The objects this page may show, by any slug."""
        raise NotImplementedError


class FrameworkDetailView(CanonicalSlugMixin, DetailView):
    """One framework; drafts are shown only to users who may view them.

    The page's article is kept rendered per content version (``fragments``):
    the view reads the framework's row, and what the article shows besides only
    when the article is rendered.
    """

    def get(self, request, *args, **kwargs):
        fragments.note_version(request)  # before the page reads the catalog
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Every release is read only when the article is rendered (its chart).
        return (
            Framework.objects.visible_to(self.request.user)
            .select_related("category", "package_facts")
            .defer("package_facts__releases")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework_in_full=self.in_full, **kwargs)

    def in_full(self):
        """The framework with everything its article shows."""
        prefetch_related_objects([self.object], *detail_page_lookups())
        return self.object

    def slug_candidates(self):
        return Framework.objects.visible_to(self.request.user)


class NarrowedFrameworkListView(CanonicalSlugMixin, FrameworkListView):
    """The ranked catalog narrowed to one category or use case."""

    narrowing_model = None
    filter_name = None  # the page filter this narrowing replaces

    def get_queryset(self):
        # Kept per content version (``fragments``), as the page's listing is.
        slug, model = self.kwargs["slug"], self.narrowing_model
        self.narrowed_by = fragments.kept(
            self.request,
            model._meta.label,
            lambda: get_object_or_404(model, slug=slug),
            [slug],
        )
        return self.narrow(super().get_queryset(), self.narrowed_by)

    def narrow(self, frameworks, narrowed_by):
        raise NotImplementedError

    def slug_candidates(self):
        return self.narrowing_model.objects.all()

    def get_filterset_kwargs(self, filterset_class):
        # The page itself is the narrowing: ignore a stale filter for the same thing.
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is not None and self.filter_name in kwargs["data"]:
            kwargs["data"] = kwargs["data"].copy()
            del kwargs["data"][self.filter_name]
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            narrowed_by=self.narrowed_by, narrowed_field=self.filter_name, **kwargs
        )


class CategoryDetailView(NarrowedFrameworkListView):
    narrowing_model = Category
    filter_name = "category"

    def narrow(self, frameworks, category):
        return frameworks.of_kind(category)


class UseCaseDetailView(NarrowedFrameworkListView):
    narrowing_model = UseCase
    filter_name = "use_case"

    def narrow(self, frameworks, use_case):
        return frameworks.filter(use_cases=use_case)


@dataclass(frozen=True)
class RelatedHeading:
    """The heading of the list of one framework's related frameworks."""

    framework: Framework

    @property
    def name(self):
        return f"Related to {self.framework.name}"

    @property
    def description(self):
        return (
            f"Every published framework that {self.framework.name} is built on, "
            "extends or is an alternative to, and those built on it or extending "
            "it, most used first."
        )


class RelatedFrameworkListView(NarrowedFrameworkListView):
    """Every framework related to one: the rest of the bounded set its page shows."""

    filter_name = None

    def get_queryset(self):
        framework = get_object_or_404(
            Framework.objects.published(), slug=self.kwargs["slug"]
        )
        self.narrowed_by = RelatedHeading(framework)
        return FrameworkListView.get_queryset(self).related_to(framework)

    def slug_candidates(self):
        return Framework.objects.published()


class ComparePickerView(TemplateView):
    """Pick frameworks to compare; a picked set redirects to its canonical page.

    Ticked boxes send slugs (``frameworks``); names typed in the text box
    (``named``) reach frameworks the lists leave out. A comparison's add form
    sends the compared slugs, the one chosen to add (``add``) and ``adding``.
    """

    template_name = "catalog/compare_picker.html"

    def get(self, request, *args, **kwargs):
        picked = [
            slug
            for value in request.GET.getlist("frameworks") + request.GET.getlist("add")
            for slug in value.split(",")
        ]
        typed = request.GET.get("named", "")
        if "adding" in request.GET and not request.GET.get("add") and not typed.strip():
            error = ComparisonError(
                "Nothing was added: choose a framework from the list, or type its name."
            )
            return self.refuse(error, picked)
        try:
            named = named_slugs(typed)
        except ComparisonError as error:
            return self.refuse(error, picked)
        # A name typed that is ticked too, or typed twice, counts once.
        seen = {slug.lower() for slug in picked}
        for slug in named:
            if slug.lower() not in seen:
                seen.add(slug.lower())
                picked.append(slug)
        if not picked:
            return self.render_to_response(self.get_context_data())
        try:
            slugs = check_slugs(picked)
        except ComparisonError as error:
            return self.refuse(error, picked)
        url = reverse("catalog:compare", args=[canonical_path_part(slugs)])
        if request.GET.get("only") == CompareView.ONLY_DIFFERENCES:
            url += f"?only={CompareView.ONLY_DIFFERENCES}"
        return redirect(url)

    def refuse(self, error, picked, status=HTTPStatus.BAD_REQUEST):
        """The picker, with what was asked for ticked and why it cannot be shown."""
        context = self.get_context_data(error=error, picked=picked)
        return self.response_class(
            request=self.request,
            template=ComparePickerView.template_name,
            context=context,
            status=status,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.choices(**kwargs), **kwargs)

    def choices(self, picked=(), **kwargs):
        """What the page offers to compare: the picker's boxes."""
        return {
            "candidates": picker_candidates(picked),
            "named": self.request.GET.get("named", ""),  # kept when refused
        }


class CompareView(ComparePickerView):
    """2 to 4 frameworks side by side at one canonical URL per set.

    ``?only=differences`` shows only the feature rows where they differ.
    """

    template_name = "catalog/compare.html"
    ONLY_DIFFERENCES = "differences"

    def get(self, request, spec, *args, **kwargs):
        only = request.GET.get("only", "")
        if only not in ("", self.ONLY_DIFFERENCES):
            error = ComparisonError(
                f"“only” takes one value, “{self.ONLY_DIFFERENCES}”; leave it out "
                "to see every feature."
            )
            return self.refuse(error, spec.split(SLUG_SEPARATOR))
        asked = spec.split(SLUG_SEPARATOR)
        try:
            slugs = check_slugs(asked)
        except ComparisonError as error:
            return self.refuse(error, asked)
        fragments.note_version(request)  # before the page reads the catalog
        try:
            comparison = find_compared(slugs, self.compared(request.user))
        except ComparisonError as error:
            return self.refuse(error, slugs, status=HTTPStatus.NOT_FOUND)
        if comparison.slugs != asked:  # another order or letter case
            part = canonical_path_part(comparison.slugs)
            url = reverse("catalog:compare", args=[part])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        only_differences = only == self.ONLY_DIFFERENCES
        return self.render_to_response(
            self.get_context_data(
                comparison=comparison,
                only_differences=only_differences,
                # Called by the template only when the comparison is not kept
                # rendered (``fragments``).
                comparison_in_full=lambda: self.in_full(comparison, only_differences),
            )
        )

    @staticmethod
    def compared(user):
        """The frameworks a comparison may name, with what the page shows
        around the kept comparison: their names."""
        return Framework.objects.visible_to(user).select_related("category")

    @staticmethod
    def in_full(comparison, only_differences):
        """The comparison with what it shows read, and the add list under it."""
        comparison = comparison.in_full()
        sections = (
            comparison.only_differences() if only_differences else comparison.sections
        )
        return {
            "comparison": comparison,
            "sections": sections,
            "addable": comparison.addable(addable_candidates(comparison)),
        }

    def choices(self, comparison=None, **kwargs):
        """The picker's boxes when refused; under a comparison, nothing (its add
        list is kept with it: ``in_full``)."""
        if comparison is None:
            return super().choices(**kwargs)
        return {}


class SearchView(TemplateView):
    """Published frameworks matching every word, best matches first."""

    template_name = "catalog/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET if "q" in request.GET else None)
        found, suggestions = None, []
        if form.is_valid():
            fragments.note_version(request)  # before the page reads the catalog
            query = form.cleaned_data["q"]
            found = found_page(request, query, request.GET.get("page"))
            if not found.count:
                suggestions = did_you_mean(query)
        status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
        context = self.get_context_data(
            form=form,
            found=found,
            page_obj=found.page() if found else None,
            did_you_mean=suggestions,
        )
        return self.render_to_response(context, status=status)


class ChooseView(FormView):
    """Rank frameworks against the needs a reader ticks, with reasons.

    The form is sent by GET so the address keeps the answers; it is bound only
    when the query string holds one of its fields. Invalid answers get the form
    back with its errors and a 400.
    """

    form_class = ChooseForm
    template_name = "catalog/choose.html"
    http_method_names = ["get", "head", "options"]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.answered():
            kwargs["data"] = self.request.GET
        # The options, kept per content version (``fragments``).
        kwargs["choices"] = fragments.kept(self.request, "guide-choices", guide_choices)
        return kwargs

    def answered(self):
        """Does the query string hold an answer (else the blank form)?"""
        return any(name in self.request.GET for name in self.form_class.base_fields)

    def get(self, request, *args, **kwargs):
        fragments.note_version(request)  # before the page reads the catalog
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return self.form_valid(form)
        if form.is_bound:
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            experience_effects=ChooseForm.experience_effects(), **kwargs
        )

    def form_valid(self, form):
        share_url = self.request.build_absolute_uri(
            f"{reverse('catalog:choose')}?{form.query_string()}"
        )
        context = self.get_context_data(
            form=form,
            needs=form.needs(),
            share_url=share_url,
            # The results are kept rendered per address (``fragments``): the
            # template asks for the advice only when they are not kept.
            advice_in_full=lambda: self.advice(form),
        )
        return self.render_to_response(context)

    def advice(self, form):
        """The ranked tools for the answers, the page of them asked for
        explained, and what was left out."""
        advice = choose.advise(form.needs(), form.catalog())
        page = advice.page(self.page_number())
        choose.explain(advice, page.shown)
        return {
            "advice": advice,
            "results": advice.ranked,
            "page_obj": page,
            "left_out": choose.left_out(advice, choose.notable_frameworks()),
            "compare": self.compare_link(advice),
        }

    def page_number(self):
        """The page asked for; anything but a positive number is the first."""
        value = self.request.GET.get("page", "")
        return int(value) if value.isdigit() and len(value) < 6 else 1

    def form_invalid(self, form):
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=HTTPStatus.BAD_REQUEST)

    @staticmethod
    def compare_link(advice):
        """The compare page's URL and size for the best alike tools, or None."""
        slugs = advice.compare_slugs
        if not slugs:
            return None
        url = reverse("catalog:compare", args=[canonical_path_part(slugs)])
        return {"url": url, "count": len(slugs)}


class TrendsView(TemplateView):
    """Usage by year of every published framework with a share or a rank band."""

    template_name = "catalog/trends.html"

    def get(self, request, *args, **kwargs):
        fragments.note_version(request)  # before the page reads the catalog
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        shown = trends.trends(self.request, self.request.GET.get("page"))
        # Called by the template only for the parts not kept (``fragments``).
        return super().get_context_data(
            **shown,
            trends_overview=trends.overview,
            trends_table=lambda: trends.table(shown["page_obj"]),
            trends_sources=trends.sources,
            **kwargs,
        )


class ChangesView(KeptPageMixin, ListView):
    """What editors changed in published frameworks, and why, newest first."""

    template_name = "catalog/changes.html"
    paginate_by = 20

    def get_queryset(self):
        return published_changes()

    def get_context_data(self, **kwargs):
        # Each change is kept rendered (``fragments``): only those not kept are
        # described, which reads their history.
        return super().get_context_data(
            describe_changes=self.listing.preparer(describe), **kwargs
        )


class RobotsView(TemplateView):
    """robots.txt: crawl everything but the admin; point to the sitemap."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        sitemap_url = self.request.build_absolute_uri(reverse("catalog:sitemap"))
        return super().get_context_data(sitemap_url=sitemap_url, **kwargs)


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages that name no icon (the API docs)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")
