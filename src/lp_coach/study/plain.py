"""The plain face of a session: prints each prompt and reads one line (pipes, scripts, tests).

It never waits on a clock. An empty line moves on; `/commands` do the rest; end of input
stops the session, which is saved and can be resumed.
"""

from __future__ import annotations

from typing import TextIO

from lp_coach.safetext import printable, repaired
from lp_coach.streams import is_terminal
from lp_coach.study.readout import readout
from lp_coach.study.speakers import SPOKEN, initials, not_a_name, pick
from lp_coach.study.steps import WARM_UP
from lp_coach.study.view import Reply, View, ends
from lp_coach.study.warm_up import parse_count

COMMANDS = {
    "/next": "next",
    "/back": "back",
    "/skip": "skip",
    "/more": "follow_up",
    "/extend": "extend",
    "/pass": "pass",
    "/reveal": "reveal",
    "/quit": "quit",
}
NOT_UTF8 = "(that line is not UTF-8 text: what could not be read is kept as \ufffd)"
HELP = (
    "Enter: next · type an answer (Ben: TEXT says who) · /who NAME or number · /pass · "
    "/note TEXT · /note! TEXT (private) · /more (follow-up) · /back · /skip · /quit"
)
SOLO_HELP = (
    "Enter: next · type an answer · /note TEXT · /note! TEXT (private) · /more (follow-up) · "
    "/back · /skip · /quit"
)
PRIVATE = "Private note kept for the leader's copy."
CONFIRM_FINISH = "Finish the session? (Enter: finish; anything typed stays on this step) > "


