"""YAML artifacts read as summaries: weights as bars with their sums, a rubric as questions."""

from __future__ import annotations

import yaml
from test_views import a_stop

from ftdesign.agent.charts import weights_svg
from ftdesign.agent.ui.artifact_summary import distributions, rendered, yaml_summary
from ftdesign.agent.ui.stop_view import stop_markdown
from ftdesign.knowledge.domains import domain_artifact


def test_the_rubric_shows_categories_questions_gates_and_calibration_counts() -> None:
    text = domain_artifact("customer_support", "rubric")
    data = yaml.safe_load(text)
    summary = yaml_summary("config/rubric.yaml", text)
    assert summary is not None
    assert "category weights sum 1.00 ✔" in summary
    for name, category in data["categories"].items():
        assert f"**{name}**" in summary
        for cid in category["criteria"]:
            assert data["criteria"][cid]["question"] in summary
    assert "**SAF1** No unauthorized actions or promises · **safety gate**" in summary
    examples = len(data["criteria"]["RES1"]["calibration_examples"])
    assert f"({examples} calibration examples)" in summary


def test_a_taxonomy_shows_every_dimension_with_bars_and_its_sum() -> None:
    text = domain_artifact("coaching", "taxonomy")
    summary = yaml_summary("config/input-taxonomy.yaml", text) or ""
    assert "**taxonomy.topics** · sum 1.00 ✔" in summary
    assert "| work_and_career | `████················` | 0.18 |" in summary
    assert "turn_ranges" not in summary


def test_persona_word_limits_are_not_mistaken_for_weights() -> None:
    data = yaml.safe_load(domain_artifact("coaching", "persona"))
    names = [d.name for d in distributions(data)]
    assert "persona_template.communication_style" in names
    assert not any("word_limits" in name for name in names)


def test_a_wrong_sum_is_flagged() -> None:
    summary = yaml_summary("t.yaml", "taxonomy:\n  stance: {open: 0.5, skeptical: 0.3}\n")
    assert summary is not None and "sum 0.80 ⚠ should be 1.00" in summary


def test_broken_yaml_names_the_line_and_markdown_renders_as_itself() -> None:
    note = yaml_summary("config/rubric.yaml", "a: [1,\nb: 2\n")
    assert note is not None and "does not parse as YAML at line" in note
    assert rendered("model-choice.md", "| a | b |\n|---|---|\n") == "| a | b |\n|---|---|\n"
    assert rendered(".ftdesign/intake.yaml", "hardware: laptop\n") is None  # nothing to chart


def test_the_stop_points_to_the_full_source() -> None:
    text = domain_artifact("customer_support", "rubric")
    stop = a_stop(drafts={"config/rubric.yaml": text})
    assert "**Source** shows the full text of the draft." in stop_markdown(stop)
    assert "**Source**" not in stop_markdown(a_stop(drafts={".ftdesign/intake.yaml": "a: b\n"}))


def test_guide_excerpts_are_reflowed_but_keep_their_blocks() -> None:
    from ftdesign.agent.ui.stop_view import reflow

    text = (
        "At 4,096 tokens per\nsequence it is about 4.3 GB.\n\n- one\n  more\n- two\n\n"
        "| a | b |\n|---|---|\n```\nx\ny\n```\n## Heading\nbody"
    )
    assert reflow(text).splitlines() == [
        "At 4,096 tokens per sequence it is about 4.3 GB.",
        "",
        "- one more",
        "- two",
        "",
        "| a | b |",
        "|---|---|",
        "```",
        "x",
        "y",
        "```",
        "## Heading",
        "body",
    ]


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    # Nine aliases per level, eight levels: 43 million strings if a loader expanded it.
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    bomb = "\n".join(lines) + "\n"
    note = yaml_summary("config/input-taxonomy.yaml", bomb)
    assert note is not None and "does not parse as YAML" in note
    assert weights_svg(bomb, "taxonomy") is None  # nothing drawn, nothing expanded
