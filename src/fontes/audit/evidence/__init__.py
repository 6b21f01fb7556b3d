"""What a sentence of an essay and a passage of its source say, read so that they can be compared."""
