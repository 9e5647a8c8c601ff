"""The whole deck as an Anki package (.apkg), to study on a phone.

Each note's GUID comes from the card's stable id, so importing a newer export into Anki
updates the notes already there (and keeps their Anki history) instead of adding copies.
"""

from __future__ import annotations

import html
import itertools
import os
import sqlite3
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from lp_coach.content.model import Library
from lp_coach.errors import StoreError, UsageError
from lp_coach.paths import ensure_private_dir
from lp_coach.quiz.cards import KIND_LABELS, QuizCard, build_cards, new_order
from lp_coach.quiz.questions import QuizQuestion

MODEL_ID = 1_735_283_401
DECK_ID = 2_059_400_113
FIELDS = ["Front", "Back", "Explanation", "Prompt", "Principle", "Card"]
FRONT = '<div class="prompt">{{Prompt}}</div>\n<div class="front">{{Front}}</div>'
BACK = (
    "{{FrontSide}}\n<hr id=answer>\n"
    '<div class="back">{{Back}}</div>\n'
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}\n'
    '<div class="principle">{{Principle}}</div>'
)
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; max-width: 40em;
  margin: 0 auto; color: black; background-color: white; }
.nightMode.card { color: white; background-color: #222; }
.prompt { font-size: 14px; color: #888; text-transform: uppercase; margin-bottom: 1em; }
.back { font-weight: bold; }
.explanation { margin-top: 1em; font-size: 17px; }
.principle { margin-top: 1.5em; font-size: 13px; color: #888; }
"""


def export_apkg(library: Library, path: Path, now: datetime) -> int:
    """Write every card as a note of one Anki deck at `path` (atomically); return the count."""
    if path.suffix.lower() != ".apkg":
        raise UsageError(f"{path}: an Anki package file name ends in .apkg")
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "lp-coach card",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    name = library.packs[0].name if library.packs else "Leadership Principles"
    deck = genanki.Deck(DECK_ID, name, description="Exported by lp-coach.")
    titles = library.titles()
    order = {p.id: i for i, p in enumerate(library.principles)}
    cards = new_order(build_cards(library), order)
    for position, card in enumerate(cards):
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(card, titles),
                tags=[card.principle_id, f"lp-coach::{card.kind}"],
                guid=genanki.guid_for("lp-coach", card.id),
                due=position,
            )
        )
    _write(genanki.Package(deck), path, now.timestamp())
    return len(cards)


def note_fields(card: QuizCard, titles: dict[str, str]) -> list[str]:
    """The note's fields, HTML-escaped (Anki renders fields as HTML)."""
    prompt = QuizQuestion(card, 1, 1, (), None).instruction
    values = [
        card.front,
        card.back,
        card.explanation or "",
        f"{KIND_LABELS[card.kind]} · {prompt}" if card.kind != "name" else prompt,
        titles.get(card.principle_id, card.principle_id),
        card.id,
    ]
    return [html.escape(v).replace("\n", "<br>") for v in values]


def _write(package: Any, path: Path, timestamp: float) -> None:
    """genanki's own writer leaves its temporary database behind; this one does not."""
    target = path.expanduser()
    try:
        ensure_private_dir(target.parent)
        with tempfile.TemporaryDirectory(prefix="lp-coach-anki-") as scratch:
            db = Path(scratch) / "collection.anki2"
            conn = sqlite3.connect(db)
            try:
                package.write_to_db(
                    conn.cursor(), timestamp, itertools.count(int(timestamp * 1000))
                )
                conn.commit()
            finally:
                conn.close()
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                        archive.write(db, "collection.anki2")
                        archive.writestr("media", "{}")
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise StoreError(f"{target}: cannot write: {exc.strerror or exc}") from None
