"""Small trained files the analysis stages load (see ``training/``)."""
