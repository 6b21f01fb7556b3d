"""Generators that know each format: valid documents, then one thing broken.

Each module gives `samples()` (a hypothesis strategy of `Sample`), `from_bytes(data)` (an
atheris input as a `Sample`) and `seeds()` (the test fixtures as atheris inputs).
"""
