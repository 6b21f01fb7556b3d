"""atheris target: EDTF dates (parse_date, format_date, sort_key).

Input: the bytes are the date.
    python fuzz/targets/dates.py -runs=10000 -timeout=5      (needs: pip install -e '.[fuzz]')
"""

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[2])  # the repository, not this folder of look-alike names

from fuzz.targets.harness import Target

TARGET = Target("dates")


def TestOneInput(data: bytes) -> None:
    """Write the bytes as the reader's file and read it; raise when the invariant breaks."""
    TARGET.check(data)


if __name__ == "__main__":
    TARGET.fuzz(TestOneInput, sys.argv)
