from django import template

from catalog.packageindex.charts import release_chart
from catalog.packageindex.display import package_rows, python_versions_text
from catalog.packageindex.models import facts_of

register = template.Library()


@register.filter
def package_facts(framework):
    """The framework's package facts, or None (no package, or not fetched yet)."""
    return facts_of(framework)


@register.filter
def python_support(facts):
    """The Python versions the classifiers list, e.g. "3.10 to 3.14", or the
    requires_python specifier when they list none."""
    return python_versions_text(facts.python_versions) or facts.requires_python


@register.simple_tag
def package_facts_rows(frameworks):
    """Rows of package facts with one cell per framework, in the order given."""
    return package_rows(frameworks)


@register.simple_tag
def package_facts_list(framework):
    """``[(label, cell), ...]``: one framework's package facts."""
    return [(row.label, row.cells[0]) for row in package_rows([framework])]


@register.inclusion_tag("includes/release_chart.html")
def releases_chart(framework):
    """The framework's releases per year as a bar chart; nothing without facts."""
    facts = facts_of(framework)
    if facts is None:
        return {"chart": None}
    chart = release_chart(
        facts.releases_per_year,
        name=framework.name,
        id_prefix=f"releases-{framework.slug}",
    )
    return {"chart": chart, "facts": facts}
