"""Chainlit reads its root folder when first imported and writes there (.files, .chainlit);
point it at a scratch folder before any test imports it, never at the repository."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CHAINLIT_APP_ROOT", tempfile.mkdtemp(prefix="ftdesign-chainlit-"))
