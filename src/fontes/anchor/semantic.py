"""Optional paraphrase detection by sentence embeddings.

Used only when `sentence_transformers` is importable AND $FONTES_EMBEDDINGS_MODEL names a
local model (a path or an already cached name); nothing is ever downloaded. Without them,
paraphrase.py's content-word overlap is the whole story.
"""

from __future__ import annotations

import itertools
import os
import re
from functools import lru_cache

from fontes.anchor.paraphrase import Paraphrase

ENV = "FONTES_EMBEDDINGS_MODEL"
#: Cosine similarity a passage needs to count as saying the same thing.
MIN_COSINE = 0.8
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@lru_cache(maxsize=1)
def _load(name: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach the network
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(name, local_files_only=True)
    except TypeError:  # sentence-transformers < 2.3 has no local_files_only; HF_HUB_OFFLINE holds
        return SentenceTransformer(name)


def embedding_model():
    """The configured model, or None when embeddings are not set up (the default)."""
    name = os.environ.get(ENV)
    if not name:
        return None
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return None
    return _load(name)


def find_semantic_paraphrase(model, quote_text: str, text: str) -> Paraphrase | None:
    """The sentence (or pair of sentences) of normalised `text` closest in meaning to the quotation."""
    sentences = [m for m in SENTENCE.finditer(text) if m.group().strip()]
    spans = [(m.start(), m.end()) for m in sentences]
    spans += [(a[0], b[1]) for a, b in itertools.pairwise(spans)]
    if not spans:
        return None
    vectors = model.encode([quote_text, *(text[s:e] for s, e in spans)], normalize_embeddings=True)
    cosines = vectors[1:] @ vectors[0]
    best = int(cosines.argmax())
    if float(cosines[best]) < MIN_COSINE:
        return None
    start, end = spans[best]
    while start < end and text[start] == " ":
        start += 1
    return Paraphrase(start, end, round(float(cosines[best]), 3))
