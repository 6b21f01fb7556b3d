"""Whether a volume's bytes show that no text in it needs the reader's per-document checks.

The TEI flattener asks of every document whether its text holds the markers' lead character
(U+FDD0) or a space that str.split() knows and XML does not (no-break, em, ...): two passes
over the text each time. A UTF-8 file whose bytes hold neither character, and no character
reference that could stand for one, cannot have such a text anywhere: one pass over the file
answers for all its documents. Anything else (another encoding, a reference, a stray byte
that matches) gives False, and the documents are checked one by one as before.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from fontes.corpus.marked_text import USUAL_LEAD
from fontes.corpus.tei_text import SPACES_NOT_XML

_WATCHED = re.compile(f"[{re.escape(SPACES_NOT_XML + USUAL_LEAD)}]")
_CHARACTER_REFERENCE = re.compile(rb"&#")  # a compiled literal: found faster than by bytes.find
_ASCII = bytes(range(128))
_CHUNK = 1 << 20


def holds_only_plain_text(path: Path, encoding: str) -> bool:
    """True when the file (declared `encoding`) holds neither the lead nor an unusual space.

    Read in chunks. Every watched character is beyond ASCII, and the XML text cannot hold the
    ASCII ones, so only the non-ASCII bytes are decoded and searched: in UTF-8 each character's
    bytes stay together when the others are dropped, and the incremental decoder joins a
    character that a chunk's end cut in two.
    """
    if encoding.lower() not in ("utf-8", "utf8", "us-ascii", "ascii"):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    after_ampersand = False  # whether the last chunk ended with "&"
    try:
        with path.open("rb") as stream:
            chunk = stream.read(_CHUNK)
            # UTF-8 as libxml2 reads it: no UTF-16 or EBCDIC it would detect despite the declaration
            if not chunk.removeprefix(codecs.BOM_UTF8).startswith(b"<") or b"\0" in chunk:
                return False
            while chunk:
                if _CHARACTER_REFERENCE.search(chunk) or (after_ampersand and chunk.startswith(b"#")):
                    return False
                after_ampersand = chunk.endswith(b"&")
                if _WATCHED.search(decoder.decode(chunk.translate(None, _ASCII))):
                    return False
                chunk = stream.read(_CHUNK)
    except OSError:
        return False
    return True
