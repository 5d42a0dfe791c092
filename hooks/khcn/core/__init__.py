"""Shared basics with no domain of their own: errors, slugs, Vietnamese formats, periods, git history, processes."""
