"""Practice attempts in the SQLite store: each recorded the moment its feedback is given."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from lp_coach.clock import shown
from lp_coach.practice.rubric import Check, passed
from lp_coach.store.db import now, transaction

TYPED, SPOKEN = "typed", "spoken"


class Attempt(NamedTuple):
    """One answer to one question, and how it did on the rubric."""

    id: int
    principle_id: str
    question: str
    mode: str
    answer: str
    seconds: int | None
    limit_seconds: int | None
    checks: tuple[Check, ...]
    created: str

    @property
    def passed(self) -> int:
        return passed(self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": shown(self.created),
            "principle": self.principle_id,
            "question": self.question,
            "mode": self.mode,
            "answer": self.answer,
            "seconds": self.seconds,
            "limit_seconds": self.limit_seconds,
            "passed": self.passed,
            "total": len(self.checks),
            "checks": [c.to_dict() for c in self.checks],
        }


def record(
    conn: sqlite3.Connection,
    principle_id: str,
    question: str,
    mode: str,
    answer: str,
    checks: Sequence[Check],
    *,
    seconds: int | None,
    limit_seconds: int | None,
) -> int:
    """Store one attempt; its id."""
    with transaction(conn):
        row = conn.execute(
            "INSERT INTO practice_attempts (principle_id, question, mode, answer, seconds, "
            "limit_seconds, checks, passed, total, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            (
                principle_id,
                question,
                mode,
                answer,
                seconds,
                limit_seconds,
                json.dumps([c.to_dict() for c in checks], ensure_ascii=False),
                passed(checks),
                len(checks),
                now(),
            ),
        ).fetchone()
    attempt_id: int = row[0]
    return attempt_id


def history(
    conn: sqlite3.Connection, principles: Sequence[str] = (), last: int | None = None
) -> list[Attempt]:
    """Attempts, oldest first (only the latest `last`, when given)."""
    sql = "SELECT * FROM practice_attempts"
    params: list[object] = []
    if principles:
        sql += f" WHERE principle_id IN ({', '.join('?' for _ in principles)})"
        params += principles
    sql += " ORDER BY id DESC"
    if last:
        sql += " LIMIT ?"
        params.append(last)
    return [_attempt(row) for row in reversed(conn.execute(sql, params).fetchall())]


def times_asked(conn: sqlite3.Connection) -> dict[str, int]:
    """How often each question has been practised."""
    rows = conn.execute("SELECT question, count(*) FROM practice_attempts GROUP BY question")
    return {row[0]: int(row[1]) for row in rows}


def _attempt(row: sqlite3.Row) -> Attempt:
    checks = tuple(
        Check(str(c["name"]), bool(c["passed"]), str(c["reason"]))
        for c in json.loads(row["checks"])
    )
    return Attempt(
        row["id"],
        row["principle_id"],
        row["question"],
        row["mode"],
        row["answer"],
        row["seconds"],
        row["limit_seconds"],
        checks,
        row["created"],
    )
