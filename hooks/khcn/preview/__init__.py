"""The preview of `make serve`: one build kept in memory, rebuilt cheaply on each saved file, pages rendered when asked.

engine.py  the MkDocs (or ProperDocs) build state of one "epoch": every phase of a full build up to the pages'
           Markdown, then each output made on request, exactly as the full build makes it
watch.py   which files the preview follows, and what changed since the last look
server.py  the HTTP server: outputs of the current epoch, live reload, the editor's error banner
"""
