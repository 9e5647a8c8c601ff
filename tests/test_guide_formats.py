"""Guides as files: Markdown and HTML snapshots, escaping, the user's templates, and PDF.

The snapshots are of a small principle written here, so that editing the built-in
content never breaks them; a change to the templates shows up as a diff. To accept
a change on purpose:  LP_COACH_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_guide_formats.py
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, Invoke, write_principle

from lp_coach.content.library import open_library

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("LP_COACH_UPDATE_SNAPSHOTS") == "1"

SMALL = """\
id: servant-leadership
order: 17
title: Servant Leadership
statement: Leaders serve first & lead second; they ask "who needs help?" before "who's in charge?"
key_phrases: ["serve first"]
scripture:
  - ref: Mark 10:45
    translation: WEB
    text: For the Son of Man also came not to be served, but to serve.
    note: The verse the principle is built on.
  - ref: John 13:14
    translation: WEB
    text: If I then washed your feet, you ought also to wash one another's feet.
discussion:
  - question: What does "serve first" ask of you on an ordinary Monday?
    follow_ups: ["Who noticed?", "What did it cost?"]
    leader_notes: Let quiet people answer first.
    minutes: 8
  - question: Where does serving turn into people-pleasing?
    minutes: 7
  - question: Can a leader serve *and* still say no?
    minutes: 6
  - question: Whose feet will you wash this week?
    minutes: 5
examples:
  - title: The night shift coffee
    story: A manager made the coffee for the night shift every Friday for a year.
    source: Told by a member of the group, 2024
    lesson: Small service, kept up, says more than a speech.
    questions: ["Why did it matter that it was every Friday?"]
tensions:
  - with: frugality
    question: When does serving people cost more than the budget allows?
journal_prompts:
  - Write about someone who served you without being asked.
"""

HOSTILE = """\
id: hostile
order: 18
title: <script>alert("title")</script> Hostile
statement: "Leaders <b>bold</b> **bold** # not a heading <img src=x onerror=alert(1)>"
scripture:
  - ref: Mark 10:45
    translation: WEB
    text: <iframe src="https://example.com"></iframe> came to serve
    note: <style>body{display:none}</style>
discussion:
  - question: "1. <a href='javascript:alert(1)'>click</a> [link](javascript:alert(1))"
    follow_ups: ["<script>follow()</script>"]
    leader_notes: </aside><script>notes()</script>
examples:
  - title: <em>Story</em>
    story: "> not a quote </p><script>story()</script>"
    source: "`code` & <source>"
    lesson: <u>lesson</u>
journal_prompts: ["<script>journal()</script>"]
"""


@pytest.fixture
def small(pack: Path) -> Path:
    write_principle(pack, SMALL, "servant-leadership.yaml")
    return pack


@pytest.fixture
def hostile(pack: Path) -> Path:
    write_principle(pack, HOSTILE, "hostile.yaml")
    (pack / "pack.yaml").write_text('name: "<script>pack()</script> Church"\nlicence: <b>x</b>\n')
    return pack


def render(cli: Invoke, pack: Path, *args: str) -> str:
    result = cli("--principles", str(pack), "guide", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# Snapshots


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_snapshot_of_a_leader_guide(cli: Invoke, small: Path, fmt: str) -> None:
    text = render(cli, small, "servant-leadership", "--minutes", "45", "--format", fmt)
    snapshot = SNAPSHOTS / f"guide-servant-leadership.{fmt}"
    if UPDATE:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}; LP_COACH_UPDATE_SNAPSHOTS=1 writes it"
    assert text == snapshot.read_text(encoding="utf-8"), (
        f"{snapshot.name} differs; if the change is meant, rerun with LP_COACH_UPDATE_SNAPSHOTS=1"
    )


# Markdown


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_principle_with_only_a_statement_still_makes_a_guide(
    cli: Invoke, pack: Path, fmt: str
) -> None:
    write_principle(pack, MINIMAL.format(id="servant-leadership", order=17, title="Servant"))
    text = render(cli, pack, "servant-leadership", "-f", fmt)
    for part in ("Icebreaker", "Action step", "Closing and prayer", "Read the principle."):
        assert part in text, part
    for absent in ("Key verse", "Scripture", "Story", "Discussion", "Tension", "readings"):
        assert absent not in text, absent


def test_markdown_is_plain_commonmark(cli: Invoke, small: Path) -> None:
    text = render(cli, small, "servant-leadership", "--minutes", "45")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert not any(line != line.rstrip() for line in text.splitlines())
    assert "<" not in text.replace("\\<", "")  # no raw HTML
    assert "Leaders serve first & lead second" in text
    assert "Can a leader serve \\*and\\* still say no?" in text


# HTML


class Structure(HTMLParser):
    """Checks that every element is closed in order, and collects headings and URLs."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag not in self.VOID:
            self.stack.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


