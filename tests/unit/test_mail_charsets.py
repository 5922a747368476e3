import email
from email import policy

from conftest import load_lib

charsets = load_lib("sla_claims", "mail_charsets")


def parse(content_type, body):
    raw = (
        b"From: ivan@acme.example\r\nContent-Type: "
        + content_type.encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
    )
    return email.message_from_bytes(raw, policy=policy.SMTP)


def test_an_empty_charset_on_utf8_is_read_as_utf8():
    mail = parse('text/plain; charset=""', "Café".encode())
    assert charsets.repair_unknown_charsets(mail) == 1
    assert mail.get_content() == "Café"


def test_utf8_is_tried_before_latin1():
    mail = parse("text/plain; charset=x-bogus", "Жалоба Café".encode())
    charsets.repair_unknown_charsets(mail)
    assert mail.get_content() == "Жалоба Café"


def test_bytes_that_are_not_utf8_are_read_as_latin1():
    mail = parse("text/plain; charset=unknown-8bit", b"Caf\xe9")
    charsets.repair_unknown_charsets(mail)
    assert mail.get_content() == "Café"


def test_known_charsets_and_other_parameters_are_kept():
    mail = parse("text/plain; charset=windows-1251", "Жалоба".encode("cp1251"))
    assert charsets.repair_unknown_charsets(mail) == 0
    assert mail.get_content() == "Жалоба"
    mail = parse("text/plain; format=flowed; charset=nope", b"plain")
    charsets.repair_unknown_charsets(mail)
    assert mail.get_param("format") == "flowed"
    assert mail.get_content() == "plain"


def test_only_the_broken_part_of_a_multipart_changes():
    raw = (
        b"From: ivan@acme.example\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n"
        + "Жалоба".encode("koi8-r")
        + b'\r\n--b\r\nContent-Type: text/plain; charset=""\r\n\r\n'
        + "Café".encode()
        + b"\r\n--b--\r\n"
    )
    mail = email.message_from_bytes(raw, policy=policy.SMTP)
    assert charsets.repair_unknown_charsets(mail) == 1
    first, second = mail.iter_parts()
    assert first.get_content_charset() == "koi8-r"
    assert second.get_content().strip() == "Café"


def test_a_single_part_mail_without_charset_is_read_as_its_bytes_fit():
    mail = parse("text/plain", "Herr Müller".encode())
    assert charsets.declare_missing_charset(mail) is True
    assert mail.get_content() == "Herr Müller"
    mail = parse("text/plain", b"Herr M\xfcller")
    charsets.declare_missing_charset(mail)
    assert mail.get_content() == "Herr Müller"
    # plain ASCII and declared charsets are left alone
    assert charsets.declare_missing_charset(parse("text/plain", b"plain")) is False
    mail = parse("text/plain; charset=koi8-r", "Жалоба".encode("koi8-r"))
    assert charsets.declare_missing_charset(mail) is False
