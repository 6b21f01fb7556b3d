"""Golden output of the FRUS TEI reader and of its store write: a faster reader must say the same.

Each file's output is recorded as short hashes, one per aspect (ids and errors, text, notes,
page breaks, metadata), so a change names what moved without the texts being copied here.
Regenerate only for an intended change of output:
`.venv/bin/python -m tests.test_frus_tei_golden` prints the current values.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from fontes.corpus import Store, ingest_paths
from fontes.corpus.document import Document
from fontes.corpus.frus_tei import read_frus_tei
from fontes.errors import CorpusError

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "tei"
KOREA_1949 = HERE.parent.parent / "shared" / "corpus" / "frus-tei" / "frus1949v07p2-korea.xml"

#: file name -> aspect -> hash of what `read_frus_tei` yields (or raises) for it.
GOLDEN_READ: dict[str, dict[str, str]] = {
    "declared-latin1-is-utf8.xml": {
        "items": "fc083721ef454102",
        "text": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "source": "4f53cda18c2baa0c",
        "other": "4f53cda18c2baa0c",
    },
    "declared-utf8-is-latin1.xml": {
        "items": "af4b766d89b737f0",
        "text": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "source": "4f53cda18c2baa0c",
        "other": "4f53cda18c2baa0c",
    },
    "entity-bomb.xml": {
        "items": "417549bc4ab0037f",
        "text": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "source": "4f53cda18c2baa0c",
        "other": "4f53cda18c2baa0c",
    },
    "frus1951v97-edge-cases.xml": {
        "items": "89a51f500f29fbda",
        "text": "0f0e3ae54e9674e7",
        "notes": "8ebb5a65e33e708e",
        "pages": "d23fc5c9cc81a1eb",
        "source": "90d31018a76b056b",
        "other": "9b8c7e7229a1e7cd",
    },
    "frus1951v99-sample.xml": {
        "items": "1a99b2026a3964c2",
        "text": "91d2e55e9f57dd62",
        "notes": "be27c84c0d9f355a",
        "pages": "77139f8fd520cdfe",
        "source": "4d6d09fc9639cae9",
        "other": "5b0e027f5c077c68",
    },
    "no-head.xml": {
        "items": "227a3df466653847",
        "text": "a126ecd08177d5e7",
        "notes": "055539df4a0b804c",
        "pages": "cf1cbb66a638b486",
        "source": "8435f2b913974583",
        "other": "0e498cf3f3c3d683",
    },
    "truncated.xml": {
        "items": "08055c6ee3144b4b",
        "text": "2830a3e48a37c9a3",
        "notes": "762bbee239566069",
        "pages": "576774feac7be5af",
        "source": "61c9f08b20516da6",
        "other": "c128413f5ee6baa4",
    },
    "frus1949v07p2-korea.xml": {
        "items": "932a72fde5adcd37",
        "text": "0e173d70105398df",
        "notes": "7b4677da76707e68",
        "pages": "f8c626a7d2b2f73a",
        "source": "33c2a9fbdb089ebb",
        "other": "ce6cdb57dffee319",
    },
}

#: file name -> aspect -> hash of what the store holds after `ingest_paths` of that file alone.
GOLDEN_STORE: dict[str, dict[str, str]] = {
    "declared-latin1-is-utf8.xml": {
        "summary": "7ead7f2ac1f175e1",
        "sources": "4f53cda18c2baa0c",
        "texts": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "index": "4f53cda18c2baa0c",
    },
    "declared-utf8-is-latin1.xml": {
        "summary": "7ead7f2ac1f175e1",
        "sources": "4f53cda18c2baa0c",
        "texts": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "index": "4f53cda18c2baa0c",
    },
    "entity-bomb.xml": {
        "summary": "7ead7f2ac1f175e1",
        "sources": "4f53cda18c2baa0c",
        "texts": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "index": "4f53cda18c2baa0c",
    },
    "frus1951v97-edge-cases.xml": {
        "summary": "a50c12ec8e20411b",
        "sources": "cdaa39238e87a82d",
        "texts": "066b5e5f0af7de4a",
        "notes": "d21ec370d36492c1",
        "pages": "8bd030f3b271d4db",
        "index": "57c5abd33fa769b2",
    },
    "frus1951v99-sample.xml": {
        "summary": "4f029f90bb107ca1",
        "sources": "6d303ee5010fe612",
        "texts": "342dfa4b6e1f5f98",
        "notes": "f62f8b7160bbb32a",
        "pages": "e5a5320e3930736a",
        "index": "606c1c26416e69ab",
    },
    "no-head.xml": {
        "summary": "c7bb5f341a4da17e",
        "sources": "836180c80a2fa1f9",
        "texts": "d0edab00f31f4b35",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "index": "964d8f1ac60e699f",
    },
    "truncated.xml": {
        "summary": "7ead7f2ac1f175e1",
        "sources": "4f53cda18c2baa0c",
        "texts": "4f53cda18c2baa0c",
        "notes": "4f53cda18c2baa0c",
        "pages": "4f53cda18c2baa0c",
        "index": "4f53cda18c2baa0c",
    },
    "frus1949v07p2-korea.xml": {
        "summary": "53bf875a45cbdc98",
        "sources": "9a9c08d321303a71",
        "texts": "f58a4f362a584c69",
        "notes": "8de1d108057b18e8",
        "pages": "a9e846e41d722524",
        "index": "1282db5957b63a7b",
    },
}


def _digest(value: object) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _portable(text: str, path: Path) -> str:
    """Messages and origins name the file by its name, wherever the repository sits."""
    return text.replace(str(path.parent), "<dir>")


def read_fingerprint(path: Path) -> dict[str, str]:
    """Hashes of everything the reader yields for `path`, aspect by aspect."""
    items: list[str] = []
    docs: list[Document] = []
    try:
        for item in read_frus_tei(path):
            if isinstance(item, Document):
                items.append(item.id)
                docs.append(item)
            else:
                items.append("error: " + _portable(str(item), path))
    except CorpusError as raised:  # where and why, not libxml2's wording, which varies by version
        items.append(f"raised at line {raised.line}: {raised.hint}")
    return {
        "items": _digest(items),
        "text": _digest([d.text for d in docs]),
        "notes": _digest([d.notes for d in docs]),
        "pages": _digest([[(p.offset, p.page) for p in d.pages] for d in docs]),
        "source": _digest([d.source.model_dump(mode="json") for d in docs]),
        "other": _digest(
            [[d.text_complete, d.summary, d.place, d.mirror_urls, _portable(d.origin, path)] for d in docs]
        ),
    }


def store_fingerprint(path: Path, db: Path) -> dict[str, str]:
    """Hashes of the tables and of the full-text index after ingesting `path` into a new store."""
    with Store(db) as store:
        summary = ingest_paths([path], store)
    connection = sqlite3.connect(db)
    try:

        def rows(sql: str) -> list:
            return [list(row) for row in connection.execute(sql)]

        sources = rows("SELECT * FROM sources ORDER BY doc")
        columns = [c[1] for c in connection.execute("PRAGMA table_info(sources)")]
        stamp, origin = columns.index("ingested_at"), columns.index("origin")
        for row in sources:
            row[stamp] = None
            row[origin] = _portable(row[origin], path)
        connection.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search, 'instance')")
        return {
            "summary": _digest([summary.added, summary.updated, len(summary.failed)]),
            "sources": _digest(sources),
            "texts": _digest(rows("SELECT doc, text FROM texts ORDER BY doc")),
            "notes": _digest(rows("SELECT doc, notes FROM notes ORDER BY doc")),
            "pages": _digest(rows("SELECT doc, seq, offset, page FROM pages ORDER BY doc, seq")),
            "index": _digest(
                rows("SELECT term, doc, col, offset FROM temp.terms ORDER BY term, doc, col, offset")
            ),
        }
    finally:
        connection.close()


def _volumes() -> list[Path]:
    """The recorded volumes: the TEI fixtures, then the shared Korea chapter."""
    return [KOREA_1949 if name == KOREA_1949.name else FIXTURES / name for name in GOLDEN_READ]


def _skip_if_absent(path: Path) -> None:
    if not path.exists():
        pytest.skip("../shared/corpus/frus-tei is not beside the project; CI always has it")


@pytest.mark.parametrize("path", _volumes(), ids=lambda p: p.name)
def test_the_reader_yields_what_it_always_has(path):
    _skip_if_absent(path)
    assert read_fingerprint(path) == GOLDEN_READ[path.name]


@pytest.mark.parametrize("path", _volumes(), ids=lambda p: p.name)
def test_the_store_holds_what_it_always_has(path, tmp_path):
    _skip_if_absent(path)
    assert store_fingerprint(path, tmp_path / "corpus.db") == GOLDEN_STORE[path.name]


if __name__ == "__main__":
    import tempfile

    def literal(name: str, prints: dict[str, dict[str, str]]) -> str:
        lines = [f"{name}: dict[str, dict[str, str]] = {{"]
        for volume, hashes in prints.items():
            pairs = [f'"{aspect}": "{value}"' for aspect, value in hashes.items()]
            lines.append(
                f'    "{volume}": {{\n        {", ".join(pairs[:3])},\n        {", ".join(pairs[3:])}}},'
            )
        return "\n".join(lines + ["}"])

    present = [v for v in sorted(FIXTURES.glob("*.xml")) + [KOREA_1949] if v.exists()]
    with tempfile.TemporaryDirectory() as folder:
        print(literal("GOLDEN_READ", {v.name: read_fingerprint(v) for v in present}))
        print(
            literal(
                "GOLDEN_STORE", {v.name: store_fingerprint(v, Path(folder) / f"{v.stem}.db") for v in present}
            )
        )
