"""The base of every catalog admin: one timeline per object, safe with odd input.

``CatalogAdmin``:

- shows each object's history as a timeline of revisions (``catalog.timeline``):
  who, when, why and a word-level diff of what changed; a framework's covers the
  rows of its page too. It runs a fixed number of queries however long the
  history is;
- gives every change form a "reason for the change", stored with the revision,
  and the version it was opened at: saving over a newer version is refused with
  what the other editor changed (``admin_forms``); a form saved untouched
  records nothing;
- reverts an object to any version in its timeline after a confirmation page
  that lists what will change (``catalog.revert``); a framework's rows go back
  with it. Only an editor allowed to change the object may revert it;
- answers odd input an editor can send with a 400 or 404 rather than a 500:
  a NUL byte in a changelist's query string (PostgreSQL refuses it in text), a
  non-numeric id in a history address, a non-numeric id in an action's selection;
- shows related-object icons only where they help: none but "add" on the
  fields named in ``add_related``; autocomplete boxes label their choice without
  a query per row;
- lists what a deletion takes with it in a fixed number of queries
  (``admin_deletion``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst

from . import revert
from .admin_deletion import DeletionListMixin
from .admin_forms import CatalogModelForm
from .admin_widgets import LabelledAutocompleteSelect
from .models import Revision
from .revisions import set_reason
from .timeline import Subject, label, timeline_page


class RevertForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the revert",
        max_length=Revision._meta.get_field("reason").max_length,
        required=False,
        help_text="Optional. Left empty, the history says which version was restored.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def contains_nul(query):
    """Whether any key or value of a QueryDict holds a NUL character."""
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query.lists()
    )


class CatalogWidgetsMixin:
    """Widgets shared by the catalog's admins and inlines."""

    # Django 6.0 makes https the default scheme; say so now, and avoid the warning.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    add_related = ()  # ForeignKeys that keep the "add another" icon

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                LabelledAutocompleteSelect(
                    db_field,
                    self.admin_site,
                    attrs={"data-width": "100%"},  # of its cell, not of its text
                    using=kwargs.get("using"),
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # Changing or deleting the chosen category or source from here
            # surprises more than it helps; adding one can save a trip.
            widget.can_change_related = False
            widget.can_delete_related = False
            widget.can_view_related = False
            widget.can_add_related &= db_field.name in self.add_related
        return formfield


class OddInputMixin:
    """A changelist answers odd input an editor can send with a 400, not a 500."""

    def changelist_view(self, request, extra_context=None):
        # Filters and the search go into SQL as typed; PostgreSQL refuses a NUL
        # in text with a DataError, which the changelist does not catch.
        if contains_nul(request.GET):
            raise BadRequest("The address holds a NUL character.")
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset):
        # Django filters the queryset by the selected ids as sent: one that is not
        # a number raises ValueError there.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        try:
            for pk in selected:
                self.model._meta.pk.to_python(pk)
        except ValidationError:
            self.message_user(
                request,
                "The selection was not understood. No items have been changed.",
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)


