-- DuckDB keeps ART indexes wholly in memory, so these two grew the ingest's
-- memory with every article. Columnar scans with min/max pruning answer the
-- same per-batch lookups (content hashes, LSH buckets) fast enough.
DROP INDEX articles_content_hash;
DROP INDEX lsh_buckets_key;
