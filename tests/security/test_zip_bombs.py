"""Finding 3: a hostile zip costs bounded memory and is refused with a clear message.

Built here: a member whose header claims 100 bytes but inflates to 200 MB (the review's
972 KB bomb, which took the server from 14 MB to 1.9 GB), an honest 200 MB member,
5,000 duplicate members, and duplicates of one artifact. Each is refused while Python's
allocations stay under a few MB (tracemalloc's peak; the time is printed, not asserted).
"""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from ftdesign.agent.ui import uploads
from ftdesign.tools.errors import FtdesignError

INFLATED = 200_000_000
PEAK_LIMIT = 32_000_000  # bytes Python may allocate while refusing: the budget plus buffers


def _zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def _lying_zip(path: Path) -> Path:
    """One deflated member of 200 MB of zeros whose headers claim 100 bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("config/rubric.yaml", "w", force_zip64=False) as member:
            block = b"\0" * 1_000_000
            for _ in range(INFLATED // len(block)):
                member.write(block)
    raw = bytearray(path.read_bytes())
    local = raw.find(b"PK\x03\x04")
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, local + 22, 100)  # uncompressed size in the local header
    struct.pack_into("<I", raw, central + 24, 100)  # and in the central directory
    descriptor = raw.find(b"PK\x07\x08")
    if descriptor != -1:
        struct.pack_into("<I", raw, descriptor + 12, 100)
    path.write_bytes(bytes(raw))
    return path


def _refused(path: Path) -> tuple[str, int, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(FtdesignError) as refused:
            uploads.read_upload(path, path.name)
        return str(refused.value), tracemalloc.get_traced_memory()[1], time.perf_counter() - started
    finally:
        tracemalloc.stop()


def _report(name: str, path: Path, peak: int, seconds: float) -> None:
    size = path.stat().st_size
    print(f"{name}: {size:,} B zip refused, peak {peak / 1e6:.1f} MB, {seconds:.2f} s")  # noqa: T201


def test_a_member_lying_about_its_size_is_refused_in_bounded_memory(tmp_path):
    bomb = _lying_zip(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 1_000_000
    message, peak, seconds = _refused(bomb)
    _report("lying member", bomb, peak, seconds)
    assert "bomb.zip" in message or "rubric.yaml" in message
    assert peak < PEAK_LIMIT


def test_an_honest_huge_member_stops_at_the_budget(tmp_path):
    bomb = _zip(tmp_path / "honest.zip", [("config/rubric.yaml", b"a" * INFLATED)])
    message, peak, seconds = _refused(bomb)
    _report("honest 200 MB member", bomb, peak, seconds)
    assert "unpacks to more than" in message and "config/rubric.yaml" in message
    assert peak < PEAK_LIMIT


def test_many_members_within_the_budget_stop_at_the_total(tmp_path):
    names = sorted({a for a in uploads.KNOWN})
    bomb = _zip(tmp_path / "wide.zip", [(name, b"a" * 1_900_000) for name in names])
    message, peak, seconds = _refused(bomb)
    _report("every artifact at 1.9 MB", bomb, peak, seconds)
    assert "unpacks to more than" in message
    assert peak < PEAK_LIMIT


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_thousands_of_duplicates_are_refused_before_reading(tmp_path):
    bomb = _zip(tmp_path / "dupes.zip", [("config/rubric.yaml", b"x: 1\n")] * 5_000)
    message, peak, seconds = _refused(bomb)
    _report("5,000 duplicate members", bomb, peak, seconds)
    assert "5,000 entries" in message


def test_a_duplicated_artifact_is_refused(tmp_path):
    twice = _zip(
        tmp_path / "twice.zip",
        [("config/rubric.yaml", b"x: 1\n"), ("project/config/rubric.yaml", b"x: 2\n")],
    )
    message, _, _ = _refused(twice)
    assert "appears more than once" in message


def test_chainlit_upload_limit_is_what_the_product_needs():
    import tomllib

    config = Path(__file__).resolve().parents[2] / ".chainlit" / "config.toml"
    upload = tomllib.loads(config.read_text())["features"]["spontaneous_file_upload"]
    assert upload["max_size_mb"] <= 8
