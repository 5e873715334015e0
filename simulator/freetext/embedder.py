"""The sentence-embedding model: WordLlama's 256-dimension model, from the installed wheel.

Loaded once per process, lazily (only free mode, ``ipt-sim match`` and ``validate`` of a
scenario that offers typed replies pay for it). ``WordLlama.load()`` looks for its tokenizer
under ``cache_dir/tokenizers`` and would fetch it from the Hub if it were missing; the wheel
ships it in the package folder, so ``cache_dir`` is that folder and downloads are disabled:
a broken install fails loudly instead of reaching for the network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from simulator.errors import IptSimError

Vectors = NDArray[np.float32]
DIM = 256
CONFIG = "l2_supercat"

_lock = threading.Lock()
_loaded: dict[str, Embedder] = {}


class Embedder:
    """Texts -> unit vectors, so a dot product is a cosine similarity."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = np.asarray(self._model.embed(list(texts), norm=True), dtype=np.float32)
        return np.nan_to_num(vectors)  # a text of no known tokens has no direction: similarity 0


def _import_wordllama() -> Any:
    """Import wordllama without letting it configure logging: it calls ``logging.basicConfig``
    at import, which would decide what the whole app (the web server included) logs."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        import wordllama
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
    return wordllama


def preload() -> None:
    """Start loading in the background (free mode, while the learner reads the briefing), so the
    first typed reply does not wait; a failure is raised again by :func:`load` when it is needed."""

    def run() -> None:
        try:
            load()
        except Exception:  # noqa: BLE001 - reported by the load() that needs the model
            return

    threading.Thread(target=run, name="ipt-sim-model", daemon=True).start()


def load() -> Embedder:
    """The shared model (thread-safe: the web app's threads may ask at once)."""
    with _lock:
        if CONFIG not in _loaded:
            wordllama = _import_wordllama()
            package = Path(wordllama.__file__).parent
            try:
                model = wordllama.WordLlama.load(config=CONFIG, dim=DIM, cache_dir=package, disable_download=True)
            except (FileNotFoundError, OSError, ValueError) as err:
                raise IptSimError(
                    f"the free-text model could not be loaded from the installed wordllama package ({err}); "
                    "reinstall ipt-sim (nothing is downloaded at run time)"
                ) from None
            _loaded[CONFIG] = Embedder(model)
        return _loaded[CONFIG]
