"""The text helpers every writer shares: links, Markdown escaping and tables, month names, and
the one rule for a name inside a sentence. Each once had several copies; these tests pin the
one that is left, so a fix lands everywhere it is used."""

from __future__ import annotations

import datetime as dt
import string
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from gulag_escape.textkit import (
    LINK,
    MONTHS,
    escape_markdown,
    long_date,
    markdown_cell,
    markdown_table,
    reflowed,
    short_date,
)
from gulag_escape.words import celsius, days, in_sentence, percent, plural

# --- month names and dates --------------------------------------------------------------------


def test_months_are_the_english_names_in_calendar_order() -> None:
    assert MONTHS == ("January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December")


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_a_long_date_is_day_month_year_without_a_leading_zero(date: dt.date) -> None:
    day, month, year = long_date(date).split(" ")
    assert (int(day), MONTHS.index(month) + 1, int(year)) == (date.day, date.month, date.year)
    assert not day.startswith("0")


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_dates_read_as_the_c_locale_strftime_wrote_them(date: dt.date) -> None:
    """The game's text did not change when strftime gave way (``%-d`` is glibc's alone)."""
    assert long_date(date) == date.strftime("%d %B %Y").lstrip("0")
    assert long_date(date, year=False) == date.strftime("%d %B").lstrip("0")
    assert short_date(date) == date.strftime("%d %b %Y").lstrip("0")
    assert short_date(date, year=False) == date.strftime("%d %b").lstrip("0")


def test_a_long_date_reads_as_the_reports_write_it() -> None:
    assert long_date(dt.date(1938, 6, 1)) == "1 June 1938"
    assert long_date(dt.date(1932, 12, 31)) == "31 December 1932"
    assert short_date(dt.date(1938, 9, 7)) == "7 Sep 1938"


# --- the [[link]] pattern ---------------------------------------------------------------------

_TARGET = st.text(alphabet=string.ascii_letters + string.digits + "-_: .", min_size=1)
_SHOWN = st.text(alphabet=string.ascii_letters + string.digits + " ,.'|-", min_size=1)
_PROSE = st.text(alphabet=string.ascii_letters + " ,.!?'\n")


@given(_TARGET, _SHOWN, _PROSE, _PROSE)
def test_a_link_is_found_in_prose_with_its_target_and_shown_words(
        target: str, shown: str, before: str, after: str) -> None:
    plain = LINK.findall(f"{before}[[{target}]]{after}")
    named = LINK.findall(f"{before}[[{target}|{shown}]]{after}")
    assert plain == [(target, "")]
    assert named == [(target, shown)]


def test_a_link_with_no_target_or_no_shown_words_or_stray_brackets_is_no_link() -> None:
    for text in ["[[]]", "[[|words]]", "[[term|]]", "[term]", "[[term]", "[[a[b]]", "[[a|b]c]]"]:
        assert LINK.search(text) is None, text


def test_links_side_by_side_are_found_each_and_a_note_keeps_its_prefix() -> None:
    text = "Ask [[zek]] about [[note:kolyma|the road]], then [[taiga]]."
    assert [(m.group(1), m.group(2)) for m in LINK.finditer(text)] == [
        ("zek", None), ("note:kolyma", "the road"), ("taiga", None)]


# --- Markdown ---------------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _shown(markdown: str) -> str:
    """What a reader sees of ``markdown``: the text of the HTML CommonMark makes of it."""
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").render(markdown))
    return "".join(parser.parts).strip()


_LINE = st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " ",
                min_size=1).map(lambda s: " ".join(s.split())).filter(bool)


@given(_LINE)
def test_escaped_text_is_shown_as_written(text: str) -> None:
    """Whatever a scenario or a student wrote (``*``, ``_``, ``<b>``, ``[x](y)``, ``# ``,
    ``1. ``, ``- ``, ``&amp;``) reads in the rendered page exactly as it was written."""
    assert _shown(escape_markdown(text)) == text


