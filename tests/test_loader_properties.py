"""Property tests: no input crashes the loader, and principles survive a JSON round trip."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_coach.content.model import Principle
from lp_coach.content.validate import check_principle
from lp_coach.content.yamlsource import read_yaml
from lp_coach.errors import Problem

FIELDS = ["id", "order", "title", "statement", "key_phrases", "scripture", "discussion", "bogus"]


class Bytes:
    """A stand-in file: the loader reads anything with read_bytes()."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read_bytes(self) -> bytes:
        return self.data


def load(data: bytes) -> list[Problem]:
    value, problems = read_yaml(Bytes(data), "x.yaml")
    if problems:
        return problems
    return check_principle(value, "x.yaml", "x", None).problems


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    for problem in load(data):
        assert problem.path == "x.yaml"
        assert problem.message


yaml_scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner),
    max_leaves=20,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), yaml_values))
def test_any_yaml_mapping_gives_problems_or_data(doc: dict[str, object]) -> None:
    import yaml

    data = yaml.safe_dump(doc, allow_unicode=True).encode()
    value, problems = read_yaml(Bytes(data), "x.yaml")
    assert not problems
    checked = check_principle(value, "x.yaml", "x", None)
    assert (checked.data is None) == bool(checked.problems)
    # YAML counts NEL, LS and PS as line breaks too
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", data.decode())) + 1
    for problem in checked.problems:
        assert problem.line is None or 1 <= problem.line <= lines


texts = st.text(min_size=1, max_size=40).filter(str.strip)


@given(
    title=texts,
    statement=texts,
    questions=st.lists(texts, max_size=3),
    follow=st.lists(texts, max_size=2),
)
def test_principle_round_trips_through_its_dict(
    title: str, statement: str, questions: list[str], follow: list[str]
) -> None:
    data = {
        "id": "x",
        "order": 3,
        "title": title,
        "statement": statement,
        "discussion": [{"question": q, "follow_ups": follow} for q in questions],
        "tensions": [{"with": "ownership", "question": title}],
    }
    principle = Principle.from_dict(data)
    assert Principle.from_dict(principle.to_dict()) == principle


def test_the_builtin_files_load_without_problems() -> None:
    from conftest import BUILTIN

    for path in Path(BUILTIN).glob("*.yaml"):
        value, problems = read_yaml(path, str(path))
        assert not problems and value
