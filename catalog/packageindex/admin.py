"""Package facts in the framework admin.

``PackageFactsAdminMixin`` gives FrameworkAdmin the "Refresh package facts"
action, the facts (read only, with warnings where the entry disagrees with the
index) on the change page, and an "Add from the package index" page that makes
a draft for editors who may add frameworks.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from packaging.utils import canonicalize_name

from ..models import Category, Framework
from .client import FetchError, IndexNotConfigured, PackageIndex
from .display import package_rows
from .drafts import DraftError, create_draft
from .models import facts_of
from .sync import Outcome, sync_packages

FACTS_FIELD = "package_facts_summary"
FACTS_FIELDSET = (
    "Package index",
    {
        "fields": (FACTS_FIELD,),
        "description": "Read from the Python Package Index by syncpackages or the "
        "“Refresh package facts” action; editors do not change them here.",
    },
)
LEVELS = {
    Outcome.UPDATED: messages.SUCCESS,
    Outcome.UNCHANGED: messages.INFO,
    Outcome.SKIPPED: messages.INFO,
    Outcome.FAILED: messages.ERROR,
}
# Trove licence classifiers, and the SPDX identifiers each one can stand for.
CLASSIFIER_LICENCES = {
    "MIT License": {"MIT"},
    "BSD License": {"0BSD", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause"},
    "Apache Software License": {"Apache-1.1", "Apache-2.0"},
    "Python Software Foundation License": {"PSF-2.0", "Python-2.0"},
    "ISC License (ISCL)": {"ISC"},
    "Mozilla Public License 2.0 (MPL 2.0)": {"MPL-2.0"},
    "GNU General Public License v3 (GPLv3)": {"GPL-3.0-only", "GPL-3.0-or-later"},
    "GNU Lesser General Public License v3 (LGPLv3)": {
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
    },
}
# A project name as PEP 508 allows it.
PROJECT_NAME = RegexValidator(
    r"\A[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?\Z",
    "A project name has letters, digits, '.', '_' and '-', and starts and ends "
    "with a letter or digit.",
)


def _folded(text):
    return " ".join(text.split()).casefold()


def licences_agree(entered, facts):
    """Whether the editor's licence says what the index's does."""
    if facts.license_expression:
        return _folded(entered) == _folded(facts.license_expression)
    meanings = CLASSIFIER_LICENCES.get(facts.license_classifier, set())
    return _folded(entered) in {
        _folded(m) for m in {facts.license_classifier, *meanings}
    }


def disagreements(framework, facts):
    """Sentences naming where the entry and the index disagree."""
    found = []
    first_upload = facts.first_release_date.year
    if framework.first_release and framework.first_release != first_upload:
        found.append(
            f"First release: this entry says {framework.first_release}; the index's "
            f"earliest upload is from {first_upload}. A project can be older than "
            "its files on the index: check which year is right."
        )
    if (
        framework.license
        and facts.license
        and not licences_agree(framework.license, facts)
    ):
        found.append(
            f"Licence: this entry says {framework.license}; the index says "
            f"{facts.license}."
        )
    return found


class AddFromIndexForm(forms.Form):
    project = forms.CharField(
        label="Project name on the index",
        max_length=100,
        validators=[PROJECT_NAME],
        help_text="As in pip install <name>, e.g. litestar.",
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        help_text="The kind of tool it is; you can change it before publishing.",
    )

    def clean_project(self):
        project = self.cleaned_data["project"]
        wanted = canonicalize_name(project)
        for framework in Framework.objects.exclude(pypi_name="").only(
            "name", "pypi_name"
        ):
            if canonicalize_name(framework.pypi_name) == wanted:
                raise forms.ValidationError(
                    f"{project} is already in the catalog as {framework.name}."
                )
        return project


class PackageFactsAdminMixin:
    """Package facts for a Framework ModelAdmin (see the module docstring)."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), FACTS_FIELD)

    def get_fieldsets(self, request, obj=None):
        """The facts' fieldset after the one holding the licence, on change pages."""
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or FACTS_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        after = next(
            (
                index + 1
                for index, (_name, options) in enumerate(fieldsets)
                if "license" in flatten_fieldsets([(None, options)])
            ),
            len(fieldsets),
        )
        return [*fieldsets[:after], FACTS_FIELDSET, *fieldsets[after:]]

    @admin.display(description="From the package index")
    def package_facts_summary(self, framework):
        facts = facts_of(framework)
        if not framework.pypi_name:
            return "No PyPI name: without a package of its own there are no facts."
        if facts is None:
            return "Not fetched yet: use “Refresh package facts” on the framework list."
        rows = [(row.label, row.cells[0]) for row in package_rows([framework])]
        return render_to_string(
            "admin/catalog/framework/package_facts.html",
            {
                "facts": facts,
                "rows": rows,
                "warnings": disagreements(framework, facts),
            },
        )

    @admin.action(description="Refresh package facts", permissions=["change"])
    def refresh_package_facts(self, request, queryset):
        try:
            index = PackageIndex.from_settings()
        except IndexNotConfigured as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        report = sync_packages(queryset, index)
        for result in report.results:
            self.message_user(request, str(result), LEVELS[result.outcome])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        add_from_index = path(
            "add-from-index/",
            self.admin_site.admin_view(self.add_from_index_view),
            name="{}_{}_add_from_index".format(*info),
        )
        return [add_from_index, *super().get_urls()]

    def add_from_index_view(self, request):
        """Make a draft framework from a project on the index."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AddFromIndexForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            framework = self._create_draft(request, form)
            if framework is not None:
                self.message_user(
                    request,
                    f"Made a draft of {framework.name} from the package index. "
                    "Check it, fill in the rest and publish it when it is ready.",
                    messages.SUCCESS,
                )
                return redirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[framework.pk],
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Add a framework from the package index",
        }
        return TemplateResponse(
            request, "admin/catalog/framework/add_from_index.html", context
        )

    def _create_draft(self, request, form):
        """The new draft, or None with the reason added to the form."""
        try:
            index = PackageIndex.from_settings()
            return create_draft(
                index, form.cleaned_data["project"], form.cleaned_data["category"]
            )
        except IndexNotConfigured as error:
            form.add_error(None, str(error))
        except (FetchError, DraftError) as error:
            form.add_error("project", f"No draft was made: {str(error).rstrip('.')}.")
        return None
