"""Benchmark of issue 6: turns per second served on loopback to 50 concurrent users, and p95 latency per turn.

Usage: python scripts/bench_web.py [--quick] [--json] [--users N] [--turns N] [--database-url URL]
       [--server werkzeug | --server gunicorn [--workers N]]
       [--before CHECKOUT [--before-server werkzeug | gunicorn] [--rounds N]]
       [--turn-cost | --leader]

The app runs in its own process (``create_app`` on Werkzeug's threaded server, as ``ipt-sim
serve`` runs it on loopback, or gunicorn with N workers, as the README's class recipe
does; bound to 127.0.0.1 on a free port, records in a temporary folder or the given
database). A bounded Python client (threads and ``http.client``, one keep-alive connection
per user) then plays: each simulated user opens a bundled scenario's briefing, starts it,
and plays replies to an ending, again and again, until it has played its fixed number of
turns. A *turn* is what a person's click costs: the reply's POST plus the GET of the page
it leads to (the next turn, or the debrief), and the delivery page before it where the
scenario has one. Before the clock starts every user opens and starts the scenario once,
so that every worker has read it. The baseline, measured in the same run against the same
server with the same users, is a trivial route of the same app (``GET /healthz``), two
requests per "turn" as well. Every loop is bounded in count and time; nothing leaves the
machine.

``--before CHECKOUT`` measures an earlier release as well (a checkout of it, say with
``git worktree add``): its app is started from that folder, with the same client and
users, on the same server or on ``--before-server``, one after the other in N rounds (3 by
default), each app going first in turn; the table shows the median round of each and the
ratio of turns per second, round by round.

Prints a Markdown table (or JSON with ``--json``); exits 0 unless a request failed.
``--quick`` plays a few turns per user, for a smoke test.

``--turn-cost`` measures instead what one turn costs the server as a session grows: in
process (Flask's test client, no HTTP), on a generated 50-state scenario played straight
ahead, the process CPU time of turn 1, 10 and 30 (the reply's POST and the next page's
GET), median over several sessions, beside two ``/healthz`` requests in the same run.

``--leader`` measures the course leader's page on a big class: a fresh store filled with
10,000 sessions (a few dozen played for real in the bundled scenarios, some to an ending,
some stopped after two replies, then copied row for row under new ids, learners and
start times), then ``GET /leader`` signed in, in process (Flask's test client), beside
``GET /healthz`` and the way the page read its data before (every record with its turns,
then the per-record cohort functions kept below as ``old_*``), interleaved in one run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

SERVER = """
import sys
from pathlib import Path
from werkzeug.serving import make_server
from simulator.web import create_app
app = create_app(database_url=sys.argv[2] or None, data_dir=Path(sys.argv[1]), leader_password="")
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""
TIMEOUT = 60.0  # seconds a request may take before the run is called failed
INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')
CHOICE = re.compile(r'<button type="submit" name="choice" value="([^"]+)"')
RADIO = re.compile(r'<input type="radio" id="[^"]+" name="(tone|cues)" value="([^"]+)"')


