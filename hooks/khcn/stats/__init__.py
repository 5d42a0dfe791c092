"""Statistics from the loaded records (pandas): the long table of values, register counts, charts, open data."""
