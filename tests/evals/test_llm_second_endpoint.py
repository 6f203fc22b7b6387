"""A role pointed at a second llama.cpp server by URL, exactly as a user configures it."""

from __future__ import annotations

import socket
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from ftdesign.models import complete, describe_roles, structured
from ftdesign.models.client import role_endpoint
from ftdesign.tools.errors import FtdesignError

pytestmark = pytest.mark.slow


class Mood(BaseModel):
    mood: Literal["calm", "stressed", "happy"]
    reason: str = Field(max_length=100)


@pytest.fixture
def project(tmp_path, monkeypatch, second_server):
    """A project whose judge lives at the second server (file) and simulator too (env)."""
    monkeypatch.setenv("FT_SECOND_API_KEY", second_server["key"])
    (tmp_path / "ftdesign.toml").write_text(
        "[models.judge]\n"
        f'base_url = "{second_server["url"]}"\nmodel = "{second_server["model"]}"\n'
        'api_key_env = "FT_SECOND_API_KEY"\nmax_tokens = 120\n'
    )
    monkeypatch.setenv("FTDESIGN_SIMULATOR_BASE_URL", second_server["url"])
    monkeypatch.setenv("FTDESIGN_SIMULATOR_MODEL", second_server["model"])
    monkeypatch.setenv("FTDESIGN_SIMULATOR_API_KEY_ENV", "FT_SECOND_API_KEY")
    return tmp_path


def test_completion_through_settings_file(project, second_server):
    reply = complete("judge", "Say hello in one word.", project, max_tokens=10)
    assert reply.text.strip() and reply.completion_tokens > 0
    assert reply.model == second_server["model"]


def test_completion_through_environment(project):
    reply = complete("simulator", "You are a student. Greet your tutor.", project, max_tokens=12)
    assert reply.text.strip()


def test_schema_constrained_on_second_server_detects_llama_cpp(project):
    text = "I have three exams tomorrow and I can't sleep. How do I feel?"
    assert role_endpoint("judge", project).backend == "llama.cpp"  # asked /v1/models once
    mood = structured("judge", Mood, text, project, max_tokens=80)
    assert isinstance(mood, Mood)


def test_json_schema_type_is_rejected_by_llama_cpp_server(project):
    # Why llama.cpp gets json_object + schema: forcing the OpenAI dialect fails loudly.
    with pytest.raises(FtdesignError, match=r"HTTP 500") as caught:
        structured("judge", Mood, "How do I feel?", project, backend="openai", max_retries=0)
    assert "127.0.0.1" in str(caught.value)


def test_describe_roles_names_the_second_server(project, second_server):
    judge = next(d for d in describe_roles(project) if d.role == "judge")
    assert (judge.kind, judge.where, judge.model) == ("remote", second_server["url"], "second-test")


def test_any_gguf_path_is_served_the_same_way(gemma_gguf, monkeypatch):
    monkeypatch.setenv("FTDESIGN_CANDIDATE_GGUF", str(gemma_gguf))
    reply = complete("candidate", "The capital of France is", max_tokens=4, n_ctx=1024)
    assert reply.model == gemma_gguf.stem and reply.completion_tokens > 0
    judge = complete("judge", "Hello", max_tokens=2)  # the embedded model is still separate
    assert judge.model != reply.model


def test_wrong_key_is_reported_without_leaking(project, monkeypatch):
    monkeypatch.setenv("FT_SECOND_API_KEY", "wrong-key-123")
    with pytest.raises(FtdesignError, match="HTTP 401|key was refused") as caught:
        complete("judge", "hi", project, max_tokens=4)
    assert "wrong-key-123" not in str(caught.value)
    assert "api_key_env" in str(caught.value)


def test_timeout_names_the_setting(project):
    with pytest.raises(FtdesignError, match="no reply within 0.01s") as caught:
        complete("judge", "Tell me a long story.", project, timeout=0.01, max_retries=0)
    assert "FTDESIGN_JUDGE_TIMEOUT" in str(caught.value)


def test_unreachable_endpoint_names_url_and_setting():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/v1"
    with pytest.raises(FtdesignError) as caught:
        complete("judge", "hi", base_url=url, model="m", max_retries=0, timeout=5)
    message = str(caught.value)
    assert url in message and "unreachable" in message
    assert "FTDESIGN_JUDGE_BASE_URL" in message and "[models.judge] base_url" in message