@dataclass
class Tally:
    """What one kind of request cost, over every user."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


class User:
    """One simulated browser: a cookie, a keep-alive connection, a seeded choice of replies."""

    def __init__(self, port: int, seed: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.cookie = ""
        self.random = random.Random(seed)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        body = urlencode(form) if form is not None else None
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read().decode("utf-8", "replace")
                break
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
                if attempt == 2:
                    raise
        set_cookie = r.getheader("Set-Cookie")
        if set_cookie:
            self.cookie = set_cookie.split(";", 1)[0]
        return r.status, r.getheader("Location") or "", data

    def start(self, scenario: str) -> str:
        status, _, page = self.request("GET", f"/scenarios/{scenario}")
        if status != 200:
            raise RuntimeError(f"briefing: {status}")
        fields = dict(INPUT.findall(page))
        form = {"token": fields["token"], "nonce": fields["nonce"], "mode": "coach", "timing": "on"}
        if 'name="consent"' in page:
            form["consent"] = "yes"
        status, location, _ = self.request("POST", f"/scenarios/{scenario}/start", form)
        if status != 303:
            raise RuntimeError(f"start: {status}")
        return location

    def play(self, scenario: str, turns: int, tally: Tally) -> None:
        """Play ``turns`` turns, starting the scenario again after each ending."""
        location = self.start(scenario)
        status, _, page = self.request("GET", location)
        played = 0
        while played < turns:
            how = '/how"' in page  # a delivery moment: the words first, then how they are said
            reply_form = page.split('/how"' if how else '/reply"', 1)[-1].split("</form>", 1)[0]  # not the forms after it
            fields = dict(INPUT.findall(reply_form))
            choices = CHOICE.findall(reply_form)
            if status != 200 or not choices or "step" not in fields or ("token" not in fields and not how):
                raise RuntimeError(f"no reply to make on {location}: {status}")
            choice = self.random.choice(choices)
            began = time.perf_counter()
            if how:
                status, _, page = self.request("GET", f"{location}/how?choice={choice}&step={fields['step']}&rt=2.5")
                fields = dict(INPUT.findall(page))
                picked = dict(reversed(RADIO.findall(page)))  # the first tone and the first set of cues shown
                if status != 200 or "token" not in fields or set(picked) != {"tone", "cues"}:
                    tally.fail(f"delivery page: {status}")
                    return
                form = {"token": fields["token"], "step": fields["step"], "choice": choice, "rt": "2.5", **picked}
            else:
                form = {"token": fields["token"], "step": fields["step"], "choice": choice, "rt": "2.5"}
            status, nxt, _ = self.request("POST", location + "/reply", form)
            if status != 303:
                tally.fail(f"reply: {status}")
                return
            status, _, page = self.request("GET", nxt)
            tally.add(time.perf_counter() - began)
            played += 1
            if status != 200:
                tally.fail(f"next page: {status}")
                return
            if nxt.startswith("/sessions/"):
                location = self.start(scenario)
                status, _, page = self.request("GET", location)

    def baseline(self, count: int, tally: Tally) -> None:
        for _ in range(count):
            began = time.perf_counter()
            a, _, _ = self.request("GET", "/healthz")
            b, _, _ = self.request("GET", "/healthz")
            tally.add(time.perf_counter() - began)
            if (a, b) != (200, 200):
                tally.fail(f"healthz: {a}, {b}")
                return


def check_checkout(checkout: Path) -> None:
    """Make sure that a server started in ``checkout`` with it on the path (as
    :func:`start_server` starts one) imports that checkout's package, not an installed one."""
    found = subprocess.run(
        [sys.executable, "-c", "import simulator; print(simulator.__file__)"],
        capture_output=True, text=True, cwd=checkout, env=os.environ | {"PYTHONPATH": str(checkout)}, check=False,
    ).stdout.strip()  # fmt: skip
    if not found or not Path(found).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"bench_web: {checkout} does not hold the simulator package that would be measured")


def start_server(
    kind: str, workers: int, data: Path, database_url: str, env: dict[str, str], checkout: Path
) -> tuple[Any, int]:  # fmt: skip
    """The app of ``checkout`` in its own process: Werkzeug's threaded server (what ``ipt-sim
    serve`` runs on loopback), or gunicorn with ``workers`` processes (the README's class
    recipe); its port."""
    env = env | {"PYTHONPATH": str(checkout)}  # checked once by check_checkout
    if kind == "werkzeug":
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(data), database_url],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=checkout,
        )  # fmt: skip
        assert server.stdout is not None
        return server, int(server.stdout.readline())
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = env | {"IPT_SIM_DATA_DIR": str(data), "IPT_SIM_LEADER_PASSWORD": ""}
    if database_url:
        env["IPT_SIM_DATABASE_URL"] = database_url
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("--server gunicorn needs gunicorn in this environment: pip install gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-w", str(workers), "--timeout", "60", "-b", f"127.0.0.1:{port}", "--chdir", str(checkout),
         "simulator.web:create_app()"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=checkout,
    )  # fmt: skip
    for _ in range(600):  # bounded: up to a minute for the workers to start
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start within a minute")


