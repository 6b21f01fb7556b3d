"""atheris target: the Wilson Center page ingester, then an ingest into a store.

Input: the bytes are the saved page.
    python fuzz/targets/wcda_html.py -runs=10000 -timeout=5      (needs: pip install -e '.[fuzz]')
"""

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parents[2])  # the repository, not this folder of look-alike names

from fuzz.targets.harness import Target

TARGET = Target("wcda-html")


def TestOneInput(data: bytes) -> None:
    """Write the bytes as the reader's file and read it; raise when the invariant breaks."""
    TARGET.check(data)


if __name__ == "__main__":
    TARGET.fuzz(TestOneInput, sys.argv)
