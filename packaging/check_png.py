"""Check a screenshot written by the frozen build: a real PNG of the expected size, not blank.

    python3 packaging/check_png.py FILE.png [WIDTHxHEIGHT]

Standard library only (runs with any Python 3, no Qt): reads the IHDR header and inflates the
pixel data to count distinct scanlines (an empty or one-colour window fails).
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(path: Path) -> tuple[int, int, bytes]:
    """(width, height, decompressed image data) of ``path``; ValueError when it is no PNG."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} 不是 PNG 文件")
    width = height = 0
    idat = bytearray()
    offset = len(SIGNATURE)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return width, height, zlib.decompress(bytes(idat))


def check(path: Path, size: tuple[int, int] | None = None) -> str:
    """A one-line verdict; raises ValueError when the screenshot is unusable."""
    width, height, pixels = read_png(path)
    if size is not None and (width, height) != size:
        raise ValueError(f"{path} 大小为 {width}x{height}，应为 {size[0]}x{size[1]}")
    stride = len(pixels) // height
    distinct = len({pixels[row * stride + 1:(row + 1) * stride] for row in range(height)})
    if distinct < height // 10:
        raise ValueError(f"{path} 几乎是空白的（只有 {distinct} 种不同的像素行）")
    return f"{path}: {width}x{height} PNG，{distinct} 种不同的像素行"


def main(argv: list[str]) -> int:
    size = tuple(int(n) for n in argv[1].split("x")) if len(argv) > 1 else None
    try:
        print(check(Path(argv[0]), size))  # type: ignore[arg-type]
    except (OSError, ValueError, zlib.error) as exc:
        print(f"截图检查失败：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
