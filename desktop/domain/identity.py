"""Who is at the keyboard, as the operating system knows it (DOMAIN.md §5, DESIGN.md §2).

The operator recorded in events and audit rows is the account that runs Trama, read from the
OS, never from a setting or an environment variable a user could type: on a Windows domain PC
``DOMAIN\\user`` (``GetUserNameExW(NameSamCompatible)``), elsewhere the name of the effective
user id. The workstation is the PC's host name.
"""

from __future__ import annotations

import os
import socket
import sys
from functools import cache

OPERATOR_MAX = 64
WORKSTATION_MAX = 64


@cache
def os_account() -> str:
    """The OS account running this process (``DOMAIN\\user`` on Windows)."""
    if sys.platform == "win32":
        name = _windows_account()
    else:
        import pwd  # noqa: PLC0415 - POSIX only

        name = pwd.getpwuid(os.geteuid()).pw_name
    return name[:OPERATOR_MAX]


@cache
def workstation() -> str:
    """This PC's name, as its network knows it."""
    return (socket.gethostname() or "").split(".")[0][:WORKSTATION_MAX]


def _windows_account() -> str:  # pragma: no cover - exercised on Windows builds
    import ctypes  # noqa: PLC0415
    from ctypes import wintypes  # noqa: PLC0415

    name_sam_compatible = 2  # EXTENDED_NAME_FORMAT: "DOMAIN\user"
    secur32 = ctypes.WinDLL("secur32", use_last_error=True)  # type: ignore[attr-defined]
    get_user_name_ex = secur32.GetUserNameExW
    get_user_name_ex.argtypes = [ctypes.c_int, wintypes.LPWSTR, ctypes.POINTER(wintypes.ULONG)]
    get_user_name_ex.restype = wintypes.BOOLEAN
    size = wintypes.ULONG(0)
    get_user_name_ex(name_sam_compatible, None, ctypes.byref(size))
    buffer = ctypes.create_unicode_buffer(max(size.value, 1))
    if get_user_name_ex(name_sam_compatible, buffer, ctypes.byref(size)):
        return str(buffer.value)
    # A PC outside a domain: the local account, as the OS names it (not %USERNAME%).
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    length = wintypes.DWORD(257)
    local = ctypes.create_unicode_buffer(length.value)
    if not advapi32.GetUserNameW(local, ctypes.byref(length)):
        raise OSError(ctypes.get_last_error(), "GetUserNameW")  # type: ignore[attr-defined]
    return f"{socket.gethostname().split('.')[0].upper()}\\{local.value}"
