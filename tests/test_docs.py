"""The authors' docs are checked against the code, so a change to either shows up here.

docs/format.md must list exactly the keys of :data:`simulator.spec.OBJECTS`, the catalog
ids, filters and tests the code has; docs/diagnostics.md must explain exactly the codes
the code emits, and each of its examples must still print what the page says it prints.
The shipped JSON Schema must be the one generated from the spec, and must accept the
format's examples (checked with a small schema reader below, so no extra dependency).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from simulator import catalogs, schema
from simulator.cli import cli
from simulator.jinja_env import SAFE_FILTERS, SAFE_TESTS
from simulator.model import PLAY_COMMANDS, RESERVED_NAMES
from simulator.spec import OBJECTS, Key

REPO = Path(__file__).resolve().parent.parent
FORMAT = REPO / "docs" / "format.md"
DIAGNOSTICS = REPO / "docs" / "diagnostics.md"
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
CODE = re.compile(r'"([EW]\d{3})"')
FENCE = re.compile(r"^```(\w*)[ \t]*([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)  # language, info, content

# Markdown helpers -------------------------------------------------------------------


def sections(text: str, level: int) -> dict[str, str]:
    """Heading text -> body, for headings of exactly this level (code blocks skipped)."""
    mark = "#" * level + " "
    out: dict[str, str] = {}
    title: str | None = None
    body: list[str] = []
    fenced = False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        heading = not fenced and line.startswith("#") and line.split(" ", 1)[0].strip("#") == ""
        if heading and len(line.split(" ", 1)[0]) <= level:
            if title is not None:
                out[title] = "".join(body)
            title, body = (line[len(mark) :].strip(), []) if line.startswith(mark) else (None, [])
            continue
        body.append(line)
    if title is not None:
        out[title] = "".join(body)
    return out


def section(text: str, level: int, starts: str) -> str:
    """The one section of this level whose heading starts with ``starts``."""
    found = [body for title, body in sections(text, level).items() if title.startswith(starts)]
    assert len(found) == 1, f"expected one '{'#' * level} {starts}...' section, found {len(found)}"
    return found[0]


def backticked(heading: str) -> str:
    m = re.search(r"`([^`]+)`", heading)
    assert m, f"heading {heading!r} names nothing in backticks"
    return m.group(1)


def table(body: str, columns: list[str]) -> list[list[str]]:
    """The rows of the one Markdown table in ``body`` whose header is ``columns``."""
    found: list[list[list[str]]] = []
    for block in re.findall(r"(?:^\|.*\n?)+", body, re.M):
        rows = [[cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in block.splitlines()]
        if rows[0] == columns:
            assert all(set(c) <= set("-: ") for c in rows[1]), "the second table line must be the separator"
            found.append(rows[2:])
    assert len(found) == 1, f"expected one table headed {columns}, found {len(found)}"
    return found[0]


def ids(rows: list[list[str]]) -> list[str]:
    """The first column, each cell a single `id` in backticks."""
    out = []
    for row in rows:
        m = re.fullmatch(r"`([^`]+)`", row[0])
        assert m, f"first cell {row[0]!r} is not one id in backticks"
        out.append(m.group(1))
    return out


FORMAT_TEXT = FORMAT.read_text("utf-8")
OBJECT_SECTIONS = sections(section(FORMAT_TEXT, 2, "The objects"), 3)
CATALOG_SECTIONS = sections(section(FORMAT_TEXT, 2, "The catalogs"), 3)


# (a) key tables ---------------------------------------------------------------------


def test_format_doc_has_one_key_table_per_object() -> None:
    assert sorted(backticked(h) for h in OBJECT_SECTIONS) == sorted(OBJECTS)


@pytest.mark.parametrize("obj", sorted(OBJECTS))
def test_key_table_lists_exactly_the_keys_of_the_object(obj: str) -> None:
    body = next(b for h, b in OBJECT_SECTIONS.items() if backticked(h) == obj)
    rows = table(body, ["key", "required", "what it holds"])
    documented = {k: row[1] for k, row in zip(ids(rows), rows, strict=True)}
    assert len(documented) == len(rows), f"a key of {obj} is listed twice"
    assert sorted(documented) == sorted(k.name for k in OBJECTS[obj])
    for key in OBJECTS[obj]:
        assert documented[key.name] == ("yes" if key.required else "no"), f"{obj}.{key.name}: required column"


@pytest.mark.parametrize(
    ("obj", "key"),
    [(o, k) for o, keys in OBJECTS.items() for k in keys if k.values],
    ids=[f"{o}.{k.name}" for o, keys in OBJECTS.items() for k in keys if k.values],
)
def test_key_table_names_every_allowed_value(obj: str, key: Key) -> None:
    body = next(b for h, b in OBJECT_SECTIONS.items() if backticked(h) == obj)
    rows = table(body, ["key", "required", "what it holds"])
    cell = next(row[2] for row in rows if row[0] == f"`{key.name}`")
    assert sorted(set(re.findall(r"`([^`]+)`", cell)) & set(key.values)) == sorted(key.values), cell


# (b) catalogs -----------------------------------------------------------------------

RAW_CATALOGS: dict[str, Any] = yaml.safe_load((REPO / "simulator" / "data" / "catalogs.yaml").read_text("utf-8"))
# The key a choice uses for each catalog -> the catalog's name in catalogs.yaml
CATALOG_KEYS = {
    "tone": "tones",
    "nonverbal": "nonverbal",
    "timing": "timing",
    "technique": "techniques",
    "item": "items",
    "problem": "problems",
    "support": "support",
    "needs": "needs",
}
CATALOG_COLUMNS = {
    "tone": ["id", "warmth", "arousal", "what it conveys"],
    "nonverbal": ["id", "lands", "says without words"],
    "timing": ["id", "rated", "what it means"],
    "technique": ["id", "name", "what it is"],
    "item": ["id", "title", "phase", "critical"],
    "problem": ["id", "title", "what it is"],
    "support": ["id", "title"],
    "needs": ["id", "title", "good", "poor"],
}


def catalog_rows(key: str) -> list[list[str]]:
    body = next(b for h, b in CATALOG_SECTIONS.items() if backticked(h) == key)
    return table(body, CATALOG_COLUMNS[key])


def test_format_doc_has_one_table_per_catalog() -> None:
    assert sorted(CATALOG_KEYS.values()) == sorted(RAW_CATALOGS), "catalogs.yaml has a catalog this test does not know"
    assert sorted(backticked(h) for h in CATALOG_SECTIONS) == sorted(CATALOG_KEYS)


@pytest.mark.parametrize("key", sorted(CATALOG_KEYS))
def test_catalog_table_lists_exactly_the_catalog_ids(key: str) -> None:
    documented = ids(catalog_rows(key))
    assert len(set(documented)) == len(documented), f"an id of {key} is listed twice"
    assert sorted(documented) == sorted(RAW_CATALOGS[CATALOG_KEYS[key]])


@pytest.mark.parametrize("key", sorted(CATALOG_KEYS))
def test_catalog_table_states_what_the_judge_uses(key: str) -> None:
    cat = catalogs.load()
    for row in catalog_rows(key):
        cid = row[0].strip("`")
        if key == "tone":
            assert (int(row[1]), int(row[2])) == (cat.tones[cid].warmth, cat.tones[cid].arousal), cid
        elif key == "nonverbal":
            assert (int(row[1]), row[2]) == (cat.cues[cid].valence, f'"{cat.cues[cid].signals}"'), cid
        elif key == "timing":
            assert row[1] == cat.timings[cid].rating, cid
        elif key == "item":
            item = cat.items[cid]
            assert (row[1], row[2], row[3]) == (item.title, item.phase, "yes" if item.critical else "no"), cid
        elif key == "problem":
            assert row[1] == cat.problems[cid].title, cid
        elif key == "support":
            assert row[1] == cat.support[cid], cid
        elif key == "needs":
            need = cat.needs[cid]
            assert (row[1], set(row[2].split(", ")), set(row[3].split(", "))) == (need.title, need.good, need.poor), cid
        else:
            assert row[1] == cat.techniques[cid].title, cid


def test_expression_filters_and_tests_are_those_the_sandbox_allows() -> None:
    body = section(FORMAT_TEXT, 2, "Expressions")
    filters = ids(table(body, ["filter", "what it does"]))
    tests_ = ids(table(body, ["test", "true when"]))
    assert sorted(filters) == sorted(SAFE_FILTERS)
    assert sorted(tests_) == sorted(SAFE_TESTS)


def test_reserved_names_and_play_commands_are_named() -> None:
    body = section(FORMAT_TEXT, 2, "Ids and names")
    named = set(re.findall(r"`([^`]+)`", body))
    assert sorted((RESERVED_NAMES | PLAY_COMMANDS) - named) == []


# (c) diagnostic codes ---------------------------------------------------------------

DIAG_TEXT = DIAGNOSTICS.read_text("utf-8")
CODE_SECTIONS = {title.split(":", 1)[0]: body for title, body in sections(DIAG_TEXT, 3).items()}


def emitted_codes() -> set[str]:
    return {c for f in (REPO / "simulator").rglob("*.py") for c in CODE.findall(f.read_text("utf-8"))}


def test_every_emitted_code_is_documented_and_every_documented_code_is_emitted() -> None:
    documented = set(CODE_SECTIONS)
    assert all(re.fullmatch(r"[EW]\d{3}", c) for c in documented), sorted(documented)
    assert sorted(emitted_codes()) == sorted(documented)


def test_codes_are_documented_in_order() -> None:
    assert list(CODE_SECTIONS) == sorted(CODE_SECTIONS)


# (d) the schema ---------------------------------------------------------------------

SCHEMA: dict[str, Any] = json.loads((REPO / "simulator" / "data" / "scenario.schema.json").read_text("utf-8"))
ANNOTATIONS = {"$schema", "$id", "definitions", "title", "description"}
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def schema_errors(value: Any, sch: dict[str, Any], where: str = "") -> list[str]:
    """What the JSON Schema ``sch`` finds wrong with ``value``: the keywords the shipped
    schema uses, and a failure for any other, so a new keyword cannot go unchecked."""
    errs: list[str] = []
    for kw, arg in sch.items():
        if kw in ANNOTATIONS:
            continue
        check = KEYWORDS.get(kw)
        if check is None:
            raise AssertionError(f"the schema uses '{kw}', which schema_errors does not check yet: add it")
        errs += check(value, arg, sch, where)
    return errs


def _ref(value: Any, arg: str, sch: dict[str, Any], where: str) -> list[str]:
    assert arg.startswith("#/definitions/"), arg
    return schema_errors(value, SCHEMA["definitions"][arg.removeprefix("#/definitions/")], where)


def _type(value: Any, arg: str | list[str], sch: dict[str, Any], where: str) -> list[str]:
    kinds = arg if isinstance(arg, list) else [arg]
    return [] if any(TYPES[t](value) for t in kinds) else [f"{where}: not of type {' or '.join(kinds)}"]


def _properties(value: Any, arg: dict[str, Any], sch: dict[str, Any], where: str) -> list[str]:
    return [
        e
        for k, sub in arg.items()
        if isinstance(value, dict) and k in value
        for e in schema_errors(value[k], sub, f"{where}.{k}")
    ]


def _additional(value: Any, arg: Any, sch: dict[str, Any], where: str) -> list[str]:
    errs: list[str] = []
    extra = [k for k in value if k not in sch.get("properties", {})] if isinstance(value, dict) else []
    for k in extra:
        errs += [f"{where}: unexpected {k!r}"] if arg is False else schema_errors(value[k], arg, f"{where}.{k}")
    return errs


def _one_of(value: Any, arg: list[dict[str, Any]], sch: dict[str, Any], where: str) -> list[str]:
    passing = sum(not schema_errors(value, sub, where) for sub in arg)
    return [] if passing == 1 else [f"{where}: matches {passing} of the oneOf alternatives, not 1"]


def _if(value: Any, arg: dict[str, Any], sch: dict[str, Any], where: str) -> list[str]:
    branch = sch.get("then") if not schema_errors(value, arg, where) else sch.get("else")
    return schema_errors(value, branch, where) if branch is not None else []


# Each keyword the shipped schema uses: (value, the keyword's argument, the whole schema, where) -> errors.
KEYWORDS: dict[str, Callable[[Any, Any, dict[str, Any], str], list[str]]] = {
    "$ref": _ref,
    "type": _type,
    "const": lambda value, arg, sch, where: [] if value == arg else [f"{where}: not {arg!r}"],
    "enum": lambda value, arg, sch, where: [] if value in arg else [f"{where}: {value!r} is not one of {arg}"],
    "pattern": lambda value, arg, sch, where: (
        [] if not isinstance(value, str) or re.search(arg, value) else [f"{where}: {value!r} does not match {arg}"]
    ),
    "minLength": lambda value, arg, sch, where: (
        [] if not isinstance(value, str) or len(value) >= arg else [f"{where}: too short"]
    ),
    "minItems": lambda value, arg, sch, where: (
        [] if not isinstance(value, (list, dict)) or len(value) >= arg else [f"{where}: too few items"]
    ),
    "required": lambda value, arg, sch, where: [
        f"{where}: missing {k!r}" for k in arg if isinstance(value, dict) and k not in value
    ],
    "properties": _properties,
    "additionalProperties": _additional,
    "propertyNames": lambda value, arg, sch, where: [
        e for k in (value if isinstance(value, dict) else []) for e in schema_errors(k, arg, f"{where} key {k!r}")
    ],
    "items": lambda value, arg, sch, where: [
        e for i, item in enumerate(value if isinstance(value, list) else []) for e in schema_errors(item, arg, f"{where}.{i}")
    ],
    "allOf": lambda value, arg, sch, where: [e for sub in arg for e in schema_errors(value, sub, where)],
    "oneOf": _one_of,
    "not": lambda value, arg, sch, where: (
        [f"{where}: matches a schema it must not"] if not schema_errors(value, arg, where) else []
    ),
    "if": _if,
    "then": lambda value, arg, sch, where: [],  # checked by "if"
    "else": lambda value, arg, sch, where: [],
}
KEYWORDS["minProperties"] = KEYWORDS["minItems"]


def format_doc_scenarios() -> list[str]:
    """The complete scenarios shown in docs/format.md (YAML blocks with a ``version``)."""
    return [m.group(3) for m in FENCE.finditer(FORMAT_TEXT) if m.group(1) == "yaml" and re.search(r"^version:", m.group(3), re.M)]


def test_shipped_schema_is_generated_from_the_spec() -> None:
    assert (REPO / "simulator" / "data" / "scenario.schema.json").read_text("utf-8") == schema.text()


def test_schema_command_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema.text()


@pytest.mark.parametrize(
    "text",
    [EXAMPLE.read_text("utf-8"), *format_doc_scenarios()],
    ids=["money-impasse", *(f"format-doc-{n}" for n in range(len(format_doc_scenarios())))],
)
def test_examples_satisfy_the_schema(text: str) -> None:
    assert schema_errors(yaml.safe_load(text), SCHEMA) == []


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("tone: calm", "tone: clam", ".states.doorway.choices.1.tone: 'clam' is not one of"),
        ("perspective: client", "perpective: client", ": missing 'perspective'"),
        ("stage: impasse", "", ": missing 'stage'"),
        ("area: role_dispute", "area: grief", ": matches a schema it must not"),
        ("        next: table\n", "        next: table\n        cue: [nod]\n", ".states.doorway.choices.1: unexpected 'cue'"),
        ("pace: fast", "pace: fast\n    ending: renegotiating", ".states.doorway: matches 0 of the oneOf alternatives, not 1"),
    ],
)
def test_schema_check_finds_what_an_editor_would_underline(old: str, new: str, error: str) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert old in text
    errors = schema_errors(yaml.safe_load(text.replace(old, new, 1)), SCHEMA)
    assert any(e.startswith(error) for e in errors), errors


@pytest.mark.parametrize("edit", [("says: This is exactly", "says: 42\n    thinks: This is exactly"), ("title: ", "title: 1984\n# "),
                                  ("  - Hear the worry under the accusation\n", "  - 7\n")])  # fmt: skip
def test_numbers_written_as_text_are_accepted_by_the_schema_as_by_the_validator(
    edit: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Authoring review #14: the editor underlined `says: 42`, which validate accepts.
    text = EXAMPLE.read_text("utf-8")
    assert text.count(edit[0]) >= 1
    text = text.replace(edit[0], edit[1], 1)
    assert schema_errors(yaml.safe_load(text), SCHEMA) == []
    monkeypatch.chdir(tmp_path)
    Path("n.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["validate", "n.yaml"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_format_doc_scenarios_validate_without_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenarios = format_doc_scenarios()
    assert scenarios, "docs/format.md shows no complete scenario"
    monkeypatch.chdir(tmp_path)
    for n, text in enumerate(scenarios):
        Path(f"example-{n}.yaml").write_text(text, "utf-8")
        result = CliRunner().invoke(cli, ["validate", "--strict", f"example-{n}.yaml"])
        assert (result.exit_code, result.stdout) == (0, ""), result.output


def test_format_doc_error_example_is_what_the_validator_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample error in "Checking your work" comes from the format doc's own example."""
    body = section(FORMAT_TEXT, 2, "Checking your work")
    shown = next(m.group(3) for m in FENCE.finditer(body) if m.group(1) == "text")
    monkeypatch.chdir(tmp_path)
    Path("first-visit.yaml").write_text(format_doc_scenarios()[0].replace("tone: calm", "tone: clam"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "first-visit.yaml"])
    assert result.stdout == shown


