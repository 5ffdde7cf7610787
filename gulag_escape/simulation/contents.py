"""What a written simulation report says, section by section, as a :class:`Document`.

Every table sets the policies side by side and, when two versions of a scenario are
compared, each policy's two versions next to each other with their difference (Δ, the
compared version minus the scenario). The terminal prints the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from gulag_escape.pages.document import (
    Band,
    BandChart,
    Block,
    Cell,
    Document,
    Grid,
    Histogram,
    Paragraph,
    Section,
    StackedBars,
    Table,
)
from gulag_escape.simulation.distributions import MIN_SHARE_ON_THE_RUN, TRACED, Distributions
from gulag_escape.simulation.report import NEVER_ESCAPED, UNFINISHED, SimulationReport
from gulag_escape.simulation.study import Series, Study, Version
from gulag_escape.spread import Spread
from gulag_escape.textkit import MONTHS

KIND_ORDER = ("freedom", "hiding", "surrendered", "captured", "killed", "died", UNFINISHED)
"""Ending kinds from best to worst, the order of every legend."""
TARGET_BINS = 20
"""About how many bars a histogram has."""
ABSENT = "—"
"""A cell for what one of two compared versions does not have."""

Value = Callable[[SimulationReport, Version], float | None]
"""A number read from one report of one version; None when that version lacks the thing."""


def build_document(study: Study) -> Document:
    """The whole report: parameters, bands, outcomes, lengths, body, places, months, coverage."""
    names = study.main.names
    title = f"Simulation report: {names.title}"
    if study.other:
        title += f" ({study.main.label} against {study.other.label})"
    return Document(title, (
        Section("Run", (run_table(study), *_attention(study))),
        *([Section("Balance bands", (bands_table(study), Paragraph(_bands_verdict(study))))]
          if study.band_checks() else []),
        Section("Outcomes", (_outcome_bars(study), kinds_table(study), endings_table(study),
                             causes_table(study))),
        Section("Days survived and distance", (per_game_table(study), *_histograms(study))),
        Section("Body on the run", _body(study)),
        Section("Where on the route games end", _breakdowns(
            study, "Games by where they ended", lambda r: r.ended_at,
            lambda key, s: place_label(key, s.version.names.places))),
        Section("Outcome by month of escape", _breakdowns(
            study, "Games by month of escape", lambda r: r.by_escape_month,
            lambda key, _s: month_label(key))),
        Section("Coverage", (*_coverage_summary(study), storylets_table(study),
                             choices_table(study))),
    ), contents=True)


# --- side by side -------------------------------------------------------------------------------


def series_columns(study: Study) -> tuple[str, ...]:
    """A column per policy and version; with a comparison, each policy's difference after."""
    columns: list[str] = []
    for policy in study.policies:
        columns += [s.column for s in study.series() if s.policy == policy]
        if study.other:
            columns.append(f"Δ {policy}")
    return tuple(columns)


def side_by_side(study: Study, value: Value, shown: Callable[[float], str],
                 difference: Callable[[float], str], flag_zero: bool = False) -> tuple[Cell, ...]:
    """One row of numbers in the order of :func:`series_columns`."""
    cells: list[Cell] = []
    for index in range(len(study.policies)):
        values = [value(version.reports[index], version) for version in study.versions]
        cells += [Cell(ABSENT if v is None else shown(v), number=True,
                       flagged=flag_zero and v == 0) for v in values]
        if study.other:
            cells.append(_delta(values, difference))
    return tuple(cells)


# Each Value below is built by a function so that it keeps its own key: a table's rows
# are made in a loop.
def _share(counts: Callable[[SimulationReport], dict[str, int]], key: str) -> Value:
    """The share of a report's games that ``counts`` counts under ``key``."""
    return lambda r, _v: counts(r).get(key, 0) / r.runs


def _ending_share(ending: str) -> Value:
    """The share of games that met ``ending``; none for a version without it."""
    return lambda r, v: r.endings.get(ending, 0) / r.runs if ending in v.names.endings else None


def _median(spread: Callable[[SimulationReport], Spread]) -> Value:
    return lambda r, _v: spread(r).median


def _times_taken(choice: str) -> Value:
    return lambda r, _v: r.storylet_choices.get(choice)


