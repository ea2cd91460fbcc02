"""Package facts in the admin: the refresh action, the change page, and the
add-from-index page."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from catalog.models import Framework, PackageFacts
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PackageFactsFactory,
    UserFactory,
    full_framework,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:catalog_framework_changelist")
ADD_FROM_INDEX = reverse("admin:catalog_framework_add_from_index")


def change_url(framework):
    return reverse("admin:catalog_framework_change", args=[framework.pk])


def messages_of(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def refresh(client, *frameworks):
    return client.post(
        CHANGELIST,
        {
            "action": "refresh_package_facts",
            "_selected_action": [f.pk for f in frameworks],
        },
        follow=True,
    )


@pytest.fixture
def viewer_client(client):
    """Staff who may only view frameworks."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_framework"))
    client.force_login(user)
    return client


@pytest.fixture
def flask(package_index):
    package_index.serve("Flask")
    return FrameworkFactory(
        slug="flask", name="Flask", pypi_name="Flask", first_release=2010
    )


# --- Refresh action --------------------------------------------------------------


def test_refresh_action_fetches_the_selected_frameworks(editor_client, flask):
    other = FrameworkFactory(pypi_name="other")

    response = refresh(editor_client, flask)

    assert response.status_code == HTTPStatus.OK
    assert ("success", "flask: updated: 3.1.3 of 2026-02-19, 64 releases") in (
        messages_of(response)
    )
    assert PackageFacts.objects.get().framework == flask
    assert not PackageFacts.objects.filter(framework=other).exists()


def test_refresh_action_reports_a_failure_per_framework(editor_client, flask):
    ghost = FrameworkFactory(slug="ghost", pypi_name="ghost")

    response = refresh(editor_client, flask, ghost)

    levels = {message.split(":")[0]: level for level, message in messages_of(response)}
    assert levels == {"flask": "success", "ghost": "error"}


def test_refresh_action_without_an_index_url_says_what_to_set(
    editor_client, flask, settings, package_index
):
    settings.PACKAGE_INDEX_URL = ""

    response = refresh(editor_client, flask)

    assert messages_of(response)[0][0] == "error"
    assert "Set PACKAGE_INDEX_URL" in messages_of(response)[0][1]
    assert package_index.requests == []


def test_refresh_action_is_for_those_who_may_change_frameworks(
    viewer_client, flask, package_index
):
    assert "refresh_package_facts" not in viewer_client.get(CHANGELIST).text

    refresh(viewer_client, flask)

    assert package_index.requests == []
    assert not PackageFacts.objects.exists()


# --- Change page -----------------------------------------------------------------


def test_change_page_shows_the_facts_read_only_with_when_they_were_fetched(
    editor_client,
):
    facts = PackageFactsFactory(framework__first_release=None, framework__license="")

    page = editor_client.get(change_url(facts.framework)).text

    assert "From the package index" in page
    assert '<th scope="row">Latest version</th><td>2.0' in page
    assert facts.fetched_at.strftime("%-d %b %Y") in page
    assert 'name="package_facts' not in page  # no input: read only
    assert "package-warnings" not in page


def test_change_page_warns_where_first_release_year_disagrees(editor_client):
    facts = PackageFactsFactory(framework__first_release=2005)

    page = editor_client.get(change_url(facts.framework)).text

    year = facts.first_release_date.year
    assert (
        f"First release: this entry says 2005; the index&#x27;s earliest upload is "
        f"from {year}." in page
    )


@pytest.mark.parametrize(
    ("entered", "expression", "classifier", "warned"),
    [
        ("MIT", "MIT", "", False),
        ("mit", "MIT", "", False),
        ("Apache-2.0", "Apache-2.0 AND MIT", "", True),
        ("BSD-2-Clause", "BSD-3-Clause", "", True),
        ("Apache-2.0", "", "Apache Software License", False),
        ("BSD-3-Clause", "", "BSD License", False),
        ("MIT", "", "BSD License", True),
        ("Artistic-2.0", "", "Artistic License", True),
        ("Artistic License", "", "Artistic License", False),
    ],
)
def test_change_page_warns_where_the_licence_disagrees(
    editor_client, entered, expression, classifier, warned
):
    facts = PackageFactsFactory(
        framework__license=entered,
        license_expression=expression,
        license_classifier=classifier,
    )

    page = editor_client.get(change_url(facts.framework)).text

    assert ("Licence: this entry says" in page) is warned


def test_change_page_of_a_framework_without_a_package_says_so(editor_client):
    framework = FrameworkFactory(pypi_name="")

    page = editor_client.get(change_url(framework)).text

    assert "No PyPI name: without a package of its own there are no facts." in page


def test_change_page_of_a_framework_not_fetched_yet_says_how(editor_client):
    framework = FrameworkFactory(pypi_name="later")

    page = editor_client.get(change_url(framework)).text

    assert "Not fetched yet: use “Refresh package facts”" in page


def test_add_page_has_no_facts_section(editor_client):
    page = editor_client.get(reverse("admin:catalog_framework_add")).text

    assert "From the package index" not in page


