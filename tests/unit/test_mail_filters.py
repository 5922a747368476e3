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
        ({}, "postmaster@acme.example", "bounce"),
        (
            {"X_Auto_Response_Suppress": "All", "Subject": "Automatic reply: Chair"},
            "ivan@acme.example",
            "auto-reply",
        ),
        (
            {"X_Auto_Response_Suppress": "OOF", "Subject": "Автоматичен отговор: Стол"},
            "ivan@acme.example",
            "auto-reply",
        ),
        ({"Precedence": "auto_reply"}, "ivan@acme.example", "auto-reply"),
        ({"X_Precedence": "auto_reply"}, "ivan@acme.example", "auto-reply"),
        (
            {"X_POST_MessageClass": "9; Autoresponder"},
            "ivan@acme.example",
            "auto-reply",
        ),
        ({"X_FC_MachineGenerated": "true"}, "ivan@acme.example", "auto-reply"),
        ({"Delivered_To": "Autoresponder"}, "ivan@acme.example", "auto-reply"),
        ({"X_Mail_Autoreply": "yes"}, "ivan@acme.example", "auto-reply"),
        ({"List_Unsubscribe": "<mailto:x@shop.example>"}, "news@shop.example", "bulk"),
        ({"Precedence": "bulk"}, "news@shop.example", "bulk"),
        ({"List_Id": "<deals.shop.example>"}, "news@shop.example", "bulk"),
    ],
)
def test_machine_written_mail_is_recognised(headers, sender, reason):
    assert filters.automatic_reason(message(**headers), sender) == reason


def test_a_customers_mail_is_not_automatic():
    mail = message(Auto_Submitted="no", Subject="Broken chair")
    assert filters.automatic_reason(mail, "ivan@acme.example") is None
    assert filters.automatic_reason({}, "") is None
    # words alone never make a customer's complaint automatic
    mail = message(Subject="Automatic reply: my order never came")
    assert filters.automatic_reason(mail, "ivan@acme.example") is None
    # delivery receipts asked for are no auto-reply
    mail = message(X_Auto_Response_Suppress="DR, RN, NRN")
    assert filters.automatic_reason(mail, "ivan@acme.example") is None
    # a sender asking for no auto-replies may still be a person complaining
    mail = message(X_Auto_Response_Suppress="All", Subject="Complaint form: order 7")
    assert filters.automatic_reason(mail, "forms@acme.example") is None


def test_every_delivered_to_is_read():
    mail = message(Delivered_To="care@shop.example")
    mail["Delivered-To"] = "Autoresponder"
    assert filters.automatic_reason(mail, "ivan@acme.example") == "auto-reply"


@pytest.mark.parametrize(
    "headers, sender, unwanted",
    [
        ({}, "ivan@acme.example", False),
        ({}, "no-reply@shop.example", True),
        ({}, "noreply+orders@shop.example", True),
        ({}, "do_not_reply@bank.example", True),
        ({}, "donotreply@bank.example", True),
        ({}, "bounces@lists.example", True),
        ({}, "nora@acme.example", False),
        ({}, "noreplyfan@acme.example", False),
        ({"X_Auto_Response_Suppress": "DR, RN"}, "ivan@acme.example", False),
        ({"X_Auto_Response_Suppress": "OOF, AutoReply"}, "ivan@acme.example", True),
        ({"X_Auto_Response_Suppress": "All"}, "forms@acme.example", True),
        ({"X_Loop": "ivan@acme.example"}, "ivan@acme.example", True),
    ],
)
def test_some_senders_get_no_acknowledgement(headers, sender, unwanted):
    assert filters.acknowledgement_unwanted(message(**headers), sender) is unwanted


def test_the_local_part_of_an_address():
    assert filters.localpart("ivan@acme.example") == "ivan"
    assert filters.localpart("Ivan Petrov") == ""
    assert filters.localpart(False) == ""


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


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Chair",
        "Out of Office: Chair",
        "Automatische Antwort: Stuhl",
        "Réponse automatique : Chaise",
        "Resposta automática: Cadeira",
        "Autosvar: Stol",
        "Automaattinen vastaus: Tuoli",
        "Otomatik yanıt: Sandalye",
        "Automatikus válasz: Szék",
        "Αυτόματη απάντηση: Καρέκλα",
        "Автоматический ответ: Стул",
        "Автоматична відповідь: Стілець",
        "Автоматичен отговор: Стол",
    ],
)
def test_exchange_out_of_office_subjects_in_many_languages(subject):
    mail = message(X_Auto_Response_Suppress="All", Subject=subject)
    assert filters.automatic_reason(mail, "ivan@acme.example") == "auto-reply"
