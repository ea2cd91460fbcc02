"""Readers tell the editors about a framework the catalog lacks.

No account is needed: a short form (name, optional address and note) saves a
``FrameworkSuggestion`` that editors work through in the admin. A hidden field
that people leave empty catches form-filling robots, and each address may send
``SUGGESTION_RATE`` suggestions (counted in the shared cache, like the API's
throttles).
"""

from http import HTTPStatus

from django import forms
from django.contrib import messages
from django.core.validators import URLValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from .api.throttling import AddressRateThrottle

HONEYPOT = "website"


class FrameworkSuggestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ADDED = "added", "Added to the catalog"
        DECLINED = "declined", "Declined"

    name = models.CharField(
        max_length=80, help_text="The framework, as the reader named it."
    )
    url = models.URLField(
        "URL", max_length=300, blank=True, help_text="Where the reader says it lives."
    )
    note = models.TextField(
        max_length=1000, blank=True, help_text="Why the reader thinks it belongs."
    )
    searched_for = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the reader had searched for before suggesting it.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.NEW,
        help_text="New until an editor has looked at it.",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "framework suggestion"

    def __str__(self):
        return self.name


class SuggestionForm(forms.ModelForm):
    """The reader's form; the honeypot must stay empty."""

    url = forms.URLField(
        label="Its address (optional)",
        required=False,
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Its homepage, repository or page on PyPI.",
        error_messages={"invalid": "Give a web address, e.g. https://example.org/."},
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = FrameworkSuggestion
        fields = ["name", "url", "note", "searched_for"]
        labels = {
            "name": "Framework name",
            "note": "Why it belongs (optional)",
        }
        help_texts = {
            "name": "As its project spells it, e.g. Litestar.",
            "note": "A sentence on what it is for, if you like.",
        }
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "searched_for": forms.HiddenInput,
        }
        error_messages = {
            "name": {"required": "Give the framework's name."},
        }

    @property
    def caught_a_robot(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_name(self):
        from .models import Framework

        name = self.cleaned_data["name"]
        known = Framework.objects.published().filter(name__iexact=name).first()
        if known is not None:
            url = reverse("catalog:framework-detail", args=[known.slug])
            raise forms.ValidationError(
                f"{known.name} is in the catalog already, at {url}.", code="known"
            )
        return name


class SuggestionThrottle(AddressRateThrottle):
    scope = "suggestions"
    rate_setting = "SUGGESTION_RATE"


@method_decorator(never_cache, name="dispatch")  # its form carries a CSRF token
class SuggestView(FormView):
    """Tell the editors about a missing framework: no account, a few a time."""

    form_class = SuggestionForm
    template_name = "catalog/suggest.html"

    def get_initial(self):
        asked = self.request.GET.get("name", "")[:80].strip()
        return {"name": asked, "searched_for": asked}

    def post(self, request, *args, **kwargs):
        throttle = SuggestionThrottle()
        if not throttle.allow_request(request, view=None):
            return self.refuse(
                "You have sent several suggestions in a short time. Thank you: "
                "please send more in a while.",
                HTTPStatus.TOO_MANY_REQUESTS,
                retry_after=int(throttle.wait() or 60),
            )
        form = self.get_form()
        if form.caught_a_robot:
            return self.refuse(
                "This form could not be accepted: leave the last field empty.",
                HTTPStatus.BAD_REQUEST,
                form=form,
            )
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def refuse(self, message, status, form=None, retry_after=None):
        context = self.get_context_data(form=form or self.get_form(), refusal=message)
        response = self.render_to_response(context, status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    def form_valid(self, form):
        suggestion = form.save()
        messages.success(
            self.request,
            f"Thank you: the editors will look at {suggestion.name}.",
        )
        return redirect("catalog:suggest")

    def form_invalid(self, form):
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=HTTPStatus.BAD_REQUEST)
