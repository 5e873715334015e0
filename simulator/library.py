"""Finding, checking and loading scenario files, with a parse cache keyed by content.

``check_file`` answers "what is wrong with this file, and what is it?" and caches the
answer under the SHA-256 of the file's bytes (plus the simulator's version), so an
unchanged file is not parsed again; listing a large library and re-validating are then
a hash and a small JSON read per file. The cache lives in the user's cache folder
(``IPT_SIM_CACHE_DIR`` overrides; ``off`` disables) and holds no scenario text.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from simulator import __version__
from simulator.errors import Diagnostic, ScenarioInvalid, UnknownScenario
from simulator.expressions import suggest
from simulator.model import Scenario, ScenarioInfo

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class FileResult:
    """What checking one file found: its diagnostics, and what it is if it could be read."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    info: ScenarioInfo | None
    id_pos: tuple[int, int] | None  # where the id is written, for duplicate-id errors

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def bundled_dir() -> Path:
    """The bundled scenarios: inside the installed package, or the checkout's scenarios/."""
    packaged = Path(__file__).parent / "_bundled"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "scenarios"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and folders searched recursively for .yaml/.yml, in sorted order;
    a file named twice (or found through two of the paths) comes once."""
    seen: set[Path] = set()
    for p in map(Path, paths):
        found = sorted(f for f in p.rglob("*") if f.suffix in SUFFIXES and f.is_file()) if p.is_dir() else [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def _cache_dir() -> Path | None:
    env = os.environ.get("IPT_SIM_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ipt-sim"))


@cache
def _salt() -> bytes:
    """What besides the file decides its diagnostics: this simulator's code and data.

    The version alone is not enough (an edited checkout keeps its version), so the size
    and modification time of every file in the package are folded in: a few dozen stat
    calls, and a stale answer from the cache is impossible.
    """
    h = hashlib.sha256(f"ipt-sim {__version__}\n".encode())
    root = Path(__file__).parent
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".yaml", ".json") and "_bundled" not in f.parts:
            st = f.stat()
            h.update(f"{f.relative_to(root)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.digest()


def _key(data: bytes) -> str:
    return hashlib.sha256(_salt() + data).hexdigest()


def _from_cache(path: str, key: str) -> FileResult | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        raw = json.loads((folder / f"{key}.json").read_text("utf-8"))
        diags = tuple(Diagnostic(path, d["line"], d["col"], d["severity"], d["code"], d["message"]) for d in raw["diagnostics"])
        info = ScenarioInfo(**raw["info"], path=path) if raw["info"] else None
        id_pos = tuple(raw["id_pos"]) if raw["id_pos"] else None
        return FileResult(path, diags, info, id_pos)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _to_cache(key: str, result: FileResult) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    info = result.info.as_dict() if result.info else None
    if info:
        info.pop("path")
    raw = {
        "diagnostics": [{k: v for k, v in d.as_dict().items() if k != "file"} for d in result.diagnostics],
        "info": info,
        "id_pos": result.id_pos,
    }
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(raw), "utf-8")
        tmp.replace(folder / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written is only slower


def read_bytes(path: Path) -> tuple[bytes | None, Diagnostic | None]:
    try:
        return path.read_bytes(), None
    except IsADirectoryError:
        return None, Diagnostic(str(path), 1, 1, "error", "E100", "is a folder, not a scenario file")
    except FileNotFoundError:
        return None, Diagnostic(str(path), 1, 1, "error", "E100", "no such file")
    except OSError as err:
        return None, Diagnostic(str(path), 1, 1, "error", "E100", f"cannot be read: {err.strerror}")


def check_file(path: Path) -> FileResult:
    """Diagnostics and listing facts for one file, from the cache when unchanged."""
    name = str(path)
    data, problem = read_bytes(path)
    if data is None:
        assert problem is not None
        return FileResult(name, (problem,), None, None)
    key = _key(data)
    hit = _from_cache(name, key)
    if hit is not None:
        return hit
    scenario, diags, id_pos = _parse(data, name)
    info = _info(scenario, name) if scenario else None
    result = FileResult(name, tuple(diags), info, id_pos)
    _to_cache(key, result)
    return result


def _parse(data: bytes, name: str, lint: bool = True) -> tuple[Scenario | None, list[Diagnostic], tuple[int, int] | None]:
    from simulator.validate import load_text_with_id

    # A parse builds many small objects (the positioned YAML tree, the model) and no garbage
    # cycles: the cyclic collector would only walk them again and again, a quarter of the
    # time of a large file (as in explore.analyse).
    collecting = gc.isenabled()
    gc.disable()
    try:
        scenario, diags, id_pos = load_text_with_id(data, name)
        if scenario is not None and lint:
            from simulator.lint import lint as run_lint

            diags = diags + run_lint(scenario, name)
    finally:
        if collecting:
            gc.enable()
    return scenario, diags, id_pos


def _info(s: Scenario, path: str) -> ScenarioInfo:
    return ScenarioInfo(s.id, s.title, s.area, s.stage, s.phase, s.perspective, path)


def load(path: Path) -> Scenario:
    """A playable scenario from a file, or :class:`ScenarioInvalid` with every error."""
    data, problem = read_bytes(path)
    if data is None:
        assert problem is not None
        raise ScenarioInvalid([problem])
    scenario, diags, _ = _parse(data, str(path), lint=False)
    if scenario is None:
        raise ScenarioInvalid(diags)
    import dataclasses

    return dataclasses.replace(scenario, path=str(path), sha256=hashlib.sha256(data).hexdigest())


def bundled() -> list[FileResult]:
    """Every bundled scenario file, checked (through the cache)."""
    return [check_file(f) for f in iter_files([bundled_dir()])]


def find(ref: str) -> Path:
    """A scenario file from a path or a bundled scenario id."""
    p = Path(ref)
    if p.suffix in SUFFIXES or os.sep in ref or p.exists():
        if p.is_dir():
            raise UnknownScenario(
                f"'{ref}' is a folder: give one scenario file in it, e.g. `ipt-sim play {p / 'NAME.yaml'}` "
                "(`ipt-sim validate` checks a whole folder)"
            )
        if not p.is_file():
            raise UnknownScenario(f"no scenario file '{ref}'")
        return p
    ids = {r.info.id: Path(r.path) for r in bundled() if r.info}
    if ref in ids:
        return ids[ref]
    raise UnknownScenario(f"no bundled scenario '{ref}'{suggest(ref, ids)}; `ipt-sim list` shows them")