def _delta(values: Sequence[float | None], difference: Callable[[float], str]) -> Cell:
    """The compared version's value minus the scenario's."""
    first, second = values
    return Cell(ABSENT if first is None or second is None else difference(second - first),
                number=True)


def percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def points(change: float) -> str:
    """A change of share in percentage points; no sign when it rounds to none."""
    shown = f"{100 * change:+.1f}"
    return ("0.0" if float(shown) == 0 else shown) + " pp"


def number(value: float) -> str:
    return f"{value:g}"


def signed(change: float) -> str:
    return f"{change:+g}" if change else "0"


def _union(keys: Iterable[Iterable[str]]) -> list[str]:
    """Every key once, in the order first met."""
    return list(dict.fromkeys(key for group in keys for key in group))


def _reports(study: Study) -> list[SimulationReport]:
    return [report for version in study.versions for report in version.reports]


# --- the tables the terminal prints too ------------------------------------------------------


def run_table(study: Study) -> Table:
    first, names = study.first, study.main.names
    rows = [("Scenario", f"{names.title} ({study.main.label}, {names.file})")]
    if study.other:
        other = study.other.names
        rows = [(f"Scenario ({study.main.letter})", rows[0][1]),
                (f"Compared with ({study.other.letter})",
                 f"{other.title} ({study.other.label}, {other.file})"),
                ("Δ", f"{study.other.letter} minus {study.main.letter}")]
    played = " and version" if study.other else ""
    rows += [
        ("Policies", ", ".join(study.policies)),
        ("Games", f"{first.runs} per policy{played}"),
        ("Seeds", f"{first.seed}–{first.seed + first.runs - 1} (game i is played with seed + i)"),
        ("Profile", study.profiles),
        ("Content", first.content),
        ("Turn cap", f"{first.turn_cap} choices"),
    ]
    return Table(("Setting", "Value"), tuple((Cell(k), Cell(v)) for k, v in rows),
                 "What was played")


def bands_table(study: Study) -> Table:
    """Each balance band with the share simulated: the ``--calibrate`` table."""
    compared = study.other is not None
    rows = []
    for version, check in study.band_checks():
        rows.append((
            *((Cell(version.letter),) if compared else ()),
            Cell(check.policy), Cell(check.profile), Cell(check.kind),
            Cell(percent(check.share), number=True),
            Cell(f"{percent(check.min)} – {percent(check.max)}", number=True),
            Cell("OK" if check.ok else "FAIL", flagged=not check.ok),
        ))
    columns = ("Policy", "Profile", "Kind", "Share", "Band", "Verdict")
    return Table((*(("Version",) if compared else ()), *columns), tuple(rows),
                 "Each balance band against the share of games simulated")


def kinds_table(study: Study) -> Table:
    kinds = _ordered_kinds(_union(r.kinds for r in _reports(study)))
    rows = tuple(
        (Cell(kind), *side_by_side(study, _share(lambda r: r.kinds, kind), percent, points))
        for kind in kinds
    )
    return Table(("Ending kind", *series_columns(study)), rows, "Share of games by ending kind")


def endings_table(study: Study) -> Table:
    endings = _union(r.endings for r in _reports(study))
    titles = {**study.main.names.endings, **(study.other.names.endings if study.other else {})}
    rows = tuple(
        (Cell(f"{titles.get(ending, ending)} ({ending})"),
         *side_by_side(study, _ending_share(ending), percent, points))
        for ending in endings
    )
    return Table(("Ending", *series_columns(study)), rows, "Share of games by ending")


def causes_table(study: Study) -> Table:
    causes = _union(r.causes for r in _reports(study))
    rows = tuple(
        (Cell(cause), *side_by_side(study, _share(lambda r: r.causes, cause), percent, points))
        for cause in causes
    )
    return Table(("Cause", *series_columns(study)), rows, "What ended the games")


SPREADS: tuple[tuple[str, Callable[[SimulationReport], Spread]], ...] = (
    ("Days", lambda r: r.days),
    ("Days on the run", lambda r: r.days_free),
    ("Kilometres", lambda r: r.km),
)


def per_game_table(study: Study) -> Table:
    """Medians with their differences, then the p10–p90 spread of each number."""
    rows: list[tuple[Cell, ...]] = [
        (Cell("Escaped"), *side_by_side(study, lambda r, _v: r.escaped / r.runs, percent, points)),
    ]
    for label, spread in SPREADS:
        rows.append((Cell(f"{label}, median"), *side_by_side(
            study, _median(spread), number, signed)))
    for label, spread in SPREADS:
        rows.append((Cell(f"{label}, p10–p90"), *_ranges(study, spread)))
    return Table(("", *series_columns(study)), tuple(rows),
                 "Per game: medians, then the spread from p10 to p90")