class CatalogAdmin(
    OddInputMixin, CatalogWidgetsMixin, DeletionListMixin, admin.ModelAdmin
):
    """Every catalog admin: a timeline of each object's history."""

    form = CatalogModelForm
    history_per_page = 20

    # --- Change form -----------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        """The declared fieldsets, then the reason for the change (and version)."""
        extra = CatalogModelForm.extra_fields
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in extra]
            fieldsets.append((name, {**options, "fields": fields}))
        reason = ("Reason for the change", {"fields": extra, "classes": ("reason",)})
        return [*fieldsets, reason]

    def save_model(self, request, obj, form, change):
        set_reason(form.cleaned_data.get("change_reason", ""))
        if change and not form.content_changed():
            return  # an untouched form records nothing
        super().save_model(request, obj, form, change)

    def pk_or_404(self, value, model=None):
        model = model or self.model
        try:
            pk = model._meta.pk.to_python(unquote(value))
        except ValidationError:
            pk = None
        if pk is None:
            name = model._meta.verbose_name
            raise Http404(f"No {name} has the id {value!r}.")
        return pk

    def get_urls(self):
        opts = self.model._meta
        revert_view = self.admin_site.admin_view(self.revert_view)
        name = f"{opts.app_label}_{opts.model_name}_revert"
        return [
            path("<path:object_id>/history/<str:revision_id>/", revert_view, name=name),
            *super().get_urls(),
        ]

    # --- History ---------------------------------------------------------------

    def subject(self, object_id):
        """The object (or the last known version of a deleted one) and its label."""
        subject = Subject(self.model, self.pk_or_404(object_id))
        obj = self.model._default_manager.filter(pk=subject.pk).first()
        if obj is not None:
            return subject, obj, str(obj)
        last = (
            subject.history_model.objects.filter(**{subject.pk_name: subject.pk})
            .select_related(
                *[f.name for f in self.model._meta.concrete_fields if f.many_to_one]
            )
            .order_by("-history_id")
            .first()
        )
        if last is None:
            raise Http404(
                f"No {self.model._meta.verbose_name} has the id {subject.pk}."
            )
        return subject, None, label(last)

    def history_view(self, request, object_id, extra_context=None):
        subject, obj, object_label = self.subject(object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page, entries = timeline_page(
            subject, request.GET.get(PAGE_VAR), self.history_per_page
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {object_label}",
            "opts": opts,
            "module_name": capfirst(opts.verbose_name_plural),
            "object": obj,
            "object_id": subject.pk,
            "object_label": object_label,
            "covers_rows": subject.has_rows,
            "entries": entries,
            "page": page,
            "page_var": PAGE_VAR,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "latest_revision_id": entries[0].revision.pk
            if entries and page.number == 1
            else None,
            "revert_url_name": self.may_revert(request, obj)
            and f"admin:{opts.app_label}_{opts.model_name}_revert",
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/catalog/object_history.html", context)

    # --- Revert ----------------------------------------------------------------

    def may_revert(self, request, obj):
        """Reverting changes the object (or adds it back, once deleted)."""
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def revert_view(self, request, object_id, revision_id):
        subject, obj, object_label = self.subject(object_id)
        revision_pk = self.pk_or_404(revision_id, Revision)
        revision = subject.revisions().filter(pk=revision_pk).first()
        if revision is None:
            raise Http404(f"Revision {revision_id!r} is not in this history.")
        if not self.may_revert(request, obj):
            raise PermissionDenied
        latest = subject.latest_revision_id()
        form = RevertForm(request.POST or None, initial={"version": latest})
        problem = None
        if form.is_valid():
            try:
                done = self.carry_out_revert(request, subject, revision, form)
            except revert.RevertError as error:
                problem = str(error)
                form = RevertForm(
                    {**form.data.dict(), "version": subject.latest_revision_id()}
                )
            else:
                self.message_user(
                    request,
                    f"{capfirst(object_label)} was reverted to the version of "
                    f"{revision.created:%d %b %Y, %H:%M}. The revert is in the "
                    "history too, so it can be undone.",
                    messages.SUCCESS,
                )
                opts = self.model._meta
                url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[quote(subject.pk)],
                )
                return HttpResponseRedirect(f"{url}#revision-{done.pk}")
        try:
            revert_plan = revert.plan(subject, revision)
        except revert.RevertError as error:
            revert_plan, problem = None, str(error)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revert {object_label} to the version of "
            f"{revision.created:%d %b %Y, %H:%M}",
            "opts": opts,
            "module_name": capfirst(opts.verbose_name_plural),
            "object": obj,
            "object_id": subject.pk,
            "object_label": object_label,
            "revision": revision,
            "plan": revert_plan,
            "problem": problem,
            "form": form,
            "covers_rows": subject.has_rows,
        }
        request.current_app = self.admin_site.name
        status = 409 if problem and request.method == "POST" else 200
        return TemplateResponse(
            request, "admin/catalog/revert_confirmation.html", context, status=status
        )

    def carry_out_revert(self, request, subject, revision, form):
        """Revert in one transaction, unless the object changed since the page."""
        with transaction.atomic():
            self.lock(subject)
            if subject.latest_revision_id() != form.cleaned_data["version"]:
                raise revert.RevertError(
                    "Someone changed this since you opened the page. The list below "
                    "is up to date now: check it, then confirm again."
                )
            revert_plan = revert.plan(subject, revision)
            missing = revert_plan.missing_permissions(request.user)
            if missing:
                raise revert.RevertError(
                    "You are not allowed to make every change this revert needs "
                    f"({', '.join(missing)})."
                )
            if not revert_plan.doable:
                raise revert.RevertError("There is nothing to revert.")
            return revert.apply(revert_plan, request.user, form.cleaned_data["reason"])

    def lock(self, subject):
        """Hold the object's row until the transaction ends (PostgreSQL)."""
        rows = self.model._default_manager.select_for_update().filter(pk=subject.pk)
        list(rows.values_list("pk"))
