"""``ipt-sim new``: a small, valid, commented scenario that plays as is and teaches the format."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import IptSimError
from simulator.jinja_env import report_environment
from simulator.model import AREAS, STAGES

SCHEMA_FILE = "scenario.schema.json"


def render(scenario_id: str, area: str, stage: str | None, perspective: str, filename: str) -> str:
    """The scenario text for these choices (validated by the tests for every combination)."""
    if area == "role_dispute" and stage is None:
        raise IptSimError(f"--stage is needed for a role_dispute scenario ({', '.join(STAGES)})")
    if area != "role_dispute" and stage is not None:
        raise IptSimError(f"--stage is only for role_dispute scenarios, not {area}")
    assert area in AREAS
    title = scenario_id.replace("-", " ").capitalize()
    return report_environment().get_template("new_scenario.yaml.j2").render(
        id=scenario_id, title=title, area=area, stage=stage, perspective=perspective, flood=8,
        filename=filename, schema=SCHEMA_FILE,
    )  # fmt: skip


def write(scenario_id: str, area: str, stage: str | None, perspective: str, folder: Path, force: bool = False) -> list[Path]:
    """Write ``ID.yaml`` (and the schema beside it, for editors); refuses to overwrite."""
    from importlib.resources import files

    target = folder / f"{scenario_id}.yaml"
    if target.exists() and not force:
        raise IptSimError(f"{target} already exists; choose another id or pass --force")
    text = render(scenario_id, area, stage, perspective, target.name)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    written = [target]
    schema = folder / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(files("simulator").joinpath("data/scenario.schema.json").read_text("utf-8"), "utf-8")
        written.append(schema)
    return written
