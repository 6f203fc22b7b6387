"""Sessions checkpointed by the code before the step registry still resume and go back.

The fixtures in tests/fixtures/old_session were written by that older code (see its
README); each test works on a copy, so the fixture itself never changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from agent_driver import Driver
from agent_fakes import ScriptedChatModel

from ftdesign.agent.state import GATES, STEPS

OLD = Path(__file__).resolve().parents[1] / "fixtures" / "old_session"


def old_session(name: str, tmp_path: Path) -> Driver:
    project = tmp_path / name
    shutil.copytree(OLD / name, project)
    return Driver(project, ScriptedChatModel(), f"old-{name.replace('_', '-')}")


def test_a_session_stopped_at_the_rubric_resumes_and_goes_on(tmp_path: Path) -> None:
    driver = old_session("at_rubric", tmp_path)
    stop = driver.resume()
    assert stop is not None and stop.step == "rubric" and stop.number == 4
    assert stop.back_to == ["intake", "model_choice", "token_economics", "taxonomy"]
    stop = driver.send("approve")
    assert stop is not None and stop.step == "personas"
    assert (driver.session.project / "config/rubric.yaml").is_file()


@pytest.mark.parametrize("target", STEPS[:-1])
def test_back_to_any_gate_from_an_old_finished_session(tmp_path: Path, target: str) -> None:
    driver = old_session("at_done", tmp_path)
    assert (stop := driver.resume()) is not None and stop.step == "done"
    stop = driver.send(f"back to {target}")  # the driver fails on any error event
    assert stop is not None and stop.step == target
    statuses = driver.state().statuses
    assert statuses[target] == "current"
    later = [g for g in GATES if STEPS.index(g) > STEPS.index(target)]
    assert all(statuses[g] == "stale" for g in later)


@pytest.mark.parametrize("target", GATES)
def test_back_from_an_old_rubric_stop_never_raises(tmp_path: Path, target: str) -> None:
    driver = old_session("at_rubric", tmp_path)
    driver.resume()
    stop = driver.send(f"back to {target}")
    assert stop is not None
    if GATES.index(target) < GATES.index("rubric"):
        assert stop.step == target
    else:  # not an earlier gate: the stop stays and says where `back` may go
        assert stop.step == "rubric" and stop.notices