def run_users(users: list[User], work: str, scenario: str, turns: int) -> tuple[Tally, float]:
    """All users at once; the wall time from the first start to the last finish."""
    tally = Tally()
    barrier = threading.Barrier(len(users))

    def one(u: User) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            if work == "turns":
                u.play(scenario, turns, tally)
            else:
                u.baseline(turns, tally)
        except Exception as err:  # noqa: BLE001 - a failed user is reported, not raised in a thread
            tally.fail(f"{type(err).__name__}: {err}")

    threads = [threading.Thread(target=one, args=(u,), daemon=True) for u in users]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=TIMEOUT * (turns + 2))
    return tally, time.perf_counter() - began


@dataclass
class Measured:
    """One server's run: the turns and the baseline, each with its wall time."""

    turns: Tally
    turn_wall: float
    base: Tally
    base_wall: float

    @property
    def per_second(self) -> float:
        return len(self.turns.latencies) / self.turn_wall if self.turn_wall else float("nan")


def measure(args: argparse.Namespace, checkout: Path, kind: str, users: int, turns: int) -> tuple[Measured, str]:
    """Start ``checkout``'s app on a fresh store, warm it up, play, then the baseline; the
    measurement and the scenario played. Warming up: every user opens the scenario and
    starts it once, untimed, so that every worker has read it before the clock starts."""
    with tempfile.TemporaryDirectory(prefix="ipt-bench-web-") as tmp:
        env = os.environ | {"IPT_SIM_CACHE_DIR": str(Path(tmp) / "cache"), "PYTHONUNBUFFERED": "1"}
        env.pop("IPT_SIM_LEADER_PASSWORD", None)
        env.pop("IPT_SIM_SECRET_KEY", None)
        server, port = start_server(kind, args.workers, Path(tmp) / "data", args.database_url, env, checkout)
        try:
            scenario = pick_scenario(port, args.scenario)
            warm, _ = run_users([User(port, 10_000 + i) for i in range(users)], "turns", scenario, 0)
            if warm.errors:
                raise SystemExit(f"bench_web: the warm-up failed: {warm.errors[0]}")
            turn_tally, turn_wall = run_users([User(port, i) for i in range(users)], "turns", scenario, turns)
            base_tally, base_wall = run_users([User(port, i) for i in range(users)], "baseline", scenario, turns)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.stdout is not None:
                server.stdout.close()
    return Measured(turn_tally, turn_wall, base_tally, base_wall), scenario


def pooled(runs: list[tuple[Tally, float]]) -> tuple[Tally, float]:
    """Every round's latencies and errors, with the wall time that gives the median round's rate."""
    tally = Tally()
    for t, _ in runs:
        tally.latencies += t.latencies
        tally.errors += t.errors
    rate = statistics.median(len(t.latencies) / wall for t, wall in runs)
    return tally, len(tally.latencies) / rate if rate else float("nan")


def pick_scenario(port: int, wanted: str) -> str:
    """The wanted bundled scenario if the catalogue has it, else the catalogue's first."""
    status, _, page = User(port, 0).request("GET", "/")
    ids = re.findall(r'href="/scenarios/([a-z0-9-]+)"', page)
    if status != 200 or not ids:
        raise SystemExit(f"bench_web: the catalogue is empty ({status})")
    return wanted if wanted in ids else ids[0]


