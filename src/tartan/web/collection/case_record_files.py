"""Case-record uploads unpacked into a temporary folder, safely, for one computation.

An LA uploads its SSD table extracts (CSV or Parquet files) or its CSC API payloads (JSON) as
one file or a zip of them. The zip is unpacked by hand, never with ``extractall``: each member's
own file name only (no folders, so no path outside the folder), no links, only the suffixes the
route reads, a bounded number of files and of unpacked bytes (a zip bomb is refused before it is
written). The folder lives only while the return is computed: nothing of the upload is kept.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath

SUFFIXES = {"ssd": (".csv", ".parquet"), "csc-api": (".json",)}
MAX_FILES = 60
MAX_UNPACKED_BYTES = 400 * 1024 * 1024


class UploadRefused(ValueError):
    """The upload cannot be used; the message says why, for the page."""


def _member_name(info: zipfile.ZipInfo, suffixes: tuple[str, ...]) -> str | None:
    if info.is_dir():
        return None
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UploadRefused(f"{info.filename} is a link; upload the files themselves")
    path = PurePosixPath(info.filename.replace("\\", "/"))
    name = path.name
    # What a Mac's archiver adds beside the files: resource forks and hidden files.
    if name.startswith(".") or "__MACOSX" in path.parts:
        return None
    if not name.lower().endswith(suffixes):
        raise UploadRefused(
            f"{info.filename} is not one of the files this route reads ({', '.join(suffixes)})"
        )
    return name


def unpack(upload_name: str, data: bytes, route: str, folder: Path) -> list[str]:
    """Write the upload's files into ``folder``; their names, or UploadRefused."""
    suffixes = SUFFIXES[route]
    if not upload_name.lower().endswith(".zip"):
        name = PurePosixPath(upload_name.replace("\\", "/")).name
        if not name.lower().endswith(suffixes):
            raise UploadRefused(
                f"{name} is neither a zip nor one of the files this route reads "
                f"({', '.join(suffixes)})"
            )
        (folder / name).write_bytes(data)
        return [name]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadRefused(f"{upload_name} is not a readable zip file") from None
    with archive:
        members = [(info, _member_name(info, suffixes)) for info in archive.infolist()]
        files = [(info, name) for info, name in members if name is not None]
        if not files:
            raise UploadRefused(f"{upload_name} holds none of the files this route reads")
        if len(files) > MAX_FILES:
            raise UploadRefused(f"{upload_name} holds {len(files)} files; at most {MAX_FILES}")
        if sum(info.file_size for info, _ in files) > MAX_UNPACKED_BYTES:
            raise UploadRefused(f"{upload_name} unpacks to more than 400 MB")
        names = [name for _, name in files]
        if len(set(names)) != len(names):
            raise UploadRefused(f"{upload_name} holds two files of the same name")
        for info, name in files:
            with archive.open(info) as source:
                # Read one byte past the declared size, so a member that lies about it is caught.
                content = source.read(info.file_size + 1)
            if len(content) > info.file_size:
                raise UploadRefused(f"{info.filename} is larger than the zip says")
            (folder / name).write_bytes(content)
    return names
