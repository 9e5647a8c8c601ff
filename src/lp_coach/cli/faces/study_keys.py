"""Keys of the study screen: what the terminal sends, what each key does, a line editor."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lp_coach.study.speakers import SPOKEN, initials, not_a_name, pick
from lp_coach.study.view import Action, Reply, View, ends

ESCAPES = {
    "[A": "up", "[B": "down", "[C": "right", "[D": "left",
    "OA": "up", "OB": "down", "OC": "right", "OD": "left",
    "[5~": "pageup", "[6~": "pagedown",
}  # fmt: skip
CONTROLS = {"\r": "enter", "\n": "enter", "\x7f": "backspace", "\x08": "backspace"}
CONTROLS |= {"\x15": "ctrl-u", "\x17": "ctrl-w"}
COMMANDS: dict[str, Action] = {
    "enter": "next", "n": "next", "right": "next",
    "b": "back", "left": "back", "s": "skip", "+": "extend", "=": "extend", "q": "quit",
}  # fmt: skip
PAGE = 8
CONFIRM_FINISH = "Finish the session? Enter again to finish, Esc to stay."


def decode(text: str) -> list[str]:
    """Split what a terminal sent into keys: 'enter', 'esc', 'left', ... or one character."""
    keys: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b" and text[i + 1 : i + 2] in ("[", "O"):
            end = i + 2
            while end < len(text) and not "@" <= text[end] <= "~":
                end += 1
            keys.append(ESCAPES.get(text[i + 1 : end + 1], "unknown"))
            i = end + 1
            continue
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        keys.append("esc" if ch == "\x1b" else CONTROLS.get(ch, ch))
        i += 1
    return keys


def typeable(key: str) -> bool:
    """A character that goes into typed text (any Unicode, not a control character)."""
    return len(key) == 1 and unicodedata.category(key) != "Cc"


@dataclass
class LineInput:
    """The one-line editor at the bottom of the screen."""

    action: Action
    label: str
    text: str = ""
    speaker: str | None = None
    private: bool = False

    def reply(self) -> Reply:
        return Reply(self.action, self.text.strip(), speaker=self.speaker, private=self.private)

    def press(self, key: str) -> str | None:
        """Edit with `key`; 'submit' or 'cancel' when the line is done with."""
        if key == "enter":
            return "submit" if self.text.strip() else "cancel"
        if key == "esc":
            return "cancel"
        if key == "backspace":
            while self.text and unicodedata.combining(self.text[-1]):
                self.text = self.text[:-1]
            self.text = self.text[:-1]
        elif key == "ctrl-u":
            self.text = ""
        elif key == "ctrl-w":
            self.text = self.text.rstrip()
            self.text = self.text[: self.text.rfind(" ") + 1]
        elif typeable(key):
            self.text += key
        return None


class Keys:
    """What the facilitator's keys mean on one view: no terminal, no clock."""

    def __init__(self, view: View, scroll: int = 0) -> None:
        self.view = view
        self.input: LineInput | None = None
        self.message = ""
        self.scroll = scroll
        self.picking = False
        """After `w`: the next key names who speaks."""
        self.marking = False
        """After `m`: the next key names which of last time's prayer requests was answered."""
        self.finishing = False
        """Asked whether to finish: Enter again finishes, anything else stays."""

    def press(self, key: str) -> Reply | None:
        """Carry out one key; a reply when the engine has something to do."""
        if key == "eof":
            return Reply("quit")
        if self.input is not None:
            self.message = ""
            done = self.input.press(key)
            if done == "submit" and self.view.step.collects == "attendance":
                why = not_a_name(self.input.text)
                if why is not None:  # the line stays open, to be put right
                    self.message = why
                    return None
            line, self.input = self.input, (None if done else self.input)
            return line.reply() if done == "submit" else None
        self.message = ""
        if self.finishing:
            self.finishing = False
            if key == "enter":
                return Reply("next")
            if key == "esc":
                return None
        if key == "esc" and (self.picking or self.marking):
            self.picking = self.marking = False  # one Esc leaves the question, as an input
            return None
        if self.marking:
            self.marking = False
            count = len(self.view.previous_prayers)
            if key.isdigit() and 1 <= int(key) <= count:
                return Reply("answered", key)
            self.message = f"No prayer request {key}: 1 to {count}."
            return None
        if self.picking or (key.isdigit() and key != "0"):
            self.picking = False
            self.pick(key)
        elif key in COMMANDS:
            reply = Reply(COMMANDS[key])
            if reply.action in ("next", "skip") and ends(self.view, reply):
                self.finishing = True  # finishing closes the room: ask once
                self.message = CONFIRM_FINISH
                return None
            return reply
        elif key == "H" and self.view.warm_up is not None:  # as a silent round is revealed
            if self.view.warm_up.tally is None:
                return Reply("reveal")
            self.message = "Already revealed: Enter for the next card."
        elif key == "f":
            if self.view.more_follow_ups:
                return Reply("follow_up")
            self.message = "No more follow-up questions here."
        elif key in ("a", "o"):
            self.input = open_input(self.view, note=key == "o")
        elif key == "O":
            self.input = LineInput("note", "Private note (leader's copy only): ", private=True)
        elif key == "H" and self.view.step.collects == "answer" and not self.view.revealed:
            return Reply("reveal" if self.view.silent else "silent")
        elif key == "w" and self.speakers():
            self.picking = True
            self.message = (
                f"Who speaks? {initials(self.view.people)} (number or initial; Esc cancel)"
            )
        elif key == "m" and self.view.previous_prayers:
            self.marking = True
            count = len(self.view.previous_prayers)
            which = "1" if count == 1 else f"1-{count}"
            self.message = f"Which prayer request was answered? {which} (Esc cancel)"
        elif key == "p" and self.speakers() and not self.view.step.per_person:
            return Reply("pass")
        elif key in ("up", "down", "pageup", "pagedown"):
            step = {"up": -1, "down": 1, "pageup": -PAGE, "pagedown": PAGE}[key]
            self.scroll = max(0, self.scroll + step)
        elif typeable(key):
            self.message = hint(self.view)
        return None

    def speakers(self) -> bool:
        """Whether someone in particular speaks on this step."""
        return bool(self.view.people) and self.view.step.collects in SPOKEN

    def pick(self, key: str) -> None:
        """Open the answer line for the person `key` names (a number or an initial)."""
        person = pick(self.view.people, key) if self.speakers() else None
        if person is None:
            if self.speakers():
                self.message = f"Pick who speaks: {initials(self.view.people)}"
            else:
                self.message = "Nobody takes turns on this step."
            return
        self.input = LineInput("answer", answer_label(self.view, person), speaker=person)


