"""Receipt codes and the sealed identity."""

import re

import pytest
from cryptography.fernet import Fernet, InvalidToken

from netra.reports import identity, receipts


def test_receipt_codes_are_sixteen_random_digits_read_in_groups_of_four():
    codes = {receipts.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"\d{16}", code)
        assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipts.pretty(code))


def test_typed_codes_are_normalized_and_bad_ones_refused():
    assert receipts.normalize("1234 5678-9012.3456") == "1234567890123456"
    assert receipts.normalize("1234") is None
    assert receipts.normalize("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦") is None  # non-ASCII digits
    assert receipts.normalize("abcd efgh ijkl mnop") is None


def test_the_digest_is_keyed(settings):
    code = "1234567890123456"
    first = receipts.digest(code)
    settings.NETRA_RECEIPT_KEY = "another key"
    assert receipts.digest(code) != first
    assert len(first) == 64


def test_identity_round_trip_and_no_plain_text_in_the_token():
    person = {
        "name": "Siti Aminah",
        "nik": "6472015003900001",
        "address": "Jl. A",
        "phone": "",
        "email": "s@x.id",
    }
    token = identity.seal(person)
    assert "Siti" not in token and "6472015003900001" not in token
    assert identity.unseal(token) == person


def test_identity_needs_the_key(settings):
    token = identity.seal({"name": "Siti"})
    settings.NETRA_IDENTITY_KEY = Fernet.generate_key().decode()
    with pytest.raises(InvalidToken):
        identity.unseal(token)


def test_keys_rotate_old_tokens_still_open(settings):
    old = settings.NETRA_IDENTITY_KEY
    token = identity.seal({"name": "Siti"})
    settings.NETRA_IDENTITY_KEY = f"{Fernet.generate_key().decode()},{old}"
    assert identity.unseal(token)["name"] == "Siti"


def test_without_env_a_key_file_is_made_once_with_private_mode(settings, tmp_path):
    settings.NETRA_IDENTITY_KEY = ""
    settings.NETRA_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    token = identity.seal({"name": "Siti"})
    assert (tmp_path / "identity.key").stat().st_mode & 0o777 == 0o600
    assert identity.unseal(token)["name"] == "Siti"
