"""The admin's forms: normalised text, a reason for the change, stale-edit refusal."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from .admin_widgets import LabelledAutocompleteSelect
from .models import Revision
from .text import normalise_form_data
from .timeline import Subject, entries

# How many of the other editors' revisions a refused save shows.
CONFLICT_ENTRIES = 10


class NormalisedModelForm(forms.ModelForm):
    """Text arrives as it will be stored, so an untouched field is not a change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            normalise_form_data(self)


class InlineRowForm(NormalisedModelForm):
    """A row of an inline table, whose autocomplete boxes are labelled from the
    row's own object rather than a query each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, LabelledAutocompleteSelect):
                related = self.instance._meta.get_field(name)
                pk = getattr(self.instance, related.attname)
                if pk is not None:  # joined in by the inline's queryset
                    widget.known = {str(pk): str(getattr(self.instance, name))}


class CatalogModelForm(NormalisedModelForm):
    """An object's own form: it says why, and which version it was opened at.

    Saving over a newer version is refused: the form comes back with the
    editor's input and ``conflict``, the entries of the history saved since, and
    now carries the newer version, so that saving again is a choice made knowing
    what the other editor did.
    """

    change_reason = forms.CharField(
        label="Reason for the change",
        max_length=Revision._meta.get_field("reason").max_length,
        required=False,
        help_text="Optional. Shown with this change in the history, and for a "
        "published framework on the public list of changes.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    extra_fields = ("change_reason", "version")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = []
        if not self.is_bound and self.instance.pk is not None:
            self.initial["version"] = self.subject().latest_revision_id()

    def subject(self):
        return Subject(type(self.instance), self.instance.pk)

    def content_changed(self):
        """Whether anything but the reason and the version was changed."""
        return any(name not in self.extra_fields for name in self.changed_data)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self.refuse_a_stale_version(cleaned_data.get("version"))
        return cleaned_data

    def refuse_a_stale_version(self, version):
        subject = self.subject()
        if transaction.get_connection().in_atomic_block:
            # Hold the row, so that two saves of one version cannot both pass.
            rows = subject.model._default_manager.select_for_update()
            list(rows.filter(pk=subject.pk).values_list("pk"))
        latest = subject.latest_revision_id()
        if latest is None or latest == version:
            return
        newer = subject.revisions().filter(pk__gt=version or 0)
        self.conflict = entries(subject, list(newer[:CONFLICT_ENTRIES]))
        self.data["version"] = latest
        noun = subject.model._meta.verbose_name
        raise ValidationError(
            f"Someone else saved this {noun} after you opened it, so your changes "
            "were not saved. Their changes are listed above. Your input is still "
            "in the form: saving it again stores it as it stands, including the "
            "fields they changed. To keep their changes, reload the page and make "
            "yours again.",
            code="stale",
        )
