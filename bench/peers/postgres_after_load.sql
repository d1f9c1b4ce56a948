-- After COPY: the GIN index (built once, faster than maintaining it row by row,
-- as "Populating a Database" advises) and fresh planner statistics.
CREATE INDEX docs_tsv ON docs USING gin (tsv);
ANALYZE docs;
