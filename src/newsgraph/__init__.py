"""newsgraph: news articles in, a sourced, time-aware graph of actors, events and quotes out."""

__version__ = "0.1.0"
