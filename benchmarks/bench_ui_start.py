"""Benchmark `ftdesign ui` from cold: time to its first page, and time until it is warm.

Starts `ftdesign ui --headless` as a new process on an empty project and a free port, then
prints the seconds until the first page is served (what a person opening the link waits for)
and until the background warm-up has imported the chat's code, loaded the guide index and
started the agent's model (read from the app's own log lines). Before the warm-up moved to the
background the first page came only after all of them. Run:

    python benchmarks/bench_ui_start.py [--runs 1] [--timeout 600]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

READY = {
    "code": "the chat's code is ready",
    "index": "the guide index is ready",
    "model": "the agent's model is ready",
}
FAILED = "is not ready"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page_served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and response.read(1))
    except OSError:
        return False


def one_start(folder: Path, timeout: float) -> dict[str, float]:
    """Seconds from launch to the first page and to each warm-up part's end."""
    port, log_path = free_port(), folder / "ui.log"
    command = [str(Path(sys.executable).parent / "ftdesign"), "ui", "--headless"]
    command += ["--port", str(port), "--project", str(folder / "project")]
    started, times = time.monotonic(), {}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            while len(times) < 1 + len(READY) and time.monotonic() - started < timeout:
                if process.poll() is not None:
                    raise SystemExit(f"ftdesign ui exited:\n{log_path.read_text()[-2000:]}")
                if "page" not in times and page_served(f"http://127.0.0.1:{port}/"):
                    times["page"] = time.monotonic() - started
                text = log_path.read_text(errors="replace")
                if FAILED in text:
                    raise SystemExit(f"the warm-up failed:\n{text[-2000:]}")
                for part, line in READY.items():
                    if part not in times and line in text:
                        times[part] = time.monotonic() - started
                time.sleep(0.1)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="cold starts to time")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per start")
    args = parser.parse_args(argv)
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="ftdesign-bench-ui-") as folder:
            times = one_start(Path(folder), args.timeout)
        shown = {key: f"{value:6.1f} s" for key, value in times.items()}
        print(
            f"run {run}: first page {shown.get('page', '   n/a')}  "
            f"code ready {shown.get('code', '   n/a')}  "
            f"index ready {shown.get('index', '   n/a')}  "
            f"model ready {shown.get('model', '   n/a')}  "
            f"warm {max(times.values()):6.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
