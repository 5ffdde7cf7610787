"""Every block of a typed page, in every writer, shows hostile text as text.

The teachers' pages put scenario text and students' answers (strangers' words) into these
blocks; a block that let one of them through unescaped would let a scenario or a student
add markup, a script or a link to the page a teacher opens.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import get_args

import pytest
from markdown_it import MarkdownIt

from gulag_escape.pages.document import (
    Answer,
    Aside,
    Block,
    Cell,
    Code,
    Document,
    Excerpt,
    Facts,
    Form,
    Link,
    Note,
    Paragraph,
    Quiet,
    Section,
    Step,
    Steps,
    Strong,
    SubHeading,
    Table,
    plain,
)
from gulag_escape.pages.html_page import html_page
from gulag_escape.pages.markdown_page import markdown_page

HOSTILE = '<script>alert(1)</script> *em* [x](http://evil.example) & "q" | `c` # <img src=x>'
"""Markup in HTML and in Markdown: a script, emphasis, a link, a table cell, code, an image."""
HTML_SHOWN = ("&lt;script&gt;alert(1)&lt;/script&gt; *em* [x](http://evil.example) &amp; "
              "&quot;q&quot;")
MARKDOWN_SHOWN = r"\<script\>alert(1)\</script\> \*em\* \[x\](http://evil.example) \& "


def _blocks() -> dict[str, Block]:
    """One block of each kind, every one of its words hostile; keyed by what it is."""
    return {
        "paragraph": Paragraph((HOSTILE, Strong(HOSTILE), Code(HOSTILE), Quiet(HOSTILE),
                                Aside(HOSTILE), Link(HOSTILE, "/play/a?again=1")), "muted"),
        "table": Table((HOSTILE,), ((Cell(HOSTILE, number=True),), (Cell((Strong(HOSTILE),)),)),
                       HOSTILE),
        "compact table": Table((HOSTILE, HOSTILE),
                               ((Cell(HOSTILE), Cell(f"{HOSTILE}\n- {HOSTILE}")),), compact=True),
        "subheading": SubHeading(HOSTILE),
        "facts": Facts(((HOSTILE, HOSTILE),)),
        "excerpt": Excerpt(f"{HOSTILE}\n\n{HOSTILE}"),
        "answer": Answer(HOSTILE, HOSTILE, f"{HOSTILE}\n- {HOSTILE}"),
        "compact answer": Answer(HOSTILE, HOSTILE, f"{HOSTILE}\n\n- {HOSTILE}", compact=True),
        "note": Note(HOSTILE, HOSTILE, HOSTILE, (HOSTILE,)),
        "steps": Steps((Step(3, (Quiet(HOSTILE), Strong(HOSTILE)), (Excerpt(HOSTILE),)),)),
        "form": Form("/join", HOSTILE, "name", 40, HOSTILE),
    }


SHOWN = {"paragraph": (6, 6), "table": (4, 4), "compact table": (5, 5), "subheading": (1, 1),
         "facts": (2, 2), "excerpt": (2, 2), "answer": (4, 4), "compact answer": (4, 4),
         "note": (4, 4), "steps": (3, 3), "form": (2, 1)}
"""How often each block shows a word in HTML and in Markdown (a form's button has no
Markdown)."""
PAGE_SHOWN = {"html": 5, "md": 4}
"""The page's own: tab title, heading, section heading, its label, footer (one Markdown
line holds the section's heading and label)."""


def _page(block: Block) -> Document:
    return Document(HOSTILE, (Section(HOSTILE, (block,), label=HOSTILE),), (block,), HOSTILE,
                    tab=HOSTILE)


