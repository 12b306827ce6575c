"""Compressed downloads: UCDP ships GED as ``.csv.zip``, mirrors as ``.csv.gz``; an import takes them as they are.

``unpacked`` gives the file inside (a ``.gz``, or a ``.zip`` holding one importable file) in a temporary folder
for as long as the import reads it, and the file itself when it is not compressed. The unpacked size is capped,
so a small archive cannot fill the disk.
"""

from __future__ import annotations

import gzip
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from marsad.domain.phrases import Phrase
from marsad.io.detect import READ_EXTENSIONS
from marsad.io.limits import BadFileError

COMPRESSED_SUFFIXES = (".gz", ".zip")
MAX_UNPACKED_BYTES = 4 * 2**30  # a million incidents of canonical CSV are about 600 MB
_CHUNK = 2**20


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def is_compressed(name: str) -> bool:
    return name.lower().endswith(COMPRESSED_SUFFIXES)


def inner_name(name: str) -> str:
    """What a compressed file's name says it holds: ``ged.csv.gz`` holds ``ged.csv``; a zip says nothing."""
    return name[: -len(".gz")] if name.lower().endswith(".gz") else name


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """``path``, or the file a ``.gz`` or single-file ``.zip`` holds, unpacked until the block ends."""
    if not is_compressed(path.name):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="marsad-unpacked-") as folder:
        if path.name.lower().endswith(".gz"):
            target = Path(folder) / Path(inner_name(path.name)).name
            _gunzip(path, target)
        else:
            target = _unzip_one(path, Path(folder))
        yield target


def _gunzip(path: Path, target: Path) -> None:
    try:
        with gzip.open(path, "rb") as packed, target.open("wb") as out:
            _copy_capped(packed, out, path.name)
    except (OSError, EOFError, zlib.error) as error:
        raise BadFileError(
            Phrase("{name} is not a complete gzip file ({error}); download it again", name=path.name, error=str(error))
        ) from None


def _unzip_one(path: Path, folder: Path) -> Path:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BadFileError(
            Phrase("{name} is not a zip archive ({error}); download it again", name=path.name, error=str(error))
        ) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not _is_clutter(m.filename)]
        importable = [m for m in members if m.filename.lower().endswith(READ_EXTENSIONS)]
        if len(importable) != 1:
            listed = ", ".join(m.filename for m in members[:5]) + (", …" if len(members) > 5 else "")
            held = (
                Phrase("it holds {n} files ({listed})", n=len(members), listed=listed)
                if members
                else Phrase("it is empty")
            )
            raise BadFileError(
                Phrase(
                    "{name} should hold one file to import (CSV, JSON, GeoJSON or XLSX), but {held}: unzip it and "
                    "import the file you mean",
                    name=path.name,
                    held=held,
                )
            )
        [member] = importable
        target = folder / PurePosixPath(member.filename).name  # never a path from the archive
        try:
            with archive.open(member) as packed, target.open("wb") as out:
                _copy_capped(packed, out, f"{path.name} ({member.filename})")
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as error:
            raise BadFileError(
                Phrase(
                    "{member} in {name} cannot be unpacked ({error})",
                    member=member.filename,
                    name=path.name,
                    error=str(error),
                )
            ) from None
        return target


def _is_clutter(name: str) -> bool:
    """Folders and files an archiver adds beside the data (macOS's __MACOSX, hidden files)."""
    parts = PurePosixPath(name).parts
    return any(part == "__MACOSX" or (part.startswith(".") and part not in (".", "..")) for part in parts)


def _copy_capped(packed: _Readable, out: IO[bytes], name: str) -> None:
    copied = 0
    while chunk := packed.read(_CHUNK):
        copied += len(chunk)
        if copied > MAX_UNPACKED_BYTES:
            raise BadFileError(
                f"{name} unpacks to more than {MAX_UNPACKED_BYTES // 2**30} GB; unpack it yourself and import "
                "the file if it is meant to be that large"
            )
        out.write(chunk)
