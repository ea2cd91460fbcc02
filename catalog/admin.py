"""The editors' admin: frameworks with the rows of their page, and the lookups.

The framework's change page holds its rows as compact tables: one-line titles,
small detail boxes, rows ordered by dragging (``js/admin/sortable.js``; without
JavaScript, by their position numbers), autocomplete for sources, features and
frameworks, and a preview of the Markdown description drawn on the server.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.translation import ngettext

from .admin_base import CatalogAdmin, CatalogWidgetsMixin, OddInputMixin
from .admin_forms import InlineRowForm
from .admin_widgets import MarkdownTextarea
from .markup import render_markdown
from .models import (
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
from .packageindex.admin import PackageFactsAdminMixin
from .revisions import set_reason
from .suggestions import FrameworkSuggestion
from .text import normalise

# The longest description the preview renders (a description is a few screens).
PREVIEW_LIMIT = 100_000


class CatalogInline(CatalogWidgetsMixin, admin.TabularInline):
    """A compact table of a framework's rows, in a fixed number of queries.

    Each row's title (its ``__str__``) reads the row's ForeignKeys, so the rows are
    fetched with them joined in. A ModelChoiceField re-runs its queryset every time
    its select is rendered, once per row plus the hidden empty form; the choices
    are materialised here, before the admin wraps the widget, so that every row's
    select shares one list.
    """

    form = InlineRowForm
    template = "admin/catalog/edit_inline/tabular.html"  # labels for phones
    extra = 0
    formfield_overrides = {
        **CatalogWidgetsMixin.formfield_overrides,
        models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2})},
    }

    def get_queryset(self, request):
        foreign_keys = [f.name for f in self.model._meta.fields if f.many_to_one]
        return super().get_queryset(request).select_related(*foreign_keys)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        searched = (*self.raw_id_fields, *self.get_autocomplete_fields(request))
        if field is not None and db_field.name not in searched:
            # iter() first: list() would also ask the iterator's len(), a COUNT query.
            field.choices = list(iter(field.choices))
        return field


class PointInline(CatalogInline):
    fields = ("title", "detail", "position")
    classes = ("sortable",)  # ordered by dragging; see js/admin/sortable.js


class AdvantageInline(PointInline):
    model = Advantage


class DisadvantageInline(PointInline):
    model = Disadvantage
    fields = ("title", "detail", "newcomer_concern", "position")


class UsageStatInline(CatalogInline):
    model = UsageStat
    fields = (
        "year",
        "share",
        "rank_best",
        "rank_worst",
        "source",
        "provenance",
        "basis",
    )
    autocomplete_fields = ("source",)
    add_related = ("source",)


class FeatureSupportInline(CatalogInline):
    model = FeatureSupport
    fields = ("feature", "level", "partial", "note", "source_url")
    autocomplete_fields = ("feature",)


class RelationForm(InlineRowForm):
    def clean(self):
        # An inline's parent key is left out of model validation, so the
        # relation_not_to_itself constraint would only fail in the database.
        cleaned_data = super().clean()
        target = cleaned_data.get("to_framework")
        if target is not None and target.pk == self.instance.from_framework_id:
            raise ValidationError(
                {"to_framework": "A framework cannot be related to itself."}
            )
        return cleaned_data


class RelationInline(CatalogInline):
    model = Relation
    fk_name = "from_framework"
    form = RelationForm
    fields = ("kind", "to_framework", "note")
    autocomplete_fields = ("to_framework",)
    verbose_name = "relation to another framework"
    verbose_name_plural = "relations to other frameworks"


@admin.register(Framework)
class FrameworkAdmin(PackageFactsAdminMixin, CatalogAdmin):
    list_display = ("name", "category", "share_percent", "status", "last_changed")
    list_filter = ("status", "category", "learning_curve", "use_cases")
    list_select_related = ("category",)
    search_fields = ("name", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created", "updated")
    save_on_top = True
    actions = ("publish", "unpublish", "refresh_package_facts")
    inlines = (
        AdvantageInline,
        DisadvantageInline,
        UsageStatInline,
        FeatureSupportInline,
        RelationInline,
    )
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "summary", "description")}),
        (
            "Classification",
            {
                "fields": (
                    "learning_curve",
                    "learning_curve_reason",
                    "other_kinds",
                    "use_cases",
                    "license",
                    "first_release",
                )
            },
        ),
        (
            "Links",
            {"fields": ("homepage", "repository", "documentation", "pypi_name")},
        ),
        ("Publishing", {"fields": ("status", "created", "updated")}),
    )
    formfield_overrides = {
        **CatalogAdmin.formfield_overrides,
        # A short list: boxes to tick read better than two scrolling lists.
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    class Media:
        js = ("js/admin/sortable.js", "js/admin/markdown-preview.js")

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="catalog_framework_preview"),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "description":
            preview_url = reverse("admin:catalog_framework_preview")
            kwargs["widget"] = MarkdownTextarea(preview_url=preview_url)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def preview_view(self, request):
        """The description as readers will see it: Markdown, sanitised."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        text = normalise(request.POST.get("text", ""))
        if len(text) > PREVIEW_LIMIT:
            return HttpResponse(
                f"Too long to preview: {len(text)} characters, of {PREVIEW_LIMIT}.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return HttpResponse(
            render_markdown(text), content_type="text/html; charset=utf-8"
        )

    @admin.display(description="Latest share", ordering="latest_share", empty_value="—")
    def share_percent(self, obj):
        # Not named after the stored field: the changelist would show the
        # field's bare number instead of this method's.
        if obj.latest_share is None:
            return None
        return f"{obj.latest_share:.1f}%"

    @admin.display(description="Last changed", ordering="updated")
    def last_changed(self, obj):
        return obj.updated

    def _set_status(self, request, queryset, status):
        # Save one by one rather than queryset.update(): update() bypasses the
        # signals django-simple-history records with, and bulk_update_with_history
        # would store an empty use-case list in each historical record.
        changed = 0
        for framework in queryset.exclude(status=status):
            framework.status = status
            framework._history_user = request.user
            framework.save(update_fields=["status", "updated"])
            changed += 1
        return changed

    @admin.action(description="Publish selected frameworks", permissions=["change"])
    def publish(self, request, queryset):
        set_reason("Published")
        count = self._set_status(request, queryset, Framework.Status.PUBLISHED)
        message = ngettext(
            "%d framework was published.", "%d frameworks were published.", count
        )
        self.message_user(request, message % count, messages.SUCCESS)

    @admin.action(description="Unpublish selected frameworks", permissions=["change"])
    def unpublish(self, request, queryset):
        set_reason("Returned to draft")
        count = self._set_status(request, queryset, Framework.Status.DRAFT)
        message = ngettext(
            "%d framework was returned to draft.",
            "%d frameworks were returned to draft.",
            count,
        )
        self.message_user(request, message % count, messages.SUCCESS)


