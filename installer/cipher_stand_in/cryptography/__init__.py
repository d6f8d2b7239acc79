"""Trama's stand-in for the ``cryptography`` package, in the Linux bundle only.

SecretStorage, keyring's backend for the Secret Service (GNOME Keyring, KWallet's bridge),
imports ``cryptography`` for one thing: AES-CBC over the secret it sends to and receives from
the keyring daemon, with the key agreed by Diffie-Hellman when the session opens. The
``cryptography`` wheel brings 11.6 MB of compiled code (its own copy of OpenSSL) for it, while
the bundle already carries OpenSSL's libcrypto for Python's ``ssl`` and ``hashlib``. This
package offers the few names SecretStorage imports (``default_backend``, ``Cipher``,
``algorithms.AES``, ``modes.CBC``) on that libcrypto; the build puts it in place of the real
package (installer/hooks/) and the self-test's keyring round trip goes through it against a real
GNOME Keyring.

Nothing else in the bundle uses ``cryptography``: pypdf tries it for encrypted PDFs and, finding
no ``__version__`` here, uses its own fallback (the self-test only reads unencrypted PDFs).
"""
