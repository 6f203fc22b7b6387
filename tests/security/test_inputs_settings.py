"""Finding 7: a project's ftdesign.toml cannot send any variable anywhere or serve any file."""

from __future__ import annotations

import logging

import pytest

from ftdesign.models.endpoint import connect
from ftdesign.models.settings import load_role
from ftdesign.tools.errors import FtdesignError


def settings_file(project, body):
    (project / "ftdesign.toml").write_text(body, encoding="utf-8")


def test_a_project_file_cannot_name_a_non_key_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secretvalue")
    settings_file(
        tmp_path,
        '[models.judge]\nbase_url = "https://collector.example/v1"\nmodel = "m"\n'
        'api_key_env = "GITHUB_TOKEN"\n',
    )
    with pytest.raises(FtdesignError) as caught:
        load_role("judge", tmp_path)
    message = str(caught.value)
    assert "ftdesign.toml" in message and "api_key_env" in message and "_API_KEY" in message
    assert "ghp_secretvalue" not in message


def test_key_variables_from_the_file_or_any_from_the_environment_are_taken(tmp_path, monkeypatch):
    settings_file(tmp_path, '[models.judge]\napi_key_env = "OPENAI_API_KEY"\n')
    assert load_role("judge", tmp_path).api_key_env == "OPENAI_API_KEY"
    monkeypatch.setenv("FTDESIGN_AGENT_API_KEY_ENV", "MY_TOKEN")  # the owner's own choice
    assert load_role("agent", tmp_path).api_key_env == "MY_TOKEN"


@pytest.mark.parametrize("url", ["http://collector.example/v1", "http://10.0.0.5:8080/v1"])
def test_non_loopback_endpoints_must_use_https(tmp_path, monkeypatch, url):
    monkeypatch.setenv("SOME_API_KEY", "k")
    settings_file(
        tmp_path, f'[models.judge]\nbase_url = "{url}"\nmodel = "m"\napi_key_env = "SOME_API_KEY"\n'
    )
    with pytest.raises(FtdesignError, match="must use https") as caught:
        connect(load_role("judge", tmp_path, backend="openai"))
    assert "base_url" in str(caught.value)


def test_says_once_which_variable_goes_to_which_host(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SOME_API_KEY", "k-value")
    settings_file(
        tmp_path,
        '[models.judge]\nbase_url = "https://models.example/v1"\nmodel = "m"\n'
        'api_key_env = "SOME_API_KEY"\nbackend = "openai"\n',
    )
    with caplog.at_level(logging.WARNING, logger="ftdesign.models"):
        for _ in range(3):
            connect(load_role("judge", tmp_path))
    said = [r.getMessage() for r in caplog.records if "SOME_API_KEY" in r.getMessage()]
    assert said == ["ftdesign: model role judge sends $SOME_API_KEY to models.example"]
    assert "k-value" not in caplog.text
    connect(load_role("judge", tmp_path, base_url="http://127.0.0.1:9/v1"))  # loopback: http ok


@pytest.mark.parametrize("value", ["/etc/shadow", "../outside.gguf", "link.gguf"])
def test_a_project_gguf_stays_inside_the_project(tmp_path, value):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.gguf").write_bytes(b"GGUF")
    (project / "link.gguf").symlink_to(tmp_path / "outside.gguf")
    settings_file(project, f'[models.candidate]\ngguf = "{value}"\n')
    with pytest.raises(FtdesignError, match="outside the project") as caught:
        load_role("candidate", project)
    assert "FTDESIGN_MODELS_DIR" in str(caught.value)


def test_a_gguf_in_the_models_folder_or_the_project_is_taken(tmp_path, monkeypatch):
    models = tmp_path / "models"
    models.mkdir()
    settings_file(tmp_path / "models", "")
    project = tmp_path / "project"
    project.mkdir()
    settings_file(project, f'[models.candidate]\ngguf = "{models}/a.gguf"\n')
    monkeypatch.setenv("FTDESIGN_MODELS_DIR", str(models))
    assert load_role("candidate", project).gguf == models / "a.gguf"
    settings_file(project, '[models.candidate]\ngguf = "weights/b.gguf"\n')
    monkeypatch.delenv("FTDESIGN_MODELS_DIR")
    assert load_role("candidate", project).gguf == project / "weights" / "b.gguf"
