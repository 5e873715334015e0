"""Lighthouse scores of the web app's pages, in phone emulation, with Debian's Chromium.

Lighthouse comes from npm (the version pinned in scripts/lighthouse/package.json, installed
on first use with `npm install`); it drives /usr/bin/chromium through CHROME_PATH, so no browser is downloaded.
A throwaway server with its own data folder serves the bundled scenarios; Playwright
plays one so the turn and debrief pages exist, and its cookie is handed to Lighthouse.

    python scripts/lighthouse.py             # a Markdown table of scores per page
    python scripts/lighthouse.py --json      # the same as JSON

Scores are 0-100 for performance, accessibility and best practices (target: 95+), the
median of --runs audits of each page: performance moves with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "scripts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
sys.path.insert(0, str(REPO))


def lighthouse_bin() -> Path:
    """The npm-installed Lighthouse, installing it from the lockfile the first time."""
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--silent"], cwd=TOOL, check=True)
    return binary


def pages(url: str, chromium: str) -> tuple[dict[str, str], str]:
    """Page name -> URL, and the cookie that owns the session played to reach them."""
    from playwright.sync_api import sync_playwright

    from scripts.screenshots import FLAGS, SCENARIO, reply_until

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_context().new_page()
        page.goto(f"{url}/scenarios/{SCENARIO}")
        page.check("#consent")
        with page.expect_navigation():
            page.get_by_role("button", name="Start the conversation").click()
        turn = page.url
        with page.expect_navigation():
            page.locator("button[name=choice]").nth(2).click()
        feedback = page.url
        reply_until(page, "end")
        debrief = page.url
        page.goto(f"{url}/scenarios/{SCENARIO}")  # a second conversation, left at its first delivery moment
        page.check("#consent")
        with page.expect_navigation():
            page.get_by_role("button", name="Start the conversation").click()
        reply_until(page, "delivery")
        delivery = page.url
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
        browser.close()
    found = {
        "catalogue": f"{url}/",
        "briefing": f"{url}/scenarios/{SCENARIO}",
        "turn": turn,
        "turn with feedback": feedback,
        "delivery": delivery,
        "debrief": debrief,
        "my sessions": f"{url}/sessions",
        "printable report": f"{debrief}/report",
    }
    return found, cookie


ATTEMPTS = 3  # Lighthouse sometimes fails to trace a load (NO_NAVSTART) and says to run it again


def audit(binary: Path, url: str, cookie: str, chromium: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": chromium}
    for attempt in range(1, ATTEMPTS + 1):
        done = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={out}", "--form-factor=mobile",
             f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
             f"--extra-headers={json.dumps({'Cookie': cookie})}"],
            env=env, check=attempt == ATTEMPTS, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        if done.returncode == 0:
            break
    result = json.loads(out.read_text("utf-8"))
    return {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a Markdown table.")
    parser.add_argument("--runs", type=int, default=3, help="Audit each page this many times; the median is shown.")
    args = parser.parse_args()
    from scripts.screenshots import served

    binary = lighthouse_bin()
    scores: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp, served(Path(tmp) / "data") as url:
        found, cookie = pages(url, args.chromium)
        for name, page in found.items():
            runs = [audit(binary, page, cookie, args.chromium, Path(tmp) / "report.json") for _ in range(args.runs)]
            scores[name] = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print("| page | performance | accessibility | best practices |")
    print("| --- | --- | --- | --- |")
    for name, s in scores.items():
        print(f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
