"""Finding 9: credentials in model URLs and database DSNs are masked wherever shown or written."""

from __future__ import annotations

import pytest

from ftdesign.agent.checkpoint import _redacted
from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import describe
from ftdesign.evals.run_settings import role_identity
from ftdesign.models.errors import endpoint_errors
from ftdesign.models.roles import describe_roles
from ftdesign.models.settings import load_role
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

SECRETS = ("pa@ss/w0rd", "K123", "s3cret", "qq")
HOSTILE_URL = "https://bob:pa@ss/w0rd@models.example/v1?api-key=K123&model=x"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (HOSTILE_URL, "models.example/v1?api-key=***&model=x"),
        ("postgresql://bob:s3cret@db:5432/app?password=qq", "@db:5432/app?password=***"),
        ("host=db user=bob password=s3cret dbname=app", "user=bob password=*** dbname=app"),
        ("host=db password='s3cret qq' dbname=app", "password=*** dbname=app"),
        ("http://localhost:8080/v1?token=K123", "http://localhost:8080/v1?token=***"),
    ],
)
def test_one_redaction_for_urls_and_dsns(text, kept):
    shown = redact(text)
    assert kept in shown
    assert not any(secret in shown for secret in SECRETS)


def test_harmless_urls_are_unchanged():
    for text in ("http://127.0.0.1:8080/v1", "https://host/models/@team/file", "api_key_env=X"):
        assert redact(text) == text


def test_results_file_and_role_listing_mask_the_url(tmp_path, monkeypatch):
    monkeypatch.setenv("FTDESIGN_CANDIDATE_BASE_URL", HOSTILE_URL)
    monkeypatch.setenv("FTDESIGN_CANDIDATE_MODEL", "m")
    written = role_identity("candidate", tmp_path, {})["where"]  # goes into results.json / .md
    listed = [r.where for r in describe_roles(tmp_path) if r.role == "candidate"][0]
    for shown in (written, listed):
        assert "models.example" in shown and not any(s in shown for s in SECRETS)


def test_review_panel_label_masks_the_url(tmp_path, monkeypatch):
    monkeypatch.setenv("FTDESIGN_AGENT_BASE_URL", HOSTILE_URL)
    monkeypatch.setenv("FTDESIGN_AGENT_MODEL", "m")
    label = describe(AgentContext(project=tmp_path), "agent").label
    assert "models.example" in label and not any(s in label for s in SECRETS)


def test_endpoint_errors_and_every_user_message_mask_the_url(tmp_path, monkeypatch):
    import httpx
    import openai

    monkeypatch.setenv("FTDESIGN_JUDGE_BASE_URL", HOSTILE_URL)
    settings = load_role("judge", tmp_path)
    request = httpx.Request("GET", "https://models.example/v1")
    with pytest.raises(FtdesignError) as caught, endpoint_errors(settings, HOSTILE_URL):
        raise openai.APIConnectionError(request=request)
    assert not any(s in str(caught.value) for s in SECRETS)
    raised = FtdesignError(f"cannot use {HOSTILE_URL}", hint="check host=db password=s3cret")
    assert not any(s in str(raised) + str(raised.hint) for s in SECRETS)


def test_database_url_with_at_and_slash_in_the_password():
    shown = _redacted("postgresql://bob:p@ss/w0rd@db.example:5432/app")
    assert shown.endswith("@db.example:5432/app") and "w0rd" not in shown


def test_crash_log_and_its_message_mask_the_url(tmp_path):
    from ftdesign.agent.session import ERROR_LOG, DesignSession

    session = DesignSession(tmp_path, thread_id="t1")
    try:
        raise RuntimeError(f"cannot reach {HOSTILE_URL}")
    except RuntimeError as error:
        shown = session._log_crash(error)
    logged = (tmp_path / ERROR_LOG).read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "models.example" in logged
    assert not any(s in shown + logged for s in SECRETS)
