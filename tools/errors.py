"""The one exception type users see.

Every layer raises `FtdesignError` for problems the user can fix (a bad file, an
unreachable endpoint, a missing model). Its message names the file, field or URL
and says how to fix it; shells print it instead of a traceback.
"""


class FtdesignError(Exception):
    """A problem the user can fix; `str(error)` is the whole message."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.hint = hint
        super().__init__(f"{message}\n  fix: {hint}" if hint else message)
