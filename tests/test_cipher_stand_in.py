"""The Linux bundle's stand-in for ``cryptography`` (installer/cipher_stand_in/): AES-CBC on
OpenSSL's libcrypto, for SecretStorage.

Each check runs the stand-in in its own Python process with the stand-in first on ``sys.path``,
as the bundle has it, and compares with published test vectors and with the real
``cryptography`` installed in this environment.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.installer_support import build_module

REPO = Path(__file__).resolve().parents[1]
STAND_IN = REPO / "installer" / "cipher_stand_in"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the stand-in is Linux-only")


def _run_with_stand_in(
    code: str, *, command: list[str] | None = None, environment: dict[str, str] | None = None
) -> Any:
    """Run ``code`` with the stand-in in front of ``sys.path``; it prints one JSON value."""
    prelude = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(STAND_IN)!r})
        sys.path.insert(1, {str(REPO)!r})
        import cryptography
        assert cryptography.__file__.startswith({str(STAND_IN)!r}), cryptography.__file__
        """
    )
    arguments = [sys.executable, "-c", prelude + textwrap.dedent(code)]
    finished = subprocess.run(
        (command or []) + arguments,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**(environment or os.environ), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_the_stand_in_matches_the_nist_cbc_vectors() -> None:
    # NIST SP 800-38A, Appendix F.2.1 (CBC-AES128.Encrypt) and F.2.5 (CBC-AES256.Encrypt).
    vectors = {
        "2b7e151628aed2a6abf7158809cf4f3c": "7649abac8119b246cee98e9b12e9197d"
        "5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e22229516"
        "3ff1caa1681fac09120eca307586e1a7",
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4": "f58c4c04d6e5f1ba"
        "779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461"
        "b2eb05e2c39be9fcda6c19078c6a9d1b",
    }
    plaintext = (
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
    )
    result = _run_with_stand_in(
        f"""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        iv = bytes(range(16))
        out = {{}}
        for key, expected in {vectors!r}.items():
            cipher = Cipher(algorithms.AES(bytes.fromhex(key)), modes.CBC(iv))
            encryptor = cipher.encryptor()
            data = bytes.fromhex({plaintext!r})
            # In uneven pieces, as a caller may feed it.
            sealed = encryptor.update(data[:5]) + encryptor.update(data[5:40])
            sealed += encryptor.update(data[40:]) + encryptor.finalize()
            decryptor = cipher.decryptor()
            opened = decryptor.update(bytes.fromhex(expected)) + decryptor.finalize()
            out[key] = [sealed.hex(), opened.hex()]
        print(json.dumps(out))
        """
    )
    for key, expected in vectors.items():
        assert result[key] == [expected, plaintext]


def test_the_stand_in_agrees_with_cryptography_both_ways() -> None:
    cases = [
        (secrets.token_bytes(size), secrets.token_bytes(16), secrets.token_bytes(16 * blocks))
        for size in (16, 24, 32)
        for blocks in (1, 2, 7, 64)
    ]
    encoded = [[key.hex(), iv.hex(), data.hex()] for key, iv, data in cases]
    result = _run_with_stand_in(
        f"""
        from cryptography.hazmat.backends import default_backend
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        out = []
        for key, iv, data in {encoded!r}:
            key, iv, data = bytes.fromhex(key), bytes.fromhex(iv), bytes.fromhex(data)
            cipher = Cipher(algorithms.AES(key), modes.CBC(iv), default_backend())
            encryptor, decryptor = cipher.encryptor(), cipher.decryptor()
            out.append([
                (encryptor.update(data) + encryptor.finalize()).hex(),
                (decryptor.update(data) + decryptor.finalize()).hex(),
            ])
        print(json.dumps(out))
        """
    )
    for (key, iv, data), (sealed, opened) in zip(cases, result, strict=True):
        real = Cipher(algorithms.AES(key), modes.CBC(iv))
        encryptor, decryptor = real.encryptor(), real.decryptor()
        assert bytes.fromhex(sealed) == encryptor.update(data) + encryptor.finalize()
        assert bytes.fromhex(opened) == decryptor.update(data) + decryptor.finalize()


def test_the_stand_in_refuses_what_cryptography_refuses() -> None:
    result = _run_with_stand_in(
        """
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        refused = []
        def attempt(name, action):
            try:
                action()
            except ValueError as error:
                refused.append([name, str(error)])
        attempt("key", lambda: algorithms.AES(b"short"))
        attempt("iv", lambda: modes.CBC(b"short"))
        encryptor = Cipher(algorithms.AES(bytes(16)), modes.CBC(bytes(16))).encryptor()
        encryptor.update(b"not a whole block")
        attempt("partial block", encryptor.finalize)
        attempt("finalized", lambda: encryptor.update(bytes(16)))
        print(json.dumps(refused))
        """
    )
    assert [name for name, _message in result] == ["key", "iv", "partial block", "finalized"]
    assert "multiple of the block length" in result[2][1]


def test_secretstorage_encrypts_a_secret_cryptography_can_open() -> None:
    # SecretStorage's own code path (format_secret after a Diffie-Hellman key agreement) on the
    # stand-in; the peer's side of the agreement and the decryption are the real library's.
    result = _run_with_stand_in(
        """
        import secretstorage.util
        from secretstorage.dhcrypto import Session
        peer = Session()  # stands for the keyring daemon's end of the key agreement
        session = Session()
        session.set_server_public_key(peer.my_public_key)
        peer.set_server_public_key(session.my_public_key)
        session.object_path = "/org/freedesktop/secrets/session/1"
        _path, iv, sealed, _type = secretstorage.util.format_secret(
            session, "token-àèì-123", "text/plain")
        print(json.dumps([peer.aes_key.hex(), iv.hex(), sealed.hex()]))
        """
    )
    key, iv, sealed = (bytes.fromhex(value) for value in result)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(sealed) + decryptor.finalize()
    assert padded[: -padded[-1]].decode("utf-8") == "token-àèì-123"


@pytest.mark.skipif(
    shutil.which("dbus-run-session") is None or shutil.which("gnome-keyring-daemon") is None,
    reason="the keyring round trip needs dbus-run-session and gnome-keyring-daemon",
)
def test_the_keyring_round_trip_through_gnome_keyring_uses_the_stand_in(tmp_path: Path) -> None:
    # keyring chooses its backend as on an office PC: not the "fail" one the tests set.
    environment = {"HOME": str(tmp_path), "PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    command = build_module().in_private_keyring_session([], environment["PATH"])
    result = _run_with_stand_in(
        """
        import keyring
        from desktop.selftest import _keyring_round_trip
        import secretstorage.util
        name, _detail = _keyring_round_trip()
        # The session was encrypted, so the secret went through the stand-in's AES.
        connection = secretstorage.dbus_init()
        session = secretstorage.util.open_session(connection)
        print(json.dumps([name, session.encrypted, sys.modules["cryptography"].__file__]))
        """,
        command=command,
        environment=environment,
    )
    name, encrypted, module_file = result
    assert name == "keyring.backends.SecretService.Keyring"
    assert encrypted is True
    assert module_file.startswith(str(STAND_IN))
