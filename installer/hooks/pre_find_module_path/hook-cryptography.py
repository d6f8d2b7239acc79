# The Linux bundle takes `cryptography` from installer/cipher_stand_in/, never from the build's
# site-packages: the stand-in's docstring says why.
from pathlib import Path

from PyInstaller.depend.imphookapi import PreFindModulePathAPI

STAND_IN = Path(__file__).resolve().parents[2] / "cipher_stand_in"


def pre_find_module_path(api: PreFindModulePathAPI) -> None:
    api.search_dirs = [str(STAND_IN)]
