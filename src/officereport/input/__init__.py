"""Reading the inputs: DGDDI customs files, label files, territory lists, reference geography."""
