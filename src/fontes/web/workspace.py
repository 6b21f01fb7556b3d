"""What one `fontes serve` works on: the case (read once), its verdicts (cached), the store, the essay."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import fontes
from fontes.errors import CorpusError
from fontes.model import Case
from fontes.reason.verdict import Verdict

#: The pages' draws, as in `fontes report`.
PAGE_DRAWS = 4000
PAGE_SEED = 0


class Workspace:
    """The case, the corpus store and the essay of one app, with the verdicts already weighed.

    The store is opened per request (SQLite connections stay in their thread) and only when
    its file exists: the app never creates one.
    """

    def __init__(
        self,
        case: Case,
        *,
        db_path: str | Path | None = None,
        essay_path: str | Path | None = None,
        save_root: str | Path | None = None,
    ):
        self.case = case
        self.db_path = Path(db_path) if db_path else None
        self.essay_path = Path(essay_path) if essay_path else None
        self.save_root = Path(save_root) if save_root else Path.cwd()
        self._verdicts: dict[str | None, Verdict] = {}
        self._lock = threading.Lock()
        self._anchors: dict[str, list] = {}

    @classmethod
    def open(cls, case_dir: str | Path | None = None, **options) -> Workspace:
        """Load the case folder (the built-in case when None)."""
        return cls(fontes.load_case(case_dir), **options)

    @property
    def school_ids(self) -> list[str]:
        return [s.id for s in self.case.schools]

    def school_or_default(self, wanted: str | None) -> str | None:
        """The school asked for if the case has it, else the case's default school."""
        return wanted if wanted in self.school_ids else self.case.default_school

    def verdict(self, school: str | None) -> Verdict:
        """The whole case weighed under `school` (None: uniform priors), weighed once and kept."""
        with self._lock:
            if school not in self._verdicts:
                case = (
                    self.case if school is not None else self.case.model_copy(update={"default_school": None})
                )
                self._verdicts[school] = fontes.weigh(case, school=school, draws=PAGE_DRAWS, seed=PAGE_SEED)
            return self._verdicts[school]

    @property
    def has_store(self) -> bool:
        return self.db_path is not None and self.db_path.is_file()

    @contextmanager
    def store(self):
        """The corpus store for one request, or None when there is none."""
        if not self.has_store or self.db_path is None:
            yield None
            return
        from fontes.corpus import Store

        try:
            store = Store(self.db_path)
        except CorpusError:
            yield None
            return
        with store:
            yield store

    def anchors_in(self, source_id: str, store) -> list:
        """The case's evidence quotes anchored in this source, kept after the first time."""
        if source_id not in self._anchors:
            from fontes.web.reader import anchor_case_quotes

            self._anchors[source_id] = anchor_case_quotes(self.case, source_id, store)
        return self._anchors[source_id]

    @cached_property
    def audit(self):
        """The essay's audit report, run on first use; None when no essay was given."""
        if self.essay_path is None:
            return None
        with self.store() as store:
            return fontes.audit_essay(self.essay_path, self.case, store)
