"""The knowledge base parses guides' front matter and domain YAML through the bounded loader:
an alias bomb is refused at once instead of expanding (billions of nodes)."""

from __future__ import annotations

import pytest

from ftdesign.knowledge import markdown_sections, yaml_sections
from ftdesign.tools.errors import FtdesignError

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9)
)


def test_a_domain_file_with_an_alias_bomb_is_refused() -> None:
    with pytest.raises(FtdesignError, match="rubric.yaml is not valid YAML"):
        yaml_sections.parse(BOMB, 200, "rubric.yaml")


def test_front_matter_with_an_alias_bomb_is_refused() -> None:
    with pytest.raises(FtdesignError):
        markdown_sections.split_front_matter(f"---\n{BOMB}---\n# Title\n")
