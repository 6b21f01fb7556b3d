"""The vocabularies the audit and the dates share, each spelled once: months, offices, titles,
kinds of document, acts and modality."""
