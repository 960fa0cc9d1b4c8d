-- Near-duplicate detection across runs: a MinHash signature per analysed
-- article and its LSH band buckets, so candidates are found by lookup.
CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL
);

CREATE TABLE lsh_buckets (
    band_key BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX lsh_buckets_key ON lsh_buckets (band_key);
