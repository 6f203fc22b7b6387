"""The real app in a real browser: Debian's Chromium driven headless by Playwright.

`ftdesign ui` runs as a subprocess on the embedded model with no key. The test types a
domain, sees the reply stream in, approves two stops through their buttons, sees the
next gate's draft, reloads the page and restarts the server and finds the session
intact, and checks a second browser session stays apart. Screenshots go to tests/output/.
Requests that would leave the machine are blocked and listed there too.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).is_file(),
        reason="needs Debian's Chromium: apt-get install chromium chromium-driver (.ci/run does)",
    ),
]

OUTPUT = Path(__file__).resolve().parents[1] / "output"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DOMAIN = "customer support for a SaaS billing product, runs offline on a laptop"
OTHER_DOMAIN = "a maths tutor for 12 year olds"
UPLOADED_DOMAIN = "a tutor for adults learning Welsh"
STEP_TIMEOUT = 600_000  # ms for one step of the embedded model (drafting and the review)
LAUNCH_KEY = "browser-test-launch-key"  # what `ftdesign ui` would put in the link it opens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class App:
    """`ftdesign ui --headless` on a project folder, restartable on the same port."""

    def __init__(self, project: Path, log: Path, **env: str) -> None:
        self.project, self.log, self.port = project, log, free_port()
        self.env = {"FTDESIGN_UI_KEY": LAUNCH_KEY, **env}
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            str(Path(sys.executable).parent / "ftdesign"),
            "ui",
            "--headless",
            "--port",
            str(self.port),
            "--project",
            str(self.project),
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"ftdesign ui exited: {self.log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail("ftdesign ui did not answer within 120 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("ui")
    running = App(folder / "project", folder / "ui.log")
    running.start()
    yield running
    running.stop()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "ui-server.log").write_bytes(running.log.read_bytes())


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def open_page(browser: Browser, app: App, blocked: list[str]) -> Page:
    """A fresh browser session that may only talk to the app."""

    def only_local(route) -> None:
        if route.request.url.startswith(app.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.route("**/*", only_local)
    page.goto(f"{app.url}/ftdesign/open?key={LAUNCH_KEY}")  # local mode's door
    # The welcome comes over the chat's socket: before it, Chainlit drops typed messages
    # and uploads, as its composer is disabled until the socket connects.
    expect(page.get_by_text("Describe the assistant you want to fine-tune")).to_be_visible(
        timeout=60_000
    )
    return page


def send(page: Page, text: str) -> None:
    page.locator("#chat-input").click()
    page.keyboard.type(text)  # typing, not fill(): the composer ignores filled text
    page.keyboard.press("Enter")


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(OUTPUT / name))


def approve(page: Page) -> None:
    button = page.get_by_role("button", name="Approve", exact=True).last
    expect(button).to_be_enabled(timeout=STEP_TIMEOUT)
    button.click()


def docs_shot(page: Page, heading) -> None:
    """`gate-stop.png` for the README: the whole stop (heading to buttons) in one picture."""
    page.set_viewport_size({"width": 1600, "height": 1900})
    heading.evaluate("node => node.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    shot(page, "gate-stop.png")
    page.set_viewport_size({"width": 1280, "height": 1000})


def draft(page: Page, path: str):
    """The draft element of a stop: its heading is the artifact's path."""
    return page.get_by_text(path, exact=True).last