def _ranges(study: Study, spread: Callable[[SimulationReport], Spread]) -> list[Cell]:
    cells = []
    for index in range(len(study.policies)):
        for version in study.versions:
            values = spread(version.reports[index])
            cells.append(Cell(f"{values.p10:g}–{values.p90:g}", number=True))
        if study.other:
            cells.append(Cell(""))
    return cells


def storylets_table(study: Study, changed_only: bool = False) -> Table:
    """Times each storylet fired and its share of games, never reached flagged; with
    ``changed_only``, only the storylets whose games differ between the versions."""
    storylets = _union(v.names.storylets for v in study.versions)
    titles = {**(study.other.names.storylets if study.other else {}),
              **study.main.names.storylets}
    rows = []
    for storylet in storylets:
        cells: list[Cell] = []
        changed = False
        for index in range(len(study.policies)):
            shares = []
            for version in study.versions:
                report = version.reports[index]
                games = report.storylets.get(storylet)
                share = None if games is None else games / report.runs
                shares.append(share)
                cells.append(Cell(ABSENT if share is None else
                                  f"{report.storylet_times[storylet]} ({percent(share)})",
                                  number=True, flagged=games == 0))
            if study.other:
                cells.append(_delta(shares, points))
                changed = changed or shares[0] != shares[1]
        if changed_only and not changed:
            continue
        rows.append((Cell(storylet), Cell(titles[storylet]), *cells))
    return Table(("Storylet", "Title", *series_columns(study)), tuple(rows),
                 "Times each storylet fired (share of games); never reached highlighted")


def choices_table(study: Study) -> Table:
    """Times each storylet choice was taken; never taken flagged."""
    choices = _union(v.names.choices for v in study.versions)
    labels = {**(study.other.names.choices if study.other else {}), **study.main.names.choices}
    rows = tuple(
        (Cell(choice), Cell(labels[choice]),
         *side_by_side(study, _times_taken(choice), number, signed, flag_zero=True))
        for choice in choices
    )
    return Table(("Choice", "Label", *series_columns(study)), rows,
                 "Times each storylet choice was taken; never taken highlighted")


# --- the rest of the report -------------------------------------------------------------------


def _attention(study: Study) -> list[Paragraph]:
    notes = []
    for series in study.series():
        report = series.report
        if report.turn_capped:
            seeds = ", ".join(str(seed) for seed in report.turn_capped[:10])
            more = ", …" if len(report.turn_capped) > 10 else ""
            notes.append(Paragraph(
                f"{series.label}: {len(report.turn_capped)} games were still running after "
                f"{report.turn_cap} choices (seeds {seeds}{more})."))
        for scene, games in report.dead_ends.items():
            notes.append(Paragraph(f"{series.label}: every choice was refused at {scene} in "
                                   f"{games} games."))
    return notes


def _bands_verdict(study: Study) -> str:
    checks = study.band_checks()
    failed = sum(1 for _, check in checks if not check.ok)
    if not failed:
        return f"All {len(checks)} bands hold."
    return f"{failed} of {len(checks)} bands fail."


def _ordered_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))


def _outcome_bars(study: Study) -> StackedBars:
    legend = tuple(_ordered_kinds(
        [*_union(r.kinds for r in _reports(study)),
         *([UNFINISHED] if any(r.turn_capped for r in _reports(study)) else [])]))
    rows = []
    for series in study.series():
        report = series.report
        counts = {**report.kinds, UNFINISHED: len(report.turn_capped)}
        rows.append((series.label, tuple(100 * counts.get(kind, 0) / report.runs
                                         for kind in legend)))
    return StackedBars("Outcome shares by policy", legend, tuple(rows), "%")


def _breakdowns(study: Study, title: str,
                breakdown: Callable[[SimulationReport], dict[str, dict[str, int]]],
                label: Callable[[str, Series], str]) -> tuple[StackedBars, ...]:
    """A chart per series of games by something and ending kind, under one legend."""
    legend = tuple(_ordered_kinds(kind for report in _reports(study)
                                  for counts in breakdown(report).values() for kind in counts))
    return tuple(
        StackedBars(f"{title}: {s.label}", legend, tuple(
            (label(key, s), tuple(float(counts.get(kind, 0)) for kind in legend))
            for key, counts in breakdown(s.report).items()), "games")
        for s in study.series()
    )


