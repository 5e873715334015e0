"""Files broken in every way we could think of: ``ipt-sim validate`` must answer each with
compiler-style lines and exit 1, never a traceback, a hang or a side effect.

The corpus is tests/data/malformed/ (one file per way of being broken) plus a few files
made here because they are large or deep (an 11 MB file, 10,000 nested lists, a flood of
values). Each is checked through click's runner, then all of them at once in a real
process. ``FIRST_LINES`` is the table of what each file must get first.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from simulator.cli import cli

pytestmark = pytest.mark.validate

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "malformed"
SMALL = (REPO / "tests" / "data" / "rules" / "empty-file" / "ok.yaml").read_text("utf-8")  # a valid scenario
LINE = re.compile(r"^(?P<file>[^:]+):\d+:\d+: (error|warning): .+ \[[EW]\d+\]$")
TOO_BIG = "the document holds more than 1,000,000 values (aliases expanded); a scenario never needs this"
NOT_PLAIN = "is not allowed: scenarios are plain YAML (text, numbers, lists, mappings)"
EMPTY = "the file is empty: a scenario needs at least version, id, title, area, perspective, characters, meters, start, states and endings"

# Made at test time: too large or too deep to keep in the repository.
GENERATED: dict[str, Callable[[], bytes]] = {
    "deep-nesting.yaml": lambda: b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "deep-block-nesting.yaml": lambda: "".join("  " * i + "a:\n" for i in range(100)).encode(),
    "eleven-megabytes.yaml": lambda: (b"# " + b"x" * 77 + b"\n") * 137_500,
    "too-many-values.yaml": lambda: b"objectives: [" + b", ".join([b"x"] * 1_100_000) + b"]\n",
    "values-in-nested-lists.yaml": lambda: b"objectives: " + b"".join(b"[" + b"x, " * 280_000 for _ in range(4)) + b"]]]]\n",
    "huge-key.yaml": lambda: SMALL.replace("start: kitchen\n", "start: kitchen\n? " + "k" * 100_000 + "\n: 1\n").encode(),
}

FIRST_LINES = {
    # bytes that are not UTF-8 text
    "binary-png.yaml": "binary-png.yaml:1:1: error: file is not UTF-8 text (byte 0x89 cannot be decoded); save it as UTF-8 [E100]",
    "utf16-with-bom.yaml": "utf16-with-bom.yaml:1:1: error: file is UTF-16 (or UTF-32) text; save it as UTF-8 [E100]",
    "utf16-without-bom.yaml": "utf16-without-bom.yaml:1:1: error: file looks like UTF-16 text (every other byte is NUL); save it as UTF-8 [E100]",
    "nul-byte.yaml": "nul-byte.yaml:3:19: error: file contains a NUL byte: it looks binary, not YAML [E100]",
    "latin1.yaml": "latin1.yaml:3:26: error: file is not UTF-8 text (byte 0xe9 cannot be decoded); save it as UTF-8 [E100]",
    "overlong-utf8.yaml": "overlong-utf8.yaml:3:26: error: file is not UTF-8 text (byte 0xc0 cannot be decoded); save it as UTF-8 [E100]",
    "control-character.yaml": "control-character.yaml:39:19: error: YAML cannot read this character: control characters are not allowed [E110]",
    "eleven-megabytes.yaml": "eleven-megabytes.yaml:1:1: error: file is too large (11,000,000 bytes; the limit is 10,000,000) [E100]",
    # not one mapping
    "empty.yaml": f"empty.yaml:1:1: error: {EMPTY} [E200]",
    "only-comments.yaml": f"only-comments.yaml:1:1: error: {EMPTY} [E200]",
    "only-document-marker.yaml": "only-document-marker.yaml:2:1: error: a scenario file must be a mapping of keys to values, not nothing (null) [E201]",
    "top-level-list.yaml": "top-level-list.yaml:1:1: error: a scenario file must be a mapping of keys to values, not a list [E201]",
    "top-level-scalar.yaml": "top-level-scalar.yaml:1:1: error: a scenario file must be a mapping of keys to values, not text [E201]",
    "two-documents.yaml": "two-documents.yaml:50:1: error: a scenario file holds one YAML document; a second one starts here [E107]",
    # YAML syntax
    "tabs-for-indentation.yaml": "tabs-for-indentation.yaml:8:1: error: YAML syntax: while scanning for the next token, found character that cannot start any token (this is a tab: indent YAML with spaces) [E110]",
    "unclosed-double-quote.yaml": "unclosed-double-quote.yaml:50:1: error: YAML syntax: while scanning a quoted scalar (from line 3), found unexpected end of stream [E110]",
    "unclosed-bracket.yaml": "unclosed-bracket.yaml:23:15: error: YAML syntax: while parsing a flow sequence (from line 22), did not find expected ',' or ']' [E110]",
    "unclosed-brace.yaml": "unclosed-brace.yaml:12:6: error: YAML syntax: while parsing a flow mapping (from line 11), did not find expected ',' or '}' [E110]",
    "bad-indentation.yaml": "bad-indentation.yaml:9:11: error: YAML syntax: mapping values are not allowed in this context (put text holding ': ' in quotes, or check this line's indentation) [E110]",
    "bad-escape.yaml": "bad-escape.yaml:39:20: error: YAML syntax: while parsing a quoted scalar, found unknown escape character [E110]",
    "duplicate-yaml-directive.yaml": "duplicate-yaml-directive.yaml:2:1: error: YAML syntax: found duplicate %YAML directive [E110]",
    "list-item-in-mapping.yaml": "list-item-in-mapping.yaml:13:1: error: YAML syntax: while parsing a block mapping (from line 1), did not find expected key [E110]",
    # size and depth
    "deep-nesting.yaml": "deep-nesting.yaml:1:65: error: nesting is deeper than 64 levels; a scenario never needs this [E105]",
    "deep-block-nesting.yaml": "deep-block-nesting.yaml:65:129: error: nesting is deeper than 64 levels; a scenario never needs this [E105]",
    "billion-laughs.yaml": f"billion-laughs.yaml:7:8: error: {TOO_BIG} [E101]",
    "too-many-values.yaml": f"too-many-values.yaml:1:3000011: error: {TOO_BIG} [E101]",
    "values-in-nested-lists.yaml": f"values-in-nested-lists.yaml:1:3000014: error: {TOO_BIG} [E101]",
    "too-many-problems.yaml": "too-many-problems.yaml:12:3: error: duplicate key 'charge' (first defined at line 11); YAML would silently keep only one [E103]",
    "huge-key.yaml": "huge-key.yaml:13:3: error: unknown key '" + "k" * 284 + "... [E202]",
    # anchors, aliases, tags, keys
    "unknown-alias.yaml": "unknown-alias.yaml:11:11: error: alias '*scale' refers to no anchor defined before it (or to the node that contains it) [E106]",
    "recursive-alias.yaml": "recursive-alias.yaml:7:13: error: alias '*people' refers to no anchor defined before it (or to the node that contains it) [E106]",
    "python-object-apply.yaml": f"python-object-apply.yaml:1:1: error: tag '!!python/object/apply:os.system' {NOT_PLAIN} [E104]",
    "python-name.yaml": f"python-name.yaml:3:8: error: tag '!!python/name:os.system' {NOT_PLAIN} [E104]",
    "binary-tag.yaml": f"binary-tag.yaml:3:8: error: tag '!!binary' {NOT_PLAIN} [E104]",
    "local-tag.yaml": f"local-tag.yaml:3:8: error: tag '!secret' {NOT_PLAIN} [E104]",
    "set-tag.yaml": f"set-tag.yaml:6:13: error: tag '!!set' {NOT_PLAIN} [E104]",
    "wrong-core-tag.yaml": "wrong-core-tag.yaml:11:19: error: 'five' is not a valid !!int [E104]",
    "merge-key-scalar.yaml": "merge-key-scalar.yaml:8:5: error: a merge key '<<' needs a mapping (or a list of mappings) to merge [E102]",
    "merge-key-list-of-scalars.yaml": "merge-key-list-of-scalars.yaml:8:5: error: a merge key '<<' needs a mapping (or a list of mappings) to merge [E102]",
    "key-is-list.yaml": "key-is-list.yaml:13:3: error: a key must be plain text, not a list or mapping [E102]",
    "key-is-mapping.yaml": "key-is-mapping.yaml:13:1: error: a key must be plain text, not a list or mapping [E102]",
    # hostile text inside well-formed YAML
    "terminal-escapes.yaml": "terminal-escapes.yaml:21:15: error: text holds the control character U+001B, which could drive the learner's terminal (clear it, retitle it, hide words); remove it [E224]",
    "template-escape.yaml": "template-escape.yaml:45:14: error: debrief text: function and method calls are not allowed [E402]",
    "template-loop.yaml": "template-loop.yaml:45:14: error: debrief text: only {{ }} expressions are allowed in text; statements such as {% if %} or {% for %} are not [E402]",
    "deep-expression.yaml": "deep-expression.yaml:26:19: error: when '"
    + "(" * 57
    + "...': it is nested too deeply to check; write it more simply [E401]",
}


def make(name: str, folder: Path) -> Path:
    """Put one file of the corpus (copied or generated) into ``folder``."""
    path = folder / name
    path.write_bytes(GENERATED[name]() if name in GENERATED else (CORPUS / name).read_bytes())
    return path


def summary(lines: list[str], files: int) -> str:
    """The count ``validate`` prints on standard error for these diagnostic lines."""
    errors = sum(": error: " in line for line in lines)
    warnings = len(lines) - errors
    counts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return f"{files} file{'' if files == 1 else 's'} checked: {', '.join(counts) or 'no problems'}\n"


def test_the_table_covers_the_whole_corpus() -> None:
    committed = sorted(p.name for p in CORPUS.iterdir())
    assert sorted(set(FIRST_LINES) - set(GENERATED)) == committed
    assert len(FIRST_LINES) >= 30


def test_generated_files_are_what_their_names_say() -> None:
    assert len(GENERATED["eleven-megabytes.yaml"]()) == 11_000_000
    assert GENERATED["deep-nesting.yaml"]().count(b"[") == 10_000


@pytest.mark.parametrize("name", sorted(FIRST_LINES))
def test_a_malformed_file_gets_clean_diagnostics(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make(name, tmp_path)
    result: Result = CliRunner().invoke(cli, ["validate", name], prog_name="ipt-sim", catch_exceptions=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines[0] == FIRST_LINES[name]
    assert [line for line in lines if not (LINE.match(line) and line.startswith(f"{name}:"))] == []
    assert result.stderr == summary(lines, 1)


def test_too_many_problems_stop_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make("too-many-problems.yaml", tmp_path)
    result = CliRunner().invoke(cli, ["validate", "too-many-problems.yaml"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    assert len(lines) == 101
    assert lines[-1] == "too-many-problems.yaml:112:3: error: more than 100 problems: stopped reading here [E108]"


def test_the_whole_corpus_in_a_real_process(tmp_path: Path) -> None:
    """One ``python -m simulator validate`` over every file: the console script's own
    error handling, the real standard streams, and a time limit against hangs."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FIRST_LINES:
        make(name, folder)
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    files = [m["file"] if (m := LINE.match(line)) else f"not a diagnostic: {line!r}" for line in lines]
    assert sorted(set(files)) == sorted(FIRST_LINES)
    firsts: dict[str, str] = {}
    for file, line in zip(files, lines, strict=True):
        firsts.setdefault(file, line)
    assert firsts == FIRST_LINES
    assert proc.stderr == summary(lines, len(FIRST_LINES))