def open_input(view: View, note: bool) -> LineInput:
    if note or view.step.collects is None:
        return LineInput("note", "Note: ")
    return LineInput("answer", answer_label(view))


def answer_label(view: View, speaker: str | None = None) -> str:
    """The prompt of the answer input: whose turn it is, and what is asked of them."""
    person, collects = speaker or view.person, view.step.collects
    if collects == "attendance":
        return "Who is here? "
    if collects == "action":
        return f"{person}, your action step: " if person else "Your action step: "
    if collects == "prayer":
        return f"{person}'s prayer request: " if person else "Prayer request: "
    if collects == "answer":
        return f"{person} says: " if person else "Your answer: "
    if collects == "warm_up":
        return "Hands up for the right answer, how many? (3, or 3/5): "
    return "Note: "


def hint(view: View) -> str:
    """What to press to start typing (shown when a key that does nothing is pressed)."""
    person, collects = view.person, view.step.collects
    what = {
        "attendance": "who is here (Enter if everyone is)",
        "action": f"{person}'s action step" if person else "your action step",
        "prayer": f"{person}'s prayer request" if person else "a prayer request",
        "answer": f"what {person} says" if person else "your answer",
        "warm_up": "how many hands were up for the right answer (H: reveal the phones')",
    }
    if collects in what:
        return f"Press a to type {what[collects]}, o for a note."
    return "Press o to type a note, Enter for the next step."


def replies(view: View, keys: Iterable[str]) -> Reply | None:
    """The reply that a sequence of keys makes on `view` (None if they make none)."""
    state = Keys(view)
    for key in keys:
        reply = state.press(key)
        if reply is not None:
            return reply
    return None
