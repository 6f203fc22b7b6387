"""Run a whole scripted session with an extra gate added to a copy of the step registry.

    python extra_step_script.py PROJECT GUIDE

The registry copy is installed before the rest of ftdesign is imported, as an extension
would; the script prints one JSON line describing how the session went.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ftdesign.tools import steps
from ftdesign.tools.step_model import ArtifactDecl, declare

project, guide = Path(sys.argv[1]), sys.argv[2]
launch_plan = declare(
    id="launch_plan",
    title="Launch plan",
    short_title="Launch",
    question="Is this how the fine-tuned model should reach users?",
    query="rollout staff users weeks",
    artifacts=(
        ArtifactDecl(
            kind="launch_plan", path="launch-plan.md", title="Launch plan", rules="document"
        ),
    ),
    guide=guide,
    focus="a rollout with no way back",
    aliases=("launch",),
    implementation="extra_gate",
)
steps.use_registry(steps.REGISTRY.with_step(launch_plan))

from agent_driver import Driver  # noqa: E402  (after the registry is in place)
from agent_fakes import ScriptedChatModel  # noqa: E402

from ftdesign.agent.cli.render import render_stop  # noqa: E402
from ftdesign.agent.decisions import read_decisions  # noqa: E402
from ftdesign.agent.ui.stop_view import stop_markdown  # noqa: E402

driver = Driver(project, ScriptedChatModel())
stop = driver.approve_until("launch_plan", driver.start())
seen = {
    "step": stop.step,
    "number": stop.number,
    "title": stop.title,
    "drafts": list(stop.drafts),
    "checklist": [c.item for c in stop.review.checklist] if stop.review else [],
    "cli": render_stop(stop).splitlines()[1],
    "ui": stop_markdown(stop).splitlines()[0],
}
back = driver.send("back to launch")  # an alias declared with the step
seen["back_to_itself"] = back.step if back else None
done = driver.approve_until("done", driver.send("approve"))
seen["after"] = done.step
driver.send("finish")
seen["decisions"] = [d.gate for d in read_decisions(project) if d.decision == "approved"]
seen["written"] = (project / "launch-plan.md").read_text(encoding="utf-8")
sys.stdout.write(json.dumps(seen) + "\n")
