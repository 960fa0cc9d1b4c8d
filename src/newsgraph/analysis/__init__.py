"""Analysis: one spaCy pass per article, then the stages over the parsed doc."""
