"""Arbitrary bytes and numbers given to the commands end in output or one line, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Any character a shell can pass, lone surrogates (bytes that are not UTF-8) included: argv
# cannot hold NUL.
ARG = st.text(st.characters(blacklist_categories=(), blacklist_characters="\x00"), max_size=40)
NUMBER = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 0, -1, 10**30]),
).map(str)
STDIN = st.binary(max_size=300)

COMMANDS = st.one_of(
    st.tuples(st.just(("journal", "add", "--")), ARG.map(lambda a: (a,)), st.just(b"")),
    st.tuples(st.just(("journal", "add")), st.just(()), STDIN),
    st.tuples(st.just(("journal", "add", "-d")), st.tuples(ARG, st.just("words")), st.just(b"")),
    st.tuples(
        st.sampled_from(
            [
                ("journal", "show"),
                ("journal", "star"),
                ("journal", "delete", "--yes"),
                ("stories", "show"),
                ("stories", "delete", "--yes"),
                ("sessions", "show"),
                ("journal", "list", "-n"),
                ("practice", "history", "-n"),
                ("journal", "search", "word", "-n"),
                ("stories", "search", "word", "-n"),
                ("stories", "add", "-t", "Title", "--from-journal"),
                ("study", "--plain", "--resume", "--session"),
                ("quiz", "--plain", "--count"),
            ]
        ),
        NUMBER.map(lambda n: (n,)),
        st.just(b""),
    ),
    st.tuples(st.just(("stories", "add")), st.just(()), STDIN),
    st.tuples(st.just(("journal", "search", "--")), ARG.map(lambda a: (a,)), st.just(b"")),
    st.tuples(st.just(("principles", "show", "--")), ARG.map(lambda a: (a,)), st.just(b"")),
    st.tuples(st.just(("today", "--json", "--me")), ARG.map(lambda a: (a,)), st.just(b"")),
    st.tuples(st.just(("study", "frugality", "--plain")), st.just(()), STDIN),
    st.tuples(st.just(("quiz", "--plain", "--count", "2")), st.just(()), STDIN),
)


@pytest.fixture
def seeded(cli: Invoke) -> Invoke:
    """A data directory with an entry and a story, so that ids can be found too."""
    assert cli("journal", "add", "A word to find #ownership").exit_code == 0
    assert cli("stories", "add", "-t", "A story", "-p", "ownership").exit_code == 0
    return cli


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(command=COMMANDS)
def test_no_input_ends_in_a_traceback(
    seeded: Invoke, command: tuple[tuple[str, ...], tuple[str, ...], bytes]
) -> None:
    head, args, stdin = command
    result = seeded(*head, *args, input=stdin)  # an exception here is the traceback
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["json", "jrnl", "md"]))
def test_no_import_file_ends_in_a_traceback(
    cli: Invoke, tmp_path: Path, data: bytes, fmt: str
) -> None:
    path = tmp_path / f"import.{fmt}"
    path.write_bytes(data)
    result = cli("journal", "import", str(path), "--format", fmt)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
