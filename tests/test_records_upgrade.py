"""Records written by an earlier release open in this one: upgraded on open, then listed,
resumed and reported; a database from a newer release is refused and left untouched.

The database under test was written by the release at commit adda831 (see
tests/data/records/README.md), on SQLite, and copied row for row into PostgreSQL.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from simulator import cohort, migrate, report
from simulator.engine import compile_scenario
from simulator.library import load
from simulator.records import Store, debrief_of
from simulator.rules import replay
from tests.web.conftest import database_url  # noqa: F401 - the sqlite/postgres fixture

REPO = Path(__file__).resolve().parent.parent
OLD = REPO / "tests" / "data" / "records" / "release-adda831.sqlite3"
LISTED = [
    ("3399939b", "2026-11-24T15:14:02+00:00", "money-impasse", 1, "renegotiating"),
    ("e78afc57", "2026-11-24T15:14:06+00:00", "money-impasse", 1, "renegotiating"),
    ("d490685e", "2026-11-24T15:14:10+00:00", "delivery-practice", 1, "sorted"),
    ("b23867dd", "2026-11-24T15:14:22+00:00", "money-impasse", 1, None),
    ("d3f3dbbd", "2026-11-24T15:14:26+00:00", "money-impasse", 3, "renegotiating"),
]


def old_store(tmp_path: Path, url: str | None) -> Store:
    """A store opened on the old release's records (upgraded by opening it)."""
    if url is None:
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        shutil.copy(OLD, folder / "records.sqlite3")
        return Store(data_dir=folder)
    engine = sa.create_engine(url)
    _to_revision(engine, migrate.BASELINE)
    old = sqlite3.connect(OLD)
    with engine.begin() as db:
        for table in ("sessions", "turns"):
            cursor = old.execute(f"SELECT * FROM {table}")
            names = [c[0] for c in cursor.description]
            rows = [dict(zip(names, r, strict=True)) for r in cursor]
            for r in rows:
                if "rewound" in r:
                    r["rewound"] = bool(r["rewound"])
            db.execute(sa.table(table, *(sa.column(n) for n in names)).insert(), rows)
    engine.dispose()
    return Store(url)


def _to_revision(engine: sa.Engine, revision: str) -> None:
    from alembic import command

    cfg = Config()
    cfg.set_main_option("script_location", str(REPO / "simulator" / "migrations"))
    with engine.begin() as db:
        cfg.attributes["connection"] = db
        command.upgrade(cfg, revision)