def parse(html: str) -> Structure:
    structure = Structure()
    structure.feed(html)
    structure.close()
    assert structure.stack == []
    return structure


def test_html_is_one_self_contained_page_with_print_css(cli: Invoke, small: Path) -> None:
    html = render(cli, small, "servant-leadership", "-f", "html")
    page = parse(html)
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert '<meta name="viewport"' in html
    for rule in ("@media print", "@page", "break-inside: avoid", ".chapter + .chapter"):
        assert rule in html, rule
    assert "@media (max-width" in html  # the phone layout
    assert [h for h in page.headings if h[0] == "h1"] == [("h1", "Servant Leadership")]
    assert ("h2", "Agenda (60 minutes)") in page.headings
    assert ("h3", "Interpretive: What does it mean, and where are its limits?") in page.headings


def test_a_booklet_has_one_h1_and_a_chapter_a_page(cli: Invoke) -> None:
    result = cli("guide", "--all", "-f", "html", "--paper", "letter")
    assert result.exit_code == 0, result.output
    page = parse(result.stdout)
    assert [h for h in page.headings if h[0] == "h1"] == [("h1", "Amazon Leadership Principles")]
    titles = [p.title for p in open_library().principles]
    assert [text for tag, text in page.headings if tag == "h2"][1:] == titles  # after Contents
    assert "size: letter;" in result.stdout


def test_everything_from_a_pack_is_escaped_in_html(cli: Invoke, hostile: Path) -> None:
    for audience in ("leader", "participant"):
        html = render(cli, hostile, "hostile", "-f", "html", "--audience", audience)
        booklet = render(cli, hostile, "hostile", "1", "-f", "html", "--audience", audience)
        for page in (html, booklet):
            structure = parse(page)
            assert all(url.startswith("#") for url in structure.urls), structure.urls
            for raw in ("<script", "<img", "<iframe", "<b>", "<em>", "<u>", "</aside><"):
                assert raw not in page, raw
            assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Hostile" in page
        assert "&lt;script&gt;pack()&lt;/script&gt; Church" in booklet


def token_types(markdown: str) -> set[str]:
    """Every kind of CommonMark token in `markdown` (markdown-it-py comes with rich)."""
    from markdown_it import MarkdownIt

    def walk(tokens: list[Any]) -> Iterator[str]:
        for token in tokens:
            yield token.type
            yield from walk(token.children or [])

    return set(walk(MarkdownIt("commonmark").parse(markdown)))


def test_markdown_parses_as_the_guide_means_it(cli: Invoke, small: Path) -> None:
    from markdown_it import MarkdownIt

    text = render(cli, small, "servant-leadership", "--minutes", "45")
    html = MarkdownIt("commonmark").render(text)
    assert (
        '<h3>Interpretive: What does it mean, and where are its limits?</h3>\n<ol start="2">'
        in html
    )
    assert "<li>Who noticed?</li>" in html  # follow-ups nested in their question
    assert "<blockquote>\n<p><strong>Leader notes:</strong>" in html
    assert "<p>Can a leader serve *and* still say no?</p>" in html


def test_everything_from_a_pack_is_escaped_in_markdown(cli: Invoke, hostile: Path) -> None:
    text = render(cli, hostile, "hostile")
    kinds = token_types(text)
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "fence", "code_block"}
    assert "<" not in text.replace("\\<", "")
    assert '# \\<script\\>alert("title")\\</script\\> Hostile' in text
    assert "> Leaders \\<b\\>bold\\</b\\> \\*\\*bold\\*\\* # not a heading \\<img" in text
    assert "1\\. \\<a href='javascript:alert(1)'\\>click\\</a\\> \\[link\\](javascript" in text
    assert "\n\\> not a quote \\</p\\>" in text
    assert "*Source:* \\`code\\` & \\<source\\>" in text


