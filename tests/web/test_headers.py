"""What every page tells the browser about itself (web review, finding 19): no framing, no
inline style or script but the printable report's own style, allowed by its hash."""

from __future__ import annotations

import base64
import hashlib
import re

from tests.web.conftest import Player


def test_a_conversation_page_allows_no_inline_style_or_framing(player: Player) -> None:
    player.start()
    assert player.page is not None
    headers = player.page.headers
    assert headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    assert (headers["X-Frame-Options"], headers["Cross-Origin-Opener-Policy"]) == ("DENY", "same-origin")
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_the_printable_report_allows_its_own_style_by_hash_and_nothing_else(player: Player) -> None:
    sid = player.start()
    player.reply("acknowledge")
    page = player.get(f"/sessions/{sid}/report")
    assert page.status_code == 200
    styles = re.findall(r"<style>(.*?)</style>", page.get_data(as_text=True), re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    csp = page.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in csp
    assert "unsafe-inline" not in csp
