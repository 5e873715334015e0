"""Every command the README shows runs as written (issue 12): a newcomer copies them.

Each line of the README's ``sh`` blocks runs in bash, in a folder holding the files the
README names (``my.yaml`` and ``my-scenario.yaml``: the format doc's complete example;
``my-features/``: the README's own Gherkin example), with a recorded session whose id
stands in for the README's ``3f9c2a1b``. Lines that install, serve or need another shell
are listed in SKIPPED with the reason; the test fails if the README gains a line it
neither runs nor lists. The one ``bash`` block is the class server's recipe, run as root
on the server being set up (packages, a system user, systemd units), so it is not run here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
SH = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)
GHERKIN = re.compile(r"^```gherkin\n(.*?)^```", re.M | re.S)
SKIPPED = {
    "python3 -m venv": "installs from the network index: what CI's fresh machine does",
    "./scripts/test": "runs this suite",
    "ipt-sim serve": "a server that runs until stopped (tests/web/test_serve.py starts it)",
    "pip install": "installs",
    "export ": "a class server's settings",
    "echo ": "a class server's settings",
    "# or several": "a comment",
    'eval "$(_IPT_SIM_COMPLETE=zsh_source': "needs zsh",
    "_IPT_SIM_COMPLETE=fish_source": "needs fish",
}


def commands() -> list[str]:
    return [line for block in SH.findall(README) for line in block.splitlines() if line.strip()]


def runnable() -> list[str]:
    return [c for c in commands() if not c.startswith(tuple(SKIPPED))]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    here = tmp_path_factory.mktemp("readme")
    shutil.copy(EXAMPLE, here / "my.yaml")
    shutil.copy(EXAMPLE, here / "my-scenario.yaml")
    (here / "scenarios").symlink_to(REPO / "scenarios")
    features = here / "my-features"
    features.mkdir()
    shutil.copy(EXAMPLE, features / "money-impasse.yaml")
    (features / "readme.feature").write_text(GHERKIN.findall(README)[0], "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        IPT_SIM_DATA_DIR=str(here / "data"),
        IPT_SIM_CACHE_DIR=str(here / "cache"),
        NO_COLOR="1",
    )
    started = subprocess.run(
        ["ipt-sim", "play", "my.yaml", "--yes"], input="1\n", cwd=here, env=env, capture_output=True, text=True, check=True
    )
    sid = re.search(r"ipt-sim resume (\w+)", started.stderr + started.stdout)
    assert sid, started
    return here, env, sid.group(1)


def test_the_readme_shows_commands_and_every_one_is_run_or_skipped_with_a_reason() -> None:
    assert README.count("```bash\n") == 1  # the class server's recipe; every other command block runs
    assert len(runnable()) >= 20
    assert "printf 'y\\n2\\n1\\n' | ipt-sim play talking-to-dad --no-record" in runnable()


@pytest.mark.parametrize("line", runnable())
def test_readme_command_runs_as_written(line: str, workdir: tuple[Path, dict[str, str], str]) -> None:
    here, env, sid = workdir
    done = subprocess.run(
        ["bash", "-c", line.replace("3f9c2a1b", sid)],
        check=False,
        cwd=here,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # the example has one warning, so "warnings fail too" is seen to fail
    expected = 1 if line.startswith("ipt-sim validate --strict my.yaml") else 0
    assert done.returncode == expected, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


def test_the_first_command_leaves_ipt_sim_on_the_path() -> None:
    first = commands()[0]
    assert first.index(". .venv/bin/activate") < first.index("ipt-sim play")
    assert "run `. .venv/bin/activate`\nfirst" in README
