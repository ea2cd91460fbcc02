"""Editor Markdown to safe HTML."""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def render_markdown(text):
    """Render Markdown, then keep only harmless tags, attributes and URL schemes."""
    html = markdown.markdown(text or "", extensions=["tables", "fenced_code"])
    return mark_safe(_clean(html))


def render_inline_markdown(text):
    """Render a short Markdown text to sit inside a sentence, without a <p>.

    For advantage and disadvantage details: one paragraph loses its <p> so it
    can follow a bold title on the same line; longer text keeps its blocks.
    """
    html = markdown.markdown(text or "", extensions=["fenced_code"]).strip()
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
