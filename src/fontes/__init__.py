"""fontes: weigh contested historical claims against the primary sources.

The Python API mirrors the command line::

    import fontes
    case = fontes.load_case()                  # the built-in korea-1950 case
    verdict = fontes.weigh(case, school="revisionist", draws=4000, seed=0)
    print(verdict.questions[0].leader)
"""

import importlib
from typing import TYPE_CHECKING

from fontes.errors import FontesError

if TYPE_CHECKING:  # for editors and type checkers; at run time they load on first use (below)
    from fontes.case import builtin_case_path, check_case, load_case, write_case
    from fontes.model import Case

__version__ = "0.1.0"

#: Names of the API imported on first use, so that `fontes --help` does not load pydantic and YAML.
_LAZY = {"Case": "fontes.model", "builtin_case_path": "fontes.case", "check_case": "fontes.case",
         "load_case": "fontes.case", "write_case": "fontes.case"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'fontes' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value

__all__ = [
    "Case",
    "FontesError",
    "__version__",
    "builtin_case_path",
    "check_case",
    "load_case",
    "posterior_under",
    "weigh",
    "write_case",
]


def weigh(case, school=None, draws=4000, seed=0):
    """Weigh every question of a case: posteriors, intervals, sensitivity, schools, ACH."""
    from fontes.reason import weigh as _weigh

    return _weigh(case, school=school, draws=draws, seed=seed)


def posterior_under(case, question_id, priors):
    """The exact posterior of one question under the given priors."""
    from fontes.reason import posterior_under as _posterior_under

    return _posterior_under(case, question_id, priors)