# The user's templates


def test_a_template_dir_overrides_one_part_by_name(
    cli: Invoke, tmp_path: Path, small: Path
) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "guide-words.j2").write_text(
        (Path(__file__).parent.parent / "prompts" / "guide-words.j2")
        .read_text(encoding="utf-8")
        .replace("Go round the group", "Share a cup of tea and go round the group"),
        encoding="utf-8",
    )
    text = render(cli, small, "servant-leadership", "--template", str(mine))
    assert "Share a cup of tea and go round the group" in text
    assert "## Discussion" in text  # the rest is the built-in template


def test_the_user_template_directory_overrides_too(cli: Invoke, isolated_home: Path) -> None:
    folder = isolated_home / "templates"
    folder.mkdir(parents=True)
    (folder / "guide.md.j2").write_text(
        "{% for c in chapters %}{{ c.principle.title }}{% endfor %}"
    )
    result = cli("guide", "ownership")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Ownership\n"


@pytest.mark.parametrize(
    "template",
    [
        "{{ md.__globals__ }}",
        "{{ guide.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
    ],
)
def test_user_templates_render_in_the_sandbox(cli: Invoke, tmp_path: Path, template: str) -> None:
    (tmp_path / "guide.md.j2").write_text(template)
    result = cli("guide", "ownership", "--template", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("lp-coach: error: guide.md.j2: template")
    assert result.stdout == ""


# PDF


def weasyprint_or_skip() -> None:
    try:
        import weasyprint  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except (ImportError, OSError):
        pytest.skip('WeasyPrint is not installed (pip install "lp-coach[pdf]")')


def pdf_text(path: Path) -> str:
    """The PDF's text, by pypdf or else poppler's pdftotext, compatibility forms folded."""
    try:
        from pypdf import PdfReader  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        if shutil.which("pdftotext") is None:
            pytest.skip("neither pypdf nor pdftotext is installed to read the PDF")
        import subprocess

        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_a_participant_pdf_holds_every_question(cli: Invoke, tmp_path: Path) -> None:
    weasyprint_or_skip()
    out = tmp_path / "ownership.pdf"
    result = cli("guide", "ownership", "--audience", "participant", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    assert out.read_bytes().startswith(b"%PDF-")
    text = squeeze(pdf_text(out))
    principle = open_library().get("ownership")
    assert principle is not None
    for question in principle.discussion:
        assert squeeze(question.question) in text, question.question
    assert squeeze("Participant’s guide") in text
    assert (
        "LeaderNotes" not in text
        and squeeze(principle.discussion[0].leader_notes or "") not in text
    )


def test_a_pdf_on_letter_paper(cli: Invoke, tmp_path: Path) -> None:
    weasyprint_or_skip()
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "think-big.pdf"
    result = cli("guide", "think-big", "-o", str(path), "--paper", "letter")
    assert result.exit_code == 0, result.output
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_pdf_fetches_nothing_a_template_points_at(
    cli: Invoke, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    weasyprint_or_skip()
    (tmp_path / "guide.html.j2").write_text(
        '<h1>{{ guide.title }}</h1><img src="file:///etc/hostname">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    )
    out = tmp_path / "g.pdf"
    with caplog.at_level("ERROR", logger="weasyprint"):
        result = cli("guide", "ownership", "--template", str(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    refused = [  # the wording of newer WeasyPrint, or of lp-coach's own fetcher for older ones
        r for r in caplog.records if re.search("disallowed protocol|fetch nothing", r.getMessage())
    ]
    assert len(refused) == 2, caplog.text


def test_without_weasyprint_pdf_says_how_to_install_it(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    out = tmp_path / "guide.pdf"
    result = cli("guide", "ownership", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        "lp-coach: error: --format pdf needs WeasyPrint, which is not installed: "
        'pip install "lp-coach[pdf]" (or write --format html and print it from a browser)\n'
    )
    assert not out.exists() and result.stdout == ""
