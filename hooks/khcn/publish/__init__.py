"""Work on the built site: the search index and corrections of the theme's markup."""