def test_escaping_covers_html_links_emphasis_and_list_starts() -> None:
    for text in ["<script>x</script>", "[a](javascript:x)", "**loud**", "- item", "1. item",
                 "2) item", "# heading", "a | b", "&amp;", "`code`", "~~gone~~", "![i](x)"]:
        assert _shown(escape_markdown(text)) == text, text


def test_a_table_has_its_header_alignment_and_rows() -> None:
    table = markdown_table(["Ending", "Games"], [["Freedom", "12"], ["Captured", "3"]],
                           [False, True])
    assert table.splitlines() == ["| Ending | Games |", "| --- | ---: |",
                                  "| Freedom | 12 |", "| Captured | 3 |"]
    html = MarkdownIt("commonmark").enable("table").render(table)
    assert '<th style="text-align:right">Games</th>' in html
    assert "<td>Captured</td>" in html


def test_a_table_cell_with_a_pipe_stays_in_its_column_once_escaped() -> None:
    table = markdown_table(["Choice", "Taken"], [[escape_markdown("left | right"), "2"]])
    html = MarkdownIt("commonmark").enable("table").render(table)
    assert "<td>left | right</td>" in html and "<td>2</td>" in html


def test_our_own_markdown_keeps_its_markup_in_a_cell_but_not_its_pipes() -> None:
    table = markdown_table(["Key", "Description"],
                           [[markdown_cell("`a|b`"), markdown_cell("*one* | two")]])
    html = MarkdownIt("commonmark").enable("table").render(table)
    assert "<td><code>a|b</code></td>" in html
    assert "<td><em>one</em> | two</td>" in html


# --- a name inside a sentence -----------------------------------------------------------------


def test_a_name_lowers_only_its_leading_article() -> None:
    assert in_sentence("The post at Yagodnoye") == "the post at Yagodnoye"
    assert in_sentence("A tributary in spate") == "a tributary in spate"
    assert in_sentence("An old camp") == "an old camp"
    assert in_sentence("Magadan") == "Magadan"
    assert in_sentence("Theodosia") == "Theodosia"
    assert in_sentence("The") == "The"
    assert in_sentence("You have papers") == "You have papers"
    assert in_sentence(None) is None


def test_a_quoted_phrase_also_lowers_its_subject() -> None:
    assert in_sentence("You have forged papers", subject=True) == "you have forged papers"
    assert in_sentence("Your papers are good", subject=True) == "your papers are good"
    assert in_sentence("Someone saw you", subject=True) == "someone saw you"
    assert in_sentence("The guard saw you", subject=True) == "the guard saw you"
    assert in_sentence("Youth is on your side", subject=True) == "Youth is on your side"


def test_a_vehicle_name_takes_the_regular_plural_of_its_last_word() -> None:
    assert plural("truck") == "trucks"
    assert plural("ore sledge") == "ore sledges"
    assert plural("lorry") == "lorries"
    assert plural("railway") == "railways"
    assert plural("horse bus") == "horse buses"
    assert plural("launch") == "launches"


def test_a_percentage_keeps_its_sign_on_the_line_and_a_decimal_only_below_one() -> None:
    assert percent(0.52) == "52\u00a0%"
    assert percent(0.004) == "0.4\u00a0%"
    assert percent(0.0) == "0\u00a0%"
    assert days(1) == "1 day" and days(4) == "4 days"


@given(st.floats(min_value=-60, max_value=45, allow_nan=False))
def test_a_temperature_is_whole_degrees_and_never_minus_zero(temp: float) -> None:
    text = celsius(temp)
    number = int(text.removesuffix(" °C"))
    assert abs(number - temp) <= 0.5
    assert not text.startswith("-0")


def test_a_cold_half_degree_reads_zero() -> None:
    assert celsius(-0.4) == "0 °C"
    assert celsius(-9.2) == "-9 °C"


def test_a_teachers_block_reflows_into_paragraphs() -> None:
    typed = ("Play once, to the end. Read\nthe notes.\n  \n"
             "Answer the\nquestions:\u00a060\u00a0% is fine.\n")
    assert reflowed(typed) == ("Play once, to the end. Read the notes.\n\n"
                               "Answer the questions:\u00a060\u00a0% is fine.")
    assert reflowed("One line.") == "One line."
