import pytest
from conftest import load_lib

name_key = load_lib("client_retention", "names").name_key


@pytest.mark.parametrize(
    "first, second",
    [
        ("Price increase", "price increase"),
        ("Price increase", "  Price   increase "),
        ("Price increase", "PRICE\tINCREASE"),
        ("Повышение цен", "повышение  ЦЕН"),
        ("Café", "Cafe\u0301"),  # composed and decomposed accent
    ],
)
def test_names_users_see_as_equal_share_a_key(first, second):
    assert name_key(first) == name_key(second)


def test_different_names_keep_different_keys():
    assert name_key("Price increase") != name_key("Price")


@pytest.mark.parametrize("blank", ["", "   ", None, "\n\t"])
def test_blank_names_have_an_empty_key(blank):
    assert name_key(blank) == ""
