"""No chat waits on the app's warm-up: the real app, in Debian's Chromium, while it is running.

`ftdesign ui` starts the agent's model and the guide index in the background just before it
listens. Here the model's start is held back by FTDESIGN_WARMUP_DELAY (a real cold start can
end before the test looks), so the warm-up is certainly still running while the test loads the
page, gets the first chat's intake stop and gate 1's stop (the embedded model's sessions build
both from rules), asks a question there (its answer needs the model: the chat now waits for the
warm-up, off the event loop) and uses a second chat, whose page must keep answering.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, expect
from test_browser import (
    DOMAIN,
    OTHER_DOMAIN,
    App,
    approve,
    browser,
    draft,
    open_page,
    pytestmark,
    send,
    shot,
)

from ftdesign.agent.warmup import DELAY_ENV

__all__ = ["browser", "pytestmark"]  # the browser fixture; slow and skipped as test_browser.py
MODEL_READY = "the agent's model is ready"
RESPONSIVE_MS = 60_000  # a page that answers at all answers well within this on a busy machine


def wait_for_log(app: App, line: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while line not in app.log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"no {line!r} in the log"
        time.sleep(0.5)


def test_no_chat_waits_on_the_warm_up(tmp_path, browser: Browser) -> None:
    app = App(tmp_path / "project", tmp_path / "ui.log", **{DELAY_ENV: "900"})
    app.start()
    try:
        blocked: list[str] = []
        first = open_page(browser, app, blocked)  # the welcome came over the chat's socket
        send(first, DOMAIN)
        expect(draft(first, ".ftdesign/intake.yaml")).to_be_visible(timeout=RESPONSIVE_MS)
        approve(first)  # gate 1's stop comes from rules with the embedded model
        expect(draft(first, "model-choice.md")).to_be_visible(timeout=RESPONSIVE_MS)
        send(first, "What does the context window limit mean for my examples?")
        waiting_line = "a chat waits for the agent's model, still loading"
        wait_for_log(app, waiting_line)  # the answer needs the model: this chat now waits

        second = open_page(browser, app, blocked)
        send(second, OTHER_DOMAIN)
        expect(draft(second, ".ftdesign/intake.yaml")).to_be_visible(timeout=RESPONSIVE_MS)
        expect(second.get_by_text(f"description: {OTHER_DOMAIN}")).to_be_visible()
        shot(second, "warm-up-second-chat.png")

        log = app.log.read_text(errors="replace")
        assert "in the background" in log, log[-2000:]
        assert "the guide index is ready" in log, log[-2000:]
        assert MODEL_READY not in log, "the warm-up ended before the chats were checked"
        assert not first.get_by_text(re.compile(r"^The model could not answer")).count()
    finally:
        app.stop()
