"""The vocabularies the audit and the dates share, each spelled once: months, offices, titles,
acts and modality."""
