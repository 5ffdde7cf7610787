"""The fugitive's state at a glance: when, body, supplies, company; with each turn's change.

The screen hands over the status before and after a turn; the panel draws both as one
picture, the change as ▲/▼ beside each number, red when it is for the worse.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from gulag_escape.engine.view import Gauge, MemberView, StatusView
from gulag_escape.textkit import short_date
from gulag_escape.tui.render import delta_mark, gauge
from gulag_escape.words import celsius, in_sentence

MUTED = "$foreground-muted"


class StatusPanel(Vertical):
    """Date and weather, body bars, food and papers, companions, where on the route."""

    when = getters.query_one("#status-when", Static)
    body = getters.query_one("#status-body", Static)
    supplies = getters.query_one("#status-supplies", Static)
    where = getters.query_one("#status-where", Static)

    def compose(self) -> ComposeResult:
        yield Static(id="status-when")
        yield Static(id="status-body")
        yield Static(id="status-supplies")
        yield Static(id="status-where")

    def show(self, status: StatusView, before: StatusView | None = None) -> None:
        self.when.update(_when(status, before))
        self.body.update(_body(status, before))
        self.supplies.update(_supplies(status, before))
        self.where.update(_where(status))


def _when(status: StatusView, before: StatusView | None) -> Content:
    passed = status.day - before.day if before else 0
    days = f"  +{passed} d" if passed > 0 else ""
    return Content.assemble(
        (short_date(status.date), "bold"), (days, MUTED), "\n",
        (f"{status.season} · {celsius(status.temp)} · {status.daylight:.0f} h light", MUTED),
    )


def _gauges(status: StatusView) -> list[Gauge]:
    return [*status.body, *status.stats]


def _body(status: StatusView, before: StatusView | None) -> Content:
    old = {g.id: g.value for g in _gauges(before)} if before else {}
    lines = [
        gauge(g.label, g.value, low=g.low, high=g.high, bad_when_high=g.bad_when_high,
              delta=g.value - old.get(g.id, g.value), label_width=10)
        for g in _gauges(status)
    ]
    lines.append(Content.styled(status.alert_words, "italic $foreground-muted"))
    lines += [_member(member) for member in status.party]
    return Content("\n").join(lines)


def _member(member: MemberView) -> Content:
    """A party member's body: health as a bar, the rest as numbers under it."""
    return Content.assemble(
        gauge(member.name, member.health, label_width=10), "\n",
        (f"  hunger {member.hunger:.0f} · warmth {member.warmth:.0f}\n"
         f"  fatigue {member.fatigue:.0f} · pace {member.pace * 100:.0f} %", MUTED),
    )


def _supplies(status: StatusView, before: StatusView | None) -> Content:
    food_change = status.food_days - before.food_days if before else 0.0
    papers = f"{status.papers:.0f}" if status.papers else "none"
    lines = [
        Content.assemble(("Food    ", MUTED), f"{status.food_days:.1f} days",
                         delta_mark(food_change, digits=1)),
        Content.assemble(("Ration  ", MUTED), status.ration),
        Content.assemble(("Papers  ", MUTED), papers),
    ]
    lines += [Content.assemble("  ", document.label, "\n    ",
                               (document.validity, MUTED if document.valid else "$warning"))
              for document in status.documents]
    if status.items:
        things = ", ".join(f"{label} ×{count}" if count > 1 else label
                           for label, count in status.items)
        lines.append(Content.assemble(("Carried ", MUTED), things))
    # Names read inside a sentence: "With the captain", "At the post at Yagodnoye".
    company = ", ".join(map(in_sentence, status.companions)) if status.companions else "alone"
    lines.append(Content.assemble(("With    ", MUTED), company))
    return Content("\n").join(lines)


def _where(status: StatusView) -> Content:
    if status.phase == "camp":
        stage = ("\n", status.stage) if status.stage else ()
        return Content.assemble(("In the camp", "bold"), *stage, "\n",
                                (f"day {status.day}", MUTED))
    if status.leg_name:
        line = Content.assemble(("On the way: ", MUTED), status.leg_name, "\n",
                                (f"{status.leg_km:.0f} of {status.leg_total:.0f} km", ""))
    else:
        line = Content.assemble(("At ", MUTED), in_sentence(status.place_name))
    return Content.assemble(
        line, "\n",
        (f"{status.km:.0f} km walked · {status.km_from_camp:.0f} km from camp", MUTED),
        "\n", (f"{status.days_free} day{'s' if status.days_free != 1 else ''} free",
               MUTED),
    )
