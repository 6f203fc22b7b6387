"""The one exception type users see.

Every layer raises `FtdesignError` for problems the user can fix (a bad file, an
unreachable endpoint, a missing model). Its message names the file, field or URL
and says how to fix it; shells print it instead of a traceback. Credentials in a
URL or connection string are masked here, so no message can show one.
"""

from ftdesign.tools.redact import redact


class FtdesignError(Exception):
    """A problem the user can fix: `message` says what is wrong, `hint` how to fix it;
    `str(error)` is both, for shells that print it whole."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = redact(message)
        self.hint = redact(hint) if hint else hint
        super().__init__(f"{self.message}\n  fix: {self.hint}" if self.hint else self.message)
