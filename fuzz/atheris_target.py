"""A reader under atheris (coverage-guided, libFuzzer): the bytes as a sample, the invariant checked.

    python fuzz/atheris_target.py READER [libFuzzer flags] [corpus folder]
    python fuzz/atheris_target.py jsonl -runs=10000 -timeout=5     (needs: pip install -e '.[fuzz]')

Without a corpus folder it seeds fuzz/.corpus/<reader>/ from the fixtures, the kept crashes and
a little of ../shared. `python -m fuzz --engine atheris` runs it for every reader.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

if __name__ == "__main__":  # run as a script: import the fuzz package from the repository
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from fuzz.paths import CORPORA, SHARED
from fuzz.readers import READERS, Session
from fuzz.regressions import regression_files, seed_bytes


class InvariantBroken(AssertionError):
    """A crash or hang of the reader: atheris stops here and keeps the input."""


class Target:
    """One reader under atheris: `check(data)` raises InvariantBroken on a crash, a hang or a broken store."""

    def __init__(self, reader: str):
        self.reader = READERS[reader]
        self.session = Session(self.reader, Path(tempfile.mkdtemp(prefix=f"fontes-atheris-{reader}-")))
        self.session.__enter__()

    def check(self, data: bytes) -> None:
        sample = self.reader.from_bytes(data)
        outcome = self.session.check(sample, limit=None)  # libFuzzer's -timeout watches the time
        if outcome.failed:
            raise InvariantBroken(f"{sample.describe()}\n{outcome.report()}")

    def seeds(self) -> list[bytes]:
        """The fixtures, the inputs that once crashed the reader, and a little of ../shared when present."""
        found = list(self.reader.seeds())
        found += [seed_bytes(r, p) for r, p in regression_files() if r == self.reader.name]
        found += shared_seeds(self.reader.name)
        return found

    def fuzz(self, test_one_input, argv: list[str]) -> None:
        """Seed the corpus folder if none is given, import and instrument fontes, and hand over to libFuzzer."""
        import atheris

        if not any(not a.startswith("-") for a in argv[1:]):
            corpus = CORPORA / self.reader.name
            corpus.mkdir(parents=True, exist_ok=True)
            for number, seed in enumerate(self.seeds()):
                (corpus / f"seed-{number:03d}").write_bytes(seed)
            argv = [*argv, str(corpus)]
        for seed in self.seeds()[:3]:  # imports every module the reader uses, before instrumenting
            self.session.check(self.reader.from_bytes(seed), limit=None)
        atheris.instrument_all()
        atheris.Setup(argv, test_one_input)
        atheris.Fuzz()


def shared_seeds(reader: str) -> list[bytes]:
    """A few small pieces of ../shared, read at run time (never copied into the repository)."""
    if reader == "jsonl":
        documents = SHARED / "corpus" / "korea1950" / "documents.jsonl"
        if documents.exists():
            with documents.open("rb") as lines:
                return [b"".join(next(lines, b"") for _ in range(3)) for _ in range(5)]
    if reader == "essay":
        return [b"\0" + p.read_bytes() for p in sorted((SHARED / "seeds").glob("*.txt"))[:2]]
    return []


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in READERS:
        sys.exit(
            f"usage: python fuzz/atheris_target.py {{{'|'.join(READERS)}}} [libFuzzer flags] [corpus folder]"
        )
    target = Target(argv[1])
    target.fuzz(target.check, [argv[0], *argv[2:]])


if __name__ == "__main__":
    main(sys.argv)
