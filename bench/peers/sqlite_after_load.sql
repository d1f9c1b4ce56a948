-- After the bulk insert (one transaction): merge the FTS5 b-trees into one,
-- the 'optimize' command FTS5's documentation gives for a table that is done loading.
INSERT INTO docs(docs) VALUES ('optimize');
