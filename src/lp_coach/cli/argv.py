"""Global options written after the command (`study ID --principles DIR`), moved before it."""

# No `from __future__ import annotations` in CLI modules: this runs on every start.

HOISTED = ("--principles", "--in")
"""Options of the top-level command that a user may also write after the subcommand."""


def hoist_globals(argv: list[str]) -> list[str]:
    """`argv` with each HOISTED option (and its value) found after the command moved to the
    front, where the top-level command reads it; anything after `--` is left alone."""
    front: list[str] = []
    rest: list[str] = []
    seen_command = False
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            rest.extend(argv[index:])
            break
        name = token.split("=", 1)[0]
        if seen_command and name in HOISTED:
            if "=" in token:
                front.append(token)
            else:
                front.extend(argv[index : index + 2])
                index += 1
        else:
            if not token.startswith("-") and not _is_value(argv, index):
                seen_command = True
            rest.append(token)
        index += 1
    return [*front, *rest]


def _is_value(argv: list[str], index: int) -> bool:
    """Whether argv[index] is the value of a top-level option written before the command."""
    return index > 0 and argv[index - 1] in HOISTED
