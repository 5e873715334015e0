"""What a browser may send, checked strictly: tokens, field sets, and every value.

A form's token is an HMAC, under the app's secret key, of what the form is for, the
browser's owner id (from the signed cookie) and, for a conversation, the session id and
its step. A token therefore cannot be used from another browser or for another
session, and a form shown before the session moved on carries an old step, which the
records refuse (see :mod:`simulator.web.ledger`). Nothing is remembered on the server.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Collection, Mapping

from werkzeug.datastructures import MultiDict

from simulator.rules import number
from simulator.timing import MAX_RESPONSE_TIME

SESSION_ID = re.compile(r"[0-9a-f]{8,16}")
NONCE = re.compile(r"[0-9a-f]{16}")
TIMING = {  # the same settings as the terminal's --timing (simulator.timing.SETTINGS)
    "on": "Judge how soon I reply",
    "relaxed": "Give me three times as long before a reply counts as late",
    "off": "Do not judge how soon I reply",
}


class Invalid(Exception):
    """A form that is not what this page sends: the message says what is wrong."""


def token(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def check_token(secret: bytes, given: str, *parts: str) -> bool:
    return hmac.compare_digest(token(secret, *parts).encode(), given.encode())


def fields(form: MultiDict[str, str], required: Collection[str], optional: Collection[str] = ()) -> dict[str, str]:
    """The form's values, each given once; refuses missing, repeated and unknown fields."""
    allowed = [*required, *optional]
    unknown = sorted(k for k in form if k not in allowed)
    if unknown:
        raise Invalid(f"unexpected field '{unknown[0]}'")
    out: dict[str, str] = {}
    for name in allowed:
        values = form.getlist(name)
        if len(values) > 1:
            raise Invalid(f"the field '{name}' was sent more than once")
        if values:
            out[name] = values[0]
        elif name in required:
            raise Invalid(f"the field '{name}' is missing")
    return out


def one_of(value: str, options: Collection[str], what: str) -> str:
    if value not in options:
        raise Invalid(f"'{value[:40]}' is not one of the {what} on offer")
    return value


def step_given(value: str) -> int | None:
    """The step a form names (ASCII digits only), or None."""
    return number(value) if value == value.strip() else None


def step_of(value: str) -> int:
    step = step_given(value)
    if step is None:
        raise Invalid("the form's step is not a number")
    return step


def response_time(value: str | None) -> float | None:
    """Seconds from the replies being shown to the reply, as the page's script measured
    them; None when no script ran. Reading time is taken off by the view
    (:func:`simulator.timing.reply_seconds`), which knows what was on the page."""
    if value is None or value == "":
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise Invalid("the response time is not a number") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise Invalid("the response time is not a number of seconds")
    return min(seconds, MAX_RESPONSE_TIME)


def filters(args: Mapping[str, str], options: Mapping[str, Collection[str]]) -> dict[str, str]:
    """The catalogue's filters: each empty or one of its options."""
    out: dict[str, str] = {}
    for name, allowed in options.items():
        value = args.get(name, "")
        if value and value not in allowed:
            raise Invalid(f"there is no scenario with the {name} '{value[:40]}'")
        out[name] = value
    return out
