"""Link-preview images (Open Graph, 1200 x 630 PNG) for framework and compare pages.

``preview_card`` works out what a card says, as data; ``render_png`` draws it
with Pillow, whose wheels bring FreeType and a font, so no system package is
needed (cairosvg would need the system's libcairo). The card's ETag is a hash
of what it says, so a cached image is valid until the text changes.
"""

import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
SITE_NAME = "PyFrameworks"
BACKGROUND = "#14213d"
ACCENT = "#fca311"
TEXT = "#ffffff"
MUTED = "#c9d3e6"
LAYOUT_VERSION = "1"  # change when the drawing changes, to change every ETag


@dataclass(frozen=True)
class Row:
    """One framework on a card: its name and a line of key facts."""

    name: str
    facts: str


@dataclass(frozen=True)
class Card:
    title: str
    rows: tuple

    @property
    def etag(self):
        text = "\n".join([LAYOUT_VERSION, self.title, *map(repr, self.rows)])
        return f'"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def key_facts(framework):
    """'Web framework · 38% of developers (2024), +9 pts · since 2018'."""
    facts = [framework.category.name]
    share = getattr(framework, "latest_share", None)
    if share is not None:
        share = Decimal(str(share)).normalize()
        text = f"{share:f}% of developers ({framework.latest_year})"
        change = getattr(framework, "share_change", None)
        if change:
            change = Decimal(str(change)).normalize()
            text += f", {change:+f} {'pt' if abs(change) == 1 else 'pts'}"
        facts.append(text)
    if framework.first_release:
        facts.append(f"since {framework.first_release}")
    return " · ".join(facts)


def preview_card(frameworks):
    """The card of one framework's page, or of a comparison of several."""
    frameworks = list(frameworks)
    if len(frameworks) == 1:
        framework = frameworks[0]
        return Card(
            title=framework.name,
            rows=(Row(framework.summary, key_facts(framework)),),
        )
    return Card(
        title=" vs ".join(f.name for f in frameworks),
        rows=tuple(Row(f.name, key_facts(f)) for f in frameworks),
    )


def font(size):
    return ImageFont.load_default(size=size)


def fitted(draw, text, size, width, smallest=28):
    """The largest font from ``size`` down at which ``text`` fits ``width``."""
    while size > smallest and draw.textlength(text, font=font(size)) > width:
        size -= 4
    return font(size)


def wrapped(draw, text, face, width, lines=2):
    """``text`` in at most ``lines`` lines of ``width``, the last cut with "…"."""
    out, words = [""], text.split()
    for word in words:
        candidate = f"{out[-1]} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not out[-1]:
            out[-1] = candidate
        elif len(out) < lines:
            out.append(word)
        else:
            out[-1] = out[-1].rstrip(".,;:") + "…"
            break
    return out


def render_png(card):
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    draw.text((MARGIN, 56), SITE_NAME, font=font(34), fill=ACCENT)
    y = 120
    title_font = fitted(draw, card.title, 76, width)
    for line in wrapped(draw, card.title, title_font, width):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += title_font.size + 14
    y += 24
    single = len(card.rows) == 1
    name_size = 34 if single else max(30, 44 - 4 * len(card.rows))
    for row in card.rows:
        for line in wrapped(draw, row.name, font(name_size), width, 3 if single else 1):
            draw.text((MARGIN, y), line, font=font(name_size), fill=TEXT)
            y += name_size + 8
        fact_font = font(28)
        draw.text(
            (MARGIN, y),
            wrapped(draw, row.facts, fact_font, width, 1)[0],
            font=fact_font,
            fill=MUTED,
        )
        y += 28 + 26
    if y <= HEIGHT - 64:  # the tagline, where four frameworks leave room
        draw.text(
            (MARGIN, HEIGHT - 64),
            "Usage shares, strengths, weaknesses and features, with sources",
            font=font(26),
            fill=MUTED,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
