"""End to end in headless Chromium (Debian's, driven by Playwright; nothing is downloaded):
play to each ending by clicking, coach and assess, rewind, pause, delivery choice,
keyboard-only play and the debrief. Every page is checked with axe-core at WCAG 2.2 AA
(zero violations) and saved as a screenshot in artifacts/screenshots/.

Without Chromium or Playwright these tests skip with the reason (they fail under CI).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.records import Store
from simulator.web.catalogue import Catalogue
from tests.web.conftest import LEADER_PASSWORD, REPO, Served, unavailable

CHROMIUM = os.environ.get("IPT_SIM_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = REPO / "artifacts" / "screenshots"
MONEY = "The same argument about money"


@pytest.fixture
def database_url() -> None:
    """The browser tests run on SQLite; the storage tests cover PostgreSQL."""
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    try:
        from importlib.resources import files

        return files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
    except (ImportError, OSError):
        unavailable("axe-core is not installed (the test extra's axe-playwright-python ships it)")
        raise


class Screen:
    """One browser tab on the served app: go, click, type, and look (screenshot + axe)."""

    def __init__(self, page: Any, served: Served, axe: str, test: str) -> None:
        self.page = page
        self.url = served.url
        self.axe = axe
        self.test = test
        self.looked: list[str] = []
        self.errors: list[str] = []

    def forgive(self, status: int) -> None:
        """A page this test meant to get with an error status: the browser logs it; that is no fault."""
        self.errors = [e for e in self.errors if f"status of {status} " not in e]

    def go(self, path: str) -> None:
        self.page.goto(self.url + path)

    def text(self) -> str:
        return " ".join(self.page.inner_text("main").split())

    def look(self, name: str) -> None:
        """Save a screenshot and check the page with axe-core: no violation of WCAG 2.2 AA."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.test}-{name}.png"), full_page=True)
        self.page.evaluate(self.axe)
        result = self.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
        ]
        assert found == [], f"axe-core on {name} ({self.page.url}): " + "; ".join(found)
        self.reflows(name)
        self.looked.append(name)

    def reflows(self, name: str) -> None:
        """WCAG 1.4.10: at 320 CSS px wide nothing scrolls sideways (axe cannot see this)."""
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": 320, "height": 640})
        try:
            wide = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                " [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321)"
                ".slice(0, 3).map(e => e.tagName + '.' + e.className)]"
            )
            assert wide[0] <= wide[1], f"{name} ({self.page.url}) scrolls sideways at 320 px: {wide[0]} px wide, {wide[2]}"
        finally:
            self.page.set_viewport_size(size)

    def focused(self) -> str:
        return str(self.page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))

    def reply(self, choice: str) -> None:
        with self.page.expect_navigation():
            self.page.click(f"button[name=choice][value='{choice}']")

    def start(self, title: str = MONEY, mode: str = "coach", timing: str = "on") -> str:
        self.go("/")
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=title).click()
        self.page.check(f"#mode-{mode}")
        self.page.check(f"#timing-{timing}")
        if self.page.locator("#consent").count():
            self.page.check("#consent")
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Start the conversation").click()
        return str(self.page.url.rsplit("/", 1)[-1])


@pytest.fixture
def screen(browser: Any, served: Served, axe_source: str, request: pytest.FixtureRequest) -> Iterator[Screen]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.removeprefix("test_").lower()).strip("-")
    s = Screen(page, served, axe_source, name)
    page.on("pageerror", lambda e: s.errors.append(str(e)))
    page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
    yield s
    context.close()
    assert s.errors == [], f"the page reported errors: {s.errors}"


def store_of(served: Served) -> Store:
    s: Store = served.app.extensions["ipt_sim"].store
    return s


# Each ending, by clicking -----------------------------------------------------------------

PATHS = {
    "renegotiating": ["acknowledge"],
    "impasse-deepens": ["counter", "let-go"],
}
ENDING_TITLES = {
    "renegotiating": "Ending: The real expectation is on the table (positive)",
    "impasse-deepens": "Ending: The impasse deepens (negative)",
}


def test_each_ending_by_clicking(screen: Screen, served: Served, library: Path) -> None:
    scenario = Catalogue([library]).get("money-impasse")
    assert scenario is not None
    assert set(PATHS) == set(scenario.endings), "a path for every ending of the example"
    screen.go("/")
    screen.look("catalogue")
    for ending, choices in PATHS.items():
        screen.go("/")
        with screen.page.expect_navigation():
            screen.page.get_by_role("link", name=MONEY).click()
        screen.look("briefing")
        screen.page.check("#consent")
        with screen.page.expect_navigation():
            screen.page.get_by_role("button", name="Start the conversation").click()
        for n, choice in enumerate(choices, 1):
            assert f"Turn {n}" in screen.text()
            screen.look(f"{ending}-turn-{n}")
            screen.reply(choice)
        assert ENDING_TITLES[ending] in screen.text()
        screen.look(f"debrief-{ending}")
    sids = store_of(served).ids()
    assert [store_of(served).get(s).ending["id"] for s in sids] == list(PATHS)  # type: ignore[index]


