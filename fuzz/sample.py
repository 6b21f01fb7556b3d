"""One fuzz input: the files to write (name -> bytes), which one the reader is given, and how it was broken."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    """Files of one input; `main` is what the reader opens (a file, or "." for the folder itself)."""

    files: dict[str, bytes]
    main: str
    how: list[str] = field(default_factory=list)

    def broken(self, how: str) -> Sample:
        """The same sample, its description extended (the change itself is made by the caller)."""
        return Sample(dict(self.files), self.main, [*self.how, how])

    def write(self, folder: Path) -> Path:
        """Write the files into an empty `folder`; the path the reader is given."""
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, data in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return folder / self.main

    def digest(self) -> str:
        h = hashlib.sha1(self.main.encode())
        for name in sorted(self.files):
            h.update(name.encode() + b"\0" + self.files[name] + b"\0")
        return h.hexdigest()[:12]

    def __repr__(self) -> str:  # what hypothesis prints for a failing example: not megabytes of bytes
        return f"Sample({self.main!r}: {self.describe()})"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))

    def describe(self) -> str:
        sizes = ", ".join(f"{n} ({len(d):,} bytes)" for n, d in sorted(self.files.items()))
        return f"{'; '.join(self.how) or 'unbroken'} — files: {sizes}"
