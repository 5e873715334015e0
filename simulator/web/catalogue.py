"""The scenarios a web app offers: its library folders, indexed by id, parsed once per content.

Nothing here is session state: the index and the parsed scenarios are a cache of files
every app process reads the same way, keyed by the SHA-256 of the file's bytes, so an
edited file is picked up on the next request and several processes always agree.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from simulator.library import bundled_dir, check_file, iter_files
from simulator.model import AREAS, Scenario, ScenarioInfo

MAX_PARSED = 64  # scenarios kept parsed (and so compiled) per process


class Catalogue:
    """Valid scenarios under some folders (the bundled ones by default), first id wins."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self.folders = list(folders) if folders else [bundled_dir()]
        self._lock = threading.Lock()
        self._paths: dict[str, Path] = {}
        self._parsed: OrderedDict[tuple[str, str], Scenario] = OrderedDict()

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
            data = path.read_bytes()
        except OSError:
            return None
        key = (str(path), hashlib.sha256(data).hexdigest())
        with self._lock:
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