# --- Add from the package index ------------------------------------------------------


def test_changelist_links_to_the_add_from_index_page(editor_client):
    assert ADD_FROM_INDEX in editor_client.get(CHANGELIST).text


def test_changelist_hides_the_link_from_those_who_cannot_add(viewer_client):
    assert ADD_FROM_INDEX not in viewer_client.get(CHANGELIST).text


def test_add_from_index_makes_a_prefilled_draft(editor_client, package_index):
    package_index.serve("aiohttp")
    category = CategoryFactory(slug="http-client")

    response = editor_client.post(
        ADD_FROM_INDEX, {"project": "AIOHTTP", "category": category.pk}
    )

    framework = Framework.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == change_url(framework)
    assert framework.status == Framework.Status.DRAFT
    assert framework.name == "aiohttp"
    assert framework.slug == "aiohttp"
    assert framework.pypi_name == "aiohttp"
    assert framework.category == category
    assert framework.summary == "Async http client/server framework (asyncio)"
    assert framework.homepage == "https://github.com/aio-libs/aiohttp"
    assert framework.documentation == "https://docs.aiohttp.org"
    assert framework.repository == "https://github.com/aio-libs/aiohttp"
    assert framework.license == "Apache-2.0 AND MIT"
    assert framework.first_release == 2013
    assert framework.package_facts.latest_version == "3.14.5"
    assert framework.history.count() == 1
    assert "Made a draft of aiohttp" in messages_of(response)[0][1]


def test_the_draft_is_hidden_from_readers(client, editor_client, package_index):
    package_index.serve("Flask")
    editor_client.post(
        ADD_FROM_INDEX, {"project": "flask", "category": CategoryFactory().pk}
    )
    client.logout()

    response = client.get(reverse("catalog:framework-detail", args=["flask"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_project_already_in_the_catalog_is_refused(editor_client, package_index):
    FrameworkFactory(name="Django", pypi_name="Django")

    response = editor_client.post(
        ADD_FROM_INDEX, {"project": "django", "category": CategoryFactory().pk}
    )

    assert response.status_code == HTTPStatus.OK
    assert "django is already in the catalog as Django." in response.text
    assert package_index.requests == []


def test_an_unknown_project_is_refused_with_the_reason(editor_client, package_index):
    response = editor_client.post(
        ADD_FROM_INDEX, {"project": "no-such-thing", "category": CategoryFactory().pk}
    )

    assert "No draft was made: the index has no project" in response.text
    assert not Framework.objects.exists()


def test_a_name_taken_by_another_framework_is_refused(editor_client, package_index):
    package_index.serve("Flask")
    FrameworkFactory(name="Flask", slug="flask-old", pypi_name="")

    response = editor_client.post(
        ADD_FROM_INDEX, {"project": "Flask", "category": CategoryFactory().pk}
    )

    assert "No draft was made: Framework with this Name already exists." in (
        response.text
    )
    assert Framework.objects.count() == 1


@pytest.mark.parametrize("project", ["", "-leading", "two words", "x" * 101, "a/b"])
def test_an_odd_project_name_is_refused_before_any_request(
    editor_client, package_index, project
):
    response = editor_client.post(
        ADD_FROM_INDEX, {"project": project, "category": CategoryFactory().pk}
    )

    assert response.status_code == HTTPStatus.OK
    assert 'class="errorlist' in response.text
    assert package_index.requests == []


def test_add_from_index_without_an_index_url_says_what_to_set(
    editor_client, settings, db
):
    settings.PACKAGE_INDEX_URL = ""

    response = editor_client.post(
        ADD_FROM_INDEX, {"project": "flask", "category": CategoryFactory().pk}
    )

    assert "Set PACKAGE_INDEX_URL" in response.text
    assert not Framework.objects.exists()


def test_add_from_index_is_for_editors_who_may_add(viewer_client, client, db):
    assert viewer_client.get(ADD_FROM_INDEX).status_code == HTTPStatus.FORBIDDEN
    assert (
        viewer_client.post(ADD_FROM_INDEX, {"project": "flask"}).status_code
        == HTTPStatus.FORBIDDEN
    )
    client.logout()
    anonymous = client.get(ADD_FROM_INDEX)
    assert anonymous.status_code == HTTPStatus.FOUND
    assert anonymous.url.startswith(reverse("admin:login"))


def test_add_from_index_page_shows_the_form(editor_client):
    page = editor_client.get(ADD_FROM_INDEX).text

    assert "Add a framework from the package index" in page
    assert 'name="project"' in page
    assert 'name="category"' in page


def test_change_page_with_facts_runs_a_fixed_number_of_queries(
    editor_client, assert_constant_queries
):
    framework = full_framework()
    url = change_url(framework)
    editor_client.get(url)  # warm the per-process ContentType cache first

    # The facts row is read once for the section, as on the change form test.
    _, response = assert_constant_queries(lambda: editor_client.get(url), 17)

    assert "From the package index" in response.text
