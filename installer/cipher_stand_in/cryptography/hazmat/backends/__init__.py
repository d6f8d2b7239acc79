"""``default_backend()``: SecretStorage passes it to ``Cipher``; there is only OpenSSL here."""


def default_backend() -> None:
    return None
