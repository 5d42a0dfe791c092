"""The department's site built from `data/`: loading, validation and page rendering, free of MkDocs imports."""
