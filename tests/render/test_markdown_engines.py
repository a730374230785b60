"""The fast Markdown engine (markdown-it-pyrs) gives markdown-it-py's HTML, byte for byte.

markdown-it-py is the reference: raw HTML off, unsafe link schemes refused, headings demoted,
external links marked. The fast path must agree on the sample briefs and on generated Markdown
mixing every construct a brief may hold, including hostile ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.brief_file import read_brief
from generator.site import markdown

pytest.importorskip("markdown_it_pyrs")

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "tests" / "data" / "briefs").glob("*.md")) + sorted(
    (REPO / "content" / "briefs").glob("*.md")
)

WORDS = ["India", "navy", "drills", "Malabar", "co-production", "2+2", "Rs 100 crore", "A&B", "x<y", "é"]
INLINE = [
    "*emphasis*", "**strong**", "_under_", "`code <b>`", "~~gone~~", "\\*escaped\\*", "&amp;", "&copy;",
    "&#x27;", "[site](https://example.org/a?b=1&c=2)", "[rel](/briefs/x/)", '[t](http://e.org "Title")',
    "[js](javascript:alert(1))", "[JS](JAVASCRIPT:alert(1))", "[vb](vbscript:msgbox)", "[f](file:///etc/passwd)",
    "[d](data:text/html;base64,PHNjcmlwdD4=)", "![img](data:image/png;base64,iVBORw0KGgo=)",
    "![alt](https://example.org/i.png)", "<script>alert(1)</script>", "<b onmouseover=x>", "<!-- c -->",
    "<https://auto.example/link>", "<mailto:a@b.c>", "https://bare.example/url", "[ref]", "[ref][]",
    "trailing  ", "line\\", '"quotes"', "'single'", "--", "...", "(c)",
]  # fmt: skip
BLOCKS = [
    "# Heading", "## Background", "###### Six", "Setext\n======", "> quoted text", "> > nested",
    "- item one\n- item two", "1. first\n2. second", "* star\n  continued", "```\nfenced <code>\n```",
    "```python\nprint('x')\n```", "    indented code", "---", "| a | b |\n|---|---|\n| 1 | 2 |",
    "[ref]: https://ref.example/ \"Ref\"", "<div>raw block</div>", "<script>\nalert(1)\n</script>",
    "- [ ] task", "Term\n: definition",
]  # fmt: skip

inline = st.lists(st.sampled_from(WORDS + INLINE), min_size=1, max_size=12).map(" ".join)
block = st.one_of(st.sampled_from(BLOCKS), inline)
documents = st.lists(block, min_size=1, max_size=8).map("\n\n".join)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_briefs_render_alike(path: Path) -> None:
    from zoneinfo import ZoneInfo

    body = read_brief(path, ZoneInfo("UTC")).body
    assert markdown.render_markdown(body) == markdown.render_markdown_reference(body)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_generated_markdown_renders_alike(text: str) -> None:
    assert markdown.render_markdown(text) == markdown.render_markdown_reference(text)


@settings(max_examples=300, deadline=None)
@given(noise)
def test_arbitrary_text_renders_alike(text: str) -> None:
    assert markdown.render_markdown(text) == markdown.render_markdown_reference(text)


def test_a_panic_in_the_fast_engine_falls_back_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    # markdown-it-pyrs has panicked on rare inputs (a Rust panic reaches Python as a BaseException).
    class Panicking:
        def render(self, text: str, xhtml: bool = True) -> str:
            raise BaseException("panicked at code_pair.rs")

    monkeypatch.setattr(markdown, "_fast_parser", lambda: Panicking())
    text = "A `code` span and *emphasis*."
    assert markdown.render_markdown(text) == markdown.render_markdown_reference(text)
