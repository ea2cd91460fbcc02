from django import template

from catalog.compare import canonical_path_part
from catalog.markup import render_inline_markdown, render_markdown
from catalog.models import SUPPORT_MARKS, FeatureSupport

register = template.Library()

POINT_UNITS = {"short": ("pt", "pts"), "long": ("point", "points")}


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def markdown_inline(text):
    return render_inline_markdown(text)


@register.filter
def signed_points(number, style="short"):
    """A change in percentage points: '+1 pt', '−12 pts'; 'long' spells 'points'.

    Blank when unknown.
    """
    if number is None:
        return ""
    singular, plural = POINT_UNITS[style]
    return f"{signed(number)} {singular if abs(float(number)) == 1 else plural}"


@register.filter
def signed(number):
    """Show a change with its sign: +9, -4, 0; blank when unknown."""
    if number is None:
        return ""
    text = f"{float(number):+g}" if number else "0"
    return text.replace("-", "\u2212")


@register.filter
def without(comparison, framework):
    """The canonical URL fragment of a comparison with one framework removed."""
    return canonical_path_part(
        [slug for slug in comparison.slugs if slug != framework.slug]
    )


@register.filter
def versus(framework, other):
    """The canonical URL fragment comparing two frameworks."""
    return canonical_path_part([framework.slug, other.slug])


@register.inclusion_tag("includes/support_legend.html")
def support_legend():
    """What each support level means, from the rule in the README."""
    return {
        "levels": FeatureSupport.legend(),
        "marks": SUPPORT_MARKS.values(),
        "partial": FeatureSupport.PARTIAL_MEANING,
    }


@register.filter
def page_numbers(page):
    """The page numbers to link around ``page``, with None for a gap: a fixed
    number of links however many pages there are."""
    ellipsis = page.paginator.ELLIPSIS
    return [
        None if number == ellipsis else number
        for number in page.paginator.get_elided_page_range(page.number)
    ]
