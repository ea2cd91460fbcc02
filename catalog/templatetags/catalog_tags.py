from django import template

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
