"""What the API docs say beyond the code: sections, summaries and examples.

Sections (OpenAPI tags) come in a reader's order: frameworks, the comparison,
usage figures, then the rest. Every operation gets a summary made from its
action and its section's noun, and real examples: ``examples.json`` holds
answers of this API on the starting content (FastAPI and its rows), with lists
cut to two items; ``tests/test_api_schema.py`` checks each against its schema.
"""

import json
from functools import cache
from pathlib import Path

from ..wording import with_article

# (tag, noun, plural, description), in the order the docs list them.
SECTIONS = [
    (
        "frameworks",
        "framework",
        "frameworks",
        "The catalog: each framework or library with its latest usage share, "
        "package facts and, in its detail, advantages, disadvantages, usage by "
        "year, use cases, features and related frameworks. Add `?format=csv` to "
        "the list for a table.",
    ),
    (
        "compare",
        "comparison",
        "comparisons",
        "Two to four frameworks side by side with their feature matrix, as the "
        "compare page shows them. `?format=csv` gives one row per fact and feature.",
    ),
    (
        "usage",
        "usage figure",
        "usage figures",
        "Each framework's share of surveyed developers by source and year, with "
        "how the source gives it (stated, derived, or a rank band). "
        "`?format=csv` gives the whole table.",
    ),
    (
        "categories",
        "category",
        "categories",
        "Kinds of tool: web framework, "
        "API toolkit, HTTP client, async library, data app.",
    ),
    (
        "use-cases",
        "use case",
        "use cases",
        "What frameworks are built for, and which kinds of tool serve each.",
    ),
    (
        "features",
        "feature",
        "features",
        "The rows of the feature matrix and the "
        "kinds of tool each means something for.",
    ),
    (
        "sources",
        "source",
        "sources",
        "The surveys behind the usage figures: "
        "publisher, respondents, question and fieldwork dates.",
    ),
    (
        "advantages",
        "advantage",
        "advantages",
        "What each framework does well, in the order its page lists them.",
    ),
    (
        "disadvantages",
        "disadvantage",
        "disadvantages",
        "What each framework does less well, in the order its page lists them.",
    ),
    (
        "feature-supports",
        "feature support entry",
        "feature support entries",
        "The matrix's cells: how each framework provides each feature.",
    ),
    (
        "relations",
        "relation",
        "relations",
        "How frameworks relate: built on, extends, alternative to.",
    ),
]
NOUNS = {tag: (noun, plural) for tag, noun, plural, _text in SECTIONS}
TAGS = [{"name": tag, "description": text} for tag, _n, _p, text in SECTIONS]

SUMMARIES = {
    "list": "List {plural}",
    "retrieve": "Get one {noun}",
    "create": "Add {a_noun}",
    "update": "Replace {a_noun}",
    "partial_update": "Change some fields of {a_noun}",
    "destroy": "Delete {a_noun}",
}


def summary(tag, action):
    noun, plural = NOUNS.get(tag, (tag, tag))
    if tag == "compare":
        return "Compare 2 to 4 frameworks"
    text = SUMMARIES.get(action, "{noun}")
    a_noun = f"a {noun}" if noun.startswith("usage") else with_article(noun)
    return text.format(noun=noun, plural=plural, a_noun=a_noun)


@cache
def stored_examples():
    path = Path(__file__).with_name("examples.json")
    return json.loads(path.read_text(encoding="utf-8"))


def as_written(value):
    """A GET's nested object as a write takes it: by slug."""
    if isinstance(value, dict) and "slug" in value:
        return value["slug"]
    if isinstance(value, list):
        return [as_written(item) for item in value]
    return value


def tag_order(result, generator, request, public):
    """Postprocessing hook: the sections in a reader's order, each described."""
    result["tags"] = TAGS
    return result
