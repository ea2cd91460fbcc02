from django import template
from django.template.loader import get_template

from catalog import fragments

register = template.Library()


@register.tag
def fragment(parser, token):
    """``{% fragment "name" part ... %}...{% endfragment %}``: the enclosed
    template kept rendered per content version, told apart by the parts
    (``catalog/fragments.py``). Whatever the enclosed template shows must be
    decided by the parts and the catalog alone."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, expressions):
        self.nodelist = nodelist
        self.name, *self.parts = expressions

    def render(self, context):
        return fragments.cached(
            context.get("request"),
            self.name.resolve(context),
            [part.resolve(context) for part in self.parts],
            lambda: self.nodelist.render(context),
        )


@register.simple_tag(takes_context=True)
def rendered_each(context, objects, template_name, name, prepare=None):
    """``template_name`` rendered for each object (as ``name``), kept per
    content version and object (``catalog/fragments.py``); the template must
    show only what the object and the catalog decide. ``prepare`` (from the
    view, ``fragments.preparer``) reads what the objects rendered show."""
    row = get_template(template_name)
    return fragments.cached_each(
        context.get("request"),
        template_name,
        objects,
        lambda item: row.render({name: item}),
        prepare,
    )
