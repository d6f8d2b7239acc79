"""The one algorithm SecretStorage uses (see the package's docstring)."""

AES_KEY_BITS = (128, 192, 256)


class AES:
    name = "AES"
    block_size = 128

    def __init__(self, key: bytes) -> None:
        if len(key) * 8 not in AES_KEY_BITS:
            raise ValueError(f"Invalid key size ({len(key) * 8}) for AES.")
        self.key = bytes(key)
