import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from catalog.sharing import SITE_NAME, page_meta

register = template.Library()

# As django.utils.html.json_script escapes: nothing in the data can end the
# script element or start markup.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta_tags(context):
    """The page's description, canonical address, link-preview tags and JSON-LD."""
    return {"meta": meta_of(context), "site_name": SITE_NAME}


@register.simple_tag(takes_context=True)
def page_title(context):
    return meta_of(context).title


def meta_of(context):
    """The page's ``PageMeta``, worked out once per render: the title and the
    tags both read it, and a list page's JSON-LD names every framework on it."""
    rendering = context.render_context
    if "page_meta" not in rendering:
        rendering["page_meta"] = page_meta(context)
    return rendering["page_meta"]


@register.filter
def json_ld(data):
    """``data`` as a JSON-LD script element (data for crawlers, never run)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )
