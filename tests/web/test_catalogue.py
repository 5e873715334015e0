"""The web app's library: a course leader's edit to a scenario file is what the next page shows.

The catalogue keeps each file's parse, and skips reading a file whose ``stat`` is unchanged
once it has been left alone for a moment (simulator/web/catalogue.py); these check that no
edit is ever missed for it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simulator.web import catalogue as catalogue_module
from simulator.web.catalogue import Catalogue

OLD_TITLE = "title: The same argument about money"


def retitled(path: Path, title: str) -> None:
    text = path.read_text("utf-8")
    assert OLD_TITLE in text
    path.write_text(text.replace(OLD_TITLE, f"title: {title}"), "utf-8")


def test_an_edit_saved_at_once_with_the_same_length_is_served(library: Path) -> None:
    """Saved twice within the clock's tick, at the same size: the file's stat may not change,
    so a file just written is always read again."""
    path = library / "money-impasse.yaml"
    catalogue = Catalogue([library])
    retitled(path, "The same argument about bills")
    first = catalogue.get("money-impasse")
    assert first is not None and first.title == "The same argument about bills"
    path.write_text(path.read_text("utf-8").replace("about bills", "about costs"), "utf-8")  # same length
    second = catalogue.get("money-impasse")
    assert second is not None and second.title == "The same argument about costs"


def test_an_edit_to_a_file_left_alone_is_served(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file left alone is served from its stat; editing it changes the stat, so it is read again."""
    later = time.time_ns() + 2 * catalogue_module.SETTLED_NS  # as if the library had not been touched lately
    monkeypatch.setattr(catalogue_module.time, "time_ns", lambda: later)
    path = library / "money-impasse.yaml"
    catalogue = Catalogue([library])
    first = catalogue.get("money-impasse")
    assert first is not None and first.title == "The same argument about money"
    assert catalogue.get("money-impasse") is first  # unchanged: the same parse
    retitled(path, "Money, again")
    edited = catalogue.get("money-impasse")
    assert edited is not None and edited.title == "Money, again"
