"""A corpus of N distinct documents made from the shared Korea corpus, for benchmarks at scale.

Each scaled document copies the metadata of one real document (round robin) and keeps the
shape of its text (paragraphs, sentence count, short heading lines), but every sentence of
six words or more is replaced by the first part of a random real sentence joined to the last
part of another (cut at random word boundaries, seeded). So the words, their frequencies and
the local word order are the real corpus's, every document is distinct, and a passage of a
scaled document is, in practice, in that document only. The file is written to
benchmarks/.cache/ (gitignored) and reused while the shared corpus, N and the seed are the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

#: Bump when the way documents are made changes, so cached files are rebuilt.
GENERATOR_VERSION = 1

SENTENCE_BREAK = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z])")
#: Sentences shorter than this (headings, "top secret") are kept as they are.
MIN_SPLICED_WORDS = 6
WORD = re.compile(r"[A-Za-z]+")


def read_records(path: Path) -> list[dict]:
    """The JSON records of a JSONL file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text, paragraph by paragraph (a rough split: enough for recombining)."""
    for paragraph in text.split("\n"):
        for sentence in SENTENCE_BREAK.split(paragraph):
            if sentence.strip():
                yield sentence.strip()


def _is_latin(text: str) -> bool:
    return sum(c.isascii() for c in text) >= 0.8 * len(text)


def sentence_pools(records: list[dict]) -> dict[bool, list[list[str]]]:
    """Words of every long-enough sentence, pooled by script (Latin or not), so splices stay in one script."""
    pools: dict[bool, list[list[str]]] = {True: [], False: []}
    for record in records:
        for sentence in sentences(record["text"]):
            words = sentence.split()
            if len(words) >= MIN_SPLICED_WORDS:
                pools[_is_latin(sentence)].append(words)
    return pools


def _cut(rng: random.Random, words: list[str]) -> int:
    third = len(words) / 3
    return rng.randint(max(1, round(third)), max(1, round(2 * third)))


def recombined_text(template: str, pools: dict[bool, list[list[str]]], rng: random.Random) -> str:
    """A text shaped like `template` whose long sentences are splices of two random real sentences."""
    paragraphs = []
    for paragraph in template.split("\n"):
        parts = []
        for sentence in SENTENCE_BREAK.split(paragraph):
            words = sentence.split()
            pool = pools[_is_latin(sentence)] if sentence.strip() else []
            if len(words) < MIN_SPLICED_WORDS or not pool:
                parts.append(sentence.strip())
                continue
            head, tail = rng.choice(pool), rng.choice(pool)
            parts.append(" ".join(head[: _cut(rng, head)] + tail[_cut(rng, tail) :]))
        paragraphs.append(" ".join(p for p in parts if p))
    return "\n".join(paragraphs)


def scaled_records(records: list[dict], count: int, seed: int) -> Iterator[dict]:
    """`count` distinct records: real metadata (round robin), recombined texts."""
    rng = random.Random(seed)
    pools = sentence_pools(records)
    seen: set[int] = set()
    for number in range(count):
        template = records[number % len(records)]
        text = recombined_text(template["text"], pools, rng)
        while hash(text) in seen:
            text = recombined_text(template["text"], pools, rng)
        seen.add(hash(text))
        record = {k: v for k, v in template.items() if k != "other_excerpts"}
        record.update(
            id=f"{template['id']}-x{number:06d}",
            title=f"{template['title']} (scaled copy {number})",
            text=text,
            text_complete=False,
        )
        yield record


def build_scaled_corpus(source: Path, count: int, seed: int, cache: Path) -> Path:
    """The JSONL file of `count` scaled documents in `cache`, built unless it is there already."""
    digest = hashlib.sha256(source.read_bytes() + f"{GENERATOR_VERSION}".encode()).hexdigest()[:12]
    target = cache / f"korea1950-scaled-{count}-seed{seed}-{digest}.jsonl"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as out:
        for record in scaled_records(read_records(source), count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(temporary, target)
    return target


def vocabulary(records: list[dict]) -> list[str]:
    """Every word of the real texts in order (so sampling from it follows their frequencies)."""
    return [w for r in records for w in WORD.findall(r["text"])]
