"""Two people on one shared app, each with their own login: their projects stay apart.

The real app with a users file, driven in Debian's Chromium: ana and bob sign in with
their own passwords, each starts a project from an uploaded intake, and the test shows
that neither sees the other's chat (not even at its address), that each download holds
only its own design (and never the folder's `.env` or users file), and that approving
writes into each person's own folder. Screenshots go to tests/output/.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import (
    OUTPUT,
    STEP_TIMEOUT,
    App,
    approve,
    browser,
    pytestmark,
    shot,
)

from ftdesign.agent.ui import users

ZIP_LINK = re.compile(r"-\d{8}-\d{6}\.zip$")
PEOPLE = {"ana": "ana's own passphrase", "bob": "bob's own passphrase"}
DOMAINS = {"ana": "a tutor for adults learning Welsh (ana)", "bob": "a maths tutor (bob)"}
__all__ = ["browser", "pytestmark"]  # the browser fixture; slow and skipped as test_browser.py


def sign_in(browser: Browser, app: App, name: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(app.url)
    page.locator("#email").fill(name)
    page.locator("#password").fill(PEOPLE[name])
    page.keyboard.press("Enter")
    expect(page.get_by_text("Describe the assistant you want to fine-tune")).to_be_visible(
        timeout=60_000
    )
    return page


def start_from_upload(page: Page, folder: Path, name: str) -> None:
    upload = folder / f"{name}.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr(
            ".ftdesign/intake.yaml", f"description: {DOMAINS[name]}\nclosest_domain: tutoring\n"
        )
    page.locator("input[type=file]").first.set_input_files(str(upload))
    expect(page.get_by_text(f"{name}.zip").first).to_be_visible(timeout=60_000)
    page.locator("#chat-input").click()
    page.keyboard.type("Start from my intake.")
    expect(page.locator("#chat-submit")).to_be_enabled(timeout=60_000)
    page.locator("#chat-submit").click()
    expect(page.get_by_text(f"description: {DOMAINS[name]}")).to_be_visible(timeout=STEP_TIMEOUT)


def download(page: Page) -> zipfile.ZipFile:
    """The project's zip. On a busy machine a click can land while the button or the link
    re-renders and do nothing, as a person's would: then both are clicked again."""
    for attempt in range(3):
        try:
            page.get_by_role("button", name="Download project").last.click()
            link = page.get_by_role("link", name=ZIP_LINK).last
            expect(link).to_be_visible(timeout=40_000)
            with page.expect_download(timeout=40_000) as done:
                link.click()
            return zipfile.ZipFile(done.value.path())
        except (PlaywrightTimeout, AssertionError):
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def wait_for_file(path: Path, seconds: float = 300) -> str:
    deadline = time.monotonic() + seconds
    while not path.is_file():
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(1)
    return path.read_text(encoding="utf-8")


def test_two_people_keep_their_own_projects(tmp_path, browser: Browser) -> None:
    project = tmp_path / "project"
    for name, password in PEOPLE.items():
        users.add(project, name, password)
    (project / ".env").write_text("OPENAI_API_KEY=sk-not-for-download\n")
    app = App(project, tmp_path / "ui.log")
    app.start()
    try:
        ana = sign_in(browser, app, "ana")
        start_from_upload(ana, tmp_path, "ana")
        expect(ana).to_have_url(re.compile(r"/thread/[\w-]+$"), timeout=60_000)
        ana_thread = ana.url
        bob = sign_in(browser, app, "bob")
        start_from_upload(bob, tmp_path, "bob")
        shot(bob, "people-01-bob.png")

        # Neither sees the other: not in the history list, not at the chat's own address.
        assert "(ana)" not in bob.locator("body").inner_text()
        assert "(bob)" not in ana.locator("body").inner_text()
        intruder = bob.context.new_page()
        intruder.goto(ana_thread)
        intruder.wait_for_timeout(5_000)
        assert "(ana)" not in intruder.locator("body").inner_text()
        shot(intruder, "people-02-bob-at-anas-address.png")
        intruder.close()

        # Each download holds that person's design only, and nothing else from the folder.
        for page, name, other in ((ana, "ana", "bob"), (bob, "bob", "ana")):
            with download(page) as archive:
                names = set(archive.namelist())
                text = "".join(archive.read(n).decode(errors="replace") for n in names)
            assert f"({name})" in text and f"({other})" not in text, names
            assert not names & {".env", ".ftdesign/users.json"}, names

        # Approving writes into each person's own folder; the shared root stays untouched.
        approve(ana)
        approve(bob)
        for name in PEOPLE:
            written = wait_for_file(project / "people" / name / ".ftdesign" / "intake.yaml")
            assert f"({name})" in written
        assert not (project / ".ftdesign" / "intake.yaml").exists()
        shot(ana, "people-03-ana-approved.png")
    finally:
        app.stop()
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / "ui-people-server.log").write_bytes(app.log.read_bytes())
