"""Editor Markdown: safe HTML, the same from a reused converter as from a new one."""

from concurrent.futures import ThreadPoolExecutor

import markdown
import pytest

from catalog import markup

TEXTS = [
    "**Flask** is small.\n\n- one\n- two",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "```python\nprint('hi')\n```",
    "<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.com)",
    "See [the docs][docs].\n\n[docs]: https://example.com/docs",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_reused_converter_writes_what_a_new_one_writes(text):
    fresh = markdown.markdown(text, extensions=["tables", "fenced_code"])

    assert markup.render_markdown(text) == markup._clean(fresh)
    assert "<script>" not in markup.render_markdown(text)


def test_nothing_carries_over_from_one_text_to_the_next():
    markup.render_markdown("[docs]: https://example.com/docs\n\nDefined here.")

    assert "href" not in markup.render_markdown("Not defined here: [docs][docs].")


def test_a_text_seen_before_is_not_converted_again(monkeypatch):
    markup.render_markdown("Remembered *once*.")
    monkeypatch.setattr(markup, "_convert", lambda *args: pytest.fail("converted"))

    assert markup.render_markdown("Remembered *once*.") == (
        "<p>Remembered <em>once</em>.</p>"
    )


def test_threads_each_get_the_right_html():
    texts = [f"Text **{n}** of many." for n in range(200)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(markup.render_inline_markdown, texts))

    assert results == [f"Text <strong>{n}</strong> of many." for n in range(200)]
