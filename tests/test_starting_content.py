"""loadstartingcontent: each starting entry is added once per database.

The tests load small fixtures of their own, written as a release would ship
them; only the first reads the project's starting content.
"""

import json
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from catalog.models import (
    Advantage,
    Category,
    Feature,
    Framework,
    Relation,
    Source,
    StartingEntry,
    UsageStat,
)
from catalog.starting_content import FIXTURES
from tests.expected import ADDED_IN_ISSUE_13

pytestmark = pytest.mark.django_db


def obj(model, pk, **fields):
    return {"model": f"catalog.{model}", "pk": pk, "fields": fields}


def framework(pk, slug, category, **fields):
    fields.setdefault("use_cases", [])
    return obj(
        "framework",
        pk,
        slug=slug,
        name=slug.title(),
        category=category,
        summary=f"{slug} in a line.",
        status="published",
        created="2026-11-25T00:00:00Z",
        updated="2026-11-25T00:00:00Z",
        **fields,
    )


RELEASE_1 = [
    obj("category", 1, slug="web", name="Web", position=1),
    obj("category", 2, slug="data", name="Data", position=2),
    obj("usecase", 1, slug="apis", name="APIs"),
    obj("feature", 1, slug="orm", name="ORM"),
    obj("source", 1, slug="survey", title="Survey", publisher="PSF", year=2024),
    framework(1, "alpha", 1, use_cases=[1]),
    framework(2, "beta", 2),
    obj("advantage", 1, framework=1, title="Quick", position=1),
    obj("usagestat", 1, framework=1, source=1, year=2024, share="30.0"),
    obj("featuresupport", 1, framework=1, feature=1, level="built-in"),
    obj("relation", 1, from_framework=1, to_framework=2, kind="alternative"),
]
# A later release adds a framework with rows, and a feature with a cell for
# a framework of the first release.
RELEASE_2 = [
    *RELEASE_1,
    obj("feature", 2, slug="async", name="Async"),
    framework(3, "gamma", 1, use_cases=[1]),
    obj("advantage", 2, framework=3, title="Typed", position=1),
    obj("usagestat", 2, framework=3, source=1, year=2024, share="5.0"),
    obj("relation", 2, from_framework=3, to_framework=1, kind="built-on"),
    obj("featuresupport", 2, framework=1, feature=2, level="package"),
    obj("featuresupport", 3, framework=3, feature=2, level="built-in"),
]


@pytest.fixture
def release(tmp_path):
    def write(objects, name="catalog.json"):
        path = tmp_path / name
        path.write_text(json.dumps(objects))
        return path

    return write


def load(*fixtures):
    out = StringIO()
    call_command("loadstartingcontent", *map(str, fixtures), stdout=out)
    return out.getvalue()


def test_the_starting_content_loads_whole_with_one_first_version_per_object():
    with open(FIXTURES[0], encoding="utf-8") as fixture:
        expected = Counter(o["model"] for o in json.load(fixture))

    output = load()

    for label, count in expected.items():
        model = apps.get_model(label)
        assert model.objects.count() == count, label
        versions = model.history.all()
        assert Counter(v.history_type for v in versions) == {"+": count}, label
    added = [
        line for line in output.splitlines() if line.startswith("Added framework ")
    ]
    assert len(added) == expected["catalog.framework"]


def test_an_empty_database_gets_every_entry_and_row(release):
    output = load(release(RELEASE_1))

    assert output.splitlines() == [
        "Added category web.",
        "Added category data.",
        "Added use case apis.",
        "Added feature orm.",
        "Added source survey.",
        "Added framework alpha.",
        "Added framework beta.",
        "Added 1 advantage with them.",
        "Added 1 usage figure with them.",
        "Added 1 feature support with them.",
        "Added 1 relation with them.",
    ]
    alpha = Framework.objects.get(slug="alpha")
    assert [use_case.slug for use_case in alpha.use_cases.all()] == ["apis"]
    first_version = Framework.history.get(slug="alpha")
    assert first_version.history_type == "+"
    assert first_version.use_cases.count() == 1
    assert StartingEntry.objects.count() == 7


def test_a_second_run_adds_nothing_and_says_so(release):
    fixture = release(RELEASE_1)
    load(fixture)
    versions = Framework.history.count()

    output = load(fixture)

    assert output == "Every starting entry has been loaded before; none added.\n"
    assert Framework.objects.count() == 2
    assert Framework.history.count() == versions


def test_frameworks_editors_deleted_never_come_back(release):
    fixture = release(RELEASE_1)
    load(fixture)
    Framework.objects.all().delete()

    load(fixture)

    assert Framework.objects.count() == 0
    assert UsageStat.objects.count() == 0


def test_categories_sources_and_features_stay_as_editors_left_them(release):
    fixture = release(RELEASE_1)
    load(fixture)
    Category.objects.filter(slug="web").update(name="Web (edited)")
    Source.objects.filter(slug="survey").update(title="Edited title")
    Feature.objects.filter(slug="orm").delete()
    Framework.objects.filter(slug="beta").delete()
    Category.objects.filter(slug="data").delete()

    load(fixture)

    assert Category.objects.get(slug="web").name == "Web (edited)"
    assert Source.objects.get(slug="survey").title == "Edited title"
    assert not Feature.objects.exists()
    assert not Category.objects.filter(slug="data").exists()
    assert not Framework.objects.filter(slug="beta").exists()


