-- SQLite FTS5, set up as its documentation describes for accent-insensitive
-- search: the unicode61 tokenizer with remove_diacritics 2 (which, unlike 1,
-- also folds letters whose marks Unicode composes in several steps, e.g. "ệ").
-- It leaves "đ" alone (FACTS.md): "được" is indexed as "đuoc".
CREATE VIRTUAL TABLE docs USING fts5(
  id UNINDEXED,
  title,
  text,
  tokenize = 'unicode61 remove_diacritics 2'
);
