"""Typed replies in headless Chromium, keyboard only: the text box beside the choice cards,
"Which did you mean?", and the feedback on the learner's own words, each page axe-clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.conftest import VALID
from tests.web.test_browser import MONEY, Screen, axe_source, browser, database_url, screen  # noqa: F401 - fixtures


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    money = (VALID / "money-impasse.yaml").read_text("utf-8").replace("version: 1\n", "version: 1\nfree_text: true\n", 1)
    (folder / "money-impasse.yaml").write_text(money, "utf-8")
    return folder


def tab_to(on: Screen, test: str, most: int = 40) -> None:
    for _ in range(most):
        on.page.keyboard.press("Tab")
        if on.page.evaluate(f"(() => {{ const e = document.activeElement; return !!e && ({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_typing_a_reply_with_the_keyboard_alone(screen: Screen) -> None:  # noqa: F811 - the imported fixture
    page = screen.page
    screen.start(MONEY)
    screen.look("free-turn")
    tab_to(screen, "e.id === 'own-words'")
    page.keyboard.type("calm down and let's look")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert screen.focused() == "free-heading"
    assert "Which did you mean? You typed: “calm down and let's look”" in screen.text()
    screen.look("free-which")
    tab_to(screen, "e.name === 'choice' && e.value === 'counter'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert screen.focused() == "turn-heading"
    text = screen.text()
    assert "You typed “calm down and let's look”, taken as the reply below." in text
    assert "Your own words Overall valence positive (+0.32), carried by “calm” (+1.3)." in text
    screen.look("free-feedback")
    tab_to(screen, "e.id === 'own-words'")
    page.keyboard.type("I don't want a fight, Sam. I want to understand what scares you.")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(screen, "e.id === 'own-words'")
    page.keyboard.type("What's for dinner?")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Not understood: that is not close to anything this moment's replies say" in screen.text()
    screen.look("free-not-understood")
