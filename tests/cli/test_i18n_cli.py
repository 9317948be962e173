"""The command line in Ukrainian, as a documenter runs it (SESTRY_LANG=uk or a uk locale):
the words change, the machine output (--json, exit codes) does not."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.flows import corpus

RUN_TIMEOUT = 300


def run(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )


def uk(env: dict[str, str]) -> dict[str, str]:
    return {**env, "SESTRY_LANG": "uk"}


def test_a_bad_data_folder_is_refused_in_ukrainian(
    sestry_cmd: list[str], subprocess_env: dict[str, str], data_dir: Path
) -> None:
    missing = str(data_dir / "nowhere")
    result = run(sestry_cmd, ["status", "--data", missing], uk(subprocess_env))
    assert result.returncode == 2
    assert f"sestry: проблема налаштування (ConfigError): немає теки даних {missing}" in (
        result.stderr
    )
    assert "виконайте sestry init" in result.stderr
    english = run(sestry_cmd, ["status", "--data", missing], subprocess_env)
    assert english.returncode == 2
    assert f"sestry: ConfigError: no data folder at {missing}; run sestry init" in english.stderr


def test_the_locale_chooses_ukrainian_and_sestry_lang_overrides_it(
    sestry_cmd: list[str], subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    env = {k: v for k, v in subprocess_env.items() if k not in ("SESTRY_LANG", "LC_ALL")}
    env["LANG"] = "uk_UA.UTF-8"
    result = run(sestry_cmd, ["extract", str(tmp_path / "none.txt")], env)
    assert result.returncode == 2
    assert "неправильний виклик (UsageError): немає такого файлу" in result.stderr
    result = run(sestry_cmd, ["extract", str(tmp_path / "none.txt")], {**env, "SESTRY_LANG": "en"})
    assert "sestry extract: UsageError: no such file" in result.stderr


def test_init_status_and_verify_read_in_ukrainian(
    sestry_cmd: list[str], subprocess_env: dict[str, str], data_dir: Path
) -> None:
    env = uk(subprocess_env)
    done = run(sestry_cmd, ["init", "--data", str(data_dir)], env)
    assert done.returncode == 0, done.stderr
    assert f"створено {data_dir}: inbox" in done.stdout  # folder names are shown as they are
    assert "ключ підпису, відкритий ключ, ключ псевдонімів" in done.stdout
    status = run(sestry_cmd, ["status", "--data", str(data_dir)], env)
    assert status.returncode == 0, status.stderr
    assert "документи: документів ще немає; подій у журналі: 1" in status.stdout
    history = run(sestry_cmd, ["log", "--data", str(data_dir)], env)
    assert "створено теку даних" in history.stdout
    as_json = json.loads(run(sestry_cmd, ["log", "--json", "--data", str(data_dir)], env).stdout)
    assert as_json[0]["what"] == "data directory created"  # scripts read English
    verify = run(sestry_cmd, ["verify", "--data", str(data_dir)], env)
    assert verify.returncode == 0, verify.stderr
    assert "перевірено: подій журналу: 1; обʼєктів сховища: 0" in verify.stdout
    # machine output stays the same in every language
    as_json = [
        json.loads(run(sestry_cmd, ["verify", "--json", "--data", str(data_dir)], e).stdout)
        for e in (env, subprocess_env)
    ]
    assert as_json[0] == as_json[1]
    assert {"events": 1, "objects": 0}.items() <= as_json[0]["checked"].items()


@pytest.mark.nlp  # every item goes through the entity pipeline (spaCy)
def test_ingest_summary_reads_in_ukrainian(
    sestry_cmd: list[str], api_env: dict[str, str], data_dir: Path
) -> None:
    env = uk(api_env)
    assert run(sestry_cmd, ["init", "--data", str(data_dir)], env).returncode == 0
    inbox = data_dir / "inbox"
    corpus.transcripts(inbox)
    (inbox / "bad").mkdir()
    (inbox / "bad" / "empty.txt").write_bytes(b"")
    result = run(sestry_cmd, ["ingest", "--data", str(data_dir)], env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for words in ("прийнято документів", "у карантині через empty: 1", "останній запис журналу"):
        assert words in out, out
    assert "bad/empty.txt" in out  # file names are shown as they are
    for canary in corpus.CANARIES:
        assert canary not in out + result.stderr
    quarantine = run(sestry_cmd, ["quarantine", "--data", str(data_dir)], env)
    assert "файл порожній" in quarantine.stdout
    assert "покладіть повну копію у вхідну теку" in quarantine.stdout
