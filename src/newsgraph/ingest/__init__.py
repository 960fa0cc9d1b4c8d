"""Ingest: read inputs into clean Article records, and recognise duplicates."""

from newsgraph.ingest.readers import read_inputs

__all__ = ["read_inputs"]
