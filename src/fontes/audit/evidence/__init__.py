"""What each sentence of an essay claims: the documents it cites, the actors, offices and dates it
names, and which case sources and corpus documents fit it."""
