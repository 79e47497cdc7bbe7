"""The phrase-rule engine (``match``, ``terms``, ``text``, ``slots``, ``index``) and its rule
books, which are data: TOML files under ``books/``, one per family and language."""
