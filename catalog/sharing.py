"""What each reader page says about itself to browsers, crawlers and link previews.

``page_meta(context)`` gives the title, a description written for that page,
the canonical address, the Open Graph type and image, and structured data
(schema.org JSON-LD) where a type fits: SoftwareApplication for a framework,
ItemList for a ranking. ``templates/includes/page_meta.html`` writes it into
every page's head, through the ``{% page_meta %}`` tag in ``base.html``.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from .wording import join, lower_first

SITE_NAME = "PyFrameworks"
DEFAULT_TITLE = "Choose a Python web framework"
DEFAULT_DESCRIPTION = (
    "Compare Python web frameworks and libraries by usage share, strengths, "
    "weaknesses and features, with sources for every figure."
)
DESCRIPTION_LENGTH = 200
RANKING = "ranked by their latest share of surveyed Python developers"


@dataclass
class PageMeta:
    title: str = DEFAULT_TITLE
    description: str = DEFAULT_DESCRIPTION
    canonical: str | None = None  # absolute; None for error pages
    og_type: str = "website"
    image: str | None = None  # absolute address of a 1200 x 630 PNG
    structured_data: list = field(default_factory=list)
    robots: str = ""


def shortened(text, length=DESCRIPTION_LENGTH):
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    return text[: text.rfind(" ", 0, length - 1)].rstrip(",;:") + "…"


def absolute(request, path):
    return request.build_absolute_uri(path)


def page_address(request, keep=("page",)):
    """The address of this page without the query, but for ``keep`` parameters.

    Sorting and filtering give the same items in another order or a subset:
    the page they vary is the canonical one. Page 1 is the page without ?page.
    """
    kept = [
        (name, value)
        for name in keep
        for value in request.GET.getlist(name)[:1]
        if value and not (name == "page" and value == "1")
    ]
    query = "&".join(f"{name}={value}" for name, value in kept)
    url = absolute(request, request.path)
    return f"{url}?{query}" if query else url


def item_list(request, frameworks, start=1, name=None):
    """schema.org ItemList of frameworks in ranking order."""
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderDescending",
        "numberOfItems": len(frameworks),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": start + index,
                "name": framework.name,
                "url": absolute(request, framework.get_absolute_url()),
            }
            for index, framework in enumerate(frameworks)
        ],
    }
    if name:
        data["name"] = name
    return data


def software_application(request, framework):
    """schema.org SoftwareApplication, with what Google's guidance asks for."""
    data = {
        "@context": "https://schema.org",
        "@type": "SoftwareApplication",
        "name": framework.name,
        "description": framework.summary,
        "url": absolute(request, framework.get_absolute_url()),
        "applicationCategory": "DeveloperApplication",
        "applicationSubCategory": framework.category.name,
        "operatingSystem": "Cross-platform (Python)",
        "offers": {"@type": "Offer", "price": "0", "priceCurrency": "USD"},
    }
    if framework.homepage:
        data["sameAs"] = [framework.homepage]
    if framework.license:
        data["license"] = framework.license
    facts = getattr(framework, "package_facts", None)
    if facts is not None and facts.latest_version:
        data["softwareVersion"] = facts.latest_version
    return data


def ranked_page(request, context, title, description):
    page = context.get("page_obj")
    frameworks = list(context.get("framework_list") or [])
    start = page.start_index() if page else 1
    if page and page.number > 1:
        title = f"{title} (page {page.number})"
    return PageMeta(
        title=title,
        description=shortened(description),
        canonical=page_address(request),
        structured_data=[item_list(request, frameworks, start, title)]
        if frameworks
        else [],
    )


def order_heading(context):
    """How the list is ordered, in the words its heading uses."""
    order = context.get("order")
    return order.heading if order else "ranked by usage"


def count_of(context):
    paginator = context.get("paginator")
    return paginator.count if paginator else len(context.get("framework_list") or [])


def home(request, context):
    count = count_of(context)
    return ranked_page(
        request,
        context,
        f"Python frameworks {order_heading(context)}",
        f"{count} Python web frameworks and libraries {RANKING}, with the change "
        "since the survey before, their strengths, weaknesses and features.",
    )


def category(request, context):
    kind, count = context["narrowed_by"], count_of(context)
    return ranked_page(
        request,
        context,
        f"{kind.name}: Python tools {order_heading(context)}",
        f"{count} Python tools of the kind “{lower_first(kind.name)}” {RANKING}. "
        f"{kind.description}",
    )