# Each way a YAML document can ask for Python code: as the whole document, a value, a key,
# a list item, and a mapping pulled in by a merge key.
PAYLOADS = {
    "document": "!!python/object/apply:os.mkdir [{path}]\n",
    "value": "version: 1\ntitle: !!python/object/apply:os.mkdir [{path}]\n",
    "key": "? !!python/object/apply:os.mkdir [{path}]\n: 1\n",
    "list item": "objectives:\n  - !!python/object/apply:os.mkdir [{path}]\n",
    "merged mapping": "base: &base {{made: !!python/object/apply:os.mkdir [{path}]}}\nmore:\n  <<: *base\n",
}


@pytest.mark.parametrize("where", sorted(PAYLOADS))
def test_python_tags_run_nothing(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "made-by-yaml"
    Path("payload.yaml").write_text(PAYLOADS[where].format(path=json.dumps(str(target))), "utf-8")

    yaml.unsafe_load(Path("payload.yaml").read_text("utf-8"))  # the payload is real: an unsafe loader runs it
    assert target.is_dir()
    target.rmdir()

    result = CliRunner().invoke(cli, ["validate", "payload.yaml"], catch_exceptions=False)
    assert not target.exists()
    assert result.exit_code == 1
    assert any(
        line.endswith(f"error: tag '!!python/object/apply:os.mkdir' {NOT_PLAIN} [E104]") for line in result.stdout.splitlines()
    ), result.stdout