def test_the_newest_migration_is_the_one_the_code_expects() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(REPO / "simulator" / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == migrate.HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(migrate.KNOWN)


def test_old_records_are_upgraded_then_listed_reported_and_resumed(tmp_path: Path, database_url: str | None) -> None:  # noqa: F811
    with old_store(tmp_path, database_url) as store:
        listed = [r.listing() for r in store.all()]
        assert [(r["id"], r["started_at"], r["scenario"], r["turns"], r["ending"]) for r in listed] == LISTED
        assert listed[0]["scores"] == {"tone": 100, "timing": 100, "nonverbal": 100, "charge": 100, "overall": 100}
        light = [(r.id, r.title, r.started_at, r.replies, r.ending_title, r.scores) for r in reversed(store.listing())]
        assert light == [
            (r.id, r.facts["title"], r.started_at, len(r.turns), r.ending["title"] if r.ending else None, r.scores)
            for r in store.all()
        ]

        rewound = store.get("3399939b")
        assert [(a["choice"], a["rewound"]) for a in rewound.attempts] == [("counter", True), ("acknowledge", False)]
        md = report.render(debrief_of(rewound, None), "md")
        assert "Session 3399939b, played 24 Nov 2026, 15:14 · coach mode · client perspective" in md
        assert "## Ending: The real expectation is on the table (positive)" in md
        chosen = report.render(debrief_of(store.get("d490685e"), None), "md")
        assert "sarcastic" in chosen

        unfinished = store.get("b23867dd")
        assert unfinished.finished_at is None
        session = replay(compile_scenario(load(REPO / "tests" / "data" / "valid" / "money-impasse.yaml")).new_session(),
                         store.choices("b23867dd"))  # fmt: skip
        assert (session.state, session.turn) == ("escalation", 1)
        turn = session.play("follow")
        store.add_turn("b23867dd", session, turn)
        assert [t["choice"] for t in store.get("b23867dd").turns] == ["counter", "follow"]


def test_the_terminal_resumes_an_old_session_and_lists_it_finished(tmp_path: Path) -> None:
    old_store(tmp_path, None).close()
    data = ["--data-dir", str(tmp_path / "data")]
    ipt = [sys.executable, "-m", "simulator"]
    resumed = subprocess.run([*ipt, "resume", "b23867dd", "--yes", *data], input="follow\nown-it\n1\n1\n",
                             check=False, capture_output=True, text=True, cwd=REPO, timeout=60)  # fmt: skip
    assert "Resuming session b23867dd of 'The same argument about money' at turn 2." in resumed.stderr
    listed = subprocess.run([*ipt, "sessions", *data], check=False, capture_output=True, text=True, cwd=REPO, timeout=60)
    line = next(x for x in listed.stdout.splitlines() if x.startswith("b23867dd"))
    assert "3 turns      63  The real expectation" in line, resumed.stdout + resumed.stderr


def test_the_checklist_summary_is_made_for_sessions_recorded_before_it(tmp_path: Path, database_url: str | None) -> None:  # noqa: F811
    """Sessions written at schema 0003 (format 1.1 turns, a rewound one; an unfinished
    session whose rewind wrote JSON null for its scores) count in the leader's item table
    and means once the store is opened by this release."""
    url = database_url or f"sqlite:///{tmp_path / 'records.sqlite3'}"
    cue = compile_scenario(load(REPO / "tests" / "data" / "valid" / "after-the-cue.yaml"))
    money = compile_scenario(load(REPO / "tests" / "data" / "valid" / "money-impasse.yaml"))
    with Store(url) as store:
        for replies in (["cheer", "work"], ["cheer", "<", "ask", "stay"]):
            session = cue.new_session()
            sid = store.start(session, "coach")
            assert sid is not None
            for choice in replies:
                if choice == "<":
                    session.rewind(1)
                    store.rewind(sid, 1)
                else:
                    store.add_turn(sid, session, session.play(choice))
        unfinished = store.start(money.new_session(), "coach")
        with store.engine.begin() as db:  # as schema 0003 was, with a rewind's JSON null
            db.execute(sa.text("DROP INDEX sessions_by_scenario"))
            db.execute(sa.text("DROP INDEX sessions_by_start"))
            db.execute(sa.text("ALTER TABLE sessions DROP COLUMN checklist"))
            db.execute(sa.text("UPDATE alembic_version SET version_num = '0003'"))
            old = sa.table("sessions", sa.column("id"), sa.column("scores", sa.JSON), sa.column("ending", sa.JSON))
            db.execute(old.update().where(old.c.id == unfinished).values(scores=None, ending=None))
            assert db.execute(sa.text("SELECT count(*) FROM sessions WHERE scores IS NULL")).scalar_one() == 0
    with Store(url) as store:
        assert cohort.items_csv(cohort.item_counts(store.item_levels())).splitlines()[1:] == [
            'after-the-cue,"After ""what\'s the point""",risk_recheck,Risk re-checked when cued,yes,2,1,0,1',
            'after-the-cue,"After ""what\'s the point""",focus_held,Focus held,no,1,0,1,0',
            'after-the-cue,"After ""what\'s the point""",technique_skill,Techniques used with skill,no,1,1,0,0',
        ]
        means = cohort.score_means(store.scores_by_scenario(cohort.SCORE_KEYS))
        overall = [r.scores["overall"] for r in store.all() if r.scores]  # the two played sessions
        assert [(m["id"], m["sessions"], m["finished"], m["means"]["overall"]) for m in means] == [
            ("after-the-cue", 2, 2, int(sum(overall) / 2 + 0.5)), ("money-impasse", 1, 0, None)
        ]  # fmt: skip
        with store.engine.connect() as db:
            assert db.execute(sa.text("SELECT count(*) FROM sessions WHERE scores IS NULL")).scalar_one() == 1


def test_records_from_a_newer_release_are_refused_and_left_as_they_are(tmp_path: Path) -> None:
    old_store(tmp_path, None).close()
    path = tmp_path / "data" / "records.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    before = dump(path)
    result = subprocess.run([sys.executable, "-m", "simulator", "sessions", "--data-dir", str(tmp_path / "data")],
                            check=False, capture_output=True, text=True, cwd=REPO, timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        "ipt-sim: the records database was written by a newer release of ipt-sim (schema 0099; this release knows up to "
        "0004); it is left as it is: upgrade ipt-sim (pip install -U ipt-sim) to open it\n"
    )
    assert dump(path) == before


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def test_migrations_never_go_down() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(REPO / "simulator" / "migrations"))
    for rev in ScriptDirectory.from_config(cfg).walk_revisions():
        with pytest.raises(RuntimeError) as err:
            rev.module.downgrade()
        assert str(err.value) == "records are never migrated down: keep a copy of the database instead"