def place_label(key: str, names: dict[str, str]) -> str:
    """A place by its name; a leg by its name, marked as the way on from the place above."""
    name = names.get(key, key.partition(":")[2])
    return f"↳ {name}" if key.startswith("leg:") else name


def month_label(month: str) -> str:
    """``1938-06`` as "June 1938"; games that never escaped as such."""
    if month == NEVER_ESCAPED:
        return "never escaped"
    year, _, number_ = month.partition("-")
    return f"{MONTHS[int(number_) - 1]} {year}"


def _histograms(study: Study) -> list[Block]:
    series = study.series()
    distributions = [s.report.distributions for s in series]
    if any(d is None for d in distributions):
        return [Paragraph("Distributions were not recorded for this report.")]
    blocks: list[Block] = []
    charts: tuple[tuple[str, str, Callable[[Distributions], dict[int, int]]], ...] = (
        ("Days survived", "days from the first day in camp", lambda d: d.days),
        ("Distance", "kilometres walked", lambda d: d.km),
    )
    for title, x_label, pick in charts:
        counted = [pick(d) for d in distributions if d is not None]
        edges = bin_edges([value for counts in counted for value in counts])
        binned = [_binned(counts, edges) for counts in counted]
        top = max((max(counts) for counts in binned if counts), default=1)
        blocks.append(Grid(tuple(
            Histogram(f"{title}: {s.label}", x_label, edges, counts, top)
            for s, counts in zip(series, binned, strict=True)
        )))
    return blocks


def bin_edges(values: Sequence[int]) -> tuple[int, ...]:
    """Edges of bins of a round width (1, 2, 5, 10, 20...) covering ``values``, about
    :data:`TARGET_BINS` of them."""
    low, high = (min(values), max(values)) if values else (0, 0)
    width = 1
    while (high - low + 1) / width > TARGET_BINS:
        width = next(w * 10 ** e for e in range(9) for w in (1, 2, 5) if w * 10 ** e > width)
    start = low // width * width
    return tuple(range(start, high // width * width + 2 * width, width))


def _binned(counts: dict[int, int], edges: tuple[int, ...]) -> tuple[int, ...]:
    width = edges[1] - edges[0]
    bins = [0] * (len(edges) - 1)
    for value, games in counts.items():
        bins[(value - edges[0]) // width] += games
    return tuple(bins)


def _body(study: Study) -> tuple[Block, ...]:
    series = study.series()
    if any(s.report.distributions is None for s in series):
        return (Paragraph("The body was not recorded for this report."),)
    intro = Paragraph(
        f"Median (line) and p10–p90 band of {', '.join(TRACED)} by day since the escape "
        "(day 0), over the games still on the run; a day is drawn while at least "
        f"{MIN_SHARE_ON_THE_RUN:.0%} of the games that escaped are still running. Hunger "
        "grows worse upward; warmth and health better.")
    charts = []
    x_max = 1
    for s in series:
        body = s.report.distributions.body if s.report.distributions else {}
        bands = tuple(
            Band(name, tuple(b.day for b in days), tuple(b.median for b in days),
                 tuple(b.p10 for b in days), tuple(b.p90 for b in days),
                 tuple(b.games for b in days))
            for name, days in body.items()
        )
        x_max = max([x_max, *(band.days[-1] for band in bands if band.days)])
        charts.append((s.label, bands))
    if not any(band.days for _, bands in charts for band in bands):
        return (intro, Paragraph("No game escaped, so there is no run to follow."))
    return (intro, Grid(tuple(BandChart(f"Body on the run: {label}", bands, x_max)
                              for label, bands in charts)))


def _coverage_summary(study: Study) -> list[Paragraph]:
    lines = []
    for s in study.series():
        report = s.report
        reached = sum(1 for games in report.storylets.values() if games)
        taken = sum(1 for times in report.storylet_choices.values() if times)
        lines.append(Paragraph(
            f"{s.label}: {reached} of {len(report.storylets)} storylets reached, {taken} of "
            f"{len(report.storylet_choices)} storylet choices taken."))
    return lines
