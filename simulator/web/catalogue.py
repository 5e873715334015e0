"""The scenarios a web app offers: its library folders, indexed by id, parsed once per content.

Nothing here is session state: the index and the parsed scenarios are a cache of files
every app process reads the same way, keyed by the SHA-256 of the file's bytes, so an
edited file is picked up on the next request and several processes always agree.

A file is not read and hashed again on every request while its ``stat`` (inode, size,
modification time) is unchanged, as git trusts its index; and, as git does against
"racy" entries, a signature is only trusted once the file has been left alone for
:data:`SETTLED_NS`, since a second write within the clock's tick keeps the same time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from simulator.library import bundled_dir, check_file, iter_files
from simulator.model import AREAS, Scenario, ScenarioInfo

MAX_PARSED = 64  # scenarios kept parsed (and so compiled) per process
SETTLED_NS = 2_000_000_000  # a file modified less than this ago is read and hashed again


class Catalogue:
    """Valid scenarios under some folders (the bundled ones by default), first id wins."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self.folders = list(folders) if folders else [bundled_dir()]
        self._lock = threading.Lock()
        self._paths: dict[str, Path] = {}
        self._parsed: OrderedDict[tuple[str, str], Scenario] = OrderedDict()
        self._digests: dict[str, tuple[tuple[int, int, int, int], str]] = {}  # path: (stat signature, SHA-256)

    def infos(self) -> list[ScenarioInfo]:
        """Every playable scenario, by problem area then id (re-read, through the parse cache)."""
        found: dict[str, ScenarioInfo] = {}
        for f in iter_files(self.folders):
            r = check_file(f)
            if r.ok and r.info is not None:
                found.setdefault(r.info.id, r.info)
        with self._lock:
            self._paths = {i: Path(info.path) for i, info in found.items()}
        return sorted(found.values(), key=lambda i: (AREAS.index(i.area) if i.area in AREAS else len(AREAS), i.id))

    def get(self, scenario_id: str) -> Scenario | None:
        """The scenario with this id as its file is now, or None when there is none."""
        with self._lock:
            path = self._paths.get(scenario_id)
        if path is None or not path.is_file():
            self.infos()
            with self._lock:
                path = self._paths.get(scenario_id)
            if path is None:
                return None
        scenario = self._parse(path)
        if scenario is None or scenario.id != scenario_id:  # the file was edited or replaced
            self.infos()
            with self._lock:
                path = self._paths.get(scenario_id)
            scenario = self._parse(path) if path else None
        return scenario if scenario is not None and scenario.id == scenario_id else None

    def _parse(self, path: Path) -> Scenario | None:
        try:
            st = path.stat()
        except OSError:
            return None
        signature = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        with self._lock:
            known = self._digests.get(str(path))
            hit = self._parsed.get((str(path), known[1])) if known is not None and known[0] == signature else None
            if hit is not None:
                self._parsed.move_to_end((str(path), hit.sha256))
                return hit
        try:
            data = path.read_bytes()
        except OSError:
            return None
        key = (str(path), hashlib.sha256(data).hexdigest())
        settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS
        with self._lock:
            if settled:
                self._digests[str(path)] = (signature, key[1])
            hit = self._parsed.get(key)
            if hit is not None:
                self._parsed.move_to_end(key)
                return hit
        from simulator.validate import load_text_with_id

        scenario, _diags, _pos = load_text_with_id(data, str(path))
        if scenario is None:
            return None
        scenario = dataclasses.replace(scenario, path=str(path), sha256=key[1])
        with self._lock:
            self._parsed[key] = scenario
            while len(self._parsed) > MAX_PARSED:
                self._parsed.popitem(last=False)
        return scenario