def test_coach_mode_feedback_meter_and_focus_on_the_new_turn(screen: Screen, served: Served) -> None:
    sid = screen.start(mode="coach")
    assert screen.focused() == "turn-heading"
    # focus moved by the script draws no frame (web review, finding 13: it looked like an error)
    assert screen.page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"
    assert "Coach: Notice the jaw before you answer the words." in screen.text()
    assert screen.page.get_by_label("Sam’s charge").get_attribute("value") == "6"
    screen.reply("counter")
    assert screen.focused() == "turn-heading"
    text = screen.text()
    assert "Turn 2 of about 3 Coach mode Sam:" in text  # progress, then the other person's line first
    assert text.index("Sam:") < text.index("How your last reply landed")
    assert "tone: poor — A counter-accusation answers a charge with a charge; Sam now has to defend, not listen." in text
    assert screen.page.get_by_label("Sam’s charge").get_attribute("value") == "8"
    screen.look("coach-feedback")
    rt = store_of(served).choices(sid)[0][3]
    # measured in the browser (None when not measured), less the time it takes to read the turn: here 0
    assert rt is not None and 0 <= rt < 600


def test_assess_mode_has_no_hints_and_a_full_debrief(screen: Screen, served: Served) -> None:
    screen.start(mode="assess")
    text = screen.text()
    assert (
        "Assess mode" in text and "Coach:" not in text and "charge" not in text.lower().split("turn 1")[1].split("your reply")[0]
    )
    assert screen.page.get_by_role("button", name="Take back my last reply").count() == 0
    screen.look("assess-turn")
    screen.reply("counter")
    assert "How your last reply landed" not in screen.text()
    screen.reply("let-go")
    text = screen.text()
    assert "Ending: The impasse deepens (negative)" in text
    assert "Scores" in text and "Communication analysis" in text
    assert screen.page.locator("svg polyline.meter").count() == 2  # charge and trust
    screen.look("assess-debrief")


def test_rewind_then_pause_and_continue(screen: Screen, served: Served) -> None:
    sid = screen.start()
    screen.reply("counter")
    with screen.page.expect_navigation():
        screen.page.get_by_role("button", name="Take back my last reply").click()
    assert "Turn 1 of about 3 Coach mode Taken back. Try something else." in screen.text()
    assert screen.focused() == "turn-heading"
    screen.look("rewound")
    with screen.page.expect_navigation():
        screen.page.get_by_role("link", name="Pause").click()
    assert "Paused. Nothing is judged when you pause; take the time you need." in screen.text()
    screen.look("paused")
    with screen.page.expect_navigation():
        screen.page.get_by_role("link", name="Continue the conversation").click()
    assert "Turn 1" in screen.text()
    screen.reply("acknowledge")
    assert "Ending: The real expectation is on the table (positive)" in screen.text()
    attempts = store_of(served).get(sid).attempts
    assert [(a["choice"], a["rewound"]) for a in attempts] == [("counter", True), ("acknowledge", False)]


def test_delivery_choice(screen: Screen, served: Served) -> None:
    screen.page.clock.install()  # the page's clock, moved on below instead of waiting
    sid = screen.start("Telling Jo you can't cover the shift")
    screen.look("delivery-words")
    with screen.page.expect_navigation():
        screen.page.click("button[name=choice][value='no-kindly']")
    assert screen.focused() == "how-heading"
    assert "How do you say it? You will say: “I can't this Saturday, Jo." in screen.text()
    screen.look("delivery-how")
    screen.page.get_by_label("sarcastic").check()
    screen.page.get_by_label(re.compile("^eye roll")).check()
    screen.page.clock.run_for(200_000)  # 200 s deciding how to say it
    with screen.page.expect_navigation():
        screen.page.get_by_role("button", name="Say it").click()
    assert "tone: sarcastic; cues: eye roll" in screen.text()
    turn = store_of(served).get(sid).turns[0]
    assert (turn["tone"], turn["nonverbal"], turn["ratings"]["tone"]) == ("sarcastic", ["eye_roll"], "poor")
    # the time on the delivery page counts, as at a terminal (web review, finding 11): 200 s
    # less the reading time of the words page is late at a normal moment
    rt = store_of(served).choices(sid)[0][3]
    assert rt is not None and rt > 150
    screen.look("delivery-debrief")


