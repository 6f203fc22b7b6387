"""Role settings: defaults, project file, environment and overrides, in that order."""

from __future__ import annotations

import pytest

from ftdesign.models.endpoint import connect
from ftdesign.models.roles import describe_roles
from ftdesign.models.settings import JUDGE_SEED, ROLES, load_role, parse_overrides
from ftdesign.tools.errors import FtdesignError


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    import os

    for name in list(os.environ):
        if name.startswith("FTDESIGN_"):
            monkeypatch.delenv(name)


def test_defaults_are_embedded_and_judge_is_deterministic():
    for role in ROLES:
        settings = load_role(role)
        assert settings.is_local and settings.gguf is None and settings.base_url is None
    judge = load_role("judge")
    assert (judge.temperature, judge.seed) == (0.0, JUDGE_SEED)
    assert load_role("agent").temperature > 0


def test_layers_apply_in_order(tmp_path, monkeypatch):
    (tmp_path / "ftdesign.toml").write_text(
        '[models.judge]\nbase_url = "http://files.example/v1"\nmodel = "from-file"\n'
        "temperature = 0.2\n[models.agent]\nseed = 5\n"
    )
    monkeypatch.setenv("FTDESIGN_JUDGE_MODEL", "from-env")
    judge = load_role("judge", tmp_path, max_tokens=64)
    assert (judge.base_url, judge.model, judge.temperature) == (
        "http://files.example/v1", "from-env", 0.2)  # fmt: skip
    assert judge.max_tokens == 64 and judge.sources["max_tokens"] == "override"
    assert judge.sources["model"] == "environment"
    assert judge.sources["base_url"].endswith("ftdesign.toml")
    assert load_role("agent", tmp_path).seed == 5
    assert load_role("judge", tmp_path, model="cli").model == "cli"


def test_later_layer_switching_endpoint_kind_clears_the_other(tmp_path, monkeypatch):
    (tmp_path / "ftdesign.toml").write_text('[models.candidate]\ngguf = "/models/x.gguf"\n')
    monkeypatch.setenv("FTDESIGN_MODELS_DIR", "/models")  # a project's gguf stays in there
    monkeypatch.setenv("FTDESIGN_CANDIDATE_BASE_URL", "http://127.0.0.1:9/v1")
    settings = load_role("candidate", tmp_path)
    assert settings.gguf is None and not settings.is_local
    assert load_role("candidate", tmp_path, gguf="/other.gguf").base_url is None


def test_keys_are_never_read_from_files(tmp_path):
    (tmp_path / "ftdesign.toml").write_text('[models.judge]\napi_key = "sk-secret"\n')
    with pytest.raises(FtdesignError, match="never read from files") as caught:
        load_role("judge", tmp_path)
    assert "sk-secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("overrides", "match"),
    [({"colour": "blue"}, "unknown setting"), ({"temperature": "hot"}, "temperature for role")],
)
def test_bad_settings_are_named(overrides, match):
    with pytest.raises(FtdesignError, match=match) as caught:
        load_role("simulator", **overrides)
    assert "FTDESIGN_SIMULATOR" in str(caught.value) or "known settings" in str(caught.value)


def test_unknown_role_and_env_value_errors(monkeypatch):
    with pytest.raises(FtdesignError, match="unknown model role"):
        load_role("critic")
    monkeypatch.setenv("FTDESIGN_AGENT_TIMEOUT", "soon")
    with pytest.raises(FtdesignError, match="from environment"):
        load_role("agent")


def test_missing_key_variable_is_named_and_key_stays_secret(monkeypatch):
    remote = {"base_url": "http://127.0.0.1:9/v1", "model": "m", "api_key_env": "FT_TEST_KEY",
              "backend": "openai"}  # fmt: skip
    with pytest.raises(FtdesignError, match="FT_TEST_KEY"):
        connect(load_role("judge", **remote))
    monkeypatch.setenv("FT_TEST_KEY", "sk-very-secret")
    settings = load_role("judge", **remote)
    model = connect(settings).model
    assert model.openai_api_key is not None
    assert model.openai_api_key.get_secret_value() == "sk-very-secret"
    assert "sk-very-secret" not in repr(settings) + repr(model) + settings.model_dump_json()


def test_max_tokens_reaches_llama_cpp_under_the_name_it_reads():
    remote = {"base_url": "http://127.0.0.1:9/v1", "model": "m", "max_tokens": 33}
    llama = connect(load_role("agent", backend="llama.cpp", **remote)).model
    payload = llama._get_request_payload([{"role": "user", "content": "hi"}])
    assert payload["extra_body"] == {"max_tokens": 33} and "max_completion_tokens" not in payload
    openai = connect(load_role("agent", backend="openai", **remote)).model
    payload = openai._get_request_payload([{"role": "user", "content": "hi"}])
    assert payload["max_completion_tokens"] == 33


def test_remote_role_needs_a_model_name():
    with pytest.raises(FtdesignError, match="needs a model name"):
        connect(load_role("judge", base_url="http://127.0.0.1:9/v1"))


def test_a_missing_gguf_names_where_it_was_set(tmp_path, monkeypatch):
    (tmp_path / "ftdesign.toml").write_text('[models.judge]\ngguf = "models/judge.gguf"\n')
    with pytest.raises(FtdesignError) as raised:
        connect(load_role("judge", tmp_path))
    message = str(raised.value)
    assert str(tmp_path / "models" / "judge.gguf") in message and "ftdesign.toml" in message
    assert "FTDESIGN_JUDGE_GGUF" in message
    monkeypatch.setenv("FTDESIGN_AGENT_GGUF", str(tmp_path / "gone.gguf"))
    with pytest.raises(FtdesignError, match=r"gone\.gguf \(from environment\)"):
        connect(load_role("agent"))


def test_describe_roles_without_starting_anything(tmp_path):
    (tmp_path / "ftdesign.toml").write_text(
        '[models.judge]\nbase_url = "http://judge.local/v1"\nmodel = "big-judge"\n'
    )
    described = {d.role: d for d in describe_roles(tmp_path)}
    assert described["judge"].kind == "remote" and described["judge"].model == "big-judge"
    assert described["agent"].kind == "embedded" and described["agent"].where.endswith(".gguf")
    assert described["judge"].configured_by.endswith("ftdesign.toml")


def test_cli_overrides_reach_the_roles(capsys):
    from ftdesign.agent.cli import main

    argv = ["models", "--set", "judge.base_url=http://big.local/v1", "--set", "judge.model=big"]
    assert main(argv) == 0
    judge_line = next(line for line in capsys.readouterr().out.splitlines() if "judge" in line)
    assert "remote" in judge_line and "big" in judge_line and "http://big.local/v1" in judge_line
    assert parse_overrides(["agent.seed=3"]) == {"agent": {"seed": "3"}}
    for bad in ["judge.colour=blue", "critic.model=x", "judge.model"]:
        with pytest.raises(FtdesignError, match="ROLE.FIELD=VALUE"):
            parse_overrides([bad])