class _Elements(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update((name, value or "") for name, value in attrs)


def test_the_test_covers_every_kind_of_block() -> None:
    charts = {"StackedBars", "Histogram", "BandChart", "Grid"}  # tested with the reports
    kinds = {kind.__name__ for kind in get_args(Block)} - charts
    assert kinds == {type(block).__name__ for block in _blocks().values()}


@pytest.mark.parametrize("kind", sorted(_blocks()))
def test_html_shows_every_word_as_text(kind: str) -> None:
    page = html_page(_page(_blocks()[kind]))
    elements = _Elements()
    elements.feed(page)
    assert "script" not in elements.names and "img" not in elements.names
    links = {value for name, value in elements.attributes if name in {"href", "action", "src"}}
    assert links <= {"/play/a?again=1", "/join"}
    # Each word is shown, escaped, where the block puts it: in the intro and in the section.
    assert page.count(HTML_SHOWN) == PAGE_SHOWN["html"] + 2 * SHOWN[kind][0]


@pytest.mark.parametrize("kind", sorted(_blocks()))
def test_markdown_shows_every_word_as_text(kind: str) -> None:
    text = markdown_page(_page(_blocks()[kind]))
    assert not re.search(r"(?<!\\)<", text), "an HTML tag would be made"
    assert not re.search(r"(?<!\\)\]\(http", text), "a link would be made"
    assert text.count(MARKDOWN_SHOWN) == PAGE_SHOWN["md"] + 2 * SHOWN[kind][1]


def test_an_answer_cannot_end_its_quotation() -> None:
    text = markdown_page(_page(Answer("Q", "", "first\n\n# not a heading\n- not a list")))
    quoted = text[text.index("> first"):].split("\n\n")[0].splitlines()
    assert quoted == ["> first", ">", r"> \# not a heading", r"> \- not a list"]


def test_answers_keep_their_line_breaks_and_a_missing_one_says_so() -> None:
    page = html_page(_page(Answer("Q", "", "one\ntwo")))
    assert "<blockquote>one\ntwo</blockquote>" in page  # shown by white-space: pre-wrap
    assert '<span class="muted">(no answer)</span>' in html_page(_page(Answer("Q", "", "")))
    assert "> (no answer)" in markdown_page(_page(Answer("Q", "", "")))


def test_a_compact_table_is_a_list_under_its_columns() -> None:
    table = Table(("Decision", "Choices (students)", "ID"), (
        (Cell("The plan"), Cell(("Stay: ", Strong("3"), "\n", "Go: ", Strong("1"))), Cell("a")),
        (Cell((Code("b/run.json"),)), Cell("x", flagged=True), Cell("b"))), compact=True)
    assert ("*Decision (choices (students)): ID*\n\n"
            "- **The plan** (Stay: **3**; Go: **1**): a\n"
            "- `b/run.json` (**x**): b") in markdown_page(_page(table))
    assert "*Outcome: reports*\n\n*(none)*" in markdown_page(
        _page(Table(("Outcome", "Reports"), (), compact=True)))
    assert "<table><thead><tr><th>Decision</th>" in html_page(_page(table))


def test_compact_answers_in_a_row_are_one_list_and_no_line_leaves_its_item() -> None:
    answers = (Answer("Anna", "choice 1", "first\nsecond\n\n\n# not a heading\n- not a list\n",
                      compact=True),
               Answer("Boris", "", " ", compact=True), Paragraph("1 report(s) without an answer."))
    text = markdown_page(Document("T", (Section("Answers", answers),)))
    assert text.endswith("## Answers\n\n"
                         "- **Anna** (choice 1): first  \n  second\n\n"
                         "  \\# not a heading  \n  \\- not a list\n"
                         "- **Boris**: *(no answer)*\n\n"
                         "1 report(s) without an answer.\n")


def test_steps_keep_their_numbers() -> None:
    steps = Steps((Step(4, "four"), Step(9, "nine", (Paragraph("why"),)), Step(10, "ten")))
    page = html_page(_page(steps))
    assert '<li value="4">four</li>' in page and '<li value="9" class="opened">nine' in page
    assert "4. four\n9. nine\n\n   why\n\n10. ten" in markdown_page(_page(steps))


def test_a_step_numbered_ten_or_more_keeps_its_blocks_inside_it() -> None:
    """Most runs pass a tenth decision: its excerpt and answers must stay in its list item."""
    steps = Steps((Step(9, "nine", (Paragraph("why nine"),)),
                   Step(10, "ten", (Paragraph("why ten"), Excerpt("what ten said")))))
    html = MarkdownIt("commonmark").render(markdown_page(Document("T", (Section("S", (steps,)),))))
    listed, after = html.split("</ol>")
    items = listed.split("<li>")[1:]
    assert "why nine" in items[0] and "why ten" in items[1] and "what ten said" in items[1]
    assert "ten" not in after, after


def test_styled_words_keep_their_spaces() -> None:
    line = (Strong("Anna"), " · 9B · ", Quiet("day 3:"), " ", Strong("Go"), "\n", "60\u00a0%")
    assert plain(line) == "Anna · 9B · day 3: Go\n60\u00a0%"
    page = html_page(_page(Paragraph(line)))
    assert ('<p><strong>Anna</strong> · 9B · <span class="muted">day 3:</span> '
            "<strong>Go</strong><br>60\u00a0%</p>") in page
    assert "**Anna** · 9B · day 3: **Go** 60\u00a0%" in markdown_page(_page(Paragraph(line)))


@pytest.mark.parametrize("path", ["http://evil.example/", "//evil.example/x",
                                  "javascript:alert(1)", "play/a", "/\\evil.example",
                                  "/\t/evil.example", "/\n/evil.example", "/a b"])
def test_a_page_links_only_within_its_site(path: str) -> None:
    with pytest.raises(ValueError, match="only within its own site"):
        Link("x", path)
    with pytest.raises(ValueError, match="only within its own site"):
        Form(path, "Name", "name", 10, "Go")


def test_a_pipe_in_a_code_cell_stays_in_its_cell() -> None:
    table = Table(("File", "Why"), ((Cell((Code("a|b.json"),)), Cell("odd")),))
    html = MarkdownIt("commonmark").enable("table").render(
        markdown_page(Document("T", (Section("S", (table,)),))))
    assert "<td>a|b.json</td>" in html and "<td>odd</td>" in html
