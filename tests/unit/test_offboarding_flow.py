"""States, guards and the save rate of client_offboarding (no Odoo)."""

import pytest
from conftest import load_lib

flow = load_lib("client_offboarding", "flow")


def test_a_client_initiated_case_passes_the_retention_step():
    assert flow.check_step("accept_notice", "draft", "client") == flow.RETENTION_FIRST
    assert flow.check_step("start_retention", "draft", "client") is None
    assert flow.check_step("accept_notice", "retention", "client") == flow.OFFER_MISSING
    assert (
        flow.check_step("accept_notice", "retention", "client", "10% off")
        == flow.OUTCOME_MISSING
    )
    assert (
        flow.check_step("accept_notice", "retention", "client", "10% off", "retained")
        == flow.OUTCOME_RETAINED
    )
    assert (
        flow.check_step("accept_notice", "retention", "client", "10% off", "declined")
        is None
    )


def test_the_retention_step_may_be_recorded_on_the_draft():
    assert (
        flow.check_step("accept_notice", "draft", "client", "10% off", "declined")
        is None
    )
    assert (
        flow.check_step("accept_notice", "draft", "client", "10% off")
        == flow.OUTCOME_MISSING
    )
    assert flow.check_step("retained", "draft", "client", "10% off") is None


def test_a_company_initiated_case_goes_to_notice_directly():
    assert (
        flow.check_step("start_retention", "draft", "company")
        == flow.COMPANY_SKIPS_RETENTION
    )
    assert flow.check_step("accept_notice", "draft", "company") is None
    assert (
        flow.check_step("retained", "draft", "company", "x")
        == flow.COMPANY_SKIPS_RETENTION
    )


def test_retained_needs_an_offer():
    assert flow.check_step("retained", "retention", "client", " ") == flow.OFFER_MISSING
    assert flow.check_step("retained", "retention", "client", "Discount") is None


@pytest.mark.parametrize(
    ("step", "state"),
    [
        ("start_handover", "draft"),
        ("done", "notice"),
        ("retained", "notice"),
        ("cancel", "done"),
        ("cancel", "retained"),
        ("accept_notice", "handover"),
    ],
)
def test_steps_out_of_order(step, state):
    assert flow.check_step(step, state, "client", "x", "declined") == flow.WRONG_STATE


def test_every_step_leads_to_a_state():
    assert set(flow.TARGETS) == set(flow.SOURCES)
    assert set(flow.TARGETS.values()) <= set(flow.STATES)


def test_mandatory_documents_block_the_handover():
    lines = [
        ("Accounting policy", True, "ready", ""),
        ("Bank statements", False, "to_prepare", ""),
        ("Payroll", True, "handed_over", ""),
        ("Tax returns", True, "missing", ""),
        ("Keys", True, "kept_by_law", "Kept 5 years by law"),
    ]
    assert flow.handover_problems(lines) == [
        (flow.DOCUMENTS_PENDING, ["Accounting policy"]),
        (flow.EXCEPTION_UNNOTED, ["Tax returns"]),
    ]
    assert flow.handover_problems(lines[1:3] + lines[4:]) == []


def test_unjustified_invoices():
    assert flow.unjustified([("INV/1", ""), ("INV/2", "Annual report")]) == ["INV/1"]


def test_save_rate():
    assert flow.save_rate(1, 1) == 50.0
    assert flow.save_rate(2, 1) == 66.7
    assert flow.save_rate(0, 3) == 0.0
    assert flow.save_rate(0, 0) is None
