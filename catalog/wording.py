"""Small helpers that turn catalog names into plain English sentences."""


def lower_first(name):
    """Lower-case a leading capitalised word ('Admin panel'), not 'HTTP/2'."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:] == first[1:].lower():
        return name[0].lower() + name[1:]
    return name


def with_article(noun):
    """'an HTTP client', 'an async library', 'a web framework'."""
    first = noun.split(" ", 1)[0]
    spoken_vowel = "AEFHILMNORSX" if first.isupper() else "aeiouAEIOU"
    return f"{'an' if first[:1] in spoken_vowel else 'a'} {noun}"


def join(items, name=str, joiner="and"):
    """['a', 'b', 'c'] -> 'a, b and c'."""
    names = [name(item) for item in items]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {joiner} {names[-1]}"
