"""`lp-coach data`: the store itself: encrypt, decrypt, passphrase, keyring, backups, check."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from lp_coach.data_service import Converted

app = typer.Typer(
    help="Your store: encrypt it, back it up, restore and check it.\n\n"
    "Example:  lp-coach data encrypt",
    no_args_is_help=True,
    rich_markup_mode=None,
)

YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")]
KeyringOption = Annotated[
    bool | None,
    typer.Option(
        "--keyring/--no-keyring",
        help="Keep the key in the system keyring, so lp-coach does not ask for the passphrase "
        "(asked on a terminal when not given).",
    ),
]
FORGOTTEN = (
    "A forgotten passphrase cannot be recovered: nobody, not lp-coach either, can open the "
    "store without it. Write it down somewhere safe."
)


@app.command()
def encrypt(yes: YesOption = False, keyring: KeyringOption = None) -> None:
    """Encrypt the store with a passphrase (SQLCipher; needs lp-coach[secure]).

    The passphrase: typed twice on a terminal, or LP_COACH_PASSPHRASE.

    Example:  lp-coach data encrypt --keyring
    """
    from lp_coach import data_service

    done = data_service.encrypt(
        _asker("Encrypt the store?", yes, warn=True),
        lambda: _new_passphrase("LP_COACH_PASSPHRASE"),
        lambda: _keyring_choice(keyring),
    )
    if done is None:
        _nothing_changed()
    print(f"Encrypted {done.store} ({done.rows} rows).")
    _said(done)
    if done.removed:
        many = len(done.removed)
        print(f"Removed {many} plain backup{'s' if many != 1 else ''}; an encrypted one was taken.")


@app.command()
def decrypt(yes: YesOption = False) -> None:
    """Turn the encrypted store back into a plain SQLite file.

    Example:  lp-coach data decrypt
    """
    from lp_coach import data_service

    done = data_service.decrypt(
        _asker("Decrypt the store (anyone with the file can then read it)?", yes)
    )
    if done is None:
        _nothing_changed()
    print(f"Decrypted {done.store} ({done.rows} rows). Its older backups stay encrypted.")


@app.command()
def passphrase(yes: YesOption = False, keyring: KeyringOption = None) -> None:
    """Change the store's passphrase (the new one: typed twice, or LP_COACH_NEW_PASSPHRASE).

    Example:  lp-coach data passphrase
    """
    from lp_coach import data_service

    done = data_service.change_passphrase(
        _asker("Change the passphrase?", yes, warn=True),
        lambda: _new_passphrase("LP_COACH_NEW_PASSPHRASE"),
        keyring,
    )
    if done is None:
        _nothing_changed()
    print(f"Changed the passphrase of {done.store}. Older backups keep the old one.")
    _said(done)


@app.command("keyring")
def keyring_(
    forget: Annotated[
        bool, typer.Option("--forget", help="Remove the key from the keyring.")
    ] = False,
) -> None:
    """Keep the store's key in the system keyring (asks the passphrase once), or --forget it.

    Example:  lp-coach data keyring
    """
    from lp_coach import data_service

    kept = data_service.keyring(keep=not forget)
    print(f"The key is kept in {kept}." if kept else "The key is no longer in the keyring.")
    if kept:
        _plain_keyring(kept)


@app.command()
def backup(
    file: Annotated[
        Path | None,
        typer.Argument(help="Where to write it (default: backups/ in the data folder)."),
    ] = None,
) -> None:
    """Back the store up now (an encrypted store's backup stays encrypted).

    Example:  lp-coach data backup ~/lp-coach-copy.db
    """
    from lp_coach import data_service

    print(f"Backed up to {data_service.backup(file)}")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="The backup to restore.")],
    yes: YesOption = False,
) -> None:
    """Replace the store by a backup, once it passes its check (the current store is kept).

    Example:  lp-coach data restore ~/.local/share/lp-coach/backups/lp-coach-2026-12-01T090000.db
    """
    from lp_coach import data_service

    before = data_service.restore(file, _asker(f"Replace the store by {file}?", yes))
    if before is None:
        _nothing_changed()
    print(f"Restored {file}. The store as it was is kept as {before}")


@app.command()
def check(
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild the search indexes first.")
    ] = False,
) -> None:
    """Check the store: SQLite's integrity check and the search indexes'.

    Example:  lp-coach data check
    """
    from lp_coach import data_service

    done = data_service.check(repair=repair)
    kind = "encrypted" if done.encrypted else "plain"
    print(f"{done.store} ({kind}, {done.rows} rows)")
    for name in done.repaired:
        print(f"  rebuilt the search index {name}")
    for problem in done.problems:
        print(f"  problem: {problem}")
    newest = done.backups[0] if done.backups else None
    if newest:
        print(f"  {len(done.backups)} backups, the newest {newest.taken:%Y-%m-%d %H:%M}")
    else:
        print("  no backups yet (lp-coach data backup takes one)")
    if done.sealed:
        print(f"  {done.sealed} sealed entries waiting")
    if done.problems:
        raise typer.Exit(1)
    print("No problems found.")


def _asker(question: str, yes: bool, *, warn: bool = False) -> "Callable[[], bool]":
    """What asks `question` (after the warning that a passphrase cannot be recovered, with
    `warn`): on a terminal, or read from a pipe; `yes` agrees without asking."""

    def ask() -> bool:
        if warn:
            print(FORGOTTEN, file=sys.stderr)
        if yes:
            return True
        try:
            agreed = typer.confirm(question, default=False, err=True)
        except typer.Abort:
            agreed = False
        if not sys.stdin.isatty():
            print(file=sys.stderr)  # the answer read from a pipe is not echoed
        return bool(agreed)

    return ask


def _nothing_changed() -> "NoReturn":
    print("Nothing changed.", file=sys.stderr)
    raise typer.Exit(1)


def _new_passphrase(variable: str) -> str:
    """A new passphrase: from `variable`, or typed twice on a terminal."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        raise _usage(f"no terminal to type the passphrase on: set {variable}")
    from getpass import getpass

    first = getpass("New passphrase: ")
    if first != getpass("The same again: "):
        raise _usage("the two passphrases differ; nothing changed")
    return first


def _keyring_choice(given: bool | None) -> bool:
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return False
    return typer.confirm(
        "Keep the key in the system keyring, so lp-coach does not ask each time?",
        default=False,
        err=True,
    )


def _said(done: "Converted") -> None:
    if done.keyring:
        print(f"The key is kept in the keyring ({done.keyring}).")
        _plain_keyring(done.keyring)
    if done.readable:
        many = f"{len(done.readable)} file{'s' if len(done.readable) != 1 else ''}"
        print(f"Still readable beside it ({many}; move or delete them):")
        for path in done.readable:
            print(f"  {path}")


def _plain_keyring(name: str) -> None:
    if "Plaintext" in name:
        print(
            "Note: that keyring is a plain file: anyone who can read your files can open the "
            "store with it (lp-coach data keyring --forget removes it).",
            file=sys.stderr,
        )


def _usage(message: str) -> Exception:
    from lp_coach.errors import UsageError

    return UsageError(message)
