"""Coverage-guided fuzz targets (atheris): one script per reader, each with `TestOneInput(data)`.

Run one with `python fuzz/targets/<reader>.py [libFuzzer flags] [corpus folder]`, for instance
`-runs=10000 -timeout=5`; without a folder it seeds fuzz/.corpus/<reader>/ from the test fixtures.
"""
