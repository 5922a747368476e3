"""Let-go signs of client_offboarding (no Odoo)."""

from conftest import load_lib

letgo = load_lib("client_offboarding", "letgo")
T = letgo.DEFAULTS


def test_figures():
    assert letgo.claims_per_month(30, 12) == 2.5
    assert letgo.claims_per_month(3, 0) == 0.0
    assert letgo.unfounded_share(4, 3) == 75.0
    assert letgo.unfounded_share(0, 0) == 0.0


def test_many_claims_or_many_unfounded_ones_are_excessive_demands():
    assert letgo.signs(T, 30, 0, 12, 0, 0) == [letgo.DEMANDS]
    assert letgo.signs(T, 4, 2, 12, 0, 0) == [letgo.DEMANDS]
    assert letgo.signs(T, 4, 1, 12, 0, 0) == []


def test_a_few_claims_are_not_enough_to_judge():
    assert letgo.signs(T, 2, 2, 12, 0, 0) == []


def test_late_payer_by_delay_or_overdue():
    assert letgo.signs(T, 0, 0, 12, 45, 0) == [letgo.LATE_PAYER]
    assert letgo.signs(T, 0, 0, 12, 10, 5000) == [], "overdue threshold unset"
    strict = T._replace(overdue_amount=1000.0)
    assert letgo.signs(strict, 0, 0, 12, 10, 5000) == [letgo.LATE_PAYER]


def test_manual_flags_and_order():
    assert letgo.signs(T, 30, 20, 12, 60, 0, pressure=True, blame=True) == list(
        letgo.SIGNS
    )
