"""A draft as chat elements: rendered inline, its full source one click away beside the chat.

Markdown artifacts render as Markdown (tables as tables, checkboxes as checkboxes); YAML
artifacts show the summary from artifact_summary. The source opens in the side panel
from its name in the stop message. A YAML file with nothing to summarise (the intake's
answers, say) is short enough to show as source inline.
"""

from __future__ import annotations

import chainlit as cl

from ftdesign.agent.ui.artifact_summary import is_markdown, rendered
from ftdesign.agent.ui.scope import project


def draft_elements(drafts: dict[str, str]) -> list[cl.Text]:
    """Each draft as it reads best: rendered Markdown, a YAML summary, or its source."""
    return [
        cl.Text(name=path, content=view, display="inline")
        if (view := rendered(path, text)) is not None
        else source_element(path, text)
        for path, text in drafts.items()
    ]


def source_element(path: str, text: str) -> cl.Text:
    language = "markdown" if is_markdown(path) else "yaml"
    return cl.Text(name=path, content=text, language=language, display="inline")


def source_elements(drafts: dict[str, str]) -> list[cl.Text]:
    """The full sources, posted by the stop's Source button (a side element would open
    with the guide excerpts, as Chainlit's side panel shows every side element at once)."""
    return [source_element(path, text) for path, text in drafts.items()]


def chart_elements(charts: list[str]) -> list[cl.Image]:
    """The stop's charts inline, read from the project where they were saved."""
    folder = project()
    return [
        cl.Image(name=chart, path=str(folder / chart), display="inline", size="large")
        for chart in charts
        if (folder / chart).is_file()
    ]
