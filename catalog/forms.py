from urllib.parse import urlencode

from django import forms

from .choose import WEIGHINGS, Experience, Needs, load_catalog
from .models import Feature, UseCase
from .widgets import PlainCheckboxList, PlainRadioList

# --- The "help me choose" guide (/choose/) ----------------------------------

NOT_LISTED = (
    "One of the values sent is not among the options listed here. "
    "Tick the options shown on this page instead."
)


class UniqueMultipleChoiceField(forms.MultipleChoiceField):
    """Several choices, each sent at most once; errors never echo the value back."""

    default_error_messages = {
        "invalid_choice": NOT_LISTED,
        "invalid_list": "Send a list of options.",
        "repeated": "Tick each option once; %(values)s was sent more than once.",
    }

    def validate(self, value):
        super().validate(value)
        repeated = sorted({choice for choice in value if value.count(choice) > 1})
        if repeated:
            labels = dict(self.choices)
            raise forms.ValidationError(
                self.error_messages["repeated"],
                code="repeated",
                params={"values": ", ".join(labels[slug] for slug in repeated)},
            )


def guide_choices():
    """The guide's options: (slug, name) of each use case, and of each feature."""
    return (
        tuple(UseCase.objects.values_list("slug", "name")),
        tuple(Feature.objects.values_list("slug", "name")),
    )


class ChooseForm(forms.Form):
    """The reader's needs, sent by GET so the page's address keeps the answers.

    Use case and feature choices come from the database (``guide_choices``,
    kept per content version by the view; the rows themselves are read only for
    the advice), so use cases and features that editors add appear without a
    code change.
    """

    build = UniqueMultipleChoiceField(
        label="What are you building?",
        required=False,
        widget=PlainCheckboxList(list_class="choose-options"),
        help_text="Tick everything that applies.",
    )
    features = UniqueMultipleChoiceField(
        label="Which features must it have?",
        required=False,
        widget=PlainCheckboxList(list_class="choose-options"),
        help_text="Built in counts most; an optional extra, the server or a "
        "separate package count less; a feature only part there counts less again.",
    )
    experience = forms.ChoiceField(
        label="How much Python web development have you done?",
        required=False,
        widget=PlainRadioList(list_class="choose-options"),
        choices=[("", "Rather not say"), *Experience.choices],
        initial="",
        help_text="Optional. Your answer changes how learning curves, separate "
        "packages and newcomers' pitfalls weigh, as the list below explains.",
        error_messages={"invalid_choice": NOT_LISTED},
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_cases, features = choices or guide_choices()
        self.fields["build"].choices = list(use_cases)
        self.fields["features"].choices = list(features)

    @staticmethod
    def experience_effects():
        """(answer, what it changes) for every experience answer, for the page."""
        labels = dict(ChooseForm.base_fields["experience"].choices)
        return [
            (labels[value], weighing.summary) for value, weighing in WEIGHINGS.items()
        ]

    def catalog(self):
        """The guide's ``Catalog`` for the answers; call after ``is_valid()``."""
        use_cases = UseCase.objects.select_related("primary_kind")
        features = Feature.objects.all()
        return load_catalog(
            list(use_cases.prefetch_related("kinds")),
            list(features.prefetch_related("kinds")),
            self.needs(),
        )

    def clean_experience(self):
        # A radio button sends one value; the widget silently keeps the last one.
        getlist = getattr(self.data, "getlist", None)
        if getlist and len(getlist(self.add_prefix("experience"))) > 1:
            raise forms.ValidationError("Choose one experience level.", code="repeated")
        return self.cleaned_data["experience"]

    def _ticked(self, name):
        """The cleaned slugs of a checkbox field, in the order they are listed."""
        chosen = set(self.cleaned_data[name])
        return tuple(slug for slug, _ in self.fields[name].choices if slug in chosen)

    def needs(self):
        """The cleaned answers as ``choose.Needs``; call after ``is_valid()``."""
        return Needs(
            use_cases=self._ticked("build"),
            features=self._ticked("features"),
            experience=self.cleaned_data["experience"],
        )

    def query_string(self):
        """The answers as a canonical query string, for a link to share."""
        needs = self.needs()
        pairs = [("build", slug) for slug in needs.use_cases]
        pairs += [("features", slug) for slug in needs.features]
        if needs.experience:
            pairs.append(("experience", needs.experience))
        return urlencode(pairs)
