"""Editor Markdown to safe HTML.

Pages render the same few hundred texts again and again, and building a Markdown
converter cost more than converting: each thread keeps one converter per set of
extensions, and the last few thousand results are remembered by their text.
"""

import threading
from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import mark_safe

REMEMBERED = 4096  # texts; a catalog's descriptions and points, with room to spare
BLOCK_EXTENSIONS = ("tables", "fenced_code")
INLINE_EXTENSIONS = ("fenced_code",)
_converters = threading.local()  # a Markdown converter is not thread-safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def _convert(text, extensions):
    converters = _converters.__dict__
    if extensions not in converters:
        converters[extensions] = markdown.Markdown(extensions=list(extensions))
    return converters[extensions].reset().convert(text)


def render_markdown(text):
    """Render Markdown, then keep only harmless tags, attributes and URL schemes."""
    return _render_block(text or "")


@lru_cache(maxsize=REMEMBERED)
def _render_block(text):
    return mark_safe(_clean(_convert(text, BLOCK_EXTENSIONS)))


def render_inline_markdown(text):
    """Render a short Markdown text to sit inside a sentence, without a <p>.

    For advantage and disadvantage details: one paragraph loses its <p> so it
    can follow a bold title on the same line; longer text keeps its blocks.
    """
    return _render_inline(text or "")


@lru_cache(maxsize=REMEMBERED)
def _render_inline(text):
    html = _convert(text, INLINE_EXTENSIONS).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[len("<p>") : -len("</p>")]
    return mark_safe(_clean(html))


def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
