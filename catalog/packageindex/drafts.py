"""Create a draft framework from a project on the package index."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator, slugify

from ..models import Framework
from .parse import MalformedAnswer, parse_project, pick_links
from .sync import save_facts

MAX_SUMMARY = Framework._meta.get_field("summary").max_length
MAX_LICENSE = Framework._meta.get_field("license").max_length


class DraftError(Exception):
    """The draft could not be made; the message says why."""


def create_draft(index, project, category):
    """Fetch ``project`` and save a draft framework pre-filled from it, with its
    package facts. Raises FetchError, or DraftError with the reason."""
    fetched = index.fetch_one(project)
    try:
        facts = parse_project(fetched.data)
    except MalformedAnswer as error:
        raise DraftError(f"the index's answer cannot be read: {error}") from None
    links = pick_links(facts.project_urls)
    name = facts.project or project
    framework = Framework(
        name=name,
        slug=slugify(name)[:80],
        category=category,
        summary=Truncator(facts.summary).chars(MAX_SUMMARY),
        homepage=links.get("homepage", ""),
        documentation=links.get("documentation", ""),
        repository=links.get("repository", ""),
        pypi_name=name,
        # An expression too long for the field is left for the editor to write.
        license=facts.license if len(facts.license) <= MAX_LICENSE else "",
        first_release=facts.first_release.date.year,
        status=Framework.Status.DRAFT,
    )
    try:
        # A project without a summary gets one from the editor before publishing.
        framework.full_clean(exclude=[] if framework.summary else ["summary"])
    except ValidationError as error:
        problems = " ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise DraftError(problems) from None
    with transaction.atomic():
        framework.save()
        save_facts(framework, facts, fetched.etag)
    return framework
