"""`sestry ingest` as an operator runs it: exit codes, summary, no leaks, kill -9 safety."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.vault import Vault
from sestry.custody.verify import verify_data_dir
from sestry.schemas import dataset
from tests.flows import corpus, samples

pytestmark = pytest.mark.nlp  # every item goes through the entity pipeline (spaCy)

RUN_TIMEOUT = 300


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


def init(cmd: list[str], data_dir: Path, env: dict[str, str]) -> Settings:
    assert sestry(cmd, ["init", "--data", str(data_dir)], env).returncode == 0
    return Settings.load(data_dir)


def test_no_data_dir_exits_2(sestry_cmd: list[str], data_dir: Path, api_env: dict) -> None:
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir / "nowhere")], api_env)
    assert result.returncode == 2
    assert "sestry init" in result.stderr


def test_missing_tesseract_exits_2_with_the_fix(
    sestry_cmd: list[str], data_dir: Path, api_env: dict
) -> None:
    init(sestry_cmd, data_dir, api_env)
    env = {**api_env, "PATH": str(Path(sestry_cmd[0]).parent)}  # no /usr/bin: no tesseract
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], env)
    assert result.returncode == 2
    assert "tesseract" in result.stderr.lower()


def test_summary_names_quarantined_files_exit_0(
    sestry_cmd: list[str], data_dir: Path, api_env: dict
) -> None:
    settings = init(sestry_cmd, data_dir, api_env)
    corpus.transcripts(settings.inbox)
    (settings.inbox / "bad").mkdir()
    (settings.inbox / "bad" / "empty.txt").write_bytes(b"")
    (settings.inbox / "bad" / "esc\x1b[31m.txt").write_text("Назва з керуванням.\n")
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "quarantined empty: 1" in out
    assert "bad/empty.txt" in out
    assert "\x1b[31m" not in out  # control characters never reach the terminal raw
    assert "esc" not in out or "\\x1b" in out
    for canary in corpus.CANARIES:
        assert canary not in out + result.stderr
    again = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert again.returncode == 0
    assert "nothing new" in again.stdout
    assert len(dataset.known_doc_ids(settings.dataset_dir)) == 5


@pytest.mark.ocr
def test_no_canary_or_sentence_in_prefect_home_or_output(
    sestry_cmd: list[str], data_dir: Path, subprocess_env: dict[str, str]
) -> None:
    """Local (ephemeral) Prefect mode, fresh PREFECT_HOME: nothing of the samples lands there."""
    env = {**subprocess_env, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    settings = init(sestry_cmd, data_dir, env)
    samples.copy_into(settings.inbox)
    # Documenters name files after people; a name in a file name must not reach Prefect either
    # (one good item, one quarantined: both paths).
    named = "Одарка_Сивоконенко_statement"
    (settings.inbox / f"{named}.txt").write_text("Свідок: Я пам'ятаю той день.\n", "utf-8")
    (settings.inbox / f"{named}_empty.txt").write_bytes(b"")
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert dataset.known_doc_ids(settings.dataset_dir)
    home = Path(env["PREFECT_HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in files), "the Prefect database was not where expected"
    secrets = samples.canaries() + samples.sentences()
    needles = samples.needles(secrets)
    home_needles = [*needles, *samples.needles([named])]
    assert any(n in (samples.SAMPLES / "interview_uk.txt").read_bytes() for n in needles)
    for path in files:
        blob = path.read_bytes()
        hits = [n for n in home_needles if n in blob]
        assert not hits, f"{len(hits)} sample strings leaked into {path.relative_to(home)}"
    # The operator's terminal lists quarantined files by name (so she can find them); no text.
    output = (result.stdout + result.stderr).encode("utf-8")
    assert not [n for n in needles if n in output]


def non_ocr_samples() -> set[str]:
    names = set()
    for name, facts in samples.expected().items():
        media = facts.get("media_type", "")
        if not media.startswith("image/") and media != "application/pdf":
            names.add(name)
    return names


@pytest.mark.slow
def test_kill_9_at_random_points_then_rerun(
    sestry_cmd: list[str], data_dir: Path, api_env: dict[str, str]
) -> None:
    """20 runs killed with SIGKILL at random times; each is followed by a rerun.

    The rerun after a kill is the next round's run (itself killed, with fresh items dropped in),
    and every 5th round a rerun runs to completion and is checked: no document twice, verify
    passes. In the end every item is in the dataset exactly once (or quarantined with its
    reason) and the vault holds every original. Set SESTRY_CRASH_SEED to replay a failure.
    """
    seed = int(os.environ.get("SESTRY_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    settings = init(sestry_cmd, data_dir, api_env)
    digests = samples.copy_into(settings.inbox, non_ocr_samples())
    assert sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env).returncode == 0

    def drop_round(tag: str) -> None:
        for path in corpus.transcripts(settings.inbox, n=3, prefix=f"{tag}-"):
            if not path.name.endswith(".meta.json"):
                digests[path.relative_to(settings.inbox).as_posix()] = _b3(path)

    drop_round("calibrate")  # T: a normal run over one round's worth of new items
    started = time.monotonic()
    assert sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env).returncode == 0
    normal = time.monotonic() - started
    kills = 0
    round_ = 0
    while kills < 20:
        round_ += 1
        assert round_ <= 40, f"only {kills} runs were still running when killed (seed {seed})"
        drop_round(f"r{round_}")
        proc = subprocess.Popen(  # noqa: S603 - fixed argv
            [*sestry_cmd, "ingest", "--data", str(data_dir)],
            env=api_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.5, normal))
        killed = proc.poll() is None
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        if killed and kills % 5 == 0:
            rerun = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
            assert rerun.returncode == 0, f"round {round_} (seed {seed}): {rerun.stderr[-1500:]}"
            docs = dataset.read_table(settings.dataset_dir, "documents").column("doc_id")
            assert len(docs) == len(set(docs.to_pylist())), f"a document twice, round {round_}"
            report = verify_data_dir(settings)
            assert report.ok, f"round {round_} (seed {seed}): {[p.code for p in report.problems]}"
    known = dataset.known_doc_ids(settings.dataset_dir)
    held = {p.parent.name for p in settings.quarantine_dir.glob("*/reason.json")}
    vault = Vault(settings.vault_dir)
    expected = samples.expected()
    for name, digest in digests.items():
        assert vault.has(digest), name
        reason = expected.get(name, {}).get("reason")
        if reason:
            assert digest in held, name
            assert digest not in known, name
        else:
            why = ""
            if digest in held:
                why = (settings.quarantine_dir / digest / "reason.json").read_text()
            assert digest in known, f"{name} (seed {seed}) {why}"
            assert digest not in held, name
    docs = dataset.read_table(settings.dataset_dir, "documents").column("doc_id").to_pylist()
    assert sorted(docs) == sorted(known)


def _b3(path: Path) -> str:
    from sestry.core.digest import b3_file

    return b3_file(path)
