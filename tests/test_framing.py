"""Framing, narratives and genre: label sets, model files, the stages in ingest, and ``newsgraph predict``."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from newsgraph import api
from newsgraph.analysis import framing, genre, narratives
from newsgraph.analysis.pipeline import load_language
from newsgraph.analysis.textvec import TokenVectors, doc_context, fit_vocabulary, load_embedder
from newsgraph.predict import predict_app
from newsgraph.records import Article
from newsgraph.semeval import read_documents, read_mentions

from conftest import FIXTURES

SEMEVAL = FIXTURES / "semeval"
DOCUMENTS = SEMEVAL / "documents"
MENTIONS = SEMEVAL / "mentions.txt"
STAGES = ("actors", "framing", "narratives", "genre")


@pytest.fixture(scope="module")
def parsed():
    """The fixture documents, each with its parse (whole text, as ``predict`` reads it)."""
    nlp = load_language()
    documents = read_documents(DOCUMENTS)
    return [(d, nlp(d.text)) for d in documents]


def predict(*args: str):
    return CliRunner().invoke(predict_app, [str(a) for a in args])


def test_label_sets_follow_the_taxonomy():
    mains, fines, parent = framing.role_labels()
    assert mains == ["Protagonist", "Antagonist", "Innocent"]
    assert len(fines) == len(set(fines)) == 22 and set(parent.values()) == set(mains)
    all_narratives, subnarratives = narratives.narrative_labels()
    assert all_narratives[-1] == "Other" and len(all_narratives) == 22
    assert {narratives.domain_of(n) for n in all_narratives[:-1]} == {"URW", "CC"}
    tree = dict(framing.taxonomy()["narratives"])
    assert tree.pop("Other") == ["Other"]
    assert all(sub.startswith(n + ": ") for n, subs in tree.items() for sub in subs)
    assert len(subnarratives) == len(set(subnarratives)) == 91 and "Other" in subnarratives


def test_shipped_models_speak_the_taxonomy():
    mains, fines, _parent = framing.role_labels()
    model = framing.load_model()
    assert model.main.labels == mains and model.fine.labels == fines
    narrative_model = narratives.load_model()
    assert (
        narrative_model.narratives.labels,
        narrative_model.subnarratives.labels,
    ) == narratives.narrative_labels()
    assert sorted(narrative_model.domain.labels) == ["CC", "URW"]
    assert genre.load_model().classifier.labels == list(genre.GENRES)


def test_models_round_trip_through_save_and_load(parsed, tmp_path):
    contexts = [doc_context(doc) for _d, doc in parsed]
    bags = [framing.mention_bag(c, (3, 5), [(3, 5)]) for c in contexts]
    article_bags = [genre.genre_bag(doc, d.title) for d, doc in parsed]
    for module, inputs in ((framing, bags), (narratives, article_bags), (genre, article_bags)):
        original = module.load_model()
        original.save(tmp_path / module.MODEL_FILE)
        copy = type(original).load(tmp_path / module.MODEL_FILE)
        if module is narratives:
            inputs = [narratives.DocumentBag(b.dense[:512], b.terms) for b in inputs]
        extra = ()
        if module is framing:  # the main-role regression also reads the article's stance
            extra = (framing.article_stance(original, contexts[0]),)
            np.testing.assert_array_equal(extra[0], framing.article_stance(copy, contexts[0]))
        for before, after in zip(
            _scores(original, inputs, *extra), _scores(copy, inputs, *extra), strict=True
        ):
            np.testing.assert_array_equal(before, after)


def _scores(model, inputs, *extra) -> tuple:
    found = model.scores(inputs, *extra)
    return found if isinstance(found, tuple) else (found,)


def test_token_vectors_average_word_pieces_like_the_embedder():
    words = ["Nordland", "shelled", "the", "port", "of", "Velmar", "\u2603\u2603"]
    vectors = TokenVectors(words, load_embedder())
    np.testing.assert_allclose(vectors.mean(1, 4), load_embedder().embed(words[1:4]), atol=1e-5)
    assert not vectors.mean(6, 7).any()  # no known piece: zeros, not NaN


def test_a_weighted_document_counts_as_that_many_copies_in_the_vocabulary():
    articles = [["sanction", "pipeline"], ["sanction", "summit"], ["pipeline", "grain"]]
    description = ["grain", "corridor", "blockade"]
    weighted = fit_vocabulary([*articles, description], min_df=2, weights=[1, 1, 1, 3])
    copied = fit_vocabulary([*articles, *[description] * 3], min_df=2)
    assert weighted.terms == copied.terms
    assert "corridor" in weighted.terms  # in one document only, but that one weighs three
    np.testing.assert_allclose(weighted.idf, copied.idf)
    assert "corridor" not in fit_vocabulary([*articles, description], min_df=2).terms


def test_a_mention_is_governed_by_the_verb_above_it_never_by_itself():
    doc = load_language()("Moscow warned Belgrade against joining the sanctions.")
    assert "gov:warn" in framing.syntax_terms(doc, 0, 1)  # Moscow, the subject of "warned"
    assert "gov:warn" in framing.syntax_terms(doc, 2, 3)
    # a span whose root is the sentence's own root verb has no verb above it
    assert not any(term.startswith("gov:") for term in framing.syntax_terms(doc, 1, 2))


def test_a_fine_role_always_nests_under_the_main_role():
    model = framing.load_model()
    _mains, _fines, parent = framing.role_labels()
    fine_scores = np.zeros(22)
    fine_scores[model.fine.labels.index("Victim")] = 0.9  # an Innocent role, the best fine score
    role = model.decide(np.array([0.1, 0.8, 0.1]), fine_scores)
    assert role.main == "Antagonist" and role.fine and parent[role.fine[0]] == "Antagonist"
    assert role.score == pytest.approx(0.8)


def test_genre_defaults_to_reporting_when_unsure():
    model = genre.load_model()
    assert model.decide(np.array([0.45, 0.35, 0.2]))[0] == "reporting"
    assert model.decide(np.array([0.45, 0.35, 0.2]), genre.UNIFORM_PRIOR)[0] == "opinion"
    assert model.decide(np.array([0.95, 0.04, 0.01]))[0] == "opinion"


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Opinion: The sanctions are the bill for a double game", None, "opinion"),
        ("Why the Balkans still wait | Comment", None, "opinion"),
        ("Kosovo: the plan nobody signed", "https://example.org/commentisfree/2023/mar/20/kosovo", "opinion"),
        ("Satire: Parliament votes to abolish Mondays", None, "satire"),
        ("Belgrade: protesters block the main bridge", "https://example.org/news/2023/belgrade", None),
        ("Analysis: what the Ohrid annex commits Serbia to", None, None),
    ],
)
def test_an_outlets_own_label_names_the_genre(title, url, expected):
    assert genre.labelled_genre(title, url) == expected


def test_a_labelled_opinion_piece_is_opinion_whatever_its_style():
    # written like a wire report, labelled an opinion piece by its outlet
    text = (
        "BELGRADE – The United States placed the head of Serbia's intelligence agency on its "
        "sanctions list on Tuesday. The Treasury said he had used his office to help Russia. "
        "He rejected the accusations, the agency said in a statement."
    )
    pipeline = api.load_pipeline(stages=("genre",))
    plain = pipeline.analyze(Article(id="g1", text=text, title="US sanctions Serbian spy chief"))
    labelled = pipeline.analyze(Article(id="g2", text=text, title="Opinion: US sanctions Serbian spy chief"))
    assert plain.article.genre == "reporting" and labelled.article.genre == "opinion"


def test_other_wins_only_over_weaker_narratives():
    model = narratives.load_model()
    labels, subs = model.narratives.labels, model.subnarratives.labels
    domain = np.array([0.9 if label == "URW" else 0.1 for label in model.domain.labels])
    war = next(n for n in labels if n.startswith("URW: "))
    other_first = np.array([0.9 if n == "Other" else 0.0 for n in labels])
    assert [n.narrative for n in model.decide(domain, other_first, np.zeros(len(subs)))] == ["Other"]
    # a weak narrative still beats a weaker Other: the best narrative is kept below its threshold
    weak = np.array([{"Other": 0.01, war: model.thresholds[0] / 2}.get(n, 0.0) for n in labels])
    chosen = model.decide(domain, weak, np.zeros(len(subs)))
    assert [n.narrative for n in chosen] == [war] and chosen[0].subnarrative.startswith(war + ": ")


def test_predict_framing_writes_a_well_formed_line_per_mention():
    result = predict("framing", "--documents", DOCUMENTS, "--mentions", MENTIONS)
    assert result.exit_code == 0, result.output
    mains, _fines, parent = framing.role_labels()
    given = read_mentions(MENTIONS)
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(lines) == len(given)
    for columns, mention in zip(lines, given, strict=True):
        assert columns[:4] == [mention.article_id, mention.mention, str(mention.start), str(mention.end)]
        assert columns[4] in mains and columns[5:] and all(parent[f] == columns[4] for f in columns[5:])


def test_predict_narratives_writes_consistent_labels_per_document():
    result = predict("narratives", "--documents", DOCUMENTS)
    assert result.exit_code == 0, result.output
    known, known_subs = narratives.narrative_labels()
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [columns[0] for columns in lines] == sorted(p.name for p in DOCUMENTS.glob("*.txt"))
    for _id, cell, sub_cell in lines:
        chosen, subs = cell.split(";"), sub_cell.split(";")
        assert set(chosen) <= set(known)
        if chosen == ["Other"]:
            assert subs == ["Other"]
        else:
            assert set(subs) <= set(known_subs) and all(s.rsplit(": ", 1)[0] in chosen for s in subs)


def test_predict_genre_writes_one_genre_per_document():
    result = predict("genre", "--documents", DOCUMENTS)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == sorted(p.stem for p in DOCUMENTS.glob("*.txt"))
    assert all(r[1] in genre.GENRES for r in rows)


@pytest.mark.parametrize(
    ("content", "code", "where"),
    [
        ("war_velmar_shelling.txt\tNordland\t63\n", "E402", "line 1: expected 4"),
        (
            "war_velmar_shelling.txt\tNordland\t63\t70\nwar_velmar_shelling.txt\tNordland\tx\t70\n",
            "E402",
            "line 2: start",
        ),
        ("war_missing.txt\tNordland\t63\t70\n", "E403", "line 1: article 'war_missing.txt'"),
        ("war_velmar_shelling.txt\tNordland\t63\t99999\n", "E402", "run past the end"),
    ],
)
def test_a_malformed_mention_file_is_named_on_one_line(tmp_path, content, code, where):
    mentions = tmp_path / "mentions.txt"
    mentions.write_text(content, encoding="utf-8")
    result = predict("framing", "--documents", DOCUMENTS, "--mentions", mentions)
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        result.stderr.count("\n") == 1
        and f"error {code}: {mentions}: " in result.stderr
        and where in result.stderr
    )


def test_a_missing_or_empty_documents_folder_is_an_error(tmp_path):
    missing = predict("narratives", "--documents", tmp_path / "nope")
    assert missing.exit_code == 2 and f"error E401: {tmp_path / 'nope'}: no such folder" in missing.stderr
    empty = predict("genre", "--documents", tmp_path)
    assert empty.exit_code == 2 and "no .txt documents" in empty.stderr


def test_ingest_stores_roles_narratives_and_genre(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(DOCUMENTS, folder)
    db = tmp_path / "n.duckdb"
    report = api.ingest([str(folder)], db, pipeline_factory=lambda: api.load_pipeline(stages=STAGES))
    assert report.analyzed == 3
    mains, _fines, parent = framing.role_labels()
    with api.open_store(db, read_only=True) as store:
        analysis = store.get_analysis("war_velmar_shelling")
    roles = {actor.name: actor.roles for actor in analysis.actors}
    assert {"Ilse Varga", "Oskar Halm"} <= set(roles), roles
    for found in roles.values():
        assert (
            len(found) == 1
            and found[0].main in mains
            and all(parent[f] == found[0].main for f in found[0].fine)
        )
        assert 0.0 < found[0].score <= 1.0
    assert analysis.narratives and all(0.0 <= n.score <= 1.0 for n in analysis.narratives)
    assert analysis.article.genre in genre.GENRES
