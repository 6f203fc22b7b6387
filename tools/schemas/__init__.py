"""Pydantic models of every ftdesign artifact (see each module for its file format)."""

from tools.schemas.persona import PersonaTemplate
from tools.schemas.rubric import Rubric
from tools.schemas.taxonomy import Taxonomy, TaxonomyFile

__all__ = ["PersonaTemplate", "Rubric", "Taxonomy", "TaxonomyFile"]
