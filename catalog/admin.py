from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from .admin_base import CatalogAdmin, foreign_key_names
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


class FixedQueriesInlineMixin:
    """Keep an inline's query count fixed however many rows it shows.

    Each row's title (its ``__str__``) reads the row's ForeignKeys, so the rows are
    fetched with them joined in. And a ModelChoiceField re-runs its queryset every
    time its select is rendered, once per row plus the hidden empty form; the
    choices are materialised here, before the admin wraps the widget, so that every
    row's Select shares one list.
    """

    def get_queryset(self, request):
        foreign_keys = foreign_key_names(self.model)
        return super().get_queryset(request).select_related(*foreign_keys)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        searched = (*self.raw_id_fields, *self.get_autocomplete_fields(request))
        if field is not None and db_field.name not in searched:
            # iter() first: list() would also ask the iterator's len(), a COUNT query.
            field.choices = list(iter(field.choices))
        return field


class AdvantageInline(admin.TabularInline):
    model = Advantage
    extra = 0
    fields = ("title", "detail", "position")


class DisadvantageInline(admin.TabularInline):
    model = Disadvantage
    extra = 0
    fields = ("title", "detail", "newcomer_concern", "position")


class UsageStatInline(FixedQueriesInlineMixin, admin.TabularInline):
    model = UsageStat
    extra = 0
    fields = (
        "year",
        "share",
        "rank_best",
        "rank_worst",
        "source",
        "provenance",
        "basis",
    )


class FeatureSupportInline(FixedQueriesInlineMixin, admin.TabularInline):
    model = FeatureSupport
    extra = 0
    fields = ("feature", "level", "partial", "note", "source_url")
    formfield_overrides = CatalogAdmin.formfield_overrides


class RelationForm(forms.ModelForm):
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


class RelationInline(FixedQueriesInlineMixin, admin.TabularInline):
    model = Relation
    fk_name = "from_framework"
    form = RelationForm
    extra = 0
    fields = ("kind", "to_framework", "note")
    verbose_name = "relation to another framework"
    verbose_name_plural = "relations to other frameworks"


@admin.register(Framework)
class FrameworkAdmin(CatalogAdmin):
    list_display = ("name", "category", "latest_share", "status", "last_changed")
    list_filter = ("status", "category", "learning_curve", "use_cases")
    list_select_related = ("category",)
    search_fields = ("name", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("other_kinds", "use_cases")
    readonly_fields = ("created", "updated")
    save_on_top = True
    actions = ("publish", "unpublish")
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
            "Links",
            {"fields": ("homepage", "repository", "documentation", "pypi_name")},
        ),
        (
            "Classification",
            {
                "fields": (
                    "license",
                    "first_release",
                    "learning_curve",
                    "other_kinds",
                    "use_cases",
                )
            },
        ),
        ("Publishing", {"fields": ("status", "created", "updated")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_latest_share()

    @admin.display(description="Latest share", ordering="latest_share", empty_value="—")
    def latest_share(self, obj):
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
        count = self._set_status(request, queryset, Framework.Status.PUBLISHED)
        message = ngettext(
            "%d framework was published.", "%d frameworks were published.", count
        )
        self.message_user(request, message % count, messages.SUCCESS)

    @admin.action(description="Unpublish selected frameworks", permissions=["change"])
    def unpublish(self, request, queryset):
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
