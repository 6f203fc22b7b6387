"""Failures of an OpenAI-compatible endpoint, as messages a user can act on.

The OpenAI client has already retried (connection errors, 429, 5xx) with backoff
by the time an exception reaches here. Messages name the role, the URL and the
setting to change; they never include the API key or request headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ftdesign.models.settings import RoleSettings
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact


@contextmanager
def endpoint_errors(settings: RoleSettings, url: str) -> Iterator[None]:
    """Turn OpenAI client failures into messages naming the URL and the setting to fix."""
    import openai

    who = f"model role {settings.role} at {redact(url)}"
    try:
        yield
    except openai.APITimeoutError as error:
        raise FtdesignError(
            f"{who}: no reply within {settings.timeout:g}s ({settings.max_retries} retries).",
            hint=f"raise {settings.setting_name('timeout')}, or lower max_tokens",
        ) from error
    except openai.APIConnectionError as error:
        raise FtdesignError(
            f"{who}: unreachable ({error.__class__.__name__}: {error}) after"
            f" {settings.max_retries} retries, timeout {settings.timeout:g}s.",
            hint=f"start that server, or change {settings.setting_name('base_url')}",
        ) from error
    except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
        raise FtdesignError(
            f"{who}: the key was refused (HTTP {error.status_code}).",
            hint=f"check the variable named by {settings.setting_name('api_key_env')}",
        ) from error
    except openai.NotFoundError as error:
        raise FtdesignError(
            f"{who}: HTTP 404 for model {settings.model or '(default)'}.",
            hint=f"check {settings.setting_name('model')} and that the URL ends in /v1",
        ) from error
    except openai.APIStatusError as error:
        raise FtdesignError(
            f"{who}: HTTP {error.status_code}: {str(error.message)[:300]}",
            hint=f"check {settings.setting_name('model')} and the server's log",
        ) from error
