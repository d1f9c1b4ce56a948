-- PostgreSQL full-text search for Vietnamese, as the documentation builds an
-- accent-insensitive configuration (unaccent, F.46): no Vietnamese stemmer
-- exists, so the `simple` dictionary follows `unaccent` for word tokens.
-- unaccent.rules maps every precomposed Vietnamese letter and đ/Đ to ASCII.
-- The tsvector is a stored generated column (textsearch-tables), title weighted A.
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TABLE IF EXISTS docs;
DROP TEXT SEARCH CONFIGURATION IF EXISTS vn;
CREATE TEXT SEARCH CONFIGURATION vn (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION vn
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TABLE docs (
  id    text PRIMARY KEY,
  title text NOT NULL,
  body  text NOT NULL,
  tsv   tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('vn', title), 'A') || to_tsvector('vn', body)) STORED
);
