"""What each sentence of an essay claims (the documents it cites, the actors, offices and dates it
names, which case sources and corpus documents fit it), and what a passage of its source says,
read as frames so that the two can be compared."""
