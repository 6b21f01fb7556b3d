"""Writing a user's files safely: a temporary file beside the target, then a rename.

A reader of the target sees the old file or the new one, never half of one; the new file
gets the permissions any new file of the user gets (umask), not a temporary file's 0600.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fontes.errors import FontesError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_missing_folder(path: str | os.PathLike[str]) -> Path:
    """`path`, or a FontesError when the folder it would be written in does not exist.

    A typo in an output path must not create folders (a slip at the root makes /tmpx/...).
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise FontesError(
            f"cannot write here: the folder {folder} {what}",
            file=str(path),
            hint="create the folder first, or give another path",
        )
    if path.is_dir():
        raise FontesError("is a folder, not a file", file=str(path), hint="give a file name inside it")
    return path


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path` through a temporary file and a rename.

    The folder must exist (see refuse_missing_folder); nothing is created around the file.
    """
    path = refuse_missing_folder(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
