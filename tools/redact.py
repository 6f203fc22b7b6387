"""One redaction for every URL or connection string we show, log or write to a file.

Endpoint and database settings may carry secrets: `https://user:pass@host/v1`,
`?api-key=...`, or a libpq `key=value` DSN (`host=db password=s3cret`). What a person
sees or a results file keeps is the same text with each secret replaced by `***`.
Passwords typed raw with `@` or `/` in them are covered: the user part runs to the
*last* `@` before the query, so nothing of the password leaks into the "host".
"""

from __future__ import annotations

import re

MASK = "***"
_SECRET_NAMES = (
    r"pass(?:word|wd)?|pwd|secret|client[-_]?secret|api[-_]?key|apikey|key|token"
    r"|access[-_]?token|auth|sig|signature|x-api-key"
)
# scheme://USERINFO@ ... : userinfo is everything up to the last @ before ?, # or whitespace
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^\s?#]*)@")
# ?name=value or &name=value in a query string
_QUERY = re.compile(rf"(?P<lead>[?&;](?:{_SECRET_NAMES})=)(?P<value>[^&#\s]*)", re.IGNORECASE)
# libpq-style key=value pairs, value plain or single-quoted (with \' escapes)
_DSN = re.compile(
    rf"(?P<lead>(?<![\w.-])(?:{_SECRET_NAMES})\s*=\s*)(?P<value>'(?:[^'\\]|\\.)*'|[^\s'&]+)",
    re.IGNORECASE,
)


def _mask_userinfo(match: re.Match[str]) -> str:
    user = match["user"]
    if "/" in user.split(":", 1)[0]:  # an @ in a path, not credentials: `host/a@b`
        host, _, _ = user.partition("/")
        if ":" not in host and "@" not in host:
            return match.group(0)
    name = user.split(":", 1)[0] if ":" in user else ""
    return f"{match['scheme']}{name + ':' if name and '@' not in name else ''}{MASK}@"


def redact(text: str) -> str:
    """`text` with URL passwords, secret query values and DSN passwords replaced by ***."""
    text = _USERINFO.sub(_mask_userinfo, text)
    text = _QUERY.sub(lambda m: m["lead"] + MASK, text)
    return _DSN.sub(lambda m: m["lead"] + MASK, text)
