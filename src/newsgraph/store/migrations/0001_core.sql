-- Articles and every fact the analysis stages produce. Each fact row keeps its
-- article id and character offsets into articles.text (end exclusive).
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    byline VARCHAR[],
    date DATE,
    outlet VARCHAR,
    url VARCHAR,
    language VARCHAR NOT NULL,
    genre VARCHAR,
    text VARCHAR NOT NULL,
    source VARCHAR,
    content_hash VARCHAR NOT NULL,
    status VARCHAR NOT NULL,          -- analyzed | not_analyzed | duplicate
    duplicate_of VARCHAR,             -- the first copy, for status = duplicate
    similarity DOUBLE,                -- estimated Jaccard to that copy
    word_count INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,           -- Wikidata QID or local:<slug>
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR
);

-- Which actors an article names, in the order the analysis lists them.
CREATE TABLE article_actors (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL
);

CREATE TABLE roles (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    main VARCHAR NOT NULL,
    fine VARCHAR[] NOT NULL,
    score DOUBLE NOT NULL
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    speaker_id VARCHAR,
    speaker_text VARCHAR,
    text VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    direct BOOLEAN NOT NULL,
    cue VARCHAR
);

CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    source_id VARCHAR NOT NULL,
    target_id VARCHAR,
    trigger VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    date DATE,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,
    claimed_by VARCHAR
);

CREATE TABLE narratives (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    narrative VARCHAR NOT NULL,
    subnarrative VARCHAR,
    score DOUBLE NOT NULL
);