def test_keyboard_only_from_the_catalogue_to_the_debrief(screen: Screen, served: Served) -> None:
    page = screen.page
    keys = page.keyboard

    def tab_to(test: str, most: int = 40) -> None:
        for _ in range(most):
            keys.press("Tab")
            if page.evaluate(f"(() => {{ const e = document.activeElement; return !!e && ({test}); }})()"):
                return
        raise AssertionError(f"Tab never reached an element where {test}")

    screen.go("/")
    keys.press("Tab")
    assert screen.focused() == "Skip to content"
    tab_to(f"e.textContent.trim() === '{MONEY}'")
    with page.expect_navigation():
        keys.press("Enter")
    tab_to("e.id === 'consent'")
    keys.press("Space")
    tab_to("e.textContent.trim() === 'Start the conversation'")
    with page.expect_navigation():
        keys.press("Enter")
    for choice in ("counter", "follow", "own-it"):
        assert screen.focused() == "turn-heading"
        tab_to(f"e.name === 'choice' && e.value === '{choice}'")
        screen.look(f"keyboard-{choice}")  # the focused reply shows its focus ring
        with page.expect_navigation():
            keys.press("Enter")
    assert "Ending: The real expectation is on the table (positive)" in screen.text()
    screen.look("keyboard-debrief")


def test_debrief_sessions_printable_report_and_errors(screen: Screen, served: Served) -> None:
    sid = screen.start(timing="off")  # timing judged from the choices' tags alone: the terminal's scores
    screen.reply("counter")
    screen.reply("follow")
    screen.reply("own-it")
    text = screen.text()
    assert (
        "The conversation ends: Sam: “My dad lost the house when I was nine. I can't go through that again.” (quiet, eyes wet)"
        in text
    )
    assert "a score is the mean × 100. Tone 50 out of 100 Timing 67 out of 100 Nonverbal 67 out of 100" in text
    assert "Charge 67 out of 100 Overall 63 out of 100" in text and "Practice" not in text  # version 1: no practice
    assert screen.focused() == "debrief-heading" and text.startswith(f"Debrief: {MONEY} Played today, ")
    screen.look("debrief")
    with screen.page.expect_navigation():
        screen.page.get_by_role("link", name="All my sessions").click()
    assert MONEY in screen.text() and "The real expectation is on the table" in screen.text()
    screen.look("sessions")
    screen.go(f"/sessions/{sid}/report")
    assert "Communication analysis" in " ".join(screen.page.inner_text("body").split())
    assert screen.page.get_by_role("button", name="Print this report").is_visible()
    screen.look("printable")
    with screen.page.expect_navigation():
        screen.page.get_by_role("link", name="Back to the debrief").click()
    assert screen.page.url.endswith(f"/sessions/{sid}")
    screen.page.emulate_media(media="print")
    screen.go(f"/sessions/{sid}")
    assert not screen.page.get_by_role("link", name="All my sessions").is_visible()
    screen.page.emulate_media(media="screen")
    screen.go("/scenarios/nothing-here")
    assert "There is no scenario 'nothing-here' here." in screen.text()
    screen.forgive(404)
    screen.look("error-404")


def test_the_course_leader_view(screen: Screen, served: Served) -> None:
    screen.start()
    screen.reply("acknowledge")
    screen.go("/leader")
    screen.look("leader-sign-in")
    screen.page.get_by_label("Password").fill("not it")
    with screen.page.expect_navigation():
        screen.page.get_by_role("button", name="Sign in").click()
    assert "That password is not right." in screen.text()
    screen.forgive(403)
    screen.look("leader-wrong")
    screen.page.get_by_label("Password").fill(LEADER_PASSWORD)
    with screen.page.expect_navigation():
        screen.page.get_by_role("button", name="Sign in").click()
    assert "Scores per scenario" in screen.text()
    assert f"{MONEY} 1 1 100 100 100 100 — 100 100" in screen.text()
    screen.look("leader")


def test_catalogue_briefing_and_a_turn_on_a_phone(screen: Screen, served: Served) -> None:
    """The catalogue's cards are whole links; on a phone the feedback starts folded and the
    replies are within two screens of the top."""
    screen.go("/")
    screen.look("catalogue")
    with screen.page.expect_navigation():
        screen.page.locator(".card", has_text=MONEY).click(position={"x": 12, "y": 90})  # the card, not its title
    assert screen.page.url.endswith("/scenarios/money-impasse")
    screen.look("briefing")
    screen.page.set_viewport_size({"width": 390, "height": 844})
    screen.start()
    screen.reply("counter")
    feedback = screen.page.locator("details.feedback")
    assert feedback.get_attribute("open") is None
    assert "tone poor" in feedback.inner_text()  # the gist shows while folded
    top = screen.page.locator("button[name=choice]").first.bounding_box()
    assert top is not None and top["y"] < 2 * 844, f"the first reply is {top} px down"
    feedback.locator("summary").click()
    assert "A counter-accusation answers a charge with a charge" in feedback.inner_text()
    screen.look("phone-turn")
