"""Worked domains: complete, validated artifact sets to start a design project from.

Each folder here (coaching/, customer_support/, tutoring/) holds the eight artifacts in the
seed's layout plus a README saying what the domain is and who it serves. Files are read
through the package (importlib.resources), so an installed wheel works the same as a
checkout. `closest_domain` is deliberately simple keyword overlap: it only has to pick a
sensible starting template, and a user can always name one explicitly.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import write_artifact
from ftdesign.tools.yaml_load import load_yaml

FALLBACK_DOMAIN = "coaching"
_STOPWORDS = frozenset(
    "a an and are as at be but by can for from has have help helps how in into is it its of"
    " on or our that the their them they this to was we what when where which who will with"
    " you your about assistant model chat bot users user people".split()
)


def _root() -> Traversable:
    return files(__name__)


def list_domains() -> list[str]:
    """Names of the worked domains, sorted."""
    folders = (p for p in _root().iterdir() if p.is_dir())
    return sorted(p.name for p in folders if p.joinpath("README.md").is_file())


def _domain_dir(name: str) -> Traversable:
    known = list_domains()
    if name not in known:
        raise FtdesignError(
            f"no worked domain named '{name}'", hint=f"choose one of: {', '.join(known)}"
        )
    return _root().joinpath(name)


def domain_readme(name: str) -> str:
    """The domain's README: what it covers, who it serves, what it pushes on."""
    return _domain_dir(name).joinpath("README.md").read_text(encoding="utf-8")


def domain_artifact(name: str, kind: str) -> str:
    """Text of one artifact of a worked domain; `kind` is a key of tools.artifacts.ARTIFACTS."""
    if kind not in ARTIFACTS:
        raise FtdesignError(
            f"unknown artifact kind '{kind}'", hint=f"use one of: {', '.join(ARTIFACTS)}"
        )
    folder = _domain_dir(name)
    return folder.joinpath(*ARTIFACTS[kind].path.split("/")).read_text(encoding="utf-8")


def copy_domain(name: str, dest: Path | str) -> list[Path]:
    """Copy the eight artifacts into project `dest`; refuses if any of them already exists."""
    project = Path(dest)
    texts = {a.path: domain_artifact(name, kind) for kind, a in ARTIFACTS.items()}
    existing = [rel for rel in texts if (project / rel).exists()]
    if existing:
        raise FtdesignError(
            f"{project}: copying domain '{name}' would overwrite {', '.join(existing)}",
            hint="copy into a project without these artifacts, or move them aside first",
        )
    return [write_artifact(project, rel, text) for rel, text in texts.items()]


def _terms(text: str) -> set[str]:
    """Lower-cased content words, with a crude plural strip so 'refunds' meets 'refund'."""
    words = re.findall(r"[a-z]+", text.lower())
    stems = {w[:-1] if len(w) > 4 and w[-1] == "s" and w[-2] != "s" else w for w in words}
    return {w for w in stems if len(w) > 2 and w not in _STOPWORDS}


@lru_cache(maxsize=1)
def _vocabularies() -> dict[str, frozenset[str]]:
    """Per domain: words of its README plus its taxonomy's topic, subtopic and option names."""
    vocab: dict[str, frozenset[str]] = {}
    for name in list_domains():
        raw = load_yaml(domain_artifact(name, "taxonomy"), f"{name}/taxonomy") or {}
        body = raw.get("taxonomy", raw) if isinstance(raw, dict) else {}
        names: list[str] = []
        for topic in body.get("topics", []):
            names += [str(topic.get("name", ""))] + [str(s) for s in topic.get("subtopics", [])]
        for key, options in body.items():
            if isinstance(options, dict):
                names += [key, *map(str, options)]
        text = domain_readme(name) + " " + " ".join(names).replace("_", " ")
        vocab[name] = frozenset(_terms(text))
    return vocab


def closest_domain(description: str) -> str:
    """The worked domain whose vocabulary best overlaps `description` (coaching if none does)."""
    return matched_domain(description) or FALLBACK_DOMAIN


def matched_domain(description: str) -> str | None:
    """The worked domain whose vocabulary best overlaps `description`, None if none does.

    Each shared word counts log(N / document frequency), so words every domain uses
    ("conversation", "policy") weigh nothing and distinctive ones ("algebra") decide.
    """
    vocab = _vocabularies()
    wanted = _terms(description)
    total = len(vocab)
    scores: dict[str, float] = {}
    for name, words in vocab.items():
        shared = wanted & words
        scores[name] = sum(math.log(total / sum(w in v for v in vocab.values())) for w in shared)
    best = max(sorted(scores), key=lambda n: scores[n], default=None)
    return best if best is not None and scores[best] > 0 else None
