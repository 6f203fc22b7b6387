"""Building and searching never open a network connection (only loopback is tolerated)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ftdesign.knowledge import locations

SCRIPT = r"""
import json, socket, sys
attempts = []
real_connect = socket.socket.connect

def guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    local = host.startswith("127.") or host in ("::1", "localhost")
    if not (local or self.family == socket.AF_UNIX):
        attempts.append(host)
        raise OSError("network disabled by test")
    return real_connect(self, address)

socket.socket.connect = guarded_connect
real_getaddrinfo = socket.getaddrinfo

def guarded_getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost") and not str(host).startswith("127."):
        attempts.append(f"dns:{host}")
        raise OSError("network disabled by test")
    return real_getaddrinfo(host, *args, **kwargs)

socket.getaddrinfo = guarded_getaddrinfo
from pathlib import Path
from ftdesign import knowledge
store, guides = sys.argv[1], Path(sys.argv[2])
report = knowledge.build(store, guides_dir=guides)
hits = knowledge.search("what share of conversations should be edge cases", store_dir=store,
                        guides_dir=guides)
print(json.dumps({"attempts": attempts, "chunks": report.total, "hits": len(hits)}))
"""


def test_build_and_search_make_no_network_calls(tmp_path: Path) -> None:
    guides = tmp_path / "guides"
    guides.mkdir()
    shutil.copy(locations.guides_dir() / "input-taxonomy.md", guides)
    unreachable = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HTTP_PROXY": unreachable,
        "HTTPS_PROXY": unreachable,
        "http_proxy": unreachable,
        "https_proxy": unreachable,
        "HOME": str(tmp_path / "home"),  # no cached models from earlier runs to lean on
    }
    env.pop("FTDESIGN_CHROMA_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "store"), str(guides)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["attempts"] == []
    assert outcome["chunks"] > 0 and outcome["hits"] == 3
