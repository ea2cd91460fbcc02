from django import template

from catalog.compare import canonical_path_part
from catalog.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


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
