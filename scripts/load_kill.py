"""Load test of issue 11: no turn lost or duplicated while gunicorn workers are killed.

Usage: python scripts/load_kill.py [--database-url URL] [--users 50] [--seconds 60] [--every 10]

Starts ``gunicorn -w 3 'simulator.web:create_app()'`` on an empty data folder (or the given
database), lets 50 simulated users (bench_web's client) play a bundled scenario again and
again, and SIGKILLs one worker every 10 s for 60 s (gunicorn starts a new one). Each user
keeps a log of the replies the server acknowledged; a reply whose connection died is sent
once more with the same form, and a 303 or a 409 ("already sent") then both mean it was
written exactly once. Afterwards every session in the records must hold exactly the logged
replies, in order, numbered 1..n. Prints what it found; exits 1 on any difference. Needs
gunicorn (pip install gunicorn); runs on loopback only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import CHOICE, INPUT, User  # type: ignore[import-not-found]

PLAY = re.compile(r'href="(/play/[0-9a-f]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def workers(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def play(user: User, scenario: str, until: float, log: dict[str, list[str]], errors: list[str]) -> None:
    """Play until ``until``, logging each reply the server acknowledged, per session."""

    def start() -> str:
        status, _, page = user.request("GET", f"/scenarios/{scenario}")
        fields = dict(INPUT.findall(page))
        form = {"token": fields["token"], "nonce": fields["nonce"], "mode": "coach", "timing": "off"}
        if 'name="consent"' in page:
            form["consent"] = "yes"
        status, location, page = user.request("POST", f"/scenarios/{scenario}/start", form)
        if status == 409:  # the first try was written before its worker died
            location = PLAY.findall(page)[0]
        elif status != 303:
            raise RuntimeError(f"start: {status}")
        log[location.rsplit("/", 1)[1]] = []
        return location

    try:
        location = start()
        while time.monotonic() < until:
            status, _, page = user.request("GET", location)
            if status == 303 or "/reply" not in page:
                location = start()
                continue
            form_html = page.split('/reply"', 1)[1].split("</form>", 1)[0]
            fields = dict(INPUT.findall(form_html))
            choice = user.random.choice(CHOICE.findall(form_html))
            status, _, _ = user.request("POST", location + "/reply",
                                        {"token": fields["token"], "step": fields["step"], "choice": choice})  # fmt: skip
            if status in (303, 409):  # 409: this very form was written by the try whose worker died
                log[location.rsplit("/", 1)[1]].append(choice)
            else:
                errors.append(f"reply: {status}")
                return
    except (OSError, RuntimeError, KeyError, IndexError) as err:
        errors.append(f"{type(err).__name__}: {err}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--every", type=float, default=10.0)
    parser.add_argument("--scenario", default="partner-renegotiation")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ipt-load-kill-") as tmp:
        port = free_port()
        env = os.environ | {"IPT_SIM_DATA_DIR": str(Path(tmp) / "data"), "IPT_SIM_LEADER_PASSWORD": "",
                            "IPT_SIM_CACHE_DIR": str(Path(tmp) / "cache")}  # fmt: skip
        if args.database_url:
            env["IPT_SIM_DATABASE_URL"] = args.database_url
        gunicorn = Path(sys.executable).with_name("gunicorn")
        master = subprocess.Popen([str(gunicorn), "-w", "3", "--timeout", "30", "-b", f"127.0.0.1:{port}",
                                   "simulator.web:create_app()"], env=env, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            log: dict[str, list[str]] = {}
            errors: list[str] = []
            until = time.monotonic() + args.seconds
            users = [User(port, i) for i in range(args.users)]
            threads = [threading.Thread(target=play, args=(u, args.scenario, until, log, errors)) for u in users]
            for t in threads:
                t.start()
            killed = []
            rng = random.Random(0)
            next_kill = time.monotonic() + args.every
            while time.monotonic() < until:
                time.sleep(0.2)
                if time.monotonic() >= next_kill:
                    live = workers(master.pid)
                    if live:
                        victim = rng.choice(live)
                        os.kill(victim, signal.SIGKILL)
                        killed.append(victim)
                    next_kill += args.every
            for t in threads:
                t.join(timeout=120)
        finally:
            master.terminate()
            master.wait(timeout=60)

        os.environ["IPT_SIM_DATA_DIR"] = env["IPT_SIM_DATA_DIR"]
        from simulator.records import Store

        problems = []
        with Store(args.database_url or None, data_dir=Path(tmp) / "data") as store:
            records = {r.id: r for r in store.all()}
        for sid, choices in log.items():
            r = records.get(sid)
            if r is None:
                problems.append(f"{sid}: not in the records")
                continue
            recorded = [t["choice"] for t in r.turns]
            if recorded != choices:
                problems.append(f"{sid}: the client logged {choices}, the records hold {recorded}")
            if [a["number"] for a in r.attempts] != list(range(1, len(r.attempts) + 1)):
                problems.append(f"{sid}: turn numbers {[a['number'] for a in r.attempts]}")
        turns = sum(len(c) for c in log.values())
        print(f"{'PostgreSQL' if args.database_url else 'SQLite'}: {len(killed)} workers killed (SIGKILL), "
              f"{len(log)} sessions, {turns} replies acknowledged, {len(errors)} client errors, "
              f"{len(problems)} sessions differing from the client log")  # fmt: skip
        for line in (errors + problems)[:20]:
            print("  " + line)
        return 1 if problems or errors else 0


if __name__ == "__main__":
    sys.exit(main())
