"""The print edition of a Bản tin (issue 15): one PDF per edition, 190 × 270 mm, at most 64 pages.

Engine-isolated and MkDocs-free: `edition.py` is what the build hands over (plain dataclasses), `document.py` turns
an edition into one HTML document (our Markdown extensions, the site's sanitiser, an autoescaping template),
`fonts.py` holds the committed fonts and refuses a character they lack, `pdf.py` checks, lays out and refuses (the
errors editors read), and `engine.py` is the only module that imports the engine (WeasyPrint; ENGINES.md says why),
loaded only when an edition is printed. The build calls `pdf.edition_pdf(edition, docs_dir)`.
"""
