from lxml import etree

from officereport import text


def test_clean_removes_every_character_xml_forbids_and_tidies_spaces():
    raw = "Pays\x00 \x01de\x0b\x1f la\ufffe \ud800Loire\x85\t\n"
    assert text.clean(raw) == "Pays de la Loire"
    etree.fromstring(f"<t>{text.clean(raw)}</t>".encode())  # parses: nothing illegal left


def test_unwritable_names_what_clean_removes():
    assert text.unwritable("a\x01b\ufffec") == ["\x01", "\ufffe"]
    assert text.unwritable("Côte-d'Or & Nièvre") == []
    assert text.clean(None) == ""
