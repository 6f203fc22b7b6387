"""Every check of the seed's gates and checklists, as findings with stable codes.

`validate_text` checks a draft, `validate_path` a file or folder, and
`validate_project` a whole project. Each rule is declared once with its code
and severity (tools.findings.CATALOG lists them all).
"""

from ftdesign.tools.validators.project import validate_project
from ftdesign.tools.validators.run import validate_path, validate_text

__all__ = ["validate_path", "validate_project", "validate_text"]
