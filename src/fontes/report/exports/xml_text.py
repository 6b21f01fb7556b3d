"""Text made safe for XML 1.0: the characters it cannot hold at all are dropped."""

from __future__ import annotations

import re

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """`value` as a string with the control characters XML 1.0 forbids removed (the rest is escaped by the writer)."""
    return _NOT_IN_XML.sub("", "" if value is None else str(value))
