"""Speed benchmarks of fontes, each a ratio against a baseline measured in the same run.

    make bench                       # or: .venv/bin/python -m benchmarks [--docs 50000] [--quick]

The corpora are built at run time from ../shared (never copied into the repo) into
benchmarks/.cache/; each benchmark writes benchmarks/results/<name>.json and a table is
printed at the end. See `python -m benchmarks --help`.
"""
