"""`lp-coach data`: the store itself: encrypt, decrypt, passphrase, keyring, backups, check."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

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
    from lp_coach.store import engine, service

    engine.cipher()  # say now, before asking anything, when the extra is missing
    if service.is_encrypted():
        raise _usage("the store is encrypted already (lp-coach data passphrase changes it)")
    print(FORGOTTEN, file=sys.stderr)
    _confirm("Encrypt the store?", yes)
    passphrase = _new_passphrase("LP_COACH_PASSPHRASE")
    done = service.encrypt(passphrase, keep_key=_keyring_choice(keyring))
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
    from lp_coach.store import service

    if not service.is_encrypted():
        raise _usage("the store is not encrypted")
    _confirm("Decrypt the store (anyone with the file can then read it)?", yes)
    done = service.decrypt()
    print(f"Decrypted {done.store} ({done.rows} rows). Its older backups stay encrypted.")


@app.command()
def passphrase(yes: YesOption = False, keyring: KeyringOption = None) -> None:
    """Change the store's passphrase (the new one: typed twice, or LP_COACH_NEW_PASSPHRASE).

    Example:  lp-coach data passphrase
    """
    from lp_coach.store import service

    if not service.is_encrypted():
        raise _usage("the store is not encrypted (lp-coach data encrypt encrypts it)")
    print(FORGOTTEN, file=sys.stderr)
    _confirm("Change the passphrase?", yes)
    new = _new_passphrase("LP_COACH_NEW_PASSPHRASE")
    done = service.change_passphrase(new, keep_key=keyring)
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
    from lp_coach.store import service

    kept = service.keyring(keep=not forget)
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
    from lp_coach.store import service

    print(f"Backed up to {service.backup(file)}")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="The backup to restore.")],
    yes: YesOption = False,
) -> None:
    """Replace the store by a backup, once it passes its check (the current store is kept).

    Example:  lp-coach data restore ~/.local/share/lp-coach/backups/lp-coach-2026-12-01T090000.db
    """
    from lp_coach.store import service

    _confirm(f"Replace the store by {file}?", yes)
    before = service.restore(file)
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
    from lp_coach.store import service

    done = service.check(repair=repair)
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


def _confirm(question: str, yes: bool) -> None:
    """Go on when `yes`, or when the answer (typed, or read from a pipe) is yes; else stop."""
    if yes:
        return
    try:
        agreed = typer.confirm(question, default=False, err=True)
    except typer.Abort:
        agreed = False
    if not agreed:
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


def _said(done: "object") -> None:
    from lp_coach.store.service import Converted

    assert isinstance(done, Converted)
    if done.keyring:
        print(f"The key is kept in the keyring ({done.keyring}).")
        _plain_keyring(done.keyring)
    if done.readable:
        print(f"Still readable beside it ({len(done.readable)} files; move or delete them):")
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
