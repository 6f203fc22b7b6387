"""The one exception type users see.

Every layer raises `FtdesignError` for problems the user can fix (a bad file, an
unreachable endpoint, a missing model). Its message names the file, field or URL
and says how to fix it; shells print it instead of a traceback. Credentials in a
URL or connection string are masked here, so no message can show one.
"""

from ftdesign.tools.redact import redact


class FtdesignError(Exception):
    """A problem the user can fix; `str(error)` is the whole message."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.hint = redact(hint) if hint else hint
        super().__init__(redact(f"{message}\n  fix: {hint}" if hint else message))
