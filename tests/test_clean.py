"""Boilerplate that extractors leave in plain text is removed; reporting is kept."""

from __future__ import annotations

import pytest

from newsgraph.ingest.clean import clean_text, is_furniture, normalize_text

REPORT = (
    "Kosovo's prime minister said on Monday that the government would not back down over the "
    "licence plates, as NATO peacekeepers kept watch over the northern crossings."
)


@pytest.mark.parametrize(
    "line",
    [
        "Getting your Trinity Audio player ready...",
        "Getting your Audiolume player ready…",
        "Listen to this article (4 min)",
        "Must read:",
        "Must Read: Why Belgrade keeps buying Russian gas",
        "Latest articles",
        "More articles",
        "Related: Kosovo and Serbia agree on plates",
        "Read more: The Ohrid deal explained",
        "READ MORE SUN STORIES",
        "READ MORE ON THE BALKAN LEDGER",
        "read more about kosovo",
        "Share your experiences, suggestions, and any issues you've encountered on the Balkan Ledger.",
        "Thank you for sharing your thoughts. We appreciate your feedback.",
        "🔵 Read our Kosovo–Serbia live blog for the very latest updates",
        "Jana Horvat + posts",
        "Share this article",
        "Share on Facebook",
        "Click to share on X (Opens in new window)",
        "Facebook | Twitter | Email",
        "Quickly share this news with your network—keep everyone informed with just a single click!",
        "Subscribe to our newsletter",
        "Sign up to get the news delivered straight to your inbox.",
        "You can unsubscribe any time. By subscribing you agree to our Terms of Use",
        "Follow us on Telegram and X for the latest updates.",
        "Advertisement",
        "© 2023 Balkan Ledger. All rights reserved.",
        "Tags: Kosovo, Serbia, EU",
        "Photo: Danube Wire",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        REPORT,
        "Latest figures show that Serbia imports most of its gas from Russia.",
        "Share prices in Belgrade fell after the announcement.",
        "The newsletter of the ruling party accused the opposition of treason.",
        "Copyright law was among the chapters Serbia opened in its EU talks.",
        "Photographs of the barricades circulated widely on social media.",
        "Subscribers to the state broadcaster saw a different version of events.",
        "Share your views on the war, the minister told students in Kyiv before leaving.",
    ],
)
def test_reporting_lines_are_kept(line):
    assert not is_furniture(line)


def test_clean_text_removes_widgets_inline_teasers_and_trailing_bio():
    raw = "\n".join(
        [
            "Getting your Audiolume player ready...",
            "",
            REPORT + " (RELATED: Kosovo plates row explained)",
            "",
            "Must read: Five things to know about KFOR",
            "",
            "Belgrade called the decision a provocation and put its army on alert.",
            "Share on Facebook",
            "Share on X",
            "",
            "Milica Ristić + posts",
            "",
            "Milica Ristić is a freelance journalist based in Novi Sad who writes about Serbian politics.",
        ]
    )
    cleaned = clean_text(raw, byline=["Milica Ristić"])
    assert cleaned == REPORT + "\n\nBelgrade called the decision a provocation and put its army on alert."


def test_bio_is_only_stripped_at_the_end_and_when_short():
    body = "Ana Kovač is a journalist who was detained in Minsk, her newspaper reported on Friday."
    text = f"{body}\n\n{REPORT}"
    assert clean_text(text) == text  # the first paragraph is news, not a bio
    closing = "Putin is expected to travel to Belgrade again next year, according to the Serbian president."
    assert clean_text(f"{REPORT}\n\n{closing}").endswith(closing)


def test_about_the_author_box_goes():
    text = f"{REPORT}\n\nAbout the author\n\nDarko Babić is a reporter at the Sava Post who covers defence."
    assert clean_text(text) == REPORT


def test_normalize_text_unifies_whitespace_and_invisible_characters():
    raw = "Serbia\u00a0and  Russia\u200b signed\r\nan accord.\r\n\r\n\r\n\r\nSecond\u00adparagraph. "
    assert normalize_text(raw) == "Serbia and Russia signed\nan accord.\n\nSecondparagraph."


def test_a_quotation_closed_against_the_next_word_gets_its_space():
    text = "“A bomb is not a complex device,”Polyansky explained. He said “no.”Then he left."
    assert normalize_text(text) == (
        "“A bomb is not a complex device,” Polyansky explained. He said “no.” Then he left."
    )
    assert normalize_text("It’s Kosovo’s turn.") == "It’s Kosovo’s turn."
    text = "“The U.S. should supply our allies,″ Cicio said. He is 6′2″ tall."
    assert normalize_text(text) == "“The U.S. should supply our allies,” Cicio said. He is 6′2″ tall."
