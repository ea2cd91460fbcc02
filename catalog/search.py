"""Site search over names, summaries, descriptions, advantages and disadvantages.

The database finds and ranks the matches (``FrameworkQuerySet.search``); the
page shows them a page at a time, with each shown result's matching places
worked out here from its prefetched rows, so neither the query count nor the
page's size depends on how many frameworks match.

A page of results is kept per content version (``found_page``, ``fragments``):
its count, its names and its rendered list, so that asking again costs no query.
"""

import html
import re
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import fragments
from .listings import page_of
from .markup import render_markdown
from .models import Framework
from .text_search import search_words

MAX_QUERY_LENGTH = 200
SNIPPET_RADIUS = 60
PAGE_SIZE = 10
# Beyond this page number the count is read first (an offset that large
# would overflow the database's integers; no search has that many pages).
LAST_PAGE_READ = 100_000


@dataclass
class Match:
    where: str
    snippet: str


@dataclass
class SearchResult:
    framework: Framework
    matches: list = field(default_factory=list)


@dataclass(frozen=True)
class FoundPage:
    """A page of results as the search page shows it, in plain values."""

    count: int  # frameworks matching, on all pages
    number: int  # the page's number
    names: tuple  # the names of its results, best first
    html: str  # its results, rendered

    def page(self):
        """The page as Django's paginator would give it, for its links."""
        return page_of(self.count, self.number, PAGE_SIZE, self.names)


def found_page(request, query, page_number):
    """Page ``page_number`` of the published frameworks matching ``query``, kept
    per content version (``fragments.note_version`` first)."""

    def find():
        page, results = search_page(
            Framework.objects.published().select_related("category"),
            query,
            page_number,
        )
        html = render_to_string(
            "includes/search_results.html", {"results": results, "page_obj": page}
        )
        names = tuple(result.framework.name for result in results)
        return FoundPage(page.paginator.count, page.number, names, mark_safe(html))

    return fragments.kept(request, "search", find, [query, page_number])


def search_page(queryset, query, page_number):
    """(page, results): one page of the frameworks in ``queryset`` holding every
    word of ``query``, best first, each with where it matches."""
    words = search_words(query)
    found = queryset.search(query).prefetch_related("advantages", "disadvantages")
    page = counted_page(Paginator(found, PAGE_SIZE), page_number)
    return page, [_matches(framework, words) for framework in page.object_list]


def counted_page(paginator, number):
    """``paginator.get_page(number)``, in one read where the page holds rows.

    Ranking must find every match anyway, so each row of the page carries how
    many there are (``COUNT(*) OVER ()``) and no second query counts them again.
    A page past the end or an odd number takes Django's way.
    """
    try:
        number = int(number or 1)  # no page asked for: the first
    except (TypeError, ValueError):
        return paginator.get_page(number)
    if not 1 <= number <= LAST_PAGE_READ:  # Django checks it against the count
        return paginator.get_page(number)
    start = (number - 1) * paginator.per_page
    counted = paginator.object_list.annotate(found=Window(Count("*")))
    rows = list(counted[start : start + paginator.per_page])
    if not rows and number > 1:  # past the end: Django shows the last page
        return paginator.get_page(number)
    paginator.count = rows[0].found if rows else 0
    return Page(rows, number, paginator)


def _matches(framework, words):
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
        if kind != "name" and any(word in text.lower() for word in words):
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
