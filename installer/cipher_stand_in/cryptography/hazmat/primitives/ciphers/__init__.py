"""``Cipher(AES(key), CBC(iv)).encryptor()`` / ``.decryptor()`` on OpenSSL's EVP interface.

As in ``cryptography``, the context does no padding of its own (SecretStorage pads with PKCS#7
itself) and ``finalize`` refuses data that is not a whole number of blocks.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

from . import algorithms, modes

__all__ = ["Cipher", "CipherContext", "algorithms", "modes"]

_BLOCK_BYTES = 16


@cache
def _libcrypto() -> ctypes.CDLL:
    # Python's hashlib has loaded the bundle's own libcrypto: asked by its name, the dynamic
    # loader returns that very library rather than looking for another.
    import _hashlib  # noqa: F401, PLC0415

    name = "libcrypto.so.3"
    try:
        library = ctypes.CDLL(name)
    except OSError:
        found = ctypes.util.find_library("crypto")
        if found is None:
            raise ImportError("OpenSSL's libcrypto was not found") from None
        library = ctypes.CDLL(found)
    pointer, integer = ctypes.c_void_p, ctypes.c_int
    for cipher_name in ("EVP_aes_128_cbc", "EVP_aes_192_cbc", "EVP_aes_256_cbc"):
        getattr(library, cipher_name).restype = pointer
        getattr(library, cipher_name).argtypes = []
    library.EVP_CIPHER_CTX_new.restype = pointer
    library.EVP_CIPHER_CTX_new.argtypes = []
    library.EVP_CIPHER_CTX_free.restype = None
    library.EVP_CIPHER_CTX_free.argtypes = [pointer]
    library.EVP_CipherInit_ex.restype = integer
    library.EVP_CipherInit_ex.argtypes = [
        pointer,
        pointer,
        pointer,
        ctypes.c_char_p,
        ctypes.c_char_p,
        integer,
    ]
    library.EVP_CIPHER_CTX_set_padding.restype = integer
    library.EVP_CIPHER_CTX_set_padding.argtypes = [pointer, integer]
    library.EVP_CipherUpdate.restype = integer
    library.EVP_CipherUpdate.argtypes = [
        pointer,
        ctypes.c_char_p,
        ctypes.POINTER(integer),
        ctypes.c_char_p,
        integer,
    ]
    library.EVP_CipherFinal_ex.restype = integer
    library.EVP_CipherFinal_ex.argtypes = [pointer, ctypes.c_char_p, ctypes.POINTER(integer)]
    return library


class Cipher:
    def __init__(self, algorithm: algorithms.AES, mode: modes.CBC, backend: object = None) -> None:
        if not isinstance(algorithm, algorithms.AES) or not isinstance(mode, modes.CBC):
            raise TypeError("only AES in CBC mode is available in this build")
        self.algorithm = algorithm
        self.mode = mode

    def encryptor(self) -> CipherContext:
        return CipherContext(self.algorithm.key, self.mode.initialization_vector, encrypt=True)

    def decryptor(self) -> CipherContext:
        return CipherContext(self.algorithm.key, self.mode.initialization_vector, encrypt=False)


class CipherContext:
    def __init__(self, key: bytes, iv: bytes, *, encrypt: bool) -> None:
        library = _libcrypto()
        self._library = library
        cipher = getattr(library, f"EVP_aes_{len(key) * 8}_cbc")()
        self._context: int | None = library.EVP_CIPHER_CTX_new()
        if not self._context:
            raise MemoryError("OpenSSL could not allocate a cipher context")
        if not library.EVP_CipherInit_ex(self._context, cipher, None, key, iv, int(encrypt)):
            self._free()
            raise ValueError("OpenSSL refused the AES key or IV")
        library.EVP_CIPHER_CTX_set_padding(self._context, 0)

    def update(self, data: bytes) -> bytes:
        if self._context is None:
            raise ValueError("Context was already finalized.")
        data = bytes(data)
        output = ctypes.create_string_buffer(len(data) + _BLOCK_BYTES)
        written = ctypes.c_int(0)
        if not self._library.EVP_CipherUpdate(
            self._context, output, ctypes.byref(written), data, len(data)
        ):
            raise ValueError("OpenSSL failed to process the data")
        return output.raw[: written.value]

    def finalize(self) -> bytes:
        if self._context is None:
            raise ValueError("Context was already finalized.")
        try:
            output = ctypes.create_string_buffer(_BLOCK_BYTES)
            written = ctypes.c_int(0)
            # Without padding, OpenSSL refuses to finish only when a block is incomplete.
            if not self._library.EVP_CipherFinal_ex(self._context, output, ctypes.byref(written)):
                raise ValueError(
                    "The length of the provided data is not a multiple of the block length."
                )
            return output.raw[: written.value]
        finally:
            self._free()

    def _free(self) -> None:
        if self._context is not None:
            self._library.EVP_CIPHER_CTX_free(self._context)
            self._context = None

    def __del__(self) -> None:
        self._free()
