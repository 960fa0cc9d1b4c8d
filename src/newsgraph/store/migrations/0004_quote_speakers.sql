-- Where the speaker of a quote is named (character offsets, null when unnamed),
-- and indexes for the questions analysts ask of quotes: by speaker, by article.
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
CREATE INDEX quotes_speaker ON quotes (speaker_id);
CREATE INDEX quotes_article ON quotes (article_id);
