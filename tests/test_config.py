"""Configuration precedence (DESIGN.md §5): flag, environment, user file, machine-wide file
(written by the installer), defaults; and what the command line takes from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import config
from desktop.cli import main
from desktop.config import (
    CA_BUNDLE,
    DATA_DIR,
    MACHINE_CONFIG_ENV,
    SERVER_URL,
    SITE_CODE,
    USER_CONFIG_ENV,
    ConfigError,
    load_configuration,
    machine_config_path,
    read_config_file,
)


def _write(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """An environment naming a fake machine-wide and user file, both present."""
    machine = _write(
        tmp_path / "etc" / "trama.conf",
        "[trama]\nserver_url = https://machine.example.it\nsite_code = amb-somma\n"
        "ca_bundle = provincia-ca.pem\n",
    )
    user = _write(
        tmp_path / "user" / "trama.conf", "[trama]\nserver_url = https://user.example.it\n"
    )
    return {MACHINE_CONFIG_ENV: str(machine), USER_CONFIG_ENV: str(user)}


def test_flag_beats_environment_beats_user_file_beats_machine_file(
    files: dict[str, str],
) -> None:
    environ = dict(files)
    assert load_configuration(environ=environ).server_url == "https://user.example.it"
    environ["TRAMA_SERVER_URL"] = "https://env.example.it"
    resolved = load_configuration(environ=environ)
    assert resolved.server_url == "https://env.example.it"
    assert resolved.source(SERVER_URL) == "TRAMA_SERVER_URL"
    flagged = load_configuration({SERVER_URL: "https://flag.example.it"}, environ=environ)
    assert flagged.server_url == "https://flag.example.it"
    assert flagged.source(SERVER_URL) == "command line"


def test_machine_file_fills_what_nobody_else_set(files: dict[str, str]) -> None:
    resolved = load_configuration(environ=files)
    assert resolved.site_code == "AMB-SOMMA"
    assert resolved.source(SITE_CODE) == files[MACHINE_CONFIG_ENV]


def test_relative_ca_bundle_is_next_to_the_file_that_names_it(files: dict[str, str]) -> None:
    resolved = load_configuration(environ=files)
    assert resolved.ca_bundle == Path(files[MACHINE_CONFIG_ENV]).parent / "provincia-ca.pem"


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    environ = {
        MACHINE_CONFIG_ENV: str(tmp_path / "missing.conf"),
        USER_CONFIG_ENV: str(tmp_path / "missing-too.conf"),
    }
    resolved = load_configuration(environ=environ)
    assert resolved.server_url is None
    assert resolved.ca_bundle is None
    assert resolved.site_code is None
    assert resolved.data_dir.name == "Trama"


def test_empty_values_count_as_unset(tmp_path: Path) -> None:
    machine = _write(tmp_path / "m.ini", '[trama]\nserver_url =\nsite_code = ""\n')
    user = tmp_path / "none.ini"
    resolved = load_configuration(
        environ={
            MACHINE_CONFIG_ENV: str(machine),
            USER_CONFIG_ENV: str(user),
            "TRAMA_SITE_CODE": " ",
        }
    )
    assert resolved.server_url is None
    assert resolved.site_code is None


def test_a_file_saved_by_notepad_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = tmp_path / "trama.ini"
    path.write_bytes("\ufeff[Trama]\r\nserver_url = https://a.example.it\r\n".encode())
    assert read_config_file(path) == {SERVER_URL: "https://a.example.it"}


def test_unknown_setting_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "trama.conf", "[trama]\nserver = https://typo.example.it\n")
    with pytest.raises(ConfigError, match="server") as raised:
        read_config_file(path)
    assert str(path) in str(raised.value)


def test_malformed_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "trama.conf", "server_url = no section header\n")
    with pytest.raises(ConfigError, match="non è leggibile"):
        read_config_file(path)


def test_other_sections_are_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path / "trama.conf", "[altro]\nfoo = bar\n[trama]\nsite_code = X\n")
    assert read_config_file(path) == {SITE_CODE: "X"}


def test_machine_file_location_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert machine_config_path({}) == Path("/etc/trama/trama.conf")
    monkeypatch.setattr(sys, "platform", "win32")
    assert machine_config_path({"ProgramData": "D:\\PD"}) == Path("D:\\PD") / "Trama" / "trama.ini"
    assert machine_config_path({MACHINE_CONFIG_ENV: "/x/y.ini"}) == Path("/x/y.ini")


def test_windows_registry_values_of_the_installer_come_under_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(
        config,
        "read_machine_registry",
        lambda: {SERVER_URL: "https://registry.example.it", SITE_CODE: "CPI-VA"},
    )
    program_data = tmp_path / "ProgramData"
    _write(program_data / "Trama" / "trama.ini", "[trama]\nsite_code = AMB-SARONNO\n")
    environ = {"ProgramData": str(program_data), USER_CONFIG_ENV: str(tmp_path / "none.ini")}
    resolved = load_configuration(environ=environ)
    assert resolved.server_url == "https://registry.example.it"
    assert resolved.source(SERVER_URL) == config.MACHINE_REGISTRY_LABEL
    assert resolved.site_code == "AMB-SARONNO"


def test_data_dir_inside_the_install_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install = tmp_path / "Program Files" / "Trama"
    install.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(install / "trama.exe"))
    resolved = load_configuration({DATA_DIR: install / "data"}, environ={})
    with pytest.raises(ConfigError, match="cartella di installazione"):
        _ = resolved.data_dir
    elsewhere = load_configuration({DATA_DIR: tmp_path / "data"}, environ={})
    assert elsewhere.data_dir == tmp_path / "data"


def test_enroll_takes_server_and_ca_from_the_machine_file(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in files.items():
        monkeypatch.setenv(name, value)
    # The user's file would win over the machine's: leave only the machine's.
    monkeypatch.setenv(USER_CONFIG_ENV, str(tmp_path / "none.conf"))
    seen: dict[str, object] = {}

    def fake_enroll(store: object, **arguments: object) -> object:
        seen.update(arguments)
        raise ConfigError("stop here")

    monkeypatch.setattr("sync.client.enroll.enroll", fake_enroll)
    code = main(["enroll", "--data-dir", str(tmp_path / "data"), "--code", "ABCD-EFGH"])
    assert code == 1
    assert seen["server_url"] == "https://machine.example.it"
    assert seen["ca_bundle"] == Path(files[MACHINE_CONFIG_ENV]).parent / "provincia-ca.pem"


def test_enroll_without_any_server_says_where_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(tmp_path / "none.conf"))
    monkeypatch.setenv(USER_CONFIG_ENV, str(tmp_path / "none.conf"))
    monkeypatch.delenv("TRAMA_SERVER_URL", raising=False)
    code = main(["enroll", "--data-dir", str(tmp_path / "data"), "--code", "ABCD-EFGH"])
    assert code == 1
    error = capsys.readouterr().err
    assert "--server" in error
    assert "Traceback" not in error


def test_a_broken_machine_file_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _write(tmp_path / "trama.conf", "[trama]\nsrever_url = x\n")
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(broken))
    monkeypatch.setenv(USER_CONFIG_ENV, str(tmp_path / "none.conf"))
    code = main(["enroll", "--data-dir", str(tmp_path / "data"), "--code", "X"])
    assert code == 1
    error = capsys.readouterr().err
    assert error.startswith("trama: Il file di configurazione")
    assert CA_BUNDLE in error
