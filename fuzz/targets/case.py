"""atheris target: the case loader (read_case, load_case).

Input: the first byte picks which file of the toy case the rest replaces.
    python fuzz/targets/case.py -runs=10000 -timeout=5      (needs: pip install -e '.[fuzz]')
"""

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[2])  # the repository, not this folder of look-alike names

from fuzz.targets.harness import Target

TARGET = Target("case")


def TestOneInput(data: bytes) -> None:
    """Write the bytes as the reader's file and read it; raise when the invariant breaks."""
    TARGET.check(data)


if __name__ == "__main__":
    TARGET.fuzz(TestOneInput, sys.argv)
