"""The plain, line-by-line front end: for screen readers, pipes and transcripts.

No alternate screen, no cursor movement, no colour unless a colour terminal asks for it.
Choices are numbered and read one line at a time from standard input, so
``printf '1\\n2\\n' | gulag-escape play kolyma --plain --seed 1`` plays a game; the same input
and seed print the same transcript, byte for byte. End of input saves and stops cleanly.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from gulag_escape.authoring.debugging import eligible_lines, trace_lines
from gulag_escape.engine.game import ChoiceUnavailable, Game
from gulag_escape.engine.view import (
    ChoiceView,
    NoteView,
    StatusView,
    View,
    note_view,
    run_summary,
)
from gulag_escape.errors import GulagEscapeError, UsageError
from gulag_escape.markup import to_plain
from gulag_escape.scenario.loader import LoadedScenario, shipped_scenarios
from gulag_escape.session import PlayOptions, begin_game, new_seed, open_scenario
from gulag_escape.textkit import long_date, reflowed, short_date
from gulag_escape.untrusted import clean
from gulag_escape.words import celsius

if TYPE_CHECKING:
    from gulag_escape.saves import SaveStore

WIDTH = 78
QUIT = {"quit", "exit", "q"}
HELP = """Type the number of a choice, or one of these commands:
  status      your body, supplies, the pursuit and where you are
  why         the rule and the numbers behind the last risky choice
  journal     the days so far
  notes       the historical notes you have unlocked
  save NAME   save the game in a slot        load NAME   load a slot
  help        this list                      quit        save and stop"""
AUTHOR_HELP = """For authors (help authors; a game changed with set is no longer saved):
  set NAME=VALUE,...  set stats, flags, items, skills, companions, day, place, leg
  eligible [NAME]     which storylets could fire now, and why each other cannot
  trace [NAME]        the values expressions read now, and the last check's"""


