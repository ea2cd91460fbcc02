from django import template

from catalog.charts import line_chart, yearly_stats

register = template.Library()


@register.inclusion_tag("includes/usage_chart.html")
def usage_chart(framework):
    """One framework's usage by year: a chart of its shares, then every figure
    with its source and how the source gives it (stated, derived, rank band).

    Reads ``framework.usage_stats.all`` with their sources: prefetch them (as
    ``FrameworkQuerySet.for_detail_page`` does) and this adds no query.
    """
    stats = list(framework.usage_stats.all())
    shares = yearly_stats(stats)
    chart = line_chart(
        [(framework.name, [(stat.year, stat.share) for stat in shares])],
        title=f"{framework.name}: usage share by year",
        description=f"Line chart of the percentage of surveyed Python developers "
        f"who use {framework.name}; a year without a figure is a gap.",
        id_prefix=f"usage-{framework.slug}",
    )
    sources = {stat.source_id: stat.source for stat in stats}
    return {
        "chart": chart,
        "framework": framework,
        "figures": stats,
        "sources": sorted(sources.values(), key=lambda s: (-s.year, s.title)),
    }
