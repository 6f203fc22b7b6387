"""A draft as chat elements: rendered inline, its full source one click away beside the chat.

Markdown artifacts render as Markdown (tables as tables, checkboxes as checkboxes); YAML
artifacts show the summary from artifact_summary. The source opens in the side panel
from its name in the stop message. A YAML file with nothing to summarise (the intake's
answers, say) is short enough to show as source inline.
"""

from __future__ import annotations

import chainlit as cl

from ftdesign.agent.ui.artifact_summary import rendered, source_name
from ftdesign.agent.ui.scope import project


def draft_elements(drafts: dict[str, str]) -> list[cl.Text]:
    elements = []
    for path, text in drafts.items():
        language = "markdown" if path.endswith(".md") else "yaml"
        view = rendered(path, text)
        if view is None:
            elements.append(cl.Text(name=path, content=text, language=language, display="inline"))
            continue
        elements.append(cl.Text(name=path, content=view, display="inline"))
        elements.append(
            cl.Text(name=source_name(path), content=text, language=language, display="side")
        )
    return elements


def chart_elements(charts: list[str]) -> list[cl.Image]:
    """The stop's charts inline, read from the project where they were saved."""
    folder = project()
    return [
        cl.Image(name=chart, path=str(folder / chart), display="inline", size="large")
        for chart in charts
        if (folder / chart).is_file()
    ]
