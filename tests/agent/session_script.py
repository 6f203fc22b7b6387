"""Run a scripted session to a stop in a separate process, so a test can kill it there.

    python session_script.py PROJECT THREAD STEP [then-approve]

Prints `READY <step>` at the stop. With `then-approve` it also approves that stop with
a review that takes 60 s, printing `SENT` first, so the kill lands mid-step.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from agent_driver import Driver
from agent_fakes import ScriptedChatModel

project, thread, step = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
model = ScriptedChatModel()
driver = Driver(project, model, thread)
stop = driver.approve_until(step, driver.start())
sys.stdout.write(f"READY {stop.step}\n")
sys.stdout.flush()
if sys.argv[4:] == ["then-approve"]:
    model.delays["review"] = 60.0
    sys.stdout.write("SENT\n")
    sys.stdout.flush()
    driver.send("approve")
time.sleep(600)
