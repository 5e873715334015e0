"""What keeps people safe around a hard conversation: the standing notice, the grounding
note that fits who played, and where to turn for help in the player's region.

The services are data (``data/regions.yaml``), chosen by ``--region``, ``IPT_SIM_REGION``
or the locale, so a course leader can check or extend them without touching code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from simulator.yaml_source import load_data

NOTICE = (
    "ipt-sim is a practice tool. It is not therapy, and not crisis care: "
    "if you are in danger or thinking of ending your life, contact your local emergency number or a crisis line now."
)

_GROUNDING_START = (
    "That was a hard conversation to practise. Before you go on: take a slow breath, feel your feet "
    "on the floor, and notice three things you can see around you."
)
GROUNDING: Mapping[str, str] = {
    # A client rehearses their own life: what they practised is real to them, so never "not real".
    "client": (
        f"{_GROUNDING_START} What you practised matters, and it is fine to feel stirred up by it. "
        "You can stop here and come back another day. If it brought up more than you expected, "
        "it may help to talk it over with your therapist or someone you trust."
    ),
    "therapist": (
        f"{_GROUNDING_START} It was a rehearsal with a simulated client. If it stirred up something "
        "of your own, take it to your supervisor or someone you trust."
    ),
}
FALLBACK = "international"
# Locale territories that name a region in the data (en_GB.UTF-8 -> GB); others fall back.
_TERRITORY_ALIASES = {"UK": "GB"}


@cache
def regions() -> Mapping[str, Mapping[str, Any]]:
    """The shipped region data (trusted package data, read once)."""
    data: Any = load_data(files("simulator").joinpath("data/regions.yaml").read_text("utf-8"))
    return data  # type: ignore[no-any-return]


def region_codes() -> tuple[str, ...]:
    return tuple(regions())


def choose_region(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``--region``, else ``IPT_SIM_REGION``, else the locale's territory, else international."""
    env = os.environ if env is None else env
    for value in (explicit, env.get("IPT_SIM_REGION")):
        if value:
            code = _TERRITORY_ALIASES.get(value.upper(), value.upper() if value.lower() != FALLBACK else FALLBACK)
            return code if code in regions() else FALLBACK
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = env.get(var, "")
        if "_" in locale:
            territory = locale.split("_", 1)[1].split(".", 1)[0].split("@", 1)[0].upper()
            territory = _TERRITORY_ALIASES.get(territory, territory)
            if territory in regions():
                return territory
            return FALLBACK
    return FALLBACK


def signposts(region: str, support: Sequence[str] = ()) -> list[str]:
    """Crisis lines, then the services for each support topic, for this region."""
    data = regions().get(region) or regions()[FALLBACK]
    lines = list(data["crisis"])
    for topic in support:
        lines += data.get(topic, regions()[FALLBACK].get(topic, []))
    return lines


def grounding(perspective: str) -> str:
    return GROUNDING.get(perspective, GROUNDING["client"])


def closing(
    perspective: str, ended_badly: bool, content_note: bool, region: str, support: Iterable[str]
) -> tuple[str, list[str]]:
    """What closes a debrief: the grounding note after a negative ending, and the
    signposting on every ending of a scenario with a content note (or after a negative one)."""
    ground = grounding(perspective) if ended_badly else ""
    signs = signposts(region, tuple(support)) if content_note or ended_badly else []
    return ground, signs
