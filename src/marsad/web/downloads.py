"""How a download is named: the browser saves a file called after the selection, in any script, safely."""

from __future__ import annotations

from urllib.parse import quote


def attachment(filename: str) -> str:
    """A Content-Disposition header for ``filename``: an ASCII name any browser takes, and the name as written
    (Arabic or Kurdish words of a search) for those that read RFC 6266's ``filename*``.

    Headers are Latin-1, so the name cannot go in as it is; anything but letters, digits and ``-+_.`` becomes
    ``_`` (no quotes, slashes or direction marks reach the reader's file system).
    """
    exact = "".join(ch if ch.isalnum() or ch in "-+_." else "_" for ch in filename)
    plain = "".join(ch if ch.isascii() else "_" for ch in exact)
    if plain == exact:
        return f'attachment; filename="{plain}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(exact, safe='')}"
