"""Pydantic models of every ftdesign artifact (see each module for its file format)."""

from ftdesign.tools.schemas.persona import PersonaTemplate
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.schemas.taxonomy import Taxonomy, TaxonomyFile

__all__ = ["PersonaTemplate", "Rubric", "Taxonomy", "TaxonomyFile"]
