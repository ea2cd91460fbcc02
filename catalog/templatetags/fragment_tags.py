from django import template

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
