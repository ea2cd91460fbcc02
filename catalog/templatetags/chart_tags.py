from django import template

from catalog.charts import line_chart, yearly_stats

register = template.Library()


@register.inclusion_tag("includes/usage_chart.html")
def usage_chart(framework):
    """One framework's usage share by year as a chart, with the source of each year.

    Reads ``framework.usage_stats.all`` with their sources: prefetch them (as
    ``FrameworkQuerySet.for_detail_page`` does) and this adds no query. Renders
    nothing when the framework has no figures.
    """
    stats = yearly_stats(framework.usage_stats.all())
    if not stats:
        return {"chart": ""}
    chart = line_chart(
        [(framework.name, [(stat.year, stat.share) for stat in stats])],
        title=f"{framework.name}: usage share by year",
        description=f"Line chart of the percentage of surveyed Python developers "
        f"who use {framework.name}.",
        id_prefix=f"usage-{framework.slug}",
    )
    # One line per source, with the years it gave figures for.
    by_source = {}
    for stat in stats:
        by_source.setdefault(stat.source_id, (stat.source, []))[1].append(stat.year)
    return {
        "chart": chart,
        "framework": framework,
        "sources": list(by_source.values()),
    }
