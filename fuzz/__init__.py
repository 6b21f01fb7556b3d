"""Fuzzing every reader: documents broken one way at a time, and the invariant each must keep.

A reader returns a result or raises a `FontesError` that says where (its `file` set); never
another exception, never a hang, never a partly written store or case. `python -m fuzz`
runs the long campaign (`make fuzz`); `tests/test_fuzz_readers.py` runs a short one in CI;
`fuzz/atheris_target.py READER` runs the same checks under coverage-guided atheris.
"""
