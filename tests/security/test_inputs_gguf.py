"""Finding 14: a GGUF whose metadata nests arrays deeply is refused with a clear message."""

from __future__ import annotations

import struct

import pytest

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.gguf import MAX_NESTING, read_header
from ftdesign.tools.gguf_facts import inspect_gguf

ARRAY = 9


def nested_gguf(path, depth: int):
    """A GGUF header with one key whose value is an array of arrays ... `depth` deep."""
    key = b"evil.nested"
    body = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key
    body += struct.pack("<I", ARRAY)
    body += struct.pack("<IQ", ARRAY, 1) * (depth - 1)  # element type array, one element
    body += struct.pack("<IQ", 4, 1) + struct.pack("<I", 7)  # innermost: one uint32
    path.write_bytes(body + b"\0" * 32)
    return path


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 200_000])
def test_deeply_nested_arrays_are_refused_clearly(tmp_path, depth):
    path = nested_gguf(tmp_path / "deep.gguf", depth)
    with pytest.raises(FtdesignError) as caught:  # not RecursionError
        inspect_gguf(path)
    assert "nested more than 8 deep" in str(caught.value) and "deep.gguf" in str(caught.value)


def test_shallow_nesting_still_reads(tmp_path):
    header = read_header(nested_gguf(tmp_path / "ok.gguf", 2))
    assert header.metadata["evil.nested"] == [[7]]
