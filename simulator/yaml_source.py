"""The one seam for YAML: text in, a positioned node tree and diagnostics out.

PyYAML's composer keeps no positions on plain dicts, keeps the last of duplicate keys,
expands aliases, and (the C one) crashes on very deep nesting. So this module reads the
safe C parser's event stream and composes its own small tree, which:

- records the 1-based line and column of every key and value,
- reports duplicate keys instead of silently keeping one,
- refuses nesting deeper than ``MAX_DEPTH`` before anything recursive runs,
- counts what aliases *would* expand to, without expanding them (no alias bomb),
- refuses every tag but the plain YAML ones (``!!python/...`` never constructs anything),
- stops after ``MAX_VALUES`` values or ``MAX_PROBLEMS`` problems, so that no file of up to
  ``MAX_BYTES`` takes more than a moment to check.

A scalar whose problem has been reported here (a refused tag, an alias to nothing) is
tagged ``BROKEN``: the validator says nothing more about it.

It is also several times faster than ``yaml.compose`` on large files, since no
``yaml.Node`` objects are built.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Final

import yaml
from yaml.resolver import Resolver

from simulator.controls import first_control
from simulator.errors import Diagnostic

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES: Final = 10_000_000
MAX_DEPTH: Final = 64
# A 1,000-state scenario holds about 80,000 values; composing costs ~2 µs a value.
MAX_VALUES: Final = 1_000_000  # a 5,000-state scenario holds about 410,000
MAX_PROBLEMS: Final = 100  # per file: past this, more messages would only bury the first
MAX_MESSAGE: Final = 300  # characters of a message: an echoed key or value may be huge

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_YAML + t for t in ("str", "int", "float", "bool", "null"))
_MERGE = _YAML + "merge"
BROKEN: Final = "tag:ipt-sim,2024:broken"
_PLAIN_TAGS: Final = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_RESOLVER = Resolver()


def clean(message: str) -> str:
    """A message safe to print on one line: an author's text may hold line breaks or
    terminal escapes, shown escaped instead, and may be very long, shown cut short."""
    if not message.isprintable():
        message = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def load_data(text: str) -> object:
    """Plain data from the package's own files (catalogs); still the safe loader."""
    return yaml.load(text, Loader=_Loader)


class YNode:
    """A value in the document, with where it starts."""

    __slots__ = ("col", "line", "size")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.size = 1  # values this node stands for once aliases are expanded


class YScalar(YNode):
    """A scalar; ``tag`` is already resolved (``STR``, ``INT``, ...).

    ``body`` is where the text of a literal block scalar (``|``) starts: its lines map one
    to one onto the file's, so a problem on its third line can be reported there.
    """

    __slots__ = ("body", "tag", "value")

    def __init__(self, line: int, col: int, value: str, tag: str, body: tuple[int, int] | None = None) -> None:
        super().__init__(line, col)
        self.value = value
        self.tag = tag
        self.body = body

    def to_python(self) -> object:
        """The plain Python value (used for scalars of known tags only)."""
        if self.tag == INT:
            return _int(self.value)
        if self.tag == BOOL:
            return self.value.lower() in ("yes", "true", "on", "y")
        if self.tag == NULL:
            return None
        if self.tag == FLOAT:
            try:
                return float(self.value.replace("_", ""))
            except ValueError:
                return self.value
        return self.value


