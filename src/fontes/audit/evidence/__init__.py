"""What each sentence of an essay claims (claims.py: the actors, offices, dates and kinds of thing
it names, and its quotations), which case sources, corpus documents and reference entries fit it
(documents.py, entry_match.py), and what a passage of a source says, read as frames so that the
two can be compared."""
