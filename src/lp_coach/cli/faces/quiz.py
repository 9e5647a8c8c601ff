"""The Rich face of a quiz: a panel per question and a prompt line (no full-screen takeover)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from lp_coach.quiz.answers import back_line, read_grade, read_response, similarity_note
from lp_coach.quiz.engine import Response, Result
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion

GRADE_PROMPT = (
    "How well did you know it? [red]1[/] Again · [yellow]2[/] Hard · "
    "[green]3[/] Good · [cyan]4[/] Easy › "
)


class RichFace:
    """Questions in panels on a terminal; Ctrl-D or /quit stops, Ctrl-C too."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def ask(self, question: QuizQuestion) -> Response | None:
        self._question(question)
        return read_response(question, _prompt(question), self._read, self._complain)

    def grade(self, question: QuizQuestion, typed: str, matched: bool) -> Grade | None:
        note = similarity_note(typed, question.card.back, matched)
        self.console.print(Text(note, style="green" if matched else "dim"))
        self.console.print(
            Panel(Text(question.card.back), title="Official", border_style="green", expand=False)
        )
        return read_grade(self._read, GRADE_PROMPT, self._complain, typed, question.card.back)

    def _complain(self, message: str) -> None:
        self.console.print(Text(message, style="dim"))

    def reveal(self, result: Result) -> None:
        question = result.question
        right = question.right_option
        if right is not None and question.answer is not None:
            if result.right:
                self.console.print(Text.assemble(("✓ Right: ", "bold green"), right.title))
            else:
                answer = f"{question.answer + 1}. {right.title}"
                self.console.print(Text.assemble(("✗ It is ", "bold red"), answer))
            if question.card.explanation:
                self.console.print(Text(question.card.explanation, style="italic"))
        self.console.print(Text(back_line(result), style="dim"))

    def say(self, lines: list[str], title: str | None = None) -> None:
        """Lines of our own: in a panel under `title` (the summary), else quietly."""
        text = Text("\n".join(lines))
        if title is None:
            self.console.print(text, style="dim")
            return
        self.console.print()
        self.console.print(Panel(text, title=title, title_align="left", border_style="cyan"))

    def _question(self, question: QuizQuestion) -> None:
        if question.repeat:
            title = f"Once more · {question.number} of {question.total}"
        else:
            title = f"Question {question.number} of {question.total}"
        body = Text(question.card.front)
        body.append(f"\n\n{question.instruction}", style="bold")
        for number, option in enumerate(question.options, start=1):
            body.append(f"\n  {number}. ", style="cyan")
            body.append(option.title)
        self.console.print()
        self.console.print(
            Panel(
                body, title=f"{title} · {question.label}", title_align="left", border_style="blue"
            )
        )

    def _read(self, prompt: str) -> str | None:
        try:
            return self.console.input(prompt)
        except EOFError:
            self.console.print()
            return None


def _prompt(question: QuizQuestion) -> str:
    if question.answer is None:
        return "[bold]Your answer[/] [dim](Enter: show it)[/] › "
    return f"[bold]Your answer[/] [dim](1-{len(question.options)})[/] › "