def use_case(request, context):
    use, count = context["narrowed_by"], count_of(context)
    return ranked_page(
        request,
        context,
        f"Python frameworks for {lower_first(use.name)}, {order_heading(context)}",
        f"{count} Python frameworks and libraries for {lower_first(use.name)}, "
        f"{RANKING}. {use.description}",
    )


def framework_page(request, context):
    framework = context["framework"]
    meta = PageMeta(
        title=f"{framework.name}: usage, strengths and weaknesses",
        description=shortened(framework.summary),
        canonical=absolute(request, framework.get_absolute_url()),
        og_type="article",
    )
    if not framework.is_published:  # an editor's preview of a draft
        meta.robots = "noindex"
        return meta
    preview = reverse("catalog:framework-preview", args=[framework.slug])
    meta.image = absolute(request, preview)
    meta.structured_data = [software_application(request, framework)]
    return meta


def comparison_page(request, context):
    comparison = context.get("comparison")
    if comparison is None:  # a refused list: the picker with its error
        return picker(request, context)
    names = [framework.name for framework in comparison.frameworks]
    part = request.resolver_match.kwargs["spec"]
    return PageMeta(
        title=" vs ".join(names),
        description=f"Compare {join(names)}: usage share, advantages, "
        "disadvantages, use cases and features side by side.",
        canonical=absolute(request, reverse("catalog:compare", args=[part])),
        image=absolute(request, reverse("catalog:compare-preview", args=[part])),
    )


def picker(request, context):
    return PageMeta(
        title="Compare Python frameworks",
        description="Pick two to four Python frameworks or libraries to see their "
        "usage, strengths, weaknesses, use cases and features side by side.",
        canonical=absolute(request, reverse("catalog:compare-picker")),
    )


def search_page(request, context):
    form = context.get("form")
    canonical = page_address(request, keep=("q",))
    if form is None or not form.is_valid():
        return PageMeta(
            title="Search",
            description="Search the Python frameworks catalog: names, summaries, "
            "descriptions, advantages and disadvantages.",
            canonical=canonical,
        )
    query, found = form.cleaned_data["q"], context["found"]
    first = join(found.names[:3])
    return PageMeta(
        title=f"Search: {query}",
        description=shortened(
            f"{found.count} Python framework{'s' if found.count != 1 else ''} "
            f"and libraries matching “{query}”" + (f": {first}" if first else "") + "."
        ),
        canonical=canonical,
        robots="noindex",
    )


def guide(request, context):
    title = "Help me choose a Python framework"
    return PageMeta(
        title=f"Error: {title}"
        if context.get("form") and context["form"].errors
        else title,
        description="Tick what you are building, the features you need and your "
        "experience; get the Python tools that fit, by kind of tool and best "
        "first, with reasons and cautions.",
        canonical=absolute(request, reverse("catalog:choose")),
    )


def trends_page(request, context):
    page = context.get("page_obj")
    frameworks = list(page.object_list) if page else []
    title = "Usage trends of Python frameworks"
    return PageMeta(
        title=title,
        description="How the share of Python developers using each framework and "
        "library has changed from year to year, as a chart and a table, with "
        "every source.",
        canonical=absolute(request, reverse("catalog:trends")),
        structured_data=[item_list(request, frameworks, name=title)]
        if frameworks
        else [],
    )


def changes_page(request, context):
    return PageMeta(
        title="Changes to the catalog",
        description="What editors changed in the published catalog entries, and "
        "why, newest first.",
        canonical=page_address(request),
    )


PAGES = {
    "framework-list": home,
    "category-detail": category,
    "use-case-detail": use_case,
    "framework-detail": framework_page,
    "compare": comparison_page,
    "compare-picker": picker,
    "search": search_page,
    "choose": guide,
    "trends": trends_page,
    "changes": changes_page,
}


def page_meta(context):
    request = context.get("request")
    if "status" in context and "heading" in context:  # an error page
        return PageMeta(
            title=context["heading"],
            description=shortened(context.get("explanation") or DEFAULT_DESCRIPTION),
            robots="noindex",
        )
    if request is None:  # a page rendered without one (an outage's 503)
        return PageMeta()
    match = request.resolver_match
    describe = PAGES.get(match.url_name) if match else None
    if describe is None:
        return PageMeta(canonical=page_address(request, keep=()))
    return describe(request, context)