class YMap(YNode):
    """A mapping: ``entries`` keeps the first of duplicate keys, in file order."""

    __slots__ = ("entries",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.entries: dict[str, tuple[YScalar, YNode]] = {}


class YSeq(YNode):
    """A sequence."""

    __slots__ = ("items",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.items: list[YNode] = []


def _int(text: str) -> int | str:
    t = text.replace("_", "")
    try:
        if t.lower().startswith(("0x", "+0x", "-0x")):
            return int(t, 16)
        if t.lower().startswith(("0o", "+0o", "-0o")):
            return int(t, 8)
        return int(t, 10)
    except ValueError:
        return text


class _Abort(Exception):
    """Stop composing: the document cannot be read further."""


class _Positions:
    """Line and column as an editor shows them, from a libyaml mark.

    libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a
    line, and places the end of a file without a final newline on a line after it; where
    the text has either, the mark's character index is counted again on ``\n`` alone.
    """

    __slots__ = ("breaks", "odd")

    def __init__(self, text: str) -> None:
        self.odd = bool(text) and (not text.endswith("\n") or any(c in text for c in "\x85\u2028\u2029"))
        self.breaks = [i for i, c in enumerate(text) if c == "\n"] if self.odd else []

    def __call__(self, mark: Any) -> tuple[int, int]:
        if not self.odd:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_left(self.breaks, mark.index)  # newlines before the index
        start = self.breaks[line - 1] + 1 if line else 0
        return line + 1, mark.index - start + 1


# ``key: 'x' in visited``: a quoted scalar with more text after its closing quote.
_QUOTED_THEN_MORE = re.compile(r":\s+(?:'[^']*'|\"[^\"]*\")[ \t]+[^\s#]")


def _where(err: yaml.YAMLError, text: str, at: _Positions | None = None) -> tuple[int, int]:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        return (at or _Positions(text))(mark)
    pos = getattr(err, "position", None)
    if isinstance(pos, int):
        before = text[:pos]
        return before.count("\n") + 1, pos - (before.rfind("\n") + 1) + 1
    return 1, 1


def _yaml_message(err: yaml.YAMLError, text: str, line: int, col: int) -> str:
    if isinstance(err, yaml.MarkedYAMLError):
        context = err.context or ""
        start = err.context_mark
        opened = _Positions(text)(start)[0] if start is not None else line
        if context and opened != line:  # an unclosed [ { or quote: say where it opened
            context += f" (from line {opened})"
        parts = [p for p in (context, err.problem) if p]
        lines = text.split("\n")
        tab = 0 < line <= len(lines) and lines[line - 1][col - 1 : col] == "\t" and "tab" not in (err.problem or "")
        hint = " (this is a tab: indent YAML with spaces)" if tab else ""
        if err.problem == "mapping values are not allowed in this context":
            hint = " (put text holding ': ' in quotes, or check this line's indentation)"
        elif _QUOTED_THEN_MORE.search(lines[line - 1] if 0 < line <= len(lines) else "") or (
            start is not None and _QUOTED_THEN_MORE.search(lines[opened - 1] if 0 < opened <= len(lines) else "")
        ):
            hint = " (a value that starts with a quote must end with it: wrap it all in double quotes, \"'door' in visited\")"
        return ("YAML syntax: " + ", ".join(parts) if parts else "YAML syntax error") + hint
    reason = getattr(err, "reason", None)
    if reason:
        return f"YAML cannot read this character: {reason}"
    return "YAML syntax error"


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, refusing what is too large or not UTF-8 (with where it fails)."""
    if len(data) > MAX_BYTES:
        return None, [
            Diagnostic(file, 1, 1, "error", "E100", f"file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Diagnostic(file, 1, 1, "error", "E100", "file is UTF-16 (or UTF-32) text; save it as UTF-8")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        head = data[: err.start]
        line = head.count(b"\n") + 1
        col = err.start - (head.rfind(b"\n") + 1) + 1
        msg = f"file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded); save it as UTF-8"
        return None, [Diagnostic(file, line, col, "error", "E100", msg)]
    if "\x00" in text:
        head = data[:400]
        if len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) >= 0.8 * len(head) // 2:
            return None, [
                Diagnostic(file, 1, 1, "error", "E100", "file looks like UTF-16 text (every other byte is NUL); save it as UTF-8")
            ]
        at = text.index("\x00")
        before = text[:at]
        line, col = before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1
        return None, [Diagnostic(file, line, col, "error", "E100", "file contains a NUL byte: it looks binary, not YAML")]
    return text, []


def _scalar_tag(tag: str, value: str) -> tuple[str, str | None]:
    """The tag of an explicitly tagged scalar, and what is wrong with it (or None)."""
    shown = tag.replace(_YAML, "!!")
    if tag not in _PLAIN_TAGS:
        return BROKEN, f"tag '{shown}' is not allowed: scenarios are plain YAML (text, numbers, lists, mappings)"
    if tag == STR:
        return STR, None
    implied = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if implied == tag or (tag == FLOAT and implied == INT):
        return tag, None
    if tag in (_YAML + "map", _YAML + "seq"):
        return BROKEN, f"tag '{shown}' is for a {'mapping' if tag.endswith('map') else 'list'}, not a single value"
    return BROKEN, f"'{value}' is not a valid {shown}"


def _deep_flow(text: str, limit: int) -> tuple[int, int] | None:
    """Where flow brackets (outside quotes) first open deeper than ``limit``, if they do."""
    depth, line, col, quote = 0, 1, 0, ""
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line, col
        elif ch in "]}":
            depth -= 1
    return None


def _body(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """Where the text of a literal block scalar whose ``|`` is at (line, col) starts."""
    for i in range(line, min(len(lines), line + 1000)):  # the first non-blank line gives the indentation
        if lines[i].strip():
            return line + 1, len(lines[i]) - len(lines[i].lstrip(" ")) + 1
    return line + 1, col


def compose(text: str, file: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Compose one YAML document into a positioned tree; all problems found are returned.

    Returns ``(None, diagnostics)`` when the document cannot be read at all.
    """
    composer = _Composer(text, file)
    loader = _Loader(text)
    at = _Positions(text)
    try:
        composer.run(loader, at)
    except _Abort:
        return None, composer.diags
    except yaml.YAMLError as err:
        composer.diags.append(_unreadable(err, text, file, at))
        return None, composer.diags
    except RecursionError:  # pragma: no cover - depth is bounded above
        composer.diags.append(Diagnostic(file, 1, 1, "error", "E105", "the document is nested too deeply"))
        return None, composer.diags
    finally:
        loader.dispose()
    return composer.root, composer.diags


def _unreadable(err: yaml.YAMLError, text: str, file: str, at: _Positions) -> Diagnostic:
    """The one error for a document libyaml cannot read past."""
    if "maximum nesting depth" in str(err):
        # libyaml (0.2.5+) refuses flow nesting past 1000 while scanning ahead, before the
        # events reach MAX_DEPTH: report it as the nesting it is, where it passes the limit.
        line, col = _deep_flow(text, MAX_DEPTH) or _where(err, text)
        return Diagnostic(
            file, line, col, "error", "E105", f"nesting is deeper than {MAX_DEPTH} levels; a scenario never needs this"
        )
    line, col = _where(err, text, at)
    return Diagnostic(file, line, col, "error", "E110", _yaml_message(err, text, line, col))


class _Composer:
    """What composing one document keeps between events: the open collections, the anchors,
    the values counted so far and the problems found. A class (not closures inside
    ``compose``) so that each kind of event has its own small method."""

    __slots__ = ("anchors", "diags", "documents", "file", "root", "stack", "text", "values")

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.diags: list[Diagnostic] = []
        self.anchors: dict[str, YNode] = {}
        # Each open collection: (node, anchor, pending key or None, merges)
        self.stack: list[tuple[YNode, str | None, list[YNode | None], list[tuple[YNode, YScalar]]]] = []
        self.root: YNode | None = None
        self.documents = 0
        self.values = 0  # in the whole document so far, an alias counting as all it stands for

    def run(self, loader: Any, at: _Positions) -> None:
        """Compose every event. Scalars, most of a document, are handled inline: this loop is
        the hot path of validation; the rarer events each have a method."""
        text, error, attach, anchors = self.text, self.error, self.attach, self.anchors
        lines: list[str] = []  # the text's lines, split only if a literal block scalar needs them
        resolved: dict[str, str] = {}  # plain scalar text -> tag; documents repeat values a lot
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while loader.check_event():
            ev = loader.get_event()
            line, col = at(ev.start_mark)
            if type(ev) is scalar_event:
                body = None
                if ev.style == "|":
                    lines = lines or text.split("\n")
                    body = _body(lines, line, col)
                if ev.tag is None or ev.tag == "!":
                    if ev.implicit[0]:
                        tag = resolved.get(ev.value) or resolved.setdefault(
                            ev.value,
                            _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False)),  # type: ignore[no-untyped-call]
                        )
                    else:
                        tag = STR
                else:
                    tag = self.explicit_tag(ev.tag, ev.value, line, col)
                bad = first_control(ev.value, block=ev.style in ("|", ">"))
                if bad is not None:
                    error(line, col, "E224", f"text holds the control character {bad}, which could drive the learner's "
                          "terminal (clear it, retitle it, hide words); remove it")  # fmt: skip
                node: YNode = YScalar(line, col, ev.value, tag, body)
                if ev.anchor:
                    anchors[ev.anchor] = node
                attach(node, line, col)
            elif isinstance(ev, starts):
                self.open(ev, line, col)
            elif isinstance(ev, ends):
                self.close()
            elif type(ev) is alias_event:
                self.alias(ev, line, col)
            elif isinstance(ev, yaml.DocumentStartEvent):
                self.document(line, col)

    def error(self, line: int, col: int, code: str, message: str) -> None:
        """Record a problem; past ``MAX_PROBLEMS``, say so and stop reading."""
        if len(self.diags) >= MAX_PROBLEMS:
            self.diags.append(
                Diagnostic(self.file, line, col, "error", "E108", f"more than {MAX_PROBLEMS} problems: stopped reading here")
            )
            raise _Abort
        self.diags.append(Diagnostic(self.file, line, col, "error", code, clean(message)))

    def explicit_tag(self, tag: str, value: str, line: int, col: int) -> str:
        """The tag of a scalar written with one, reporting a refused or mismatched tag."""
        tag, problem = _scalar_tag(tag, value)
        if problem:
            self.error(line, col, "E104", problem)
        return tag

    def attach(self, node: YNode, line: int, col: int, added: int = 1) -> None:
        """Add a composed node (or an alias's target, written at line:col) to its parent."""
        self.values += added
        if self.values > MAX_VALUES:
            self.error(
                line,
                col,
                "E101",
                f"the document holds more than {MAX_VALUES:,} values (aliases expanded); a scenario never needs this",
            )
            raise _Abort
        if not self.stack:
            self.root = node
            return
        parent, _anchor, pending, merges = self.stack[-1]
        parent.size += node.size
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        assert isinstance(parent, YMap)
        if pending[0] is None:
            pending[0] = node
            return
        key, pending[0] = pending[0], None
        if not isinstance(key, YScalar):
            written = self.text.split("\n")[key.line - 1 : key.line]  # unquoted {{ reads as a mapping inside a mapping
            hint = (
                ' (text that starts with {{ must be in double quotes: "{{ speaker.name }} ...")'
                if "{{" in "".join(written)
                else ""
            )
            self.error(key.line, key.col, "E102", "a key must be plain text, not a list or mapping" + hint)
            return
        if key.tag == _MERGE:
            merges.append((node, key))
            return
        if key.tag == BROKEN:
            return
        name = key.value
        if name in parent.entries:
            first = parent.entries[name][0]
            self.error(
                key.line,
                key.col,
                "E103",
                f"duplicate key '{name}' (first defined at line {first.line}); YAML would silently keep only one",
            )
            return
        parent.entries[name] = (key, node)

    def open(self, ev: Any, line: int, col: int) -> None:
        """Start a mapping or list, refusing nesting past ``MAX_DEPTH`` before anything recursive runs."""
        if len(self.stack) >= MAX_DEPTH:
            self.error(line, col, "E105", f"nesting is deeper than {MAX_DEPTH} levels; a scenario never needs this")
            raise _Abort
        if isinstance(ev, yaml.MappingStartEvent):
            self.collection_tag(ev.tag, line, col, _YAML + "map")
            self.stack.append((YMap(line, col), ev.anchor, [None], []))
        else:
            self.collection_tag(ev.tag, line, col, _YAML + "seq")
            self.stack.append((YSeq(line, col), ev.anchor, [None], []))

    def close(self) -> None:
        """End the innermost collection: apply its merge keys, name its anchor, attach it."""
        node, anchor, _pending, merges = self.stack.pop()
        if isinstance(node, YMap):
            for value, key in merges:
                sources = value.items if isinstance(value, YSeq) else [value]
                for src in sources:
                    if isinstance(src, YScalar) and src.tag == BROKEN:
                        continue
                    if not isinstance(src, YMap):
                        self.error(key.line, key.col, "E102", "a merge key '<<' needs a mapping (or a list of mappings) to merge")
                        continue
                    for k, entry in src.entries.items():
                        node.entries.setdefault(k, entry)
        if anchor:
            self.anchors[anchor] = node
        self.attach(node, node.line, node.col)

    def collection_tag(self, event_tag: str | None, line: int, col: int, default: str) -> None:
        """Report a tag on a mapping or list that is not its own plain one."""
        if event_tag is None or event_tag in ("!", "?", default):
            return
        shown = event_tag.replace(_YAML, "!!")
        this = "a mapping" if default.endswith("map") else "a list"
        if event_tag not in _PLAIN_TAGS:
            self.error(
                line, col, "E104", f"tag '{shown}' is not allowed: scenarios are plain YAML (text, numbers, lists, mappings)"
            )
        elif event_tag.endswith(("map", "seq")):
            self.error(
                line, col, "E104", f"tag '{shown}' is for {'a mapping' if event_tag.endswith('map') else 'a list'}, not {this}"
            )
        else:
            self.error(line, col, "E104", f"tag '{shown}' is for a single value, not {this}")

    def alias(self, ev: Any, line: int, col: int) -> None:
        """Attach what an alias stands for, counted in full but never expanded (no alias bomb)."""
        target = self.anchors.get(ev.anchor or "")
        if target is None:
            self.error(
                line,
                col,
                "E106",
                f"alias '*{ev.anchor}' refers to no anchor defined before it (or to the node that contains it)",
            )
            target = YScalar(line, col, "", BROKEN)
        elif isinstance(target, YScalar):  # a copy, so that problems with it are reported here
            target = YScalar(line, col, target.value, target.tag, target.body)
        self.attach(target, line, col, target.size)

    def document(self, line: int, col: int) -> None:
        """Count documents: a scenario file holds one."""
        self.documents += 1
        if self.documents > 1:
            self.error(line, col, "E107", "a scenario file holds one YAML document; a second one starts here")
            raise _Abort
