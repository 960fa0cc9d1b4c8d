"""Knowledge: the actor gazetteer and other reference data, as loaders over files in data/."""
