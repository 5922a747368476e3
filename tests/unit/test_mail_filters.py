from email.message import EmailMessage

import pytest
from conftest import load_lib

filters = load_lib("sla_claims", "mail_filters")


def message(**headers):
    mail = EmailMessage()
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    return mail


@pytest.mark.parametrize(
    "headers, sender, reason",
    [
        ({"Auto_Submitted": "auto-replied"}, "ivan@acme.example", "auto-reply"),
        ({"Auto_Submitted": "auto-generated"}, "ivan@acme.example", "auto-reply"),
        ({"X_Autoreply": "yes"}, "ivan@acme.example", "auto-reply"),
        ({"Return_Path": "<>"}, "ivan@acme.example", "bounce"),
        ({}, "MAILER-DAEMON@mx.acme.example", "bounce"),
        ({}, "Mail Delivery <postmaster@acme.example>", "bounce"),
        ({"Precedence": "bulk"}, "news@shop.example", "bulk"),
        ({"List_Id": "<deals.shop.example>"}, "news@shop.example", "bulk"),
    ],
)
def test_machine_written_mail_is_recognised(headers, sender, reason):
    assert filters.automatic_reason(message(**headers), sender) == reason


def test_a_customers_mail_is_not_automatic():
    mail = message(Auto_Submitted="no", Subject="Broken chair")
    assert filters.automatic_reason(mail, "Ivan <ivan@acme.example>") is None
    assert filters.automatic_reason({}, "") is None


def test_the_claim_number_is_found_in_a_subject():
    assert (
        filters.claim_number_in("Re: AW: CLM/2026/00012 Broken chair")
        == "CLM/2026/00012"
    )
    assert filters.claim_number_in("Broken chair") is None
    assert filters.claim_number_in(None) is None


def test_the_number_follows_the_sequence_prefix_in_use():
    assert filters.sequence_prefix("CLM/%(year)s/") == "CLM/"
    assert filters.sequence_prefix("RCL-%(y)s-") == "RCL-"
    assert filters.claim_number_in("Re: [RCL-26-0042]: chair", "RCL-") == "RCL-26-0042"
    assert filters.claim_number_in("Re: CLM/2026/00012", "RCL-") is None
    assert filters.claim_number_in("CLM/2026/00012", "") is None