def test_entries_added_in_a_later_release_are_added_with_their_rows(release):
    load(release(RELEASE_1))
    Framework.objects.filter(slug="beta").delete()
    Framework.objects.filter(slug="alpha").update(summary="Edited")

    output = load(release(RELEASE_2))

    assert output.splitlines() == [
        "Added feature async.",
        "Added framework gamma.",
        "Added 1 advantage with them.",
        "Added 1 usage figure with them.",
        "Added 2 feature supports with them.",
        "Added 1 relation with them.",
    ]
    gamma = Framework.objects.get(slug="gamma")
    assert gamma.category.slug == "web"
    assert [use_case.slug for use_case in gamma.use_cases.all()] == ["apis"]
    assert Relation.objects.get(from_framework=gamma).to_framework.slug == "alpha"
    alpha = Framework.objects.get(slug="alpha")
    assert alpha.summary == "Edited"
    assert alpha.feature_supports.get(feature__slug="async").level == "package"
    assert not Framework.objects.filter(slug="beta").exists()
    assert Framework.history.get(slug="gamma").history_type == "+"


def test_a_database_loaded_before_entries_were_recorded_keeps_its_deletions(release):
    # Loaded the old way (loaddata) and edited; nothing is recorded yet.
    fixture = release(RELEASE_1)
    call_command("loaddata", str(fixture), verbosity=0)
    Framework.objects.get(slug="beta").delete()

    output = load(fixture)

    assert not Framework.objects.filter(slug="beta").exists()
    assert "none added" in output
    assert StartingEntry.objects.filter(model="catalog.framework").count() == 1


def test_an_entry_whose_category_is_gone_is_not_added_and_says_why(release):
    load(release(RELEASE_1))
    Framework.objects.all().delete()
    Category.objects.filter(slug="web").delete()

    output = load(release(RELEASE_2))

    assert not Framework.objects.filter(slug="gamma").exists()
    assert "Not added: framework gamma, as its category (id 1 in the fixture)" in output
    assert not Advantage.objects.exists()


def test_a_later_fixture_refers_to_objects_of_an_earlier_one_by_their_ids(release):
    # As package facts refer to their framework in fixtures/catalog.json.
    catalog = release(RELEASE_1)
    extra = release(
        [obj("advantage", 7, framework=2, title="Small", position=1)], "extra.json"
    )

    output = load(catalog, extra)

    assert Advantage.objects.get(title="Small").framework.slug == "beta"
    assert "Added 2 advantages with them." in output


# --- the release of issue 13: from ten entries to twenty-five -----------------

NEW_ENTRIES = {
    ("catalog.category", "server"),
    ("catalog.usecase", "ml-demos"),
    *(("catalog.framework", slug) for slug in ADDED_IN_ISSUE_13),
}


def previous_release(release):
    """The starting content as the release before issue 13 shipped it: the
    current fixtures without the entries it added, or any row naming them."""
    kept, dropped = [], set()
    for path in FIXTURES:
        with open(path, encoding="utf-8") as fixture:
            objects = json.load(fixture)
        for o in objects:
            if (o["model"], o["fields"].get("slug")) in NEW_ENTRIES:
                dropped.add((o["model"], o["pk"]))
                continue
            fields = o["fields"]
            refs = [
                ("catalog.framework", fields.get(name))
                for name in ("framework", "from_framework", "to_framework")
            ] + [("catalog.category", fields.get("category"))]
            if any(ref in dropped for ref in refs):
                continue
            kept.append(o)
    return release(kept, "previous.json")


def test_a_database_of_the_previous_release_gets_only_the_new_entries(release):
    load(previous_release(release))
    Framework.objects.filter(slug="fastapi").update(summary="Edited by an editor")
    Framework.objects.filter(slug="requests").delete()
    before = Framework.objects.count()

    output = load()

    added = {line for line in output.splitlines() if not line.endswith("them.")}
    assert added == {
        f"Added {apps.get_model(model)._meta.verbose_name} {slug}."
        for model, slug in NEW_ENTRIES
    }
    assert Framework.objects.count() == before + len(ADDED_IN_ISSUE_13)
    assert not Framework.objects.filter(slug="requests").exists()
    assert Framework.objects.get(slug="fastapi").summary == "Edited by an editor"
    # Rows between an entry that was there and a new one come with the new one.
    assert Relation.objects.filter(
        from_framework__slug="fastapi", to_framework__slug="uvicorn", kind="runs-on"
    ).exists()
    assert Relation.objects.filter(
        from_framework__slug="flask", to_framework__slug="quart", kind="alternative"
    ).exists()
    assert Framework.objects.get(slug="litestar").package_facts.project == "litestar"

    assert load() == "Every starting entry has been loaded before; none added.\n"