def row(key: str, what: str, tally: Tally, wall: float) -> dict[str, object]:
    lat = sorted(tally.latencies)
    p95 = lat[math.ceil(0.95 * len(lat)) - 1] if lat else float("nan")  # nearest rank
    return {
        "key": key,
        "what": what,
        "count": len(lat),
        "per_second": len(lat) / wall if wall else float("nan"),
        "p50_ms": 1000 * statistics.median(lat) if lat else float("nan"),
        "p95_ms": 1000 * p95,
        "errors": len(tally.errors),
        "first_error": tally.errors[0] if tally.errors else None,
    }


def markdown(rows: list[dict[str, object]], info: dict[str, object]) -> str:
    lines = ["| what | count | per second | p50 ms | p95 ms | errors |", "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(
            f"| {r['what']} | {r['count']} | {r['per_second']:.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['errors']} |"
        )
    turn, base = rows[:2]
    ratio = float(base["per_second"]) / float(turn["per_second"])  # type: ignore[arg-type]
    lines += [
        "",
        f"A turn costs {ratio:.1f}x the baseline's two requests. {info['users']} users, {info['turns']} turns each, "
        f"{info['database']}, {info['server']}; {info['cpu']}, {info['cores']} cores, Python {info['python']}, {info['system']}.",
    ]
    if "x_before" in info:
        each: list[float] = info["x_before_rounds"]  # type: ignore[assignment]
        lines.append(
            f"Turns per second, now ÷ before ({info['before']} on {info['before_server']}, the same users, one round after "
            "the other): "
            f"{info['x_before']:.2f}x, the median of {len(each)} rounds ({', '.join(f'{r:.2f}' for r in each)}). "
            "Per second above is the median round's; the latencies are every round's."
        )
    return "\n".join(lines)


