"""Did you mean…? Published frameworks whose name is close to what was typed.

The names come from one query; the comparison is difflib's, on at most
MAX_WORDS words of at most MAX_WORD_LENGTH characters each, so the work stays
small whatever a reader types.
"""

from difflib import SequenceMatcher, get_close_matches

from .models import Framework

CUTOFF = 0.75  # "fastpi" is 0.92 of "fastapi", "djnago" 0.83 of "django"
MAX_SUGGESTIONS = 3
MAX_WORDS = 8
MAX_WORD_LENGTH = 40


def did_you_mean(query, frameworks=None):
    """Up to MAX_SUGGESTIONS published frameworks whose name or slug is close to
    the whole query or to one of its words, closest first; none for an exact name.
    """
    frameworks = frameworks if frameworks is not None else Framework.objects
    named = {}
    for name, slug in frameworks.published().values_list("name", "slug"):
        named.setdefault(name.lower(), (name, slug))
        named.setdefault(slug.lower(), (name, slug))
    typed = query.lower().strip()[: MAX_WORDS * MAX_WORD_LENGTH]
    words = [word[:MAX_WORD_LENGTH] for word in typed.split()[:MAX_WORDS]]
    scores = {}
    for attempt in dict.fromkeys([typed, *words]):
        if attempt in named:
            continue
        for key in get_close_matches(attempt, named, n=MAX_SUGGESTIONS, cutoff=CUTOFF):
            found = named[key]
            score = SequenceMatcher(None, attempt, key).ratio()
            scores[found] = max(score, scores.get(found, 0))
    ranked = sorted(scores, key=lambda found: (-scores[found], found[0].lower()))
    return [{"name": name, "slug": slug} for name, slug in ranked[:MAX_SUGGESTIONS]]
