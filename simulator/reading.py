"""Reading primitives: the shapes a scenario's values must have (a mapping, text, a whole
number, one of some ids...), each reporting where a value breaks its shape and carrying on.

:class:`Reader` collects one file's diagnostics; the object readers in :mod:`simulator.validate`
are written with it, and the known keys of each object come from :data:`simulator.spec.OBJECTS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TypeVar

from simulator.errors import Diagnostic
from simulator.expressions import suggest
from simulator.model import Pos, Source
from simulator.spec import IDENT, OBJECTS, SCENARIO_ID, SLUG, Key
from simulator.yaml_source import (
    BOOL,
    BROKEN,
    FLOAT,
    INT,
    MAX_MESSAGE,
    MAX_PROBLEMS,
    NULL,
    STR,
    YMap,
    YNode,
    YScalar,
    YSeq,
    clean,
)

SLUG_RX = re.compile(SLUG)
SCENARIO_ID_RX = re.compile(SCENARIO_ID)
IDENT_RX = re.compile(IDENT)
_TEXTUAL = frozenset({STR, INT, FLOAT, "tag:yaml.org,2002:timestamp"})
_KINDS = {YMap: "a mapping", YSeq: "a list"}
T = TypeVar("T")


def kind_of(node: YNode) -> str:
    if isinstance(node, YScalar):
        return {INT: "a number", FLOAT: "a number", BOOL: "true/false", NULL: "nothing (null)"}.get(node.tag, "text")
    return _KINDS[type(node)]


class TooMany(Exception):
    """Stop reading: ``MAX_PROBLEMS`` have been reported for this file."""


class Reader:
    """Collects diagnostics for one file while turning its tree into model objects."""

    def __init__(self, file: str, reported: int = 0) -> None:
        self.file = file
        self.diags: list[Diagnostic] = []
        self.reported = reported  # errors found in this file so far, the YAML layer's included
        self.silenced = False  # an error was not repeated: the YAML layer reported it
        # Checked once all names are known: (source, scope name, what, whether its lines map onto the file's)
        self.pending: list[tuple[Source, str, str, bool]] = []

    # -- reporting ---------------------------------------------------------------

    def add(self, d: Diagnostic) -> None:
        """Record a problem; errors past ``MAX_PROBLEMS`` stop the reading (warnings, at most
        a few per state, never do: they must not make a playable scenario unplayable)."""
        if d.severity == "error" and self.reported >= MAX_PROBLEMS:
            self.diags.append(
                Diagnostic(self.file, d.line, d.col, "error", "E108", f"more than {MAX_PROBLEMS} problems: stopped checking here")
            )
            raise TooMany
        self.reported += d.severity == "error"
        self.diags.append(
            d if d.message.isprintable() and len(d.message) <= MAX_MESSAGE else replace(d, message=clean(d.message))
        )

    def error(self, node: YNode, code: str, message: str) -> None:
        if isinstance(node, YScalar) and node.tag == BROKEN:
            self.silenced = True
            return
        self.add(Diagnostic(self.file, node.line, node.col, "error", code, message))

    def warning(self, node: YNode | Pos, code: str, message: str) -> None:
        self.add(Diagnostic(self.file, node.line, node.col, "warning", code, message))

    @property
    def failed(self) -> bool:
        return self.silenced or any(d.severity == "error" for d in self.diags)

    # -- shapes ------------------------------------------------------------------

    def mapping(self, node: YNode, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.error(node, "E201", f"{what} must be a mapping of keys to values, not {kind_of(node)}")
        return None

    def keys(self, node: YMap, obj: str, what: str) -> dict[str, tuple[YScalar, YNode]]:
        """The entries of an object; unknown keys and missing required keys are reported."""
        spec: tuple[Key, ...] = OBJECTS[obj]
        known = {k.name for k in spec}
        for name, (key, _value) in node.entries.items():
            if name not in known:
                self.error(key, "E202", f"unknown key '{name}' in {what}{suggest(name, known)}")
        for k in spec:
            if k.required and k.name not in node.entries:
                self.error(node, "E203", f"{what} is missing the required key '{k.name}'")
        return node.entries

    def text(self, node: YNode, what: str, allow_empty: bool = True) -> str | None:
        if isinstance(node, YScalar) and node.tag in _TEXTUAL:
            if not allow_empty and not node.value.strip():
                self.error(node, "E204", f"{what} must not be empty")
                return None
            return node.value
        if isinstance(node, YScalar) and node.tag == BOOL:
            self.error(node, "E205", f"{what} must be text, but '{node.value}' reads as true/false in YAML: put it in quotes")
        elif isinstance(node, YScalar) and node.tag == NULL:
            self.error(node, "E205", f'{what} is empty (null); write "" for empty text')
        else:
            self.error(node, "E205", f"{what} must be text, not {kind_of(node)}")
        return None

    def integer(self, node: YNode, what: str) -> int | None:
        if isinstance(node, YScalar) and node.tag == INT:
            value = node.to_python()
            if isinstance(value, int):
                return value
        self.error(
            node, "E206", f"{what} must be a whole number, not {kind_of(node)} '{getattr(node, 'value', '')}'".replace(" ''", "")
        )
        return None

    def boolean(self, node: YNode, what: str) -> bool | None:
        if isinstance(node, YScalar) and node.tag == BOOL:
            return bool(node.to_python())
        self.error(node, "E207", f"{what} must be true or false, not {kind_of(node)}")
        return None

    def pattern(self, node: YNode, what: str, rx: re.Pattern[str], shape: str) -> str | None:
        value = self.text(node, what, allow_empty=False)
        if value is None:
            return None
        if not rx.match(value):
            self.error(node, "E208", f"{what} '{value}' is not {shape}")
            return None
        return value

    def slug(self, node: YNode, what: str) -> str | None:
        return self.pattern(node, what, SLUG_RX, "a slug (lowercase letters, digits, single - or _ between them)")

    def one_of(self, node: YNode, what: str, values: Iterable[str], code: str = "E301") -> str | None:
        value = self.text(node, what, allow_empty=False)
        if value is None:
            return None
        known = tuple(values)
        if value not in known:
            self.error(node, code, f"unknown {what} '{value}'{suggest(value, known)}")
            return None
        return value

    def items(self, node: YNode, what: str) -> list[YNode]:
        if isinstance(node, YSeq):
            return node.items
        self.error(node, "E201", f"{what} must be a list, not {kind_of(node)}")
        return []

    def each(self, node: YNode, what: str, read: Callable[[str, YScalar, YNode], T | None], slugs: bool = True) -> dict[str, T]:
        """Read a mapping of id -> object; keys must be slugs (unless ``read`` checks them)."""
        out: dict[str, T] = {}
        m = self.mapping(node, what)
        if m is None:
            return out
        for name, (key, value) in m.entries.items():
            if slugs and not SLUG_RX.match(name):
                self.error(
                    key, "E208", f"id '{name}' in {what} is not a slug (lowercase letters, digits, single - or _ between them)"
                )
            item = read(name, key, value)
            if item is not None:
                out[name] = item
        return out

    def source(self, node: YNode, what: str, scope: str) -> Source | None:
        """An expression or template, checked later; a literal block (``|``) is placed at its text."""
        value = self.text(node, what)
        if value is None:
            return None
        body = node.body if isinstance(node, YScalar) else None
        src = Source(value, Pos(*body) if body else Pos(node.line, node.col))
        # Folded and multi-line plain text loses its line breaks: report at its start.
        self.pending.append((src, scope, what, body is not None or "\n" not in value))
        return src


def freeze(d: Mapping[str, T]) -> Mapping[str, T]:
    return MappingProxyType(dict(d))


__all__ = ["IDENT_RX", "SCENARIO_ID_RX", "SLUG_RX", "Reader", "TooMany", "freeze", "kind_of"]
