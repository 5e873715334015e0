"""Reports: the HTML page is well formed, self-contained and escapes what authors wrote;
Markdown states the same facts."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.records import Store

VOID = {"meta", "br", "circle", "line", "rect", "polyline", "img", "input", "link"}


class Checker(HTMLParser):
    """Collects tags and text, and fails on tags closed out of order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


PLANTED = "<script>alert('x')</script>"


@pytest.fixture
def planted(example: Path, tmp_path: Path) -> Path:
    """The example with a script planted in what Sam says and in the debrief."""
    text = example.read_text("utf-8")
    text = text.replace("Forty pounds on -- what even is this?", f"Forty pounds on {PLANTED}?")
    text = text.replace("This is where renegotiation can start.", f"This is where renegotiation can start. {PLANTED}")
    path = tmp_path / "planted.yaml"
    path.write_text(text, "utf-8")
    return path


def play_and_report(path: Path, fmt: str, choices: str = "counter,follow,own-it") -> str:
    runner = CliRunner()
    played = runner.invoke(cli, ["play", str(path), "--choices", choices, "--json"], catch_exceptions=False)
    assert played.exit_code == 0, played.output
    with Store() as store:
        sid = store.ids()[-1]
    result = runner.invoke(cli, ["report", sid, "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_html_is_well_formed_self_contained_and_escaped(planted: Path) -> None:
    page = play_and_report(planted, "html")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    tags = [t for t, _ in checker.tags]
    assert "script" not in tags
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    text = "".join(checker.text)
    assert f"Forty pounds on {PLANTED}?" in text  # shown to the reader as text
    assert f"This is where renegotiation can start. {PLANTED}" in text
    # self-contained: no external fetches of any kind
    for tag, attrs in checker.tags:
        for key in ("src", "href"):
            assert not attrs.get(key), f"<{tag} {key}=...> would load something"
    assert checker.tags[0][0] == "html" and checker.tags[0][1].get("lang") == "en"


def test_html_has_the_table_and_the_chart(planted: Path) -> None:
    page = play_and_report(planted, "html")
    checker = Checker()
    checker.feed(page)
    tags = [t for t, _ in checker.tags]
    assert tags.count("table") == 1  # the communication analysis; scores are bars with their numbers
    bars = [a for t, a in checker.tags if t == "li" and a.get("class") in {"tone", "timing", "nonverbal", "charge", "overall"}]
    assert len(bars) == 5  # version 1: no practice or delivery line
    rows = [a for t, a in checker.tags if t == "th" and a.get("scope") == "row"]
    assert len(rows) == 3  # one per turn
    lines = {a["data-meter"]: a for t, a in checker.tags if t == "polyline"}
    assert set(lines) == {"charge", "trust"}
    assert len(lines["charge"]["points"].split()) == 4  # the start and three turns
    svg = next(a for t, a in checker.tags if t == "svg" and a.get("class") == "chart")
    assert svg["role"] == "img"
    text = "".join(checker.text)
    assert "Charge: 6, 8, 7, 5." in text and "Trust: 4, 3, 4, 6." in text
    assert "each meter is drawn on its own scale, and the dashed line marks where the charge floods (8)." in text
    assert "What else you could have said" in text
    assert "\"You're worried about money. I can see that." in text


def test_markdown_states_the_same_facts(planted: Path) -> None:
    md = play_and_report(planted, "md")
    assert "## Ending: The real expectation is on the table (positive)" in md
    assert "| 50 | 67 | 67 | 67 | not rated | 63 | 63 |" in md
    assert "Charge over the turns: 6 → 8 → 7 → 5 (flooding at 8)." in md
    assert "Trust: 4 → 3 → 4 → 6." in md
    assert "&lt;script&gt;" in md and PLANTED not in md  # no raw HTML reaches a Markdown renderer
    table_rows = [line for line in md.splitlines() if line.startswith("| ") and line[2].isdigit() and " | **Sam:**" in line]
    assert len(table_rows) == 3
    assert all(line.count(" | ") == 5 for line in table_rows), "a cell broke the table"


def test_a_clients_bad_ending_shows_no_row_of_scores_but_the_json_keeps_them(planted: Path) -> None:
    """Newcomer review, finding 16: not a row of zeros for someone rehearsing their own life."""
    held_back = (
        "No scores this time: a rehearsal that ended this way is better read reply by reply, below, "
        "with what else you could have said. You can play it again whenever you are ready."
    )
    md = play_and_report(planted, "md", "counter,let-go")
    assert "## Ending: The impasse deepens (negative)" in md
    assert f"## Scores\n\n{held_back}\n" in md
    assert "| tone |" not in md
    page = play_and_report(planted, "html", "counter,let-go")
    assert f'<h2 id="scores">Scores</h2>\n<p>{held_back}</p>' in page
    assert 'class="scores"' not in page
    data = json.loads(play_and_report(planted, "json", "counter,let-go"))
    assert data["scores"]["overall"] == 0


def test_json_report_and_a_changed_scenario(planted: Path) -> None:
    data = json.loads(play_and_report(planted, "json"))
    assert data["ending_id"] == "renegotiating"
    assert data["scores"] == {
        "tone": 50,
        "timing": 67,
        "nonverbal": 67,
        "charge": 67,
        "practice": None,
        "delivery": 63,
        "overall": 63,
    }
    assert data["scenario_changed"] is False
    planted.write_text(planted.read_text("utf-8").replace("Sam named the fear", "Sam finally named the fear"), "utf-8")
    with Store() as store:
        sid = store.ids()[-1]
    result = CliRunner().invoke(cli, ["report", sid, "--format", "md"], catch_exceptions=False)
    assert "> The scenario file has changed since this session was played." in result.stdout
    assert "Sam named the fear under the row." in result.stdout  # the debrief as it was played


def test_report_to_a_file(planted: Path, tmp_path: Path) -> None:
    play_and_report(planted, "json")
    with Store() as store:
        sid = store.ids()[-1]
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", sid, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == f"Wrote {out}\n"
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
