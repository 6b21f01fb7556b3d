"""The local web app: the case, its questions with a what-if panel, the timeline, the network,
the evidence, a source reader, search and the audit, as pages served on 127.0.0.1.

    from fontes.web import create_app
    app = create_app(case_dir=None, db_path="corpus.db")   # a Starlette app
"""

from fontes.web.app import create_app

__all__ = ["create_app"]