def turn_cost(points: tuple[int, ...] = (1, 10, 30), sessions: int = 15) -> list[dict[str, object]]:
    """Median process CPU (ms) of turn N for each N in ``points``, and of the baseline; and
    the part of it spent inside the app (its WSGI call: the rest is the test client's)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from gen_scenario import generate  # type: ignore[import-not-found]

    from simulator.web import create_app
    from simulator.web.catalogue import SETTLED_NS

    costs: dict[int, list[float]] = {n: [] for n in points}
    inside: dict[int, list[float]] = {n: [] for n in points}
    base: list[float] = []
    with tempfile.TemporaryDirectory(prefix="ipt-bench-turn-") as tmp:
        library = Path(tmp) / "library"
        library.mkdir()
        (library / "long.yaml").write_text(generate(50, "long-conversation"), "utf-8")
        # A library is not being written while people play: wait until the catalogue trusts the
        # file's stat rather than reading it again on every request, as it does with a new file.
        time.sleep(SETTLED_NS / 1e9 + 0.1)
        app = create_app(data_dir=Path(tmp) / "data", leader_password="", scenario_dirs=[library])
        wsgi = app.wsgi_app
        in_app = [0.0]

        def timed(environ: Any, start_response: Any) -> Any:
            began = time.process_time()
            try:
                return list(wsgi(environ, start_response))
            finally:
                in_app[0] += time.process_time() - began

        app.wsgi_app = timed  # type: ignore[method-assign]
        for _ in range(sessions):
            client = app.test_client()
            page = client.get("/scenarios/long-conversation").get_data(as_text=True)
            form = dict(INPUT.findall(page))
            url = client.post("/scenarios/long-conversation/start", data=form | {"mode": "coach", "timing": "off"}).location
            page = client.get(url).get_data(as_text=True)
            for n in range(1, max(points) + 1):
                form = dict(INPUT.findall(page.split('action="' + url + '/reply"', 1)[1].split("</form>", 1)[0]))
                started, in_app[0] = time.process_time(), 0.0
                after = client.post(url + "/reply", data={"token": form["token"], "step": form["step"], "choice": "forward"})
                assert after.status_code == 303, after.status_code
                page = client.get(url).get_data(as_text=True)
                spent = time.process_time() - started
                if n in costs:
                    costs[n].append(1000 * spent)
                    inside[n].append(1000 * in_app[0])
            started = time.process_time()
            client.get("/healthz")
            client.get("/healthz")
            base.append(1000 * (time.process_time() - started))
        app.extensions["ipt_sim"].store.close()
    first = statistics.median(costs[points[0]])
    rows: list[dict[str, object]] = [
        {"what": f"turn {n}", "cpu_ms": statistics.median(costs[n]), "x_turn_1": statistics.median(costs[n]) / first,
         "in_app_ms": statistics.median(inside[n])}
        for n in points
    ]  # fmt: skip
    rows.append(
        {"what": "baseline: 2 x GET /healthz", "cpu_ms": statistics.median(base), "x_turn_1": statistics.median(base) / first}
    )
    return rows


LEADER_PASSWORD = "bench leader password"


def old_score_means(records: list[Any]) -> list[dict[str, Any]]:
    """What ``cohort.score_means`` did before the database added up the means (--leader's "before")."""
    from simulator.cohort import SCORE_KEYS

    out: dict[str, dict[str, Any]] = {}
    for r in records:
        row = out.setdefault(r.scenario_id, {"id": r.scenario_id, "title": r.facts.get("title", r.scenario_id),
                                             "sessions": 0, "finished": 0, "scores": []})  # fmt: skip
        row["sessions"] += 1
        if r.scores:
            row["finished"] += 1
            row["scores"].append(r.scores)
    for row in out.values():
        scored = row.pop("scores")
        means = {}
        for k in SCORE_KEYS:
            values = [s[k] for s in scored if s.get(k) is not None]
            means[k] = int(sum(values) / len(values) + 0.5) if values else None
        row["means"] = means
    return sorted(out.values(), key=lambda r: str(r["id"]))


def old_item_counts(records: list[Any]) -> dict[tuple[str, str], list[int]]:
    """What ``cohort.item_counts`` did before: each record's checklist made from its turns' items."""
    from simulator.assessment import checklist

    tally: dict[tuple[str, str], list[int]] = {}
    for r in records:
        tags = [(row.number, item, level, why) for row in r.rows for item, level, why in row.items]
        for line in checklist(tags):
            counts = tally.setdefault((r.scenario_id, line.item), [0, 0, 0])
            counts[("done", "misapplied", "missed").index(line.status)] += 1
    return tally


def fill(app: Any, count: int, seed: int = 11) -> dict[str, int]:
    """Play a few real sessions of each bundled scenario, then copy their rows under new
    ids, learners and start times until the store holds ``count`` sessions; what was made."""
    import secrets
    from datetime import UTC, datetime, timedelta

    import sqlalchemy as sa

    from simulator.engine import compile_scenario
    from simulator.records import sessions, turns

    web = app.extensions["ipt_sim"]
    store, rng = web.store, random.Random(seed)
    for info in web.catalogue.infos():
        for stop in (40, 40, 2):  # two played to an ending (or 40 replies), one stopped after two
            session = compile_scenario(web.catalogue.get(info.id)).new_session()
            sid = store.start(session, rng.choice(["coach", "assess"]), "")
            while not session.finished and session.turn < stop:
                store.add_turn(sid, session, session.play(rng.choice(session.offered()).id, response_time=3.0))
    with store.engine.connect() as db:
        played = [dict(r) for r in db.execute(sa.select(sessions)).mappings()]
        by_session: dict[str, list[dict[str, Any]]] = {}
        for t in db.execute(sa.select(turns)).mappings():
            by_session.setdefault(t["session_id"], []).append(dict(t))
    learners = [secrets.token_hex(16) for _ in range(max(1, count // 30))]
    start = datetime.now(UTC) - timedelta(days=60)
    new_sessions, new_turns = [], []
    for i in range(count - len(played)):
        template = played[i % len(played)]
        sid = secrets.token_hex(8)
        when = start + timedelta(seconds=i * 60 * 86_400 // count)
        new_sessions.append(template | {"id": sid, "owner": rng.choice(learners), "started_at": when})
        new_turns += [t | {"session_id": sid} for t in by_session.get(template["id"], [])]
    with store.engine.begin() as db:
        for chunk in range(0, len(new_sessions), 2000):
            db.execute(sessions.insert(), new_sessions[chunk : chunk + 2000])
        for chunk in range(0, len(new_turns), 5000):
            db.execute(turns.insert(), new_turns[chunk : chunk + 5000])
    if store.engine.dialect.name == "postgresql":  # as autovacuum soon would on a server: plans fit the tables
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.exec_driver_sql("ANALYZE sessions")
            db.exec_driver_sql("ANALYZE turns")
    with store.engine.connect() as db:
        return {
            "sessions": db.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one(),
            "played for real": len(played),
            "turns": db.execute(sa.select(sa.func.count()).select_from(turns)).scalar_one(),
            "finished": db.execute(sa.select(sa.func.count(sessions.c.finished_at))).scalar_one(),
            "with assessment items": db.execute(sa.select(sa.func.count(sessions.c.checklist))).scalar_one(),
        }


def leader_cost(count: int = 10_000, rounds: int = 15, old_rounds: int = 5, database_url: str = "") -> dict[str, Any]:
    """Median and p95 (ms, wall) of GET /leader signed in, its oldest page, GET /healthz,
    and the old way of reading the page's data, interleaved round by round."""
    from simulator.web import create_app

    with tempfile.TemporaryDirectory(prefix="ipt-bench-leader-") as tmp:
        app = create_app(database_url=database_url or None, data_dir=Path(tmp) / "data", leader_password=LEADER_PASSWORD)
        try:
            made = fill(app, count)
            client = app.test_client()
            form = dict(INPUT.findall(client.get("/leader").get_data(as_text=True)))
            if client.post("/leader", data=form | {"password": LEADER_PASSWORD}).status_code != 303:
                raise SystemExit("bench_web: the leader could not sign in")
            oldest = f"/leader?page={-(-count // 100)}"
            store = app.extensions["ipt_sim"].store
            times: dict[str, list[float]] = {"leader": [], "oldest": [], "healthz": [], "old": []}
            for n in range(rounds):
                for key, url in (("healthz", "/healthz"), ("leader", "/leader"), ("oldest", oldest)):
                    began = time.perf_counter()
                    r = client.get(url)
                    times[key].append(1000 * (time.perf_counter() - began))
                    if r.status_code != 200:
                        raise SystemExit(f"bench_web: GET {url} answered {r.status_code}")
                if n < old_rounds:
                    began = time.perf_counter()
                    records = store.all()
                    old_score_means(records), old_item_counts(records)
                    times["old"].append(1000 * (time.perf_counter() - began))
        finally:
            app.extensions["ipt_sim"].store.close()

    def summary(key: str, what: str) -> dict[str, Any]:
        lat = sorted(times[key])
        p95 = lat[math.ceil(0.95 * len(lat)) - 1]
        return {"key": key, "what": what, "count": len(lat), "p50_ms": statistics.median(lat), "p95_ms": p95}

    rows = [
        summary("leader", "GET /leader, signed in (means, item table, the newest 100 sessions)"),
        summary("oldest", f"GET {oldest} (the oldest sessions)"),
        summary("healthz", "baseline: GET /healthz"),
        summary("old", "before: every record with its turns + the per-record cohort functions (no page rendered)"),
    ]
    return {"made": made, "database": "PostgreSQL" if database_url.startswith("postgresql") else "SQLite", "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few turns per user: a smoke run")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=None, help="turns per user (default 40, or 3 with --quick)")
    parser.add_argument("--scenario", default="partner-renegotiation")
    parser.add_argument("--database-url", default="", help="default: SQLite in a temporary folder")
    parser.add_argument("--turn-cost", action="store_true", help="server CPU per turn at turns 1, 10 and 30, in process")
    parser.add_argument("--leader", action="store_true", help="GET /leader with 10,000 sessions, in process")
    parser.add_argument(
        "--server",
        choices=["werkzeug", "gunicorn"],
        default="werkzeug",
        help="the server under load: Werkzeug's threaded one (serve on loopback) or gunicorn (the class recipe)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's worker processes (with --server gunicorn)")  # fmt: skip
    parser.add_argument("--before", type=Path, help="a checkout of an earlier release, measured the same way in the same run")
    parser.add_argument(
        "--before-server", choices=["werkzeug", "gunicorn"], help="the server of --before (default: the same as --server)"
    )
    parser.add_argument("--rounds", type=int, default=0, help="rounds, interleaved with --before (default 3 with it, else 1)")
    args = parser.parse_args()
    if args.leader:
        out = leader_cost(500, 3, 2, args.database_url) if args.quick else leader_cost(database_url=args.database_url)
        if args.json:
            print(json.dumps({"quick": args.quick, **out}, indent=2))
        else:
            made = ", ".join(f"{v:,} {k}" for k, v in out["made"].items())
            print(f"{made}; {out['database']}\n\n| what | requests | p50 ms | p95 ms |\n| --- | --- | --- | --- |")
            for r in out["rows"]:
                print(f"| {r['what']} | {r['count']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} |")
        return 0
    if args.turn_cost:
        cost = turn_cost(sessions=3 if args.quick else 15)
        if args.json:
            print(json.dumps({"turn_cost": cost}, indent=2))
        else:
            print("| what | server CPU, median ms | x turn 1 | of which in the app, ms |\n| --- | --- | --- | --- |")
            for r in cost:
                in_app = f"{r['in_app_ms']:.2f}" if "in_app_ms" in r else ""
                print(f"| {r['what']} | {r['cpu_ms']:.2f} | {r['x_turn_1']:.2f} | {in_app} |")
        return 0
    turns = args.turns or (3 if args.quick else 40)
    users = max(1, min(args.users, 500))

    here = Path(__file__).resolve().parent.parent
    checkouts = {"now": here} | ({"before": args.before.resolve()} if args.before else {})
    rounds = args.rounds or (3 if args.before else 1)
    for checkout in checkouts.values():
        check_checkout(checkout)
    runs: dict[str, list[Measured]] = {k: [] for k in checkouts}
    scenario = args.scenario
    for n in range(rounds):
        order = list(checkouts) if n % 2 == 0 else list(checkouts)[::-1]  # interleaved, each first in turn
        for key in order:
            kind = args.server if key == "now" else (args.before_server or args.server)
            measured, scenario = measure(args, checkouts[key], kind, users, turns)
            runs[key].append(measured)
    rows = []
    for key, ms in runs.items():
        label = "" if key == "now" else "before: "
        rows += [
            row(
                "turn" if key == "now" else "before_turn",
                f"{label}turn: POST reply + GET next page (and the delivery page where there is one), {users} users, "
                f"'{scenario}'",
                *pooled([(m.turns, m.turn_wall) for m in ms]),
            ),
            row(
                "baseline" if key == "now" else "before_baseline",
                f"{label}baseline: 2 x GET /healthz, {users} users, same app",
                *pooled([(m.base, m.base_wall) for m in ms]),
            ),
        ]
    info: dict[str, object] = {
        "users": users,
        "turns": turns,
        "database": "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite",
        "server": args.server if args.server == "werkzeug" else f"gunicorn -w {args.workers}",
        "rounds": rounds,
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count() or 1,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }
    if args.before:
        ratios = [now.per_second / before.per_second for now, before in zip(runs["now"], runs["before"], strict=True)]
        before_server = args.before_server or args.server
        info |= {"before": str(args.before), "before_server": before_server if before_server == "werkzeug" else
                 f"gunicorn -w {args.workers}", "x_before": statistics.median(ratios), "x_before_rounds": ratios}  # fmt: skip
    if args.json:
        print(json.dumps({"quick": args.quick, "rows": rows, "machine": info}, indent=2))
    else:
        print(markdown(rows, info))
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
