"""Write a case back to a folder of YAML files, atomically, in the format it was read from."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from fontes.errors import CaseError
from fontes.model import Case, LIKELIHOOD_WORDS

_WORD_OF = {v: k for k, v in LIKELIHOOD_WORDS.items()}


def _likelihood(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return _WORD_OF.get(value, value)


def case_documents(case: Case) -> dict[str, Any]:
    """The YAML documents of a case, one per file, as plain data."""
    head = case.model_dump(include={"id", "title", "description", "default_school"}, exclude_none=True)
    head = {k: v for k, v in head.items() if v != ""}
    head["questions"] = [q.model_dump(exclude_defaults=True) for q in case.questions]
    head["schools"] = [s.model_dump(exclude_defaults=True) for s in case.schools]
    evidence = []
    for item in case.evidence:
        data = item.model_dump(exclude_defaults=True)
        data["bears_on"] = {q: {h: _likelihood(v) for h, v in row.items()} for q, row in item.bears_on.items()}
        evidence.append(data)
    return {
        "case": head,
        "actors": [a.model_dump(exclude_defaults=True) for a in case.actors],
        "sources": [s.model_dump(exclude_defaults=True) for s in case.sources],
        "events": [e.model_dump(exclude_defaults=True) for e in case.events],
        "evidence": evidence,
    }


def write_case(case: Case, folder: str | Path, *, overwrite: bool = False) -> Path:
    """Write `case` into `folder`; each file goes to a temporary name first, then is renamed."""
    folder = Path(folder)
    if (folder / "case.yaml").exists() and not overwrite:
        raise CaseError(f"{folder} already holds a case", hint="choose a new folder or pass overwrite")
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 100
    for stem, document in case_documents(case).items():
        if not document and stem in ("actors", "events"):
            continue
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".yaml.tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                yaml.dump(document, out)
            os.replace(tmp, folder / f"{stem}.yaml")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return folder
