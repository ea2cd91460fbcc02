"""Site search over names, summaries, descriptions, advantages and disadvantages.

Candidates come from one database query; ranking and the shown matches are worked
out in Python on the prefetched rows, so the query count never depends on the
number of results.
"""

import html
import re
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .markup import render_markdown
from .models import Advantage, Disadvantage, Framework

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_RADIUS = 60

# How much a match in each place counts towards a result's rank.
WEIGHTS = {"name": 10, "summary": 4, "point": 3, "description": 1}


@dataclass
class Match:
    where: str
    snippet: str


@dataclass
class SearchResult:
    framework: Framework
    score: int = 0
    matches: list = field(default_factory=list)


def search_words(query):
    """The distinct words of a query, at most MAX_WORDS of them."""
    words = []
    for word in query.lower().split():
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search(queryset, query):
    """Rank the frameworks in ``queryset`` that contain every word of ``query``."""
    words = search_words(query)
    if not words:
        return []
    for word in words:
        queryset = queryset.filter(_mentions(word))
    candidates = queryset.prefetch_related("advantages", "disadvantages")
    results = [_score(framework, words) for framework in candidates]
    # A framework whose name is the query comes first, however often others
    # mention it ("django" finds Django before the toolkits that extend it).
    asked = " ".join(words)
    results.sort(
        key=lambda r: (
            r.framework.name.lower() != asked,
            -r.score,
            -(r.framework.latest_share or 0),
            r.framework.name,
        )
    )
    return results


def _mentions(word):
    in_point = {
        model: model.objects.filter(framework=OuterRef("pk")).filter(
            Q(title__icontains=word) | Q(detail__icontains=word)
        )
        for model in (Advantage, Disadvantage)
    }
    return (
        Q(name__icontains=word)
        | Q(summary__icontains=word)
        | Q(description__icontains=word)
        | Exists(in_point[Advantage])
        | Exists(in_point[Disadvantage])
    )


def _score(framework, words):
    result = SearchResult(framework)
    places = [
        ("name", "Name", framework.name),
        ("summary", "Summary", framework.summary),
        ("description", "Description", plain_text(framework.description)),
    ]
    places += [
        ("point", "Advantage", f"{point.title}. {point.detail}")
        for point in framework.advantages.all()
    ]
    places += [
        ("point", "Disadvantage", f"{point.title}. {point.detail}")
        for point in framework.disadvantages.all()
    ]
    for kind, where, text in places:
        hits = sum(word in text.lower() for word in words)
        if hits:
            result.score += WEIGHTS[kind] * hits
            if kind != "name":
                result.matches.append(Match(where, highlight(text, words)))
    return result


def plain_text(markdown_text):
    """What a reader sees of editor Markdown, without its markup."""
    return html.unescape(strip_tags(render_markdown(markdown_text))).strip()


def highlight(text, words):
    """An escaped snippet of ``text`` around the first match, matches in <mark>."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET_RADIUS) if first else 0
    end = min(len(text), (first.end() if first else 0) + SNIPPET_RADIUS * 2)
    snippet = text[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(snippet):
        pieces.append(escape(snippet[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(snippet[position:]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search frameworks",
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": "Keep the search under %(limit_value)d characters.",
            "required": "Type a word to search for.",
        },
    )
