"""Search over the catalog in the database: ``FrameworkQuerySet.search``.

On PostgreSQL, full-text search: each word is matched as a prefix ("async"
finds "asyncio") against the framework's stored ``search_vector`` (its name,
summary and description, weighted; kept by the trigger below) and against the
advantages and disadvantages, each served by a GIN index (made by migration
0011). Elsewhere (SQLite), the same
rule with ``icontains``. Every word must appear somewhere; a word may also
appear inside a name. Results rank by whether the name is the query, then by
how many words the name holds, then by
relevance, then by use.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower

CONFIG = "english"
MAX_WORDS = 8

# The indexed expression of advantages and disadvantages; the migration builds
# their GIN indexes from it.
POINT_VECTOR = SearchVector("title", "detail", config=CONFIG)
FRAMEWORK_INDEX = "framework_search"
POINT_INDEX = "%s_search"  # per point model: advantage_search, disadvantage_search

# A framework's search vector is stored, so that neither matching nor ranking
# works it out again for every row; a trigger keeps it, whatever writes the row
# (save, update, bulk_create, loaddata).
FRAMEWORK_VECTOR_TRIGGER = f"""
CREATE FUNCTION catalog_framework_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('{CONFIG}', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('{CONFIG}', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('{CONFIG}', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_framework_search_vector
    BEFORE INSERT OR UPDATE OF name, summary, description, search_vector
    ON catalog_framework FOR EACH ROW
    EXECUTE FUNCTION catalog_framework_search_vector();
UPDATE catalog_framework SET search_vector = NULL;
"""
DROP_FRAMEWORK_VECTOR_TRIGGER = """
DROP TRIGGER IF EXISTS catalog_framework_search_vector ON catalog_framework;
DROP FUNCTION IF EXISTS catalog_framework_search_vector();
"""


def search_words(terms):
    """The distinct lower-cased words of ``terms``, at most MAX_WORDS."""
    words = []
    for word in terms.lower().split():
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def prefix_query(word):
    """A tsquery matching every piece of ``word`` as a prefix, or None.

    Only letters and digits reach the query, so no input can break its syntax.
    """
    pieces = re.findall(r"\w+", word)
    if not pieces:
        return None
    raw = " & ".join(f"{piece}:*" for piece in pieces)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def uses_full_text(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search(frameworks, terms, point_models):
    """``frameworks`` holding every word of ``terms``, best matches first."""
    words = search_words(terms)
    if not words:
        return frameworks.none()
    full_text = uses_full_text(frameworks)
    for word in words:
        frameworks = frameworks.filter(
            _mentions(frameworks.model, word, point_models, full_text)
        )
    name_hits = sum(
        (Case(When(name__icontains=word, then=1), default=0) for word in words),
        Value(0),
    )
    # A framework whose name is the query comes first, however often others
    # mention it ("django" finds Django before the toolkits that extend it).
    named = Case(When(name__iexact=" ".join(terms.split()), then=1), default=0)
    frameworks = frameworks.annotate(
        search_named=named,
        search_name_hits=name_hits,
        search_rank=_relevance(words, full_text),
    )
    return frameworks.order_by(
        F("search_named").desc(),
        F("search_name_hits").desc(),
        F("search_rank").desc(),
        F("latest_share").desc(nulls_last=True),
        Lower("name"),
    )


def _mentions(model, word, point_models, full_text):
    in_name = Q(name__icontains=word)
    query = prefix_query(word) if full_text else None
    if full_text and query is None:
        return in_name
    if full_text:
        own = model.objects.filter(search_vector=query)
        points = [
            point.objects.annotate(search_vector=POINT_VECTOR).filter(
                search_vector=query
            )
            for point in point_models
        ]
    else:
        own = model.objects.filter(
            Q(summary__icontains=word) | Q(description__icontains=word)
        )
        points = [
            point.objects.filter(Q(title__icontains=word) | Q(detail__icontains=word))
            for point in point_models
        ]
    condition = in_name | Q(pk__in=own.values("pk"))
    for points_of_a_kind in points:
        condition |= Q(pk__in=points_of_a_kind.values("framework_id"))
    return condition


def _relevance(words, full_text):
    if full_text:
        queries = [query for word in words if (query := prefix_query(word))]
        if not queries:
            return Value(0.0)
        either = queries[0]
        for query in queries[1:]:
            either |= query
        return SearchRank(F("search_vector"), either)
    # SQLite: a word in the summary counts more than one in the description.
    return sum(
        (
            Case(
                When(summary__icontains=word, then=4),
                When(description__icontains=word, then=1),
                default=0,
                output_field=IntegerField(),
            )
            for word in words
        ),
        Value(0),
    )
