-- The actors named inside each quote ("everything Kurti said about Serbia"),
-- and an index for finding an actor's mentions and roles across articles.
CREATE TABLE quote_actors (
    article_id VARCHAR NOT NULL,
    quote_seq INTEGER NOT NULL,
    actor_id VARCHAR NOT NULL
);
CREATE INDEX quote_actors_actor ON quote_actors (actor_id);
