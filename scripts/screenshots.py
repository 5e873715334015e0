"""Screenshots of every page of the web app at 390 px (a phone) and 1280 px, into docs/screenshots/.

Plays a bundled scenario in Debian's Chromium (driven by Playwright; nothing is
downloaded) against a throwaway server with its own data folder, and saves each page
full length. Run again after a change to the pages:

    python scripts/screenshots.py            # or --out DIR, --chromium PATH

It also prints, for each page and width, how wide the page is: a page wider than its
window scrolls sideways (it should never).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
PASSWORD = "screenshots only"
SCENARIO = "talking-to-dad"
WIDTHS = {"390": {"width": 390, "height": 844, "is_mobile": True, "has_touch": True}, "1280": {"width": 1280, "height": 900}}


@contextmanager
def served(data: Path) -> Iterator[str]:
    """The app on a free loopback port, with lengths worked out first (as `serve` warms them)."""
    import logging

    from werkzeug.serving import make_server

    from simulator.web import create_app, present

    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    app = create_app(data_dir=data, leader_password=PASSWORD)
    catalogue = app.extensions["ipt_sim"].catalogue
    for info in catalogue.infos():
        s = catalogue.get(info.id)
        if s is not None:
            present.length(s)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        app.extensions["ipt_sim"].store.close()


def shoot(page: Any, out: Path, name: str, width: str) -> None:
    page.wait_for_load_state("load")
    page.evaluate("document.activeElement && document.activeElement.blur()")  # as a reader sees it
    path = out / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    wide = page.evaluate("document.documentElement.scrollWidth")
    print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: page {wide} px wide")


def reply_until(page: Any, where: str, on_delivery: Callable[[], None] | None = None) -> None:
    """Give the first reply offered, and at a delivery moment the first tone and cues (after
    ``on_delivery``, the first time), until the page is a delivery page (``where="delivery"``)
    or the conversation's debrief (``where="end"``)."""
    while "/sessions/" not in page.url:
        if page.locator("button[name=choice]").count():
            with page.expect_navigation():
                page.locator("button[name=choice]").first.click()
        elif page.locator("input[name=tone]").count():
            if where == "delivery":
                return
            if on_delivery is not None:
                on_delivery()
                on_delivery = None
            page.locator("input[name=tone]").first.check()
            page.locator("input[name=cues]").first.check()
            with page.expect_navigation():
                page.get_by_role("button", name="Say it").click()
        else:
            raise RuntimeError(f"no reply to give on {page.url}")
    if where != "end":
        raise RuntimeError(f"the conversation ended before a {where} page")


def tour(page: Any, url: str, out: Path, width: str) -> None:
    """Every page, in the order a learner meets them."""

    def go(path: str) -> None:
        page.goto(url + path)

    def click(role: str, name: str) -> None:
        with page.expect_navigation():
            page.get_by_role(role, name=name).first.click()

    go("/")
    shoot(page, out, "01-catalogue", width)
    go(f"/scenarios/{SCENARIO}")
    shoot(page, out, "02-briefing", width)
    page.check("#consent")
    click("button", "Start the conversation")
    shoot(page, out, "03-turn", width)
    with page.expect_navigation():
        page.locator("button[name=choice]").nth(2).click()
    shoot(page, out, "04-turn-feedback", width)
    click("link", "Pause")
    shoot(page, out, "05-pause", width)
    click("link", "Continue the conversation")
    reply_until(page, "end", lambda: shoot(page, out, "06-delivery", width))
    shoot(page, out, "07-debrief", width)
    sid = page.url.rsplit("/", 1)[-1]
    go("/sessions")
    shoot(page, out, "08-sessions", width)
    go(f"/sessions/{sid}/report")
    shoot(page, out, "09-report", width)
    go("/scenarios/no-such-scenario")
    shoot(page, out, "10-not-found", width)
    go("/leader")
    shoot(page, out, "11-leader-sign-in", width)
    page.get_by_label("Password").fill(PASSWORD)
    click("button", "Sign in")
    shoot(page, out, "12-leader", width)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, served(Path(tmp)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
        for width, viewport in WIDTHS.items():
            size = {"width": viewport["width"], "height": viewport["height"]}
            extra = {k: v for k, v in viewport.items() if k in ("is_mobile", "has_touch")}
            context = browser.new_context(viewport=size, **extra)
            tour(context.new_page(), url, args.out, width)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
