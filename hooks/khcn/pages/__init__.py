"""Pages built from the loaded records: Markdown rendered from the Jinja templates in `khcn/templates/`."""