class PlainStudyFace:
    """Line-by-line prompts on any text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.shown: tuple[int, int] | None = None
        self.follow_ups_shown = 0
        self.speaker: str | None = None
        """Who says the next answer, when picked with /who."""
        self.ended = False
        """True once input ran out."""
        self.echoed = is_terminal(stdin)
        """A terminal echoes what is typed; a pipe does not, so we do."""
        self.kept = False
        """A private note was given: say it is kept once it is (at the next show)."""
        self.revealed: tuple[int, int] | None = None
        """The warm-up step whose answer was last revealed."""

    def show(self, view: View) -> Reply:
        if self.kept:  # the engine saved it before asking again
            self._say(PRIVATE)
            self.kept = False
        if self.shown != (view.session_id, view.index):
            self._step(view)
            self.shown = (view.session_id, view.index)
            self.follow_ups_shown = 0
            self.speaker = None
        card = view.warm_up
        if card is not None and card.tally is not None and self.revealed != self.shown:
            self._say(f"Answer: {card.right} · {card.tally}")
            if card.explanation:
                self._say(FORMATS["lesson"].format(card.explanation))
            self.revealed = self.shown
        for follow_up in view.follow_ups[self.follow_ups_shown :]:
            self._say(f"  Follow-up: {follow_up}")
        self.follow_ups_shown = len(view.follow_ups)
        confirming = False
        while True:
            self._say(CONFIRM_FINISH if confirming else _prompt(view, self.speaker), end="")
            line = self.stdin.readline()
            if not line:
                self.ended = True
                self._say("")
                return Reply("quit")
            asked, confirming = confirming, False  # a line other than Enter stays
            decoded = repaired(line)
            if not self.echoed:  # a transcript reads like the screen did
                self._say(printable(decoded.rstrip("\r\n")))
            if decoded != line:  # kept as it could be read, and said once, in one line
                self._say(NOT_UTF8)
                line = decoded
            word, _, who = line.strip().partition(" ")
            if word == "/who" and who.strip():
                self._pick(view, who.strip())  # the next answer is theirs
                continue
            if word == "/answered":
                count = len(view.previous_prayers)
                if who.strip().isdigit() and 1 <= int(who) <= count:
                    return Reply("answered", who.strip())
                self._say(f"/answered N marks last time's prayer request N (1 to {count}).")
                continue
            reply = _parse(line.rstrip("\r\n"))
            if reply is None:
                self._say(help_line(view))
            elif (
                view.step.collects == WARM_UP
                and reply.action == "answer"
                and not counts(view, reply)
            ):
                self._say(COUNT_HELP)
            elif (
                view.step.collects == "attendance"
                and reply.action == "answer"
                and (why := not_a_name(reply.text)) is not None
            ):
                self._say(why)
            elif reply.action != "quit" and ends(view, reply) and not asked:
                confirming = True  # finishing writes the notes and closes the room: ask once
            else:
                if reply.action == "answer":
                    reply = Reply("answer", reply.text, speaker=self.speaker)
                    self.speaker = None
                self.kept = reply.private
                return reply

    def _pick(self, view: View, key: str) -> None:
        person = pick(view.people, key) if view.step.collects in SPOKEN else None
        if person is not None:
            self.speaker = person
        elif view.people and view.step.collects in SPOKEN:
            self._say(f"Nobody called {key!r} is here: {initials(view.people)}")
        else:
            self._say("Nobody takes turns on this step.")

    def close(self) -> None:
        """Nothing to restore: plain mode never takes the terminal over."""

    def _step(self, view: View) -> None:
        step = view.step
        segment = step.segment
        timer = f" · {view.minutes} min"
        self._say("")
        self._say(f"== {segment.title}{timer} · step {view.index + 1} of {view.total} ==")
        for line in _content(view):
            self._say(line)
        if view.index == 0:
            self._say(f"({help_line(view)})")
        if view.previous_prayers:
            self._say("(/answered N marks last time's prayer request N answered)")

    def _say(self, text: str, end: str = "\n") -> None:
        self.stdout.write(text + end)
        self.stdout.flush()


COUNT_HELP = (
    "Type how many hands were up for the right answer: 3, or 3/5 (3 of the 5 who answered); "
    "Enter: skip."
)


def counts(view: View, reply: Reply) -> bool:
    """Whether `reply` is a count of hands the warm-up card in `view` can take."""
    if view.warm_up is None or view.warm_up.tally is not None:
        return False
    return parse_count(reply.text, len(view.people)) is not None


def help_line(view: View) -> str:
    """What can be typed: a solo session hears nothing of turns or of who says what."""
    return HELP if view.people else SOLO_HELP


def _parse(line: str) -> Reply | None:
    stripped = line.strip()
    if not stripped:
        return Reply("next")
    if stripped.startswith("//"):
        return Reply("answer", stripped[1:])
    if not stripped.startswith("/"):
        return Reply("answer", stripped)
    word, _, rest = stripped.partition(" ")
    if word in ("/note", "/note!"):
        return Reply("note", rest, private=word == "/note!") if rest.strip() else None
    action = COMMANDS.get(word)
    return Reply(action) if action else None  # type: ignore[arg-type]


def _prompt(view: View, speaker: str | None = None) -> str:
    step = view.step
    if speaker is not None:
        return f"{speaker} > "
    if step.collects == WARM_UP:
        if view.warm_up is None or view.warm_up.tally is not None:
            return "(Enter: next) > "
        phones = view.warm_up.answered
        if phones:
            return f"{phones} answered on phones: /reveal shows the answer (or type the hands) > "
        return "Hands up for the right answer: how many? (3, or 3/5; Enter: skip) > "
    if step.collects == "attendance":
        everyone = ", ".join(view.people)
        return f"Who is here? Names, separated by commas (Enter: {everyone}) > "
    last = view.index + 1 == view.total
    enter = "pass" if view.person else "finish" if last else "next"
    if step.collects == "action":
        who = f"{view.person}, what" if view.person else "What"
        return f"{who} will you do this week? (Enter: {enter}) > "
    if step.collects == "prayer":
        who = f"{view.person}, a prayer request?" if view.person else "A prayer request?"
        return f"{who} (Enter: {enter}) > "
    if step.collects == "answer" and view.person:
        return f"{view.person} > "
    if step.collects == "answer":
        return "Your answer (Enter: next) > "
    return "(Enter: next) > "


FORMATS = {
    "leader": "  Leader notes: {}",
    "lesson": "Lesson: {}",
    "bullet": "  - {}",
}


def _content(view: View) -> list[str]:
    """The text of a step, for reading aloud."""
    out = [FORMATS.get(line.role, "{}").format(line.text) for line in readout(view)]
    step = view.step
    if step.segment.question is not None and view.more_follow_ups:
        out.append("  (/more for a follow-up question)")
    if view.person and step.collects == "answer":
        out.append(f"{view.person} answers first.")
    return out
