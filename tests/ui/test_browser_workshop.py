"""The stop and the calibration workshop in a real browser, on the embedded model.

Drives `ftdesign ui` from a first message to the rubric gate, checking on the way that
the intake heard the message, drafts render (Markdown as Markdown, YAML as summaries
with charts), nothing runs off the page at 1280, 1440, 1920 and 390 px, and the review
is honest about the demo model. At the rubric it opens the calibration workshop,
proposes examples for one criterion, accepts one, relabels one, writes one by hand,
sees the judge's check of each, saves, sees the rubric's word diff and finds the
examples in config/rubric.yaml after approval. Screenshots of each step go to
tests/output/ at 1280 and 1440 px; `workshop-*.png` and `rubric-stop.png` are the ones
the README shows (copied to agent/ui/ by hand when they change).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from test_browser import (
    CHROMIUM,
    OUTPUT,
    STEP_TIMEOUT,
    App,
    approve,
    browser,
    open_page,
    send,
    shot,
)

__all__ = ["browser"]  # test_browser.py's fixture, one Chromium per module

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="needs Debian's Chromium"),
]
DOMAIN = (
    "customer support for a SaaS billing product, runs offline on a laptop,"
    " two support leads can review"
)
WIDTHS = {1280: 1000, 1440: 1000, 1920: 1000, 390: 844}
JUDGED = re.compile(r"The judge (agrees|disagrees|could not label)")
OWN_CONTEXT = "User: I was billed twice for March, can you fix it?"
OWN_RESPONSE = "I can see two March charges; I have asked billing to refund the duplicate."


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("workshop")
    running = App(folder / "project", folder / "ui.log")
    running.start()
    yield running
    running.stop()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "ui-workshop-server.log").write_bytes(running.log.read_bytes())


def shots(page: Page, name: str) -> None:
    """The same moment at both desktop widths the issue names."""
    for width in (1280, 1440):
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(300)
        shot(page, f"{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 1000})


def assert_fits(page: Page, name: str) -> None:
    """Nothing makes the page scroll sideways, at any of the four widths."""
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width} px is {wide} px wide"
        shot(page, f"{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 1000})


def judged(page: Page) -> int:
    return page.get_by_text(JUDGED).count()


def wait_judged(page: Page, before: int) -> None:
    expect(page.get_by_text(JUDGED).nth(before)).to_be_visible(timeout=STEP_TIMEOUT)


def click(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True).last
    expect(button).to_be_enabled(timeout=STEP_TIMEOUT)
    button.click()



def see_chart(page: Page, name: str) -> None:
    """A chart at the latest stop, scrolled to: Chainlit loads images lazily, so one below the
    fold stays unloaded (and hidden) until a person would scroll to it."""
    chart = page.get_by_role("img", name=name).last
    chart.wait_for(state="attached", timeout=STEP_TIMEOUT)
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible(timeout=60_000)

def test_stop_and_calibration_workshop_in_the_browser(app: App, browser: Browser) -> None:
    page = open_page(browser, app, [])
    send(page, DOMAIN)
    intake = page.get_by_text(".ftdesign/intake.yaml", exact=True).last
    expect(intake).to_be_visible(timeout=STEP_TIMEOUT)
    expect(
        page.get_by_text(re.compile(r"From your description: hardware: a laptop"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Still missing: budget"))).to_be_visible()
    shots(page, "10-intake-heard")

    approve(page)  # model choice: Markdown rendered, the demo model's review honest
    expect(page.get_by_role("heading", name="Gate 1 of 7 · Model choice")).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    demo = re.compile(r"^Embedded demo model .*it does not review.*capable model")
    notice = page.get_by_text(demo)
    expect(notice).to_have_count(1)  # said once, not at every stop
    expect(page.get_by_text("Expert panel not run", exact=False).last).to_be_visible()
    expect(page.locator(".message-content table").first).to_be_visible()  # a rendered table
    assert_fits(page, "11-model-choice")

    approve(page)  # token economics: the budget chart
    see_chart(page, "charts/token-budget.svg")
    approve(page)  # taxonomy: weights as bars with their sums, and the chart
    expect(page.get_by_text(re.compile(r"taxonomy\.topics · sum 1\.00")).last).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    see_chart(page, "charts/taxonomy-weights.svg")
    assert_fits(page, "12-taxonomy")

    approve(page)  # the rubric: categories, questions, gates, calibration counts
    expect(page.get_by_role("heading", name="Gate 4 of 7 · Evaluation rubric")).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    expect(page.get_by_text(re.compile(r"category weights sum 1\.00")).last).to_be_visible()
    assert_fits(page, "13-rubric-stop")
    shot_rubric = page.get_by_role("heading", name="Gate 4 of 7 · Evaluation rubric")
    shot_rubric.evaluate("node => node.scrollIntoView({block: 'start'})")
    shots(page, "rubric-stop")

    click(page, "Calibration examples")
    expect(page.get_by_text(re.compile(r"Calibration examples · criterion 1 of"))).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    assert "User: User:" not in page.locator("main").inner_text()
    shots(page, "workshop-1-card")

    click(page, "Propose examples")
    expect(page.get_by_role("button", name="Accept", exact=True).first).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    shots(page, "workshop-2-proposed")
    before = judged(page)
    page.get_by_role("button", name="Accept", exact=True).first.click()
    wait_judged(page, before)  # the judge's check of the accepted example
    shots(page, "workshop-3-accepted")

    click(page, "Relabel")
    expect(page.get_by_text(re.compile(r"^Relabelled as "))).to_be_visible(timeout=60_000)

    click(page, "Write my own")
    page.get_by_label("What the user said").last.fill(OWN_CONTEXT)
    page.get_by_label("The assistant's reply being judged").last.fill(OWN_RESPONSE)
    page.get_by_label("Why this label is right").last.fill("It names the real issue.")
    before = judged(page)
    click(page, "Save and check with the judge")
    wait_judged(page, before)  # the judge's check of the hand-written example
    assert "Short quotes or exchange numbers" not in page.locator("main").inner_text()
    shots(page, "workshop-4-own-example")

    click(page, "Finish: use these examples")
    expect(page.get_by_text(re.compile(r"What changed in config/rubric\.yaml"))).to_be_visible(
        timeout=STEP_TIMEOUT
    )  # the paste back shows its word diff
    shots(page, "workshop-5-diff")

    approve(page)
    expect(page.get_by_role("heading", name="Gate 5 of 7 · Persona template")).to_be_visible(
        timeout=STEP_TIMEOUT
    )
    rubric = yaml.safe_load((app.project / "config" / "rubric.yaml").read_text())
    contexts = [
        e["context"]
        for criterion in rubric["criteria"].values()
        for e in criterion.get("calibration_examples", [])
    ]
    assert any(
        OWN_RESPONSE in str(e)
        for c in rubric["criteria"].values()
        for e in c.get("calibration_examples", [])
    )
    assert any("billed twice" in c for c in contexts)
    assert (app.project / "charts" / "rubric-weights.svg").is_file()
    page.context.close()
