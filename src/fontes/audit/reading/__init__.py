"""The parts of reading an essay: its text, paragraphs, sentences, markers, quotations, references.

`fontes.audit.reading.read.read_essay` puts them together into an `Essay`.
"""
