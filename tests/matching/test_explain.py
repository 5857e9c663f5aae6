"""Explanation helpers."""

from __future__ import annotations

from ordinavo_desk.domain.mapping import Reason
from ordinavo_desk.matching.explain import Step, render, summarize_reasons


def test_render_chooses_the_detailed_or_redacted_text() -> None:
    steps = [Step("customer 12 linked", "a customer linked"), Step.plain("no contact")]
    assert render(steps, detailed=True) == ("customer 12 linked", "no contact")
    assert render(steps, detailed=False) == ("a customer linked", "no contact")


def test_summary_reads_like_a_line_of_evidence() -> None:
    reasons = [
        Reason(
            field="customer.name", incoming="A", stored="A", comparison="exact", contribution=0.6
        ),
        Reason(
            field="location.street",
            incoming="Hachestr. 12",
            stored="Hachestraße 14",
            comparison="house number differs",
            contribution=0.05,
        ),
        Reason(field="location.coordinates", comparison="40 m apart", contribution=0.06),
    ]
    assert summarize_reasons(reasons) == (
        "name exact · street house number differs (Hachestr. 12 ↔ Hachestraße 14) · 40 m apart"
    )
