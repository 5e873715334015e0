"""``ipt-sim test PATH...``: run an author's Gherkin features and golden transcripts.

pytest-bdd does the work: a throwaway test module registers the published step library
(:mod:`simulator.authoring.steps`) and calls ``scenarios()`` on the given feature files;
golden transcripts (``*.golden.json``) become one test each.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

MODULE = """\
import pytest
from pytest_bdd import scenarios

from simulator.authoring import golden

pytest_plugins = ["simulator.authoring.steps", "simulator.authoring.plugin"]

FEATURES = {features!r}
GOLDEN = {golden!r}
UPDATE = {update!r}

if FEATURES:
    scenarios(*FEATURES, features_base_dir="/")

if GOLDEN:

    @pytest.mark.parametrize("path", GOLDEN, ids=[p.rsplit("/", 1)[-1] for p in GOLDEN])
    def test_golden_transcript(path):
        golden.check(__import__("pathlib").Path(path), update=UPDATE)
"""


def collect(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    features: list[str] = []
    goldens: list[str] = []
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.name.endswith(".feature"):
                features.append(str(f.resolve()))
            elif f.name.endswith(".golden.json"):
                goldens.append(str(f.resolve()))
    return features, goldens


def require_tools() -> None:
    """pytest and pytest-bdd are the authors' extra (learners who only play never need them)."""
    import importlib.util

    from simulator.errors import IptSimError

    missing = [m for m in ("pytest", "pytest_bdd") if importlib.util.find_spec(m) is None]
    if missing:
        raise IptSimError(
            f"`ipt-sim test` needs the authoring tools ({', '.join(m.replace('_', '-') for m in missing)} missing): "
            "install them with  pip install 'ipt-sim[authoring]'  (from a checkout:  pip install '.[authoring]')"
        )


def syntax_errors(features: Sequence[str]) -> list[str]:
    """``FILE:LINE: error: Gherkin syntax: ...`` for each feature pytest-bdd cannot parse."""
    from pytest_bdd.exceptions import GherkinParseError
    from pytest_bdd.parser import FeatureParser

    out: list[str] = []
    for f in features:
        try:
            FeatureParser("/", f).parse()
        except GherkinParseError as err:
            message = " ".join(str(err.message).split())
            out.append(f"{os.path.relpath(f)}:{err.line}: error: Gherkin syntax: {message}")
        except (OSError, UnicodeDecodeError) as err:
            out.append(f"{os.path.relpath(f)}:1: error: cannot be read: {err}")
    return out


def run(
    paths: Sequence[Path], update_golden: bool = False, pytest_args: Sequence[str] = (), scenarios: Sequence[Path] = ()
) -> int:
    """Run the tests; returns pytest's exit code (0 all passed, 1 failures, 5 nothing found).

    ``scenarios`` are the folders declared with ``--scenarios``: where scenario ids are
    looked up after the feature's own folder (:func:`simulator.authoring.steps.find_scenario`).
    """
    import pytest

    features, goldens = collect(paths)
    if not features and not goldens:
        return 5
    broken = syntax_errors(features)
    if broken:
        for line in broken:
            print(line)
        return 1
    old = os.environ.get("IPT_SIM_SCENARIO_PATH")
    os.environ["IPT_SIM_SCENARIO_PATH"] = os.pathsep.join([*(str(d.resolve()) for d in scenarios), *([old] if old else [])])
    try:
        with tempfile.TemporaryDirectory(prefix="ipt-sim-test-") as tmp:
            (Path(tmp) / "test_ipt_sim.py").write_text(
                MODULE.format(features=features, golden=goldens, update=update_golden), "utf-8"
            )
            args = [tmp, "-c", os.devnull, "--rootdir", tmp, "-p", "no:cacheprovider", "-q", "--tb=short", "-rN",
                    "-W", "ignore::DeprecationWarning", "-W", "ignore::pytest.PytestAssertRewriteWarning", *pytest_args]  # fmt: skip
            return int(pytest.main(args))
    finally:
        if old is None:
            os.environ.pop("IPT_SIM_SCENARIO_PATH", None)
        else:
            os.environ["IPT_SIM_SCENARIO_PATH"] = old
