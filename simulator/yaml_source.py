"""The one seam for YAML: text in, a positioned node tree and diagnostics out.

PyYAML's composer keeps no positions on plain dicts, keeps the last of duplicate keys,
expands aliases, and (the C one) crashes on very deep nesting. So this module reads the
safe C parser's event stream and composes its own small tree, which:

- records the 1-based line and column of every key and value,
- reports duplicate keys instead of silently keeping one,
- refuses nesting deeper than ``MAX_DEPTH`` before anything recursive runs,
- counts what aliases *would* expand to, without expanding them (no alias bomb),
- refuses every tag but the plain YAML ones (``!!python/...`` never constructs anything).

It is also several times faster than ``yaml.compose`` on large files, since no
``yaml.Node`` objects are built.
"""

from __future__ import annotations

from typing import Final

import yaml
from yaml.resolver import Resolver

from simulator.errors import Diagnostic

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES: Final = 5_000_000
MAX_DEPTH: Final = 64
MAX_EXPANDED: Final = 1_000_000

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_YAML + t for t in ("str", "int", "float", "bool", "null"))
_MERGE = _YAML + "merge"
_PLAIN_TAGS: Final = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_RESOLVER = Resolver()


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
    """A scalar; ``tag`` is already resolved (``STR``, ``INT``, ...)."""

    __slots__ = ("tag", "value")

    def __init__(self, line: int, col: int, value: str, tag: str) -> None:
        super().__init__(line, col)
        self.value = value
        self.tag = tag

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


def _where(err: yaml.YAMLError, text: str) -> tuple[int, int]:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    pos = getattr(err, "position", None)
    if isinstance(pos, int):
        before = text[:pos]
        return before.count("\n") + 1, pos - (before.rfind("\n") + 1) + 1
    return 1, 1


def _yaml_message(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError):
        parts = [p for p in (err.context, err.problem) if p]
        return "YAML syntax: " + ", ".join(parts) if parts else "YAML syntax error"
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        head = data[: err.start]
        line = head.count(b"\n") + 1
        col = err.start - (head.rfind(b"\n") + 1) + 1
        msg = f"file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded); save it as UTF-8"
        return None, [Diagnostic(file, line, col, "error", "E100", msg)]
    if "\x00" in text:
        at = text.index("\x00")
        before = text[:at]
        line, col = before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1
        return None, [Diagnostic(file, line, col, "error", "E100", "file contains a NUL byte: it looks binary, not YAML")]
    return text, []


def compose(text: str, file: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Compose one YAML document into a positioned tree; all problems found are returned.

    Returns ``(None, diagnostics)`` when the document cannot be read at all.
    """
    diags: list[Diagnostic] = []

    def error(line: int, col: int, code: str, message: str) -> None:
        diags.append(Diagnostic(file, line, col, "error", code, message))

    anchors: dict[str, YNode] = {}
    # Each open collection: (node, anchor, pending key or None, merges)
    stack: list[tuple[YNode, str | None, list[YNode | None], list[tuple[YNode, YScalar]]]] = []
    root: YNode | None = None
    documents = 0

    def attach(node: YNode) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, _anchor, pending, merges = stack[-1]
        parent.size += node.size
        if parent.size > MAX_EXPANDED:
            error(node.line, node.col, "E101", f"the document expands to more than {MAX_EXPANDED:,} values (too many aliases?)")
            raise _Abort
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        assert isinstance(parent, YMap)
        if pending[0] is None:
            pending[0] = node
            return
        key, pending[0] = pending[0], None
        if not isinstance(key, YScalar):
            error(key.line, key.col, "E102", "a key must be plain text, not a list or mapping")
            return
        if key.tag == _MERGE:
            merges.append((node, key))
            return
        name = key.value
        if name in parent.entries:
            first = parent.entries[name][0]
            error(
                key.line,
                key.col,
                "E103",
                f"duplicate key '{name}' (first defined at line {first.line}); YAML would silently keep only one",
            )
            return
        parent.entries[name] = (key, node)

    def close() -> None:
        node, anchor, _pending, merges = stack.pop()
        if isinstance(node, YMap):
            for value, key in merges:
                sources = value.items if isinstance(value, YSeq) else [value]
                for src in sources:
                    if not isinstance(src, YMap):
                        error(key.line, key.col, "E102", "a merge key '<<' needs a mapping (or a list of mappings) to merge")
                        continue
                    for k, entry in src.entries.items():
                        node.entries.setdefault(k, entry)
        if anchor:
            anchors[anchor] = node
        attach(node)

    def tag_of(event_tag: str | None, line: int, col: int, default: str) -> str:
        if event_tag is None or event_tag in ("!", "?"):
            return default
        if event_tag not in _PLAIN_TAGS:
            shown = event_tag.replace(_YAML, "!!")
            error(line, col, "E104", f"tag '{shown}' is not allowed: scenarios are plain YAML (text, numbers, lists, mappings)")
        return event_tag

    resolved: dict[str, str] = {}  # plain scalar text -> tag; documents repeat values a lot
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    loader = _Loader(text)
    try:
        while loader.check_event():
            ev = loader.get_event()
            mark = ev.start_mark
            line, col = mark.line + 1, mark.column + 1
            if type(ev) is scalar_event:
                if ev.tag is None or ev.tag == "!":
                    if ev.implicit[0]:
                        tag = resolved.get(ev.value) or resolved.setdefault(
                            ev.value,
                            _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False)),  # type: ignore[no-untyped-call]
                        )
                    else:
                        tag = STR
                else:
                    tag = tag_of(ev.tag, line, col, STR)
                node: YNode = YScalar(line, col, ev.value, tag)
                if ev.anchor:
                    anchors[ev.anchor] = node
                attach(node)
            elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    error(line, col, "E105", f"nesting is deeper than {MAX_DEPTH} levels; a scenario never needs this")
                    raise _Abort
                if isinstance(ev, yaml.MappingStartEvent):
                    tag_of(ev.tag, line, col, _YAML + "map")
                    stack.append((YMap(line, col), ev.anchor, [None], []))
                else:
                    tag_of(ev.tag, line, col, _YAML + "seq")
                    stack.append((YSeq(line, col), ev.anchor, [None], []))
            elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                close()
            elif type(ev) is alias_event:
                target = anchors.get(ev.anchor or "")
                if target is None:
                    error(
                        line,
                        col,
                        "E106",
                        f"alias '*{ev.anchor}' refers to no anchor defined before it (or to the node that contains it)",
                    )
                    target = YScalar(line, col, "", NULL)
                attach(target)
            elif isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    error(line, col, "E107", "a scenario file holds one YAML document; a second one starts here")
                    raise _Abort
    except _Abort:
        return None, diags
    except yaml.YAMLError as err:
        line, col = _where(err, text)
        diags.append(Diagnostic(file, line, col, "error", "E110", _yaml_message(err)))
        return None, diags
    except RecursionError:  # pragma: no cover - depth is bounded above
        diags.append(Diagnostic(file, 1, 1, "error", "E105", "the document is nested too deeply"))
        return None, diags
    finally:
        loader.dispose()
    return root, diags
