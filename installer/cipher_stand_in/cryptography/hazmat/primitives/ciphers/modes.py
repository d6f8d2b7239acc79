"""The one mode SecretStorage uses (see the package's docstring)."""


class CBC:
    name = "CBC"

    def __init__(self, initialization_vector: bytes) -> None:
        if len(initialization_vector) != 16:
            raise ValueError(f"Invalid IV size ({len(initialization_vector)}) for CBC.")
        self.initialization_vector = bytes(initialization_vector)
