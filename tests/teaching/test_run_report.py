"""The run report tells the run (decisions in their scenes, odds in words, answers beside
their decisions, route, ending, notes) and never lets scenario text or answers become markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA as SCENARIO_DATA
from teaching_helpers import CLASS, Tags, hand_in, load_class, prefer

from gulag_escape.teaching.assignment_file import load_assignment
from gulag_escape.teaching.handin import HTML_FILE, MARKDOWN_FILE
from gulag_escape.textkit import escape_markdown as md

HOSTILE = '<script>alert(1)</script> The *plan* [x](http://evil.example) & "co" # <img src=x>'
ANSWER = "<b>bold</b> ![img](http://evil.example/x.png)\n= 1+1\n- not a list"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of a scenario whose text, and a student whose name and answers, hold markup."""
    folder = tmp_path_factory.mktemp("hostile")
    scenario = (SCENARIO_DATA / "engine.yaml").read_text(encoding="utf-8")
    scenario = scenario.replace("title: The plan", f"title: {HOSTILE!r}")
    # Braces in story text are written doubled ({{ }}): single ones are substitutions.
    scenario = scenario.replace("The old hand says", "<style>body{{display:none}}</style> He says")
    (folder / "engine.yaml").write_text(scenario, encoding="utf-8")
    assignment = CLASS.read_text(encoding="utf-8").replace("../../data/engine.yaml",
                                                           "engine.yaml")
    (folder / "class.yaml").write_text(assignment, encoding="utf-8")
    loaded = load_assignment(folder / "class.yaml")
    hand_in(folder / "report", loaded, "<i>Anna</i> & Co", prefer("trust", "surrender"),
            answer=lambda question: ANSWER)
    return folder / "report"


def test_html_shows_hostile_text_as_text(hostile_report: Path) -> None:
    page = (hostile_report / HTML_FILE).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; The *plan* [x](http://evil.example) " \
           "&amp; &quot;co&quot;" in page
    assert "&lt;i&gt;Anna&lt;/i&gt; &amp; Co" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;style&gt;body{display:none}&lt;/style&gt;" in page
    tags = Tags()
    tags.feed(page)
    # Only the page's own elements, and no attribute that could fetch or run anything.
    assert tags.names <= {"html", "head", "meta", "title", "style", "body", "main", "header",
                          "h1", "h2", "h3", "p", "strong", "span", "dl", "dt", "dd", "section",
                          "div", "ol", "li", "blockquote", "article", "ul", "footer", "code",
                          "br"}
    assert tags.attributes <= {"lang", "charset", "name", "content", "http-equiv", "class",
                               "value"}
    assert tags.count["style"] == 1
    assert "default-src 'none'" in page and "@media print" in page


def test_markdown_shows_hostile_text_as_text(hostile_report: Path) -> None:
    text = (hostile_report / MARKDOWN_FILE).read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert not re.search(r"(?<!\\)\]\(http", text), "a link would be made"
    assert r"\<script\>alert(1)\</script\> The \*plan\* \[x\](http://evil.example)" in text
    assert r"\!\[img\](http://evil.example/x.png)" in text
    assert r"> \= 1+1" in text and r"> \- not a list" in text


def test_markdown_escape_round_trip() -> None:
    assert md("*a* _b_ `c` <d> & [e](f) # g | h ~ i") == (
        r"\*a\* \_b\_ \`c\` \<d\> \& \[e\](f) \# g \| h \~ i")
    assert md("1. one\n- two\n+ three") == "1\\. one\n\\- two\n\\+ three"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("reports") / "anna"
    record = hand_in(folder, load_class(), "Student 7")
    assert record.outcome.finished
    return ((folder / MARKDOWN_FILE).read_text(encoding="utf-8"),
            (folder / HTML_FILE).read_text(encoding="utf-8"))


def test_the_report_tells_the_run(report: tuple[str, str]) -> None:
    text, page = report
    assert text.startswith("# The fence: a test assignment\n\n**Student 7** · Test class 9B · "
                           "Engine fixture")
    for line in ("- Seed: 7, shared by the class", "- Profile: A political prisoner",
                 "- Content level: mild", "- Saves loaded: loading was not allowed",
                 "- Route: the camp"):
        assert line in text
    assert "## Starved — died" in text
    # The first decision, in its storylet, with the questions answered beside it.
    first = text.index("1. Day 0, 1 June 1938 · The plan: **Tell him your plan**")
    assert "   > The old hand says the forest can be walked in summer." in text[first:]
    assert "**Question 1: The old hand asks about your plan." in text[first:]
    assert "*At that moment: 1 June 1938 (day 0), the camp; Health " in text[first:]
    assert "## Questions at the end" in text and "What did this run teach you" in text
    assert "*Not reached in this run: Why did you give yourself up?*" in text
    assert "### Few escapes succeeded" in text
    assert "*Evidence: documented — archives and scholarship*" in text
    assert "- Source: Applebaum, Anne. Gulag: A History." in text
    assert "Seal: `" in text
    assert '<section class="boxed"><div class="label">died</div><h2>Starved</h2>' in page
    assert '<ol class="steps"><li value="1" class="opened">' in page


def test_odds_are_given_in_words_with_how_the_check_fell(tmp_path: Path) -> None:
    from gulag_escape.teaching.record import read_record

    hand_in(tmp_path / "r", load_class(), "Climber", prefer("alone", "climb", "wait", "keep"))
    text = (tmp_path / "r" / MARKDOWN_FILE).read_text(encoding="utf-8")
    record = read_record(tmp_path / "r" / "run.json")
    climb = next(c for c in record.choices if c.id == "climb")
    line = next(line for line in text.splitlines() if line.startswith(f"{climb.n}. "))
    assert "The fence: **Climb it tonight** — " in line
    assert re.search(r"— ((fair|good|uneven|poor|very good) chance|even odds|almost hopeless)"
                     r" \(\d+\s%\): it went (your way|against you)$", line), line


def test_an_unfinished_run_says_so(tmp_path: Path) -> None:
    hand_in(tmp_path / "r", load_class(), "Student 7", stop_after=2)
    text = (tmp_path / "r" / MARKDOWN_FILE).read_text(encoding="utf-8")
    assert "## Unfinished — still on the way (unfinished run)" in text
    assert "playing the assignment again" in text
