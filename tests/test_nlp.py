"""Terms and their bounded caches: the same terms however full the caches are."""

from __future__ import annotations

import pytest

from newsdesk import nlp


def test_german_terms_are_snowball_stems_and_english_ones_light_stems() -> None:
    assert nlp.terms("Die Regierungen verhandelten", "de") == ["regier", "verhandelt"]
    assert nlp.terms("Sanctions were sanctioned", "en") == ["sanction", "sanction"]


def test_term_tables_stay_bounded_and_give_the_same_terms_after_a_reset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "_TERMS_KEPT", 50)
    monkeypatch.setattr(nlp, "_TERMS", {})
    monkeypatch.setattr(nlp, "_CHUNKS", {})
    text = "Die Regierungen verhandelten über die Zölle."
    first = nlp.terms(text, "de")
    for n in range(400):  # far more distinct words than the tables keep
        nlp.chunk_terms([f"Wort{n}er", f"Häuser{n}"], "de")
        # checked before each call's new entries go in: at most one call's worth over
        assert len(nlp._TERMS["de"]) <= 52 and len(nlp._CHUNKS["de"]) <= 52
    assert nlp.terms(text, "de") == first
    assert nlp.chunk_terms(text.split(), "de") == first
