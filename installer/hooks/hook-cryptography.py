# Replaces pyinstaller-hooks-contrib's hook for `cryptography` in the Linux bundle, where the
# package is Trama's stand-in (installer/cipher_stand_in/cryptography/__init__.py says why): the
# contrib hook would collect the real package's compiled bindings and metadata.
hiddenimports = [
    "cryptography.hazmat.backends",
    "cryptography.hazmat.primitives.ciphers.algorithms",
    "cryptography.hazmat.primitives.ciphers.modes",
]