@dataclass
class Terminal:
    """Where the plain mode reads and writes; tests give it strings."""

    read: Callable[[], str | None]
    out: TextIO
    colour: bool = False
    echo: bool = True
    """Repeat each answer after the prompt: input from a pipe is not echoed by a terminal."""

    def ask(self) -> str | None:
        self.out.write("> ")
        line = self.read()
        if self.echo:
            self.out.write(clean(line or "") + "\n")
        return line

    def say(self, text: str = "") -> None:
        """One line; no escape from a file or a typed line reaches the terminal."""
        self.out.write(clean(text) + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for paragraph in reflowed(text).split("\n\n"):
            lines = textwrap.wrap(paragraph, WIDTH, initial_indent=indent,
                                  subsequent_indent=indent)
            self.say("\n".join(lines))
            self.say()

    def item(self, lead: str, text: str) -> None:
        """One entry of a list, wrapped under its own start: "1. Go on ..." or "- a note"."""
        lines = textwrap.wrap(text, WIDTH, initial_indent=lead,
                              subsequent_indent=" " * len(lead))
        self.say("\n".join(lines))

    def heading(self, text: str) -> None:
        if self.colour:
            self.out.write(f"\x1b[1m{clean(text)}\x1b[0m\n")
        else:
            self.say(text)


def stdin_reader(stream: TextIO) -> Callable[[], str | None]:
    def read() -> str | None:
        line = stream.readline()
        return None if line == "" else line.rstrip("\r\n")

    return read


def stdio_terminal(read: Callable[[], str | None]) -> Terminal:
    """Standard output: colour for a colour terminal only, answers echoed for a pipe only."""
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return Terminal(read, sys.stdout, colour, echo=not sys.stdin.isatty())


def run_plain(options: PlayOptions) -> int:
    """The ``play --plain`` command."""
    return PlainSession(stdio_terminal(stdin_reader(sys.stdin)), options).run()


class PlainSession:
    """One plain-mode game, from the choice of scenario to the last note."""

    def __init__(self, terminal: Terminal, options: PlayOptions) -> None:
        self.io = terminal
        self.options = options
        self.game: Game | None = None
        self.scenario: LoadedScenario | None = None
        self.terms: dict[str, str] = {}

    @property
    def store(self) -> SaveStore:
        # Imported here: a game that never saves should not pay for the save machinery.
        from gulag_escape.saves import SaveStore, default_saves_dir

        return SaveStore(self.options.saves_dir or default_saves_dir())

    def run(self) -> int:
        scenario_name = self.options.scenario or self._ask_scenario()
        if scenario_name is None:
            return 0
        self.scenario = open_scenario(scenario_name)
        self.terms = {t.id: t.term for t in self.scenario.model.glossary}
        if self.options.slot:
            self.game = self._load(self.options.slot)
        else:
            self.game = self._new_game()
        if self.game is None:
            return 0
        return self._loop()

    # --- before play --------------------------------------------------------------------

    def _ask_scenario(self) -> str | None:
        from gulag_escape.scenario.loader import load_scenario

        paths = shipped_scenarios()
        metas = [load_scenario(path).model.meta for path in paths]
        self.io.heading("Choose a scenario")
        for number, meta in enumerate(metas, 1):
            self.io.say(f"{number}. {meta.title} ({meta.years.start}; basis: "
                        f"{meta.basis.evidence})")
        picked = self._ask_number(len(metas))
        return metas[picked].id if isinstance(picked, int) else None

    def _ask_number(self, count: int, loading: bool = False) -> int | str | None:
        """A number from 1 to ``count`` (as an index), None to quit, or with ``loading`` the
        slot named by ``load NAME``: a saved game can be continued from the first question."""
        while True:
            line = self.io.ask()
            if line is None or line.strip().lower() in QUIT:
                return None
            if line.strip().isdigit() and 1 <= int(line) <= count:
                return int(line) - 1
            command, _, slot = line.strip().partition(" ")
            if loading and command.lower() == "load" and slot.strip():
                return slot.strip()
            also = " or load NAME" if loading else ""
            self.io.say(f"Type a number from 1 to {count}{also}.")

    def _new_game(self) -> Game | None:
        assert self.scenario is not None
        model = self.scenario.model
        meta = model.meta
        profile = self.options.profile
        if profile is None and len(model.profiles) > 1:
            self.io.heading("Who are you?")
            for number, p in enumerate(model.profiles, 1):
                self.io.item(f"{number}. ", f"{p.label}: {to_plain(p.description, self.terms)}")
            self.io.say("(Or type load NAME to continue a saved game.)")
            picked = self._ask_number(len(model.profiles), loading=True)
            while isinstance(picked, str):
                try:
                    game = self._load(picked)
                except GulagEscapeError as error:
                    self.io.say(f"{error.title}: {error.message}")
                    picked = self._ask_number(len(model.profiles), loading=True)
                    continue
                self.io.say(f"Loaded the slot '{picked}'.")
                return game
            if picked is None:
                return None
            profile = model.profiles[picked].id
        seed = self.options.seed if self.options.seed is not None else new_seed()
        game = begin_game(self.scenario, seed, profile, self.options.content, self.options)
        # Era and place are each a phrase of their own ("Early 1930s, the first Five-Year
        # Plan ...", "A camp fisheries point ..."): joined by a comma they ran on as one.
        self.io.heading(meta.title)
        self.io.item("", f"When: {meta.era}. Where: {meta.place}.")
        self.io.say(f"Seed {seed}, profile {game.state.profile}, content level "
                    f"{self.options.content}. Basis: {meta.basis.evidence}.")
        self.io.say()
        self.io.para(to_plain(meta.summary, self.terms))
        self.io.say("Content notes:")
        for note in meta.content_notes.values():
            self.io.item("- ", note)
        self.io.say("Type help for commands.")
        self.io.say()
        return game

    # --- play -----------------------------------------------------------------------------

    def _loop(self) -> int:
        assert self.game is not None
        self.show(self.game.view())
        while not self.game.ended:
            line = self.io.ask()
            if line is None:
                self._autosave("End of input.")
                return 0
            if not self._handle(line.strip()):
                return 0
        self._show_ending(self.game.view())
        return 0

    def _handle(self, line: str) -> bool:
        """Act on one line of input; False means stop."""
        game = self.game
        assert game is not None
        view = game.view()
        command, _, argument = line.partition(" ")
        if line.isdigit():
            self._take(view, int(line))
            return True
        handlers: dict[str, Callable[[], None]] = {
            "status": lambda: self._status(view.status),
            "why": lambda: self._why(view),
            "journal": lambda: self._journal(view),
            "notes": self._notes,
            "help": lambda: self.io.say(AUTHOR_HELP if argument.strip() == "authors" else HELP),
            "save": lambda: self._save(argument.strip()),
            "load": lambda: self._load_into(argument.strip()),
            "set": lambda: self._set(argument),
            "eligible": lambda: self._lines(eligible_lines(game, argument.strip())),
            "trace": lambda: self._lines(trace_lines(game, argument.strip())),
            "": lambda: self._show_choices(view.choices),
        }
        if command.lower() in QUIT:
            self._autosave("Stopping.")
            return False
        handler = handlers.get(command.lower())
        if handler is None:
            self.io.say(f"'{line}' is not a choice or a command. Type help.")
        else:
            try:
                handler()
            except GulagEscapeError as error:
                self.io.say(f"{error.title}: {error.message}")
        return True

    def _take(self, view: View, number: int) -> None:
        assert self.game is not None
        if not 1 <= number <= len(view.choices):
            self.io.say(f"There is no choice {number}; choose 1 to {len(view.choices)}.")
            return
        choice = view.choices[number - 1]
        try:
            turn = self.game.choose(choice.id)
        except ChoiceUnavailable:
            self.io.say(f"Not now: {to_plain(choice.reason or '', self.terms)}")
            return
        self.io.say()
        self.show(turn.view)

    def show(self, view: View) -> None:
        """A scene as the player reads it: title, text, status line and numbered choices."""
        self.io.heading(f"== {to_plain(view.title, self.terms)} ==")
        self.io.para(to_plain(view.text, self.terms))
        if view.ending is None:
            self.io.item("", _status_line(view.status))
            self._show_choices(view.choices)

    def _show_choices(self, choices: list[ChoiceView]) -> None:
        for number, choice in enumerate(choices, 1):
            label = to_plain(choice.label, self.terms)
            odds = choice.odds_text or choice.risk_text
            if odds:
                label += f" — {odds}"
            if not choice.enabled:
                label += f" [not possible: {to_plain(choice.reason or '', self.terms)}]"
            self.io.item(f"{number}. ", label)

    def _status(self, status: StatusView) -> None:
        self.io.say(f"{long_date(status.date)}, day {status.day}"
                    + (f", {status.days_free} days free" if status.phase == "run" else ""))
        where = status.place_name
        if status.leg_name:
            where = f"{status.leg_name}, {status.leg_km:.0f} of {status.leg_total:.0f} km"
        self.io.say(f"Where: {where}. Walked {status.km:.0f} km.")
        self.io.say(f"Weather: {status.season}, {celsius(status.temp)}, {status.daylight:.0f} h "
                    f"of daylight, snow {status.snow}, ice {status.ice}.")
        self.io.say("Body: " + ", ".join(f"{g.label} {g.value:.0f}" for g in status.body))
        self.io.say(f"Food: {status.food_days:.1f} days of full rations for "
                    f"{_group(len(status.companions))}. Papers: {status.papers:.0f}. Ration: "
                    f"{status.ration}. Pursuit: {status.alert_words}.")
        for gauge in status.stats:
            self.io.say(f"{gauge.label}: {gauge.value:.0f}")
        if status.companions:
            self.io.say("With you: " + ", ".join(status.companions) + ".")
        for m in status.party:
            self.io.say(f"{m.name}: health {m.health:.0f}, hunger {m.hunger:.0f}, warmth "
                        f"{m.warmth:.0f}, fatigue {m.fatigue:.0f}, pace {m.pace * 100:.0f} %.")
        for document in status.documents:
            self.io.say(f"{document.label} ({document.purpose}): {document.validity}.")
        if status.stage:
            self.io.say(f"Your plans: {status.stage}.")
        if status.items:
            self.io.say("Carrying: " + ", ".join(f"{label} ×{n}" for label, n in status.items))

    def _why(self, view: View) -> None:
        check = view.last_check
        if check is not None:
            outcome = "It went your way." if check.success else "It went against you."
            self.io.item("Last: ", f"{to_plain(check.label, self.terms)}: {check.rule} "
                         f"Odds: {check.odds_text}. {_values_text(check.values)} {outcome}")
        risky = [c for c in view.choices if c.rule and c.enabled]
        if check is None and not risky:
            self.io.say("Nothing has been left to chance yet.")
        by_rule: dict[str, list[ChoiceView]] = {}
        for choice in risky:
            by_rule.setdefault(choice.rule or "", []).append(choice)
        for rule, choices in by_rule.items():
            self.io.item("Rule: ", rule)
            for choice in choices:
                odds = choice.odds_text or choice.risk_text
                self.io.item("  - ", f"{to_plain(choice.label, self.terms)}: {odds}. "
                             f"{_values_text(choice.values)}")

    def _set(self, settings: str) -> None:
        assert self.game is not None
        from gulag_escape.engine.debug import with_settings

        self.game = with_settings(self.game, settings)
        self.io.say(f"Set {settings.strip()}. This game is no longer saved.")
        self._show_choices(self.game.view().choices)

    def _lines(self, lines: list[str]) -> None:
        for line in lines:
            self.io.say(line)

    def _journal(self, view: View) -> None:
        for date, entry in view.journal:
            self.io.say(f"{short_date(date, year=False)}: {to_plain(entry, self.terms)}")

    def _notes(self) -> None:
        assert self.game is not None and self.scenario is not None
        notes = {n.id: n for n in self.scenario.model.notes}
        unlocked = self.game.state.notes
        if not unlocked:
            self.io.say("No notes yet: every ending opens the history behind it.")
        for note_id in unlocked:
            self._note(note_view(notes[note_id]))

    def _note(self, note: NoteView) -> None:
        self.io.heading(f"* {note.title} [{note.evidence.upper()}]")
        self.io.para(to_plain(note.body, self.terms), "  ")
        for source in note.sources:
            self.io.item("  Source: ", to_plain(source))
        self.io.say()

    def _show_ending(self, view: View) -> None:
        self.show_ending(view)
        self._autosave("The game is over.")

    def show_ending(self, view: View) -> None:
        """The ending, the run's story and the historical notes it opens."""
        ending = view.ending
        assert ending is not None
        self.io.heading(f"THE END: {ending.title} ({ending.kind})")
        self.io.para(to_plain(ending.epilogue, self.terms))
        self.io.item("", f"{run_summary(ending)}: {' → '.join(ending.route)}.")
        if ending.harm:
            worst = sorted(ending.harm.items(), key=lambda item: -item[1])
            self.io.say("What wore you down: "
                        + ", ".join(f"{cause} ({amount:.0f})" for cause, amount in worst) + ".")
        for name, fate in ending.party:
            self.io.item(f"{name}: ", to_plain(fate, self.terms))
        self.io.say()
        self.io.heading("Historical notes")
        self.io.say()
        for note in ending.notes:
            self._note(note)

    # --- saves ----------------------------------------------------------------------------

    def _autosave(self, why: str) -> None:
        assert self.game is not None
        try:
            self.store.autosave(self.game)
        except GulagEscapeError as error:
            self.io.say(f"{why} The game could not be saved: {error.message}")
            return
        self.io.say(f"{why} Saved in the slot 'autosave'.")

    def _save(self, name: str) -> None:
        assert self.game is not None
        if not name:
            raise UsageError("name the slot: save NAME")
        self.store.save(name, self.game)
        self.io.say(f"Saved in the slot '{name}'.")

    def _load(self, name: str) -> Game:
        assert self.scenario is not None
        result = self.store.load(name, self.scenario)
        for warning in result.warnings:
            self.io.say(f"Note: {warning}")
        return result.game

    def _load_into(self, name: str) -> None:
        if not name:
            raise UsageError("name the slot: load NAME")
        self.game = self._load(name)
        self.io.say(f"Loaded the slot '{name}'.")
        self.show(self.game.view())


def _status_line(status: StatusView) -> str:
    body = " · ".join(f"{g.label} {g.value:.0f}" for g in status.body)
    return (f"[{short_date(status.date)} · {status.season}, "
            f"{celsius(status.temp)}, {status.daylight:.0f} h light · {body} · "
            f"Food {status.food_days:.1f} days]")


def _group(companions: int) -> str:
    return "you" if companions == 0 else f"the {companions + 1} of you"


def _values_text(values: dict[str, object]) -> str:
    if not values:
        return ""
    return "Values: " + ", ".join(f"{k} = {v}" for k, v in values.items()) + "."

