"""The offline sentence-embedding model: wordllama's weights and tokenizer, read from its wheel.

wordllama (Apache-2.0) ships a 32000 x 256 token-embedding matrix and its tokenizer inside the
package; a sentence's vector is the mean of its tokens' vectors, normalised. The files are
opened directly (the package is never imported: its own loader looks for caches and the
network), so nothing is fetched at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from fontes.errors import AnchorError

PACKAGE = "wordllama"
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
#: Tokens read of one sentence at most (a sentence past this is described by its opening).
MAX_TOKENS = 256
BATCH = 2_048


def package_folder() -> Path | None:
    """Where the wordllama package is installed, without importing it; None when it is not."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class MeaningModel:
    """Sentence vectors (unit length, float32) from the wheel's token embeddings."""

    def __init__(self, folder: Path):
        from safetensors import safe_open
        from tokenizers import Tokenizer

        weights, tokenizer = folder / WEIGHTS, folder / TOKENIZER
        for path in (weights, tokenizer):
            if not path.is_file():
                raise AnchorError(
                    f"the embedding model's file {path} is missing",
                    field="model",
                    hint="reinstall wordllama: pip install --force-reinstall wordllama",
                )
        with safe_open(str(weights), framework="np") as f:
            self.embedding = np.ascontiguousarray(f.get_tensor("embedding.weight"), dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    @property
    def dimension(self) -> int:
        return int(self.embedding.shape[1])

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (a row of zeros for a text with no tokens)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for at in range(0, len(texts), BATCH):
            encodings = self.tokenizer.encode_batch(texts[at : at + BATCH], add_special_tokens=False)
            lengths = np.fromiter((len(e.ids) for e in encodings), np.int64, len(encodings))
            rows = np.flatnonzero(lengths)
            if not len(rows):
                continue
            ids = np.concatenate([np.asarray(encodings[r].ids, np.int64) for r in rows])
            starts = np.concatenate(([0], np.cumsum(lengths[rows])[:-1]))
            # The sum over each text's tokens at once; a mean's direction is the sum's.
            out[at + rows] = np.add.reduceat(self.embedding[ids], starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


def load_model() -> MeaningModel | None:
    """The model when wordllama is installed (a dependency, so normally), else None."""
    folder = package_folder()
    return MeaningModel(folder) if folder is not None else None