class PositionedAdmin(CatalogAdmin):
    """Shared set-up for the small, ordered lookup models."""

    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Category)
class CategoryAdmin(PositionedAdmin):
    pass


@admin.register(UseCase)
class UseCaseAdmin(PositionedAdmin):
    filter_horizontal = ("kinds",)


@admin.register(Feature)
class FeatureAdmin(PositionedAdmin):
    filter_horizontal = ("kinds",)


@admin.register(Source)
class SourceAdmin(CatalogAdmin):
    list_display = ("title", "publisher", "year", "kind")
    list_filter = ("kind", "year")
    search_fields = ("title", "publisher", "slug", "note")


@admin.register(UsageStat)
class UsageStatAdmin(CatalogAdmin):
    list_display = ("framework", "year", "share", "rank_best", "source", "provenance")
    list_filter = ("year", "source", "provenance")
    list_select_related = ("framework", "source")
    search_fields = ("framework__name", "source__title")
    autocomplete_fields = ("framework", "source")
    add_related = ("source",)


@admin.register(FrameworkSuggestion)
class FrameworkSuggestionAdmin(OddInputMixin, CatalogWidgetsMixin, admin.ModelAdmin):
    """What readers suggested, newest first; editors mark each one when handled."""

    list_display = ("name", "url", "status", "created")
    list_display_links = ("name",)
    list_editable = ("status",)
    list_filter = ("status", "created")
    search_fields = ("name", "url", "note", "searched_for")
    readonly_fields = ("name", "url", "note", "searched_for", "created")
    fields = ("name", "url", "note", "searched_for", "created", "status")
    date_hierarchy = "created"
    actions = ["mark_added", "mark_declined"]

    def has_add_permission(self, request):
        return False  # readers send suggestions; editors only handle them

    @admin.action(description="Mark as added to the catalog")
    def mark_added(self, request, queryset):
        self.mark(request, queryset, FrameworkSuggestion.Status.ADDED)

    @admin.action(description="Mark as declined")
    def mark_declined(self, request, queryset):
        self.mark(request, queryset, FrameworkSuggestion.Status.DECLINED)

    def mark(self, request, queryset, status):
        count = queryset.update(status=status)
        self.message_user(
            request,
            ngettext(
                "%(count)d suggestion marked “%(status)s”.",
                "%(count)d suggestions marked “%(status)s”.",
                count,
            )
            % {"count": count, "status": status.label},
            messages.SUCCESS,
        )
