-- How prominent each actor is in each article: mention count, first offset,
-- presence in the title and a 0..1 score; counted across articles by queries.
ALTER TABLE article_actors ADD COLUMN mentions INTEGER;
ALTER TABLE article_actors ADD COLUMN first_start INTEGER;
ALTER TABLE article_actors ADD COLUMN in_title BOOLEAN;
ALTER TABLE article_actors ADD COLUMN salience DOUBLE;