def test_design_session_in_the_browser(app: App, browser: Browser) -> None:
    blocked: list[str] = []
    page = open_page(browser, app, blocked)
    shot(page, "01-welcome.png")

    send(page, DOMAIN)
    progress = page.get_by_text(re.compile(r"Intake: reading the guides"))
    expect(progress).to_be_visible(timeout=STEP_TIMEOUT)  # streamed while the agent works
    expect(draft(page, ".ftdesign/intake.yaml")).to_be_visible(timeout=STEP_TIMEOUT)
    expect(page.get_by_text("closest_domain: customer_support")).to_be_visible()
    # The stop lists what it read from the first message and asks only for the rest.
    heard = "From your description: hardware: a laptop; offline: true."
    expect(
        page.get_by_text(re.compile(re.escape(heard) + " Still missing: budget, expertise"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Embedded demo model .*capable model"))).to_have_count(1)
    # Chainlit moves the page to the chat's own address once the thread is saved.
    expect(page).to_have_url(re.compile(r"/thread/[\w-]+$"), timeout=60_000)
    shot(page, "02-intake-stop.png")

    approve(page)  # intake approved: gate 1 drafts, validates and reviews
    expect(draft(page, "model-choice.md")).to_be_visible(timeout=STEP_TIMEOUT)
    expect(page.get_by_text("Gate 1 of 7 · Model choice")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Review of Model choice"))).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    docs_shot(page, page.get_by_role("heading", name="Gate 1 of 7 · Model choice"))

    approve(page)  # gate 1 approved through its button: gate 2's draft appears
    gate_two = draft(page, "model-choice.md (## Token budget)")
    expect(gate_two).to_be_visible(timeout=STEP_TIMEOUT)
    expect(page.get_by_text("Gate 2 of 7 · Token economics")).to_be_visible()
    expect(page.get_by_text("✔ 1 Model choice").last).to_be_visible()
    shot(page, "03-gate-2.png")
    assert (app.project / "model-choice.md").is_file(), "approval writes the artifact"

    address = page.url
    page.reload()
    assert_intact(page, address)
    shot(page, "04-after-reload.png")

    app.stop()  # a server restart loses nothing either
    app.start()
    page.goto(address)
    assert_intact(page, address)
    shot(page, "05-after-restart.png")

    (OUTPUT / "blocked-requests.txt").write_text("\n".join(sorted(set(blocked))) + "\n")
    page.context.close()


def assert_intact(page: Page, address: str) -> None:
    expect(page.locator("#chat-input")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(DOMAIN).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Gate 1 of 7 · Model choice").first).to_be_visible()
    expect(draft(page, "model-choice.md (## Token budget)")).to_be_visible()
    expect(page.get_by_role("button", name="Approve", exact=True).last).to_be_visible(
        timeout=60_000
    )
    assert page.url == address


def test_two_browser_sessions_stay_apart(app: App, browser: Browser) -> None:
    blocked: list[str] = []
    first, second = open_page(browser, app, blocked), open_page(browser, app, blocked)
    send(first, DOMAIN + " (first)")
    send(second, OTHER_DOMAIN)
    expect(draft(first, ".ftdesign/intake.yaml")).to_be_visible(timeout=STEP_TIMEOUT)
    expect(draft(second, ".ftdesign/intake.yaml")).to_be_visible(timeout=STEP_TIMEOUT)
    expect(second.get_by_text(f"description: {OTHER_DOMAIN}")).to_be_visible()
    assert first.url != second.url
    # The chat area, not the sidebar: both chats belong to the same local user, whose
    # history list rightly names both.
    assert OTHER_DOMAIN not in first.locator("main").inner_text()
    assert "(first)" not in second.locator("main").inner_text()
    shot(second, "06-second-session.png")


def test_an_uploaded_project_continues_and_downloads(app: App, browser: Browser, tmp_path) -> None:
    from ftdesign.knowledge.domains import domain_artifact

    marker = "Uploaded for the browser test."
    project_zip = tmp_path / "welsh-tutor.zip"
    with zipfile.ZipFile(project_zip, "w") as archive:
        archive.writestr(
            "welsh-tutor/.ftdesign/intake.yaml",
            f"description: {UPLOADED_DOMAIN}\nclosest_domain: tutoring\n",
        )
        archive.writestr(
            "welsh-tutor/model-choice.md",
            domain_artifact("tutoring", "model_choice") + f"\n{marker}\n",
        )
    page = open_page(browser, app, [])
    page.locator("input[type=file]").first.set_input_files(str(project_zip))
    expect(page.get_by_text("welsh-tutor.zip").first).to_be_visible(timeout=60_000)
    page.locator("#chat-input").click()
    page.keyboard.type("Continue from this project.")
    send_button = page.locator("#chat-submit")
    expect(send_button).to_be_enabled(timeout=60_000)  # enabled once the upload has finished
    send_button.click()  # the uploaded intake, not the typed words, starts the session
    expect(page.get_by_text("Received .ftdesign/intake.yaml")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"description: {UPLOADED_DOMAIN}")).to_be_visible(timeout=STEP_TIMEOUT)
    written_by_another_chat = (app.project / ".ftdesign" / "intake.yaml").is_file()
    approve(page)
    if written_by_another_chat:  # an earlier test's chat approved intake in this project
        expect(page.get_by_text("Press Approve again to overwrite it").last).to_be_visible(
            timeout=STEP_TIMEOUT
        )
        approve(page)
    expect(page.get_by_text("Using your uploaded model-choice.md as the draft")).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    expect(page.get_by_text(marker).last).to_be_visible(timeout=STEP_TIMEOUT)
    expect(page.get_by_text("Read your reply as your own version")).to_be_visible()
    shot(page, "08-uploaded-project.png")

    page.get_by_role("button", name="Download project").last.click()
    link = page.get_by_role("link", name=re.compile(r"-\d{8}-\d{6}\.zip$")).last  # not the upload
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=120_000) as download:  # a second worker shares the cores
        link.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = set(archive.namelist())
        assert marker in archive.read("drafts/model-choice.md").decode()
    assert ".ftdesign/intake.yaml" in names  # written when intake was approved
    assert not [n for n in names if "checkpoints" in n or n.startswith(".ftdesign/ui")]
    page.context.close()


def test_password_login_for_shared_use(tmp_path, browser: Browser) -> None:
    from ftdesign.agent.ui import users

    users.add(tmp_path / "project", "ana", "a long passphrase")
    shared = App(tmp_path / "project", tmp_path / "ui.log")
    shared.start()
    try:
        page = browser.new_context().new_page()
        page.goto(shared.url)
        page.locator("#email").fill("ana")
        for password, status in (("wrong", 401), ("a long passphrase", 200)):
            page.locator("#password").fill(password)
            with page.expect_response(lambda r: r.url.endswith("/login")) as answer:
                page.keyboard.press("Enter")
            assert answer.value.status == status, password
        expect(page.get_by_text("Describe the assistant you want to fine-tune")).to_be_visible(
            timeout=60_000
        )
        shot(page, "07-password-login.png")
        page.context.close()
    finally:
        shared.stop()
