"""Read a GGUF file's header: metadata key/values and tensor descriptors, never weights.

GGUF layout (little-endian): magic ``GGUF``, uint32 version, uint64 tensor count,
uint64 key/value count, then the key/values, then one descriptor per tensor (name,
shape, type, offset); the weights follow and are never touched here. Every length
read from the file is checked against the file size first, so a truncated or
foreign file raises `FtdesignError` naming the file instead of reading garbage or
allocating gigabytes. Huge arrays (a 262K-entry token list) are skipped and
reported as `ArrayInfo` with their length only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ftdesign.tools.errors import FtdesignError

MAGIC = b"GGUF"
MAX_KEEP_ARRAY = 64  # longer arrays are summarised, not materialised
MAX_STRING = 64 * 1024 * 1024  # a chat template is KBs; anything near this is corruption
MAX_NESTING = 8  # real files nest arrays at most 1 deep; deeper is hostile (RecursionError)
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}  # fmt: skip
_STRING, _ARRAY = 8, 9


@dataclass(frozen=True)
class ArrayInfo:
    """A metadata array too long to keep: its element type id and length."""

    element_type: int
    length: int


@dataclass(frozen=True)
class GgufHeader:
    """What the header says: metadata values plus the shape of every tensor."""

    path: Path
    version: int
    file_size: int
    metadata: dict[str, object]
    tensor_shapes: dict[str, tuple[int, ...]]
    header_bytes: int  # where the tensor descriptors end (before alignment padding)


class _Reader:
    """Bounded sequential reads; any overrun is reported as a truncated file."""

    def __init__(self, handle: BinaryIO, path: Path, size: int) -> None:
        self.handle, self.path, self.size = handle, path, size

    def take(self, count: int) -> bytes:
        if count < 0 or self.handle.tell() + count > self.size:
            raise self.broken(f"a field needs {count} bytes past the end of the file")
        return self.handle.read(count)

    def skip(self, count: int) -> None:
        if count < 0 or self.handle.tell() + count > self.size:
            raise self.broken(f"a field needs {count} bytes past the end of the file")
        self.handle.seek(count, 1)

    def scalar(self, type_id: int) -> object:
        fmt = _SCALARS[type_id]
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("<Q", self.take(8))[0])

    def string(self) -> str:
        length = self.u64()
        if length > MAX_STRING:
            raise self.broken(f"a string claims {length} bytes")
        return self.take(length).decode("utf-8", errors="replace")

    def value(self, type_id: int, depth: int = 0) -> object:
        if type_id in _SCALARS:
            return self.scalar(type_id)
        if type_id == _STRING:
            return self.string()
        if type_id == _ARRAY:
            if depth >= MAX_NESTING:
                raise self.broken(f"metadata arrays nested more than {MAX_NESTING} deep")
            return self.array(depth + 1)
        raise self.broken(f"unknown value type {type_id}")

    def array(self, depth: int = 1) -> object:
        element_type, length = self.u32(), self.u64()
        if length <= MAX_KEEP_ARRAY:
            return [self.value(element_type, depth) for _ in range(length)]
        if element_type in _SCALARS:
            self.skip(length * struct.calcsize(_SCALARS[element_type]))
        elif element_type == _STRING:
            for _ in range(length):
                self.skip(self.u64())
        else:  # arrays of arrays do not occur in practice; walk them anyway
            for _ in range(length):
                self.value(element_type, depth)
        return ArrayInfo(element_type, length)

    def broken(self, why: str) -> FtdesignError:
        return FtdesignError(
            f"{self.path}: not a readable GGUF file ({why}).",
            hint="check the path points at a complete .gguf download (re-download if truncated)",
        )


def read_header(path: str | Path) -> GgufHeader:
    """Parse the header of a GGUF file; raise FtdesignError if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise FtdesignError(f"{path}: no such model file.", hint="pass the path of a .gguf file")
    size = path.stat().st_size
    with path.open("rb") as handle:
        reader = _Reader(handle, path, size)
        if size < 24 or reader.take(4) != MAGIC:
            raise reader.broken("it does not start with the GGUF magic bytes")
        version = reader.u32()
        if version not in (2, 3):
            raise reader.broken(f"GGUF version {version} is not supported, only 2 and 3")
        tensor_count, kv_count = reader.u64(), reader.u64()
        metadata: dict[str, object] = {}
        for _ in range(kv_count):
            key = reader.string()
            metadata[key] = reader.value(reader.u32())
        shapes: dict[str, tuple[int, ...]] = {}
        for _ in range(tensor_count):
            name = reader.string()
            n_dims = reader.u32()
            if n_dims > 8:
                raise reader.broken(f"tensor {name!r} claims {n_dims} dimensions")
            shapes[name] = tuple(reader.u64() for _ in range(n_dims))
            reader.skip(4 + 8)  # element type and data offset
        end = handle.tell()
    return GgufHeader(path, version, size, metadata, shapes, end)
