"""The bulletin stream: news, announcements and reports as one dated list, its pages, feeds and the old site's pages."""