# (e) diagnostics examples -----------------------------------------------------------


def test_diagnostics_base_scenario_passes_every_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page says its examples start from a scenario with no problems at all."""
    base = next(m.group(3) for m in FENCE.finditer(DIAG_TEXT) if m.group(1) == "yaml")
    monkeypatch.chdir(tmp_path)
    Path("base.yaml").write_text(base, "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--strict", "base.yaml"])
    assert (result.exit_code, result.stdout) == (0, ""), result.output


@dataclass(frozen=True)
class Example:
    files: dict[str, bytes]
    command: list[str]
    output: str


def example_of(body: str) -> Example:
    """The files, command and output a code's section shows.

    A YAML block is a file named by the last `*.yaml` in backticks before it (``yaml
    latin-1`` saves it in Latin-1); the output is the text block after the line that
    names the `ipt-sim validate ...` command. YAML blocks after the output show a fix.
    """
    files: dict[str, bytes] = {}
    command: list[str] = []
    output = ""
    for m in FENCE.finditer(body):
        if output:
            break
        lang, info, content = m.groups()
        before = body[: m.start()]
        if lang == "yaml":
            names = re.findall(r"`([^`\s]+\.yaml)`", before)
            assert names, "a YAML example must be named by a `file.yaml` before it"
            files[names[-1]] = content.encode("latin-1" if info == "latin-1" else "utf-8")
        elif lang == "text":
            commands = re.findall(r"`(ipt-sim validate [^`]+)`", before)
            assert commands, "the output must follow the `ipt-sim validate ...` that prints it"
            command, output = commands[-1].split()[1:], content
    assert files and command and output, "a code's section needs an example file, a command and its output"
    return Example(files, command, output)


@pytest.mark.parametrize("code", sorted(CODE_SECTIONS))
def test_diagnostics_example_prints_what_the_doc_shows(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = example_of(CODE_SECTIONS[code])
    monkeypatch.chdir(tmp_path)
    for name, data in example.files.items():
        Path(name).write_bytes(data)
    result = CliRunner().invoke(cli, example.command)
    shown, printed = example.output.splitlines(), result.stdout.splitlines()
    if "..." in shown:  # a line "..." in the doc stands for one or more lines left out
        cut = shown.index("...")
        head, tail = shown[:cut], shown[cut + 1 :]
        assert len(printed) > len(head) + len(tail), result.output
        assert (printed[:cut], printed[len(printed) - len(tail) :]) == (head, tail), result.output
    else:
        assert result.stdout == example.output, result.output
    assert any(line.endswith(f"[{code}]") for line in shown), f"the example prints no {code}"
    assert result.exit_code == (1 if ": error: " in example.output else 0)


def test_a_warning_is_silenced_as_the_doc_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The line in "Silencing a warning" is the W201 example's reported line, with a comment that works."""
    example = example_of(CODE_SECTIONS["W201"])
    ((name, data),) = example.files.items()
    line = int(example.output.split(":")[1])
    shown = next(m.group(3) for m in FENCE.finditer(section(DIAG_TEXT, 2, "Silencing a warning")) if m.group(1) == "yaml")
    lines = data.decode("utf-8").splitlines()
    code_part = lines[line - 1].split("#", 1)[0].rstrip()  # the example marks lines with "# <--" notes
    assert shown.rstrip("\n").startswith(code_part + " "), "the doc's line is not the one the warning points at"
    lines[line - 1] = shown.rstrip("\n")
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--strict", name])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
