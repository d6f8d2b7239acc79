"""``trama-server reference import FILE.csv``: the Province's configuration from CSV files.

Files are UTF-8 (a byte-order mark is fine), separated by ``;`` or ``,``, with a header row; the
header says which of nine formats a file is. Columns in [brackets] may be left out. Dates are
``YYYY-MM-DD`` or ``DD/MM/YYYY``; yes/no columns take ``si``/``sì``/``no``/``true``/``false``/
``1``/``0``. A comune is named by its 6-digit ISTAT code. Rows are matched to what the server
already holds (by code, ISTAT code, tax code or name) and updated in place; nothing absent from
a file is deleted. A file with any bad row changes nothing, and every bad row is reported.

1. Comuni (the ISTAT extract shipped as ``sync/protocol/comuni_VA.csv``):
   ``codice_istat;denominazione;codice_catastale;sigla_provincia``
2. Ambiti with their comuni, one row per comune:
   ``ambito_code;ambito_name;codice_istat[;is_demo][;valid_from][;valid_to]``
3. CPIs with their catchment, one row per comune (validity of that comune's assignment):
   ``cpi_code;cpi_name;codice_istat[;address][;phone][;email][;seat_istat][;is_demo]``
   ``[;valid_from][;valid_to]``
4. CPI referents: ``cpi_code;track;full_name[;email][;phone][;valid_from][;valid_to]``
   (``track``: ``neet`` or ``cmd``)
5. Directory, one row per contact (contact columns empty for an organisation without any):
   ``organization_name;organization_kind[;tax_code][;runts_number][;address][;codice_istat]``
   ``[;phone][;email][;pec][;website][;contact_last_name][;contact_first_name]``
   ``[;contact_role][;contact_email][;contact_phone]`` (``organization_kind``: one of the codes
   of ``sync.protocol.codes.OrganizationKind``, e.g. ``aps``, ``social_coop_b``, ``cpi``)

6. Operators and their roles, one row per person:
   ``site_code;username;full_name;role[;email][;active]`` (``username``: the Windows account
   that runs Trama, ``DOMINIO\\utente``, matched without regard to case; ``role``: one of
   ``social_worker``, ``referent``, ``administrative``, ``privacy_officer``, or its Italian name:
   operatore sociale, referente, amministrativo, referente privacy; ``active`` defaults to sì).
   The role decides who sees the audit, runs retention and answers access requests.
7. Retention periods: ``record_kind;track;closing;months[;needs_decision][;basis]``
   (``record_kind``: ``referral`` or ``person``; ``track``: ``neet``, ``cmd`` or empty for any;
   ``closing``: the referral status or CPI outcome that closes it, e.g. ``concluded``,
   ``withdrawn``, ``hired``, or empty for any; ``months``: 1-1200 after closing;
   ``needs_decision``: sì while the period is a proposal awaiting the controller's decision,
   default no). A rule is matched by kind, track and closing; the most specific one applies.
8. Site profiles, what letterheads and privacy notices print for each body, one row per site:
   ``site_code;controller_name[;controller_tax_code][;address][;pec][;email][;phone]``
   ``[;website][;dpo_name][;dpo_email][;dpo_pec][;dpo_phone]`` (``site_code``: a site created
   with 'trama-server site add'; ``controller_name``: the legal entity that is data controller,
   for an Ambito its ente capofila, e.g. "Comune di Saronno" (letterheads print "Ente
   capofila:" before it); ``controller_tax_code``: the body's 11-digit codice fiscale;
   ``dpo_*``: the Responsabile della protezione dei dati). A column left out of the file keeps
   what the server holds; a column present but empty clears it. The logo is set on the
   Province's PC (Strumenti → Profili degli enti), never here, and is kept.
9. Referral routes, which kind of site may send which referral to which kind of site:
   ``mittente;destinatario;percorso;attivo`` (``mittente``/``destinatario``: ``ambito``,
   ``ets``, ``cpi`` or their Italian names, e.g. "Ambito territoriale", "Ente del Terzo
   settore", "CPI"; ``percorso``: ``neet``, ``cmd`` ("collocamento mirato") or ``social``
   ("servizi sociali"); ``attivo``: sì/no). Only the routes of ``sync.protocol.routes.
   POSSIBLE_ROUTES``. Once any route is on the server only the active ones count, so a file
   should list them all (the Province's PC, Strumenti → Percorsi di segnalazione, saves all).

Before Ambiti or CPIs are imported, the shipped comuni are loaded if the server has none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.protocol import reference_id, retention_rule_key
from sync.protocol.codes import (
    OperatorRole,
    OrganizationKind,
    Outcome,
    ReferralStatus,
    RetentionRecordKind,
    RouteTrack,
    SiteKind,
    Track,
)
from sync.protocol.comuni import read_comuni
from sync.protocol.routes import DEFAULT_ROUTES, POSSIBLE_ROUTES, Route
from sync.protocol.site_profile import (
    PROFILE_LIMITS,
    email_problem,
    normalise_tax_code,
    phone_problem,
    tax_code_problem,
    website_problem,
)
from sync.server.admin import AdminError, put_reference
from sync.server.db import Record, ServerDB, ServerSite
from sync.server.scope import WriteSet

# The formats above as 'trama-server reference import --help' shows them to IT staff.
FORMATS_HELP = """\
Importa la configurazione della Provincia da file CSV.

I file sono in UTF-8 (il BOM è ammesso), separati da ';' o ',', con una riga di intestazione:
l'intestazione dice di quale dei nove formati si tratta. Le colonne tra [parentesi] si possono
omettere. Le date sono AAAA-MM-GG o GG/MM/AAAA; le colonne sì/no accettano si, sì, no, true,
false, 1, 0. Un comune si indica con il suo codice ISTAT di 6 cifre. Le righe sono abbinate a
quelle che il server ha già (per codice, codice ISTAT, codice fiscale o nome) e aggiornate; nulla
di ciò che manca dal file viene cancellato. Un file con una riga errata non cambia nulla e ogni
riga errata è segnalata.

1. Comuni (l'estratto ISTAT fornito con Trama):
   codice_istat;denominazione;codice_catastale;sigla_provincia
2. Ambiti con i loro comuni, una riga per comune:
   ambito_code;ambito_name;codice_istat[;is_demo][;valid_from][;valid_to]
3. CPI con il loro bacino, una riga per comune:
   cpi_code;cpi_name;codice_istat[;address][;phone][;email][;seat_istat][;is_demo]
   [;valid_from][;valid_to]
4. Referenti dei CPI: cpi_code;track;full_name[;email][;phone][;valid_from][;valid_to]
   (track: neet oppure cmd)
5. Rubrica, una riga per contatto (colonne del contatto vuote per un ente senza contatti):
   organization_name;organization_kind[;tax_code][;runts_number][;address][;codice_istat]
   [;phone][;email][;pec][;website][;contact_last_name][;contact_first_name]
   [;contact_role][;contact_email][;contact_phone]
6. Operatori e ruoli, una riga per persona:
   site_code;username;full_name;role[;email][;active]
   (username: l'account di Windows che usa Trama, DOMINIO\\utente, senza distinguere maiuscole;
   role: social_worker, referent, administrative, privacy_officer, oppure operatore sociale,
   referente, amministrativo, referente privacy; active: sì se omesso). Il ruolo decide chi
   vede il registro delle operazioni, esegue la conservazione e risponde alle richieste di
   accesso.
7. Periodi di conservazione: record_kind;track;closing;months[;needs_decision][;basis]
   (record_kind: referral o person; track: neet, cmd o vuoto per entrambi; closing: lo stato o
   l'esito che chiude la segnalazione, per esempio concluded, withdrawn, hired, o vuoto;
   months: da 1 a 1200 dopo la chiusura; needs_decision: sì finché il periodo è una proposta
   in attesa della decisione del titolare). Vale la regola più specifica.
8. Profili delle sedi, ciò che carte intestate e informative stampano per ogni ente:
   site_code;controller_name[;controller_tax_code][;address][;pec][;email][;phone]
   [;website][;dpo_name][;dpo_email][;dpo_pec][;dpo_phone]
   (site_code: una sede creata con 'trama-server site add'; controller_name: l'ente titolare
   del trattamento, per un Ambito l'ente capofila, per esempio "Comune di Saronno";
   controller_tax_code: il codice fiscale dell'ente; dpo_*: il Responsabile della protezione
   dei dati). Una colonna assente lascia il valore che il server ha; una colonna presente ma
   vuota lo cancella. Il logo si imposta dal PC della Provincia (Strumenti → Profili degli
   enti), mai da qui, e viene mantenuto.
9. Percorsi di segnalazione, chi può inviare quali segnalazioni a chi:
   mittente;destinatario;percorso;attivo
   (mittente e destinatario: ambito, ets, cpi, oppure Ambito territoriale, Ente del Terzo
   settore, CPI; percorso: neet, cmd o collocamento mirato, social o servizi sociali; attivo:
   sì/no). Sono ammessi solo i percorsi previsti (Ambito ed ETS verso il CPI, NEET e CMD; CPI
   verso CPI, NEET e CMD; CPI verso Ambito, servizi sociali). Appena il server ha un percorso
   valgono solo quelli attivi: conviene elencarli tutti.

Prima di importare Ambiti o CPI, se il server non ha comuni sono caricati quelli forniti.
"""

Row = dict[str, str]
FORMATS: dict[str, tuple[str, ...]] = {
    "comuni": ("codice_istat", "denominazione", "codice_catastale", "sigla_provincia"),
    "ambiti": ("ambito_code", "ambito_name", "codice_istat"),
    "cpi": ("cpi_code", "cpi_name", "codice_istat"),
    "referents": ("cpi_code", "track", "full_name"),
    "directory": ("organization_name", "organization_kind"),
    "operators": ("site_code", "username", "full_name", "role"),
    "retention": ("record_kind", "track", "closing", "months"),
    "profiles": ("site_code", "controller_name"),
    "routes": ("mittente", "destinatario", "percorso", "attivo"),
}
# The words a routes file may use for a kind of site and a route's track (matched whatever
# their case).
ROUTE_KIND_NAMES: dict[str, SiteKind] = {
    "Ambito": SiteKind.AMBITO,
    "Ambito territoriale": SiteKind.AMBITO,
    "ETS": SiteKind.ETS,
    "Ente del Terzo settore": SiteKind.ETS,
    "Ente del Terzo settore (ETS)": SiteKind.ETS,
    "Terzo settore": SiteKind.ETS,
    "CPI": SiteKind.CPI,
    "Centro per l'Impiego": SiteKind.CPI,
    "Centro per l’Impiego": SiteKind.CPI,
}
_ROUTE_KINDS = {name.lower(): kind for name, kind in ROUTE_KIND_NAMES.items()}
ROUTE_TRACK_NAMES: dict[str, RouteTrack] = {
    "neet": RouteTrack.NEET,
    "garanzia giovani": RouteTrack.NEET,
    "cmd": RouteTrack.CMD,
    "collocamento mirato": RouteTrack.CMD,
    "social": RouteTrack.SOCIAL,
    "sociale": RouteTrack.SOCIAL,
    "servizi sociali": RouteTrack.SOCIAL,
}
# The profile's columns of a site row with their lengths (sync.protocol's record schema).
PROFILE_COLUMNS: dict[str, int] = PROFILE_LIMITS
_PROFILE_CHECKS: dict[str, Callable[[str], str | None]] = {
    "controller_tax_code": tax_code_problem,
    "pec": email_problem,
    "email": email_problem,
    "dpo_email": email_problem,
    "dpo_pec": email_problem,
    "phone": phone_problem,
    "dpo_phone": phone_problem,
    "website": website_problem,
}
# The Italian names a file may give a role instead of its code.
ROLE_NAMES: dict[str, OperatorRole] = {
    "operatore sociale": OperatorRole.SOCIAL_WORKER,
    "operatore": OperatorRole.SOCIAL_WORKER,
    "assistente sociale": OperatorRole.SOCIAL_WORKER,
    "referente": OperatorRole.REFERENT,
    "amministrativo": OperatorRole.ADMINISTRATIVE,
    "personale amministrativo": OperatorRole.ADMINISTRATIVE,
    "referente privacy": OperatorRole.PRIVACY_OFFICER,
    "referente per la privacy": OperatorRole.PRIVACY_OFFICER,
}
CLOSINGS = frozenset({s.value for s in ReferralStatus} | {o.value for o in Outcome})
MAX_MONTHS = 1200
MAX_REPORTED = 20


class RowError(ValueError):
    pass


def read_csv(path: Path) -> tuple[str, list[Row]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise AdminError(f"Impossibile leggere {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise AdminError(f"{path} non è un file di testo UTF-8.") from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    kind = next((k for k, needed in FORMATS.items() if set(needed) <= set(header)), None)
    if kind is None:
        raise AdminError(
            f"{path.name}: intestazione non riconosciuta ({', '.join(header) or 'vuota'}); "
            "i formati ammessi sono descritti in 'trama-server reference --help'."
        )
    rows = [
        {
            key.strip().lower(): (value or "").strip()
            for key, value in raw.items()
            if isinstance(key, str)
        }
        for raw in reader
    ]
    return kind, rows


def import_file(db: ServerDB, path: Path) -> tuple[str, int]:
    """Import one file; returns its format and how many rows it held."""
    kind, rows = read_csv(path)
    with db.write() as session, session.no_autoflush:
        writes = WriteSet(session)
        if kind != "comuni":
            ensure_comuni(writes)
        importer: Callable[[WriteSet, Row], None] = {
            "comuni": _comune,
            "ambiti": _ambito,
            "cpi": _cpi,
            "referents": _referent,
            "directory": _directory,
            "operators": _operator,
            "retention": _retention_rule,
            "profiles": _site_profile,
            "routes": _route,
        }[kind]
        errors: list[str] = []
        for number, row in enumerate(rows, start=2):
            try:
                importer(writes, row)
            except RowError as error:
                errors.append(f"riga {number}: {error}")
        if errors:
            shown = errors[:MAX_REPORTED]
            more = len(errors) - len(shown)
            raise AdminError(
                f"{path.name}: nessuna modifica, {len(errors)} righe non valide:\n  "
                + "\n  ".join(shown)
                + (f"\n  ... e altre {more}" if more else "")
            )
        writes.settle()
    return kind, len(rows)


def ensure_comuni(writes: WriteSet) -> None:
    if writes.session.scalar(select(Record.id).where(Record.table_name == "municipality").limit(1)):
        return
    for row in read_comuni():
        _comune(writes, row)


# -- one row each --------------------------------------------------------------------------


def _required(row: Row, name: str, limit: int = 200) -> str:
    value = row.get(name, "")
    if not value:
        raise RowError(f"manca {name}")
    if len(value) > limit or not value.isprintable():
        raise RowError(f"{name} non valido")
    return value


def _optional(row: Row, name: str, limit: int = 200) -> str:
    value = row.get(name, "")
    if len(value) > limit or (value and not value.isprintable()):
        raise RowError(f"{name} non valido")
    return value


def _date(row: Row, name: str) -> str | None:
    value = row.get(name, "")
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    raise RowError(f"{name}: data non valida {value!r}")


def _flag(row: Row, name: str) -> bool:
    value = row.get(name, "").lower()
    if value in ("", "no", "false", "0", "n"):
        return False
    if value in ("si", "sì", "yes", "true", "1", "s", "y"):
        return True
    raise RowError(f"{name}: valore sì/no non valido {value!r}")


def _code(row: Row, name: str) -> str:
    value = _required(row, name, 32).upper()
    if not all(char.isalnum() or char in "-_" for char in value):
        raise RowError(f"{name} non valido {value!r}")
    return value


def _comune_id(writes: WriteSet, row: Row, name: str = "codice_istat") -> str:
    istat = _required(row, name, 6)
    record = writes.record("municipality", reference_id("municipality", istat))
    if record is None:
        record = writes.find("municipality", istat)
    if record is None:
        raise RowError(f"comune {istat} sconosciuto")
    return record.id


def _comune(writes: WriteSet, row: Row) -> None:
    istat = _required(row, "codice_istat", 6)
    if not (istat.isdigit() and len(istat) == 6):
        raise RowError(f"codice ISTAT non valido {istat!r}")
    existing = writes.record("municipality", reference_id("municipality", istat))
    data: dict[str, Any] = (
        dict(existing.data) if existing else {"ambito_id": None, "valid_from": None}
    )
    data.update(
        istat_code=istat,
        name=_required(row, "denominazione", 120),
        cadastral_code=_required(row, "codice_catastale", 4).upper(),
        province=_optional(row, "sigla_provincia", 2).upper() or "VA",
        valid_to=data.get("valid_to"),
    )
    put_reference(writes, "municipality", data, natural_key=istat,
                  record_id=reference_id("municipality", istat))  # fmt: skip


def _ambito(writes: WriteSet, row: Row) -> None:
    code = _code(row, "ambito_code")
    data = {
        "code": code,
        "name": _required(row, "ambito_name"),
        "is_demo": _flag(row, "is_demo"),
        "valid_from": _date(row, "valid_from"),
        "valid_to": _date(row, "valid_to"),
    }
    ambito = put_reference(writes, "ambito", data, natural_key=code)
    comune = writes.record("municipality", _comune_id(writes, row))
    if comune is not None and comune.data.get("ambito_id") != ambito.id:
        put_reference(writes, "municipality", {**comune.data, "ambito_id": ambito.id},
                      record_id=comune.id)  # fmt: skip


def _cpi(writes: WriteSet, row: Row) -> None:
    code = _code(row, "cpi_code")
    seat = _comune_id(writes, row, "seat_istat") if row.get("seat_istat") else None
    centre = writes.find("job_centre", code)
    data: dict[str, Any] = dict(centre.data) if centre else {}
    data.update(
        code=code,
        name=_required(row, "cpi_name"),
        address=_optional(row, "address") or data.get("address", ""),
        municipality_id=seat or data.get("municipality_id"),
        email=_optional(row, "email") or data.get("email", ""),
        phone=_optional(row, "phone", 40) or data.get("phone", ""),
        is_demo=_flag(row, "is_demo"),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
    )
    centre = put_reference(writes, "job_centre", data, natural_key=code)
    comune = _comune_id(writes, row)
    valid_from = _date(row, "valid_from")
    key = f"{code}:{comune}:{valid_from}"
    put_reference(
        writes,
        "job_centre_catchment",
        {
            "job_centre_id": centre.id,
            "municipality_id": comune,
            "valid_from": valid_from,
            "valid_to": _date(row, "valid_to"),
        },
        record_id=_matching(writes, "job_centre_catchment", key, _catchment_key)
        or reference_id("job_centre_catchment", key),
    )


def _referent(writes: WriteSet, row: Row) -> None:
    code = _code(row, "cpi_code")
    centre = writes.find("job_centre", code)
    if centre is None:
        raise RowError(f"CPI {code} sconosciuto: importare prima il file dei CPI")
    track = row.get("track", "").lower()
    if track not in {t.value for t in Track}:
        raise RowError(f"track non valido {track!r} (neet o cmd)")
    full_name = _required(row, "full_name")
    key = f"{centre.id}:{track}:{full_name.lower()}"
    record_id = _matching(writes, "referent", key, _referent_key)
    existing = writes.record("referent", record_id) if record_id else None
    put_reference(
        writes,
        "referent",
        {
            "job_centre_id": centre.id,
            "track": track,
            "full_name": full_name,
            "email": _optional(row, "email"),
            "phone": _optional(row, "phone", 40),
            "contact_id": existing.data.get("contact_id") if existing else None,
            "valid_from": _date(row, "valid_from"),
            "valid_to": _date(row, "valid_to"),
        },
        record_id=record_id or reference_id("referent", key),
    )


def _directory(writes: WriteSet, row: Row) -> None:
    kind = row.get("organization_kind", "").lower()
    if kind not in {k.value for k in OrganizationKind}:
        raise RowError(f"organization_kind non valido {kind!r}")
    name = _required(row, "organization_name")
    tax_code = _optional(row, "tax_code", 16).upper()
    key = tax_code or name.lower()
    record_id = _matching(writes, "organization", key, _organization_key)
    organization = put_reference(
        writes,
        "organization",
        {
            "name": name,
            "kind": kind,
            "runts_number": _optional(row, "runts_number", 40),
            "tax_code": tax_code,
            "address": _optional(row, "address"),
            "municipality_id": _comune_id(writes, row) if row.get("codice_istat") else None,
            "phone": _optional(row, "phone", 40),
            "email": _optional(row, "email"),
            "pec": _optional(row, "pec"),
            "website": _optional(row, "website"),
            "notes": "",
        },
        record_id=record_id or reference_id("organization", key),
    )
    last = _optional(row, "contact_last_name", 100)
    first = _optional(row, "contact_first_name", 100)
    if not (last or first):
        return
    if not (last and first):
        raise RowError("il contatto richiede nome e cognome")
    contact_key = f"{organization.id}:{last.lower()}:{first.lower()}"
    put_reference(
        writes,
        "contact",
        {
            "organization_id": organization.id,
            "last_name": last,
            "first_name": first,
            "role": _optional(row, "contact_role", 120),
            "email": _optional(row, "contact_email"),
            "phone": _optional(row, "contact_phone", 40),
        },
        record_id=_matching(writes, "contact", contact_key, _contact_key)
        or reference_id("contact", contact_key),
    )


def _operator(writes: WriteSet, row: Row) -> None:
    site = _code(row, "site_code")
    if writes.session.get(ServerSite, site) is None:
        raise RowError(f"sede {site} sconosciuta: crearla prima con 'trama-server site add'")
    username = _required(row, "username", 64)
    if any(char.isspace() for char in username):
        raise RowError(f"username non valido {username!r} (senza spazi)")
    raw_role = row.get("role", "").strip().lower()
    role = ROLE_NAMES.get(raw_role)
    if role is None and raw_role in {r.value for r in OperatorRole}:
        role = OperatorRole(raw_role)
    if role is None:
        raise RowError(
            f"ruolo non valido {raw_role!r} (social_worker, referent, administrative, "
            "privacy_officer, o operatore sociale, referente, amministrativo, referente privacy)"
        )
    _once(writes, "operators", username.lower(), f"username {username} ripetuto nel file")
    active = True if not row.get("active", "").strip() else _flag(row, "active")
    record_id = _matching(writes, "operator", username.lower(), _operator_key)
    put_reference(
        writes,
        "operator",
        {
            "username": username,
            "full_name": _required(row, "full_name"),
            "site_code": site,
            "email": _optional(row, "email"),
            "active": active,
            "role": role.value,
        },
        record_id=record_id or reference_id("operator", username.lower()),
    )


def _retention_rule(writes: WriteSet, row: Row) -> None:
    kind = row.get("record_kind", "").strip().lower()
    if kind not in {k.value for k in RetentionRecordKind}:
        raise RowError(f"record_kind non valido {kind!r} (referral o person)")
    track = row.get("track", "").strip().lower() or None
    if track is not None and track not in {t.value for t in Track}:
        raise RowError(f"track non valido {track!r} (neet, cmd o vuoto)")
    closing = row.get("closing", "").strip().lower()
    if closing and closing not in CLOSINGS:
        raise RowError(f"closing non valido {closing!r} (uno stato della segnalazione o un esito)")
    if kind == RetentionRecordKind.PERSON and (track or closing):
        raise RowError("per record_kind person track e closing restano vuoti")
    months_text = row.get("months", "").strip()
    if not months_text.isdigit() or not 1 <= int(months_text) <= MAX_MONTHS:
        raise RowError(f"months non valido {months_text!r} (un numero di mesi da 1 a {MAX_MONTHS})")
    key = retention_rule_key(kind, track, closing)
    _once(writes, "retention", key, "regola ripetuta nel file (stessi record_kind, track, closing)")
    record_id = _matching(writes, "retention_rule", key, _retention_key)
    put_reference(
        writes,
        "retention_rule",
        {
            "record_kind": kind,
            "track": track,
            "closing": closing,
            "months": int(months_text),
            "needs_decision": _flag(row, "needs_decision"),
            "basis": _optional(row, "basis", 400),
        },
        record_id=record_id or reference_id("retention_rule", key),
    )


def _site_profile(writes: WriteSet, row: Row) -> None:
    code = _code(row, "site_code")
    site = writes.find("site", code)
    if site is None or site.deleted:
        raise RowError(f"sede {code} sconosciuta: crearla prima con 'trama-server site add'")
    _once(writes, "profiles", code, f"sede {code} ripetuta nel file")
    data: dict[str, Any] = dict.fromkeys(PROFILE_COLUMNS, "") | {"logo": ""} | site.data
    problems: list[str] = []
    for name, limit in PROFILE_COLUMNS.items():
        if name not in row:
            continue  # a column the file leaves out keeps what the server holds
        value = " ".join(row[name].split())
        if name == "controller_tax_code":
            value = normalise_tax_code(value)
        check = _PROFILE_CHECKS.get(name)
        if len(value) > limit:
            problems.append(f"{name} troppo lungo (al massimo {limit} caratteri)")
        elif not value.isprintable():
            problems.append(f"{name} contiene caratteri non ammessi")
        elif check is not None and (problem := check(value)) is not None:
            problems.append(f"{name} {value!r} {problem}")
        data[name] = value
    if not data["controller_name"]:
        problems.insert(0, "manca controller_name (il titolare del trattamento)")
    if problems:
        raise RowError("; ".join(problems))
    put_reference(writes, "site", data, record_id=site.id)


def _route(writes: WriteSet, row: Row) -> None:
    sender = _ROUTE_KINDS.get(" ".join(row.get("mittente", "").lower().split()))
    recipient = _ROUTE_KINDS.get(" ".join(row.get("destinatario", "").lower().split()))
    track = ROUTE_TRACK_NAMES.get(" ".join(row.get("percorso", "").lower().split()))
    problems = []
    if sender is None:
        problems.append(f"mittente non valido {row.get('mittente', '')!r} (ambito, ets o cpi)")
    if recipient is None:
        problems.append(
            f"destinatario non valido {row.get('destinatario', '')!r} (ambito, ets o cpi)"
        )
    if track is None:
        problems.append(
            f"percorso non valido {row.get('percorso', '')!r} (neet, cmd o servizi sociali)"
        )
    if not row.get("attivo", "").strip():
        problems.append("manca attivo (sì o no)")
    if problems:
        raise RowError("; ".join(problems))
    assert sender is not None and recipient is not None and track is not None
    if Route(sender, recipient, track) not in POSSIBLE_ROUTES:
        raise RowError(f"percorso non previsto: {sender.value} → {recipient.value} ({track.value})")
    enabled = _flag(row, "attivo")
    key = route_key(sender.value, recipient.value, track.value)
    _once(
        writes,
        "routes",
        key,
        "percorso ripetuto nel file (stessi mittente, destinatario, percorso)",
    )
    if not writes.__dict__.get("_import_routes_completed"):
        writes.__dict__["_import_routes_completed"] = True
        _complete_routes(writes)
    _put_route(writes, Route(sender, recipient, track), enabled=enabled)


def _complete_routes(writes: WriteSet) -> None:
    """Every possible route the server has no row for gets one, as the defaults say.

    Once any route row exists only the enabled rows count (sync.protocol.routes): a file
    naming one route must not close, unsaid, the others the network works by. The rows of
    the file, written after these, win.
    """
    for route in POSSIBLE_ROUTES:
        key = route_key(route.sender_kind.value, route.recipient_kind.value, route.track.value)
        if _matching(writes, "referral_route", key, _route_key) is None:
            _put_route(writes, route, enabled=route in DEFAULT_ROUTES)


def _put_route(writes: WriteSet, route: Route, *, enabled: bool) -> None:
    key = route_key(route.sender_kind.value, route.recipient_kind.value, route.track.value)
    record_id = _matching(writes, "referral_route", key, _route_key)
    put_reference(
        writes,
        "referral_route",
        {
            "sender_kind": route.sender_kind.value,
            "recipient_kind": route.recipient_kind.value,
            "track": route.track.value,
            "enabled": enabled,
        },
        record_id=record_id or reference_id("referral_route", key),
    )


def route_key(sender: str, recipient: str, track: str) -> str:
    """What identifies a route row, here and on the Province's PC (desktop.services.routes)."""
    return f"{sender}:{recipient}:{track}"


def _route_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    return route_key(
        str(data.get("sender_kind")), str(data.get("recipient_kind")), str(data.get("track"))
    )


def _once(writes: WriteSet, kind: str, key: str, message: str) -> None:
    seen: set[str] = writes.__dict__.setdefault(f"_import_seen_{kind}", set())
    if key in seen:
        raise RowError(message)
    seen.add(key)


# -- matching rows that have no code ---------------------------------------------------------


def _catchment_key(data: dict[str, Any], centres: dict[str, str]) -> str:
    return f"{centres.get(data.get('job_centre_id') or '', '')}:{data.get('municipality_id')}:" + (
        f"{data.get('valid_from')}"
    )


def _referent_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    return f"{data.get('job_centre_id')}:{data.get('track')}:{str(data.get('full_name')).lower()}"


def _organization_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    return str(data.get("tax_code") or "").upper() or str(data.get("name", "")).lower()


def _operator_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    return str(data.get("username", "")).lower()


def _retention_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    return retention_rule_key(
        str(data.get("record_kind", "")), data.get("track"), str(data.get("closing") or "")
    )


def _contact_key(data: dict[str, Any], _centres: dict[str, str]) -> str:
    last, first = str(data.get("last_name", "")).lower(), str(data.get("first_name", "")).lower()
    return f"{data.get('organization_id')}:{last}:{first}"


def _matching(
    writes: WriteSet, table: str, key: str, key_of: Callable[[dict[str, Any], dict[str, str]], str]
) -> str | None:
    """The id of the row of ``table`` whose key is ``key``, on the server or in this import."""
    cache: dict[str, dict[str, str]] = writes.__dict__.setdefault("_import_keys", {})
    if table not in cache:
        centres = {
            r.id: r.natural_key or ""
            for r in writes.session.scalars(select(Record).where(Record.table_name == "job_centre"))
        }
        cache["__centres__"] = centres
        cache[table] = {
            key_of(r.data, centres): r.id
            for r in writes.session.scalars(select(Record).where(Record.table_name == table))
        }
    for (name, record_id), record in writes.written.items():
        if name == "job_centre":
            cache["__centres__"][record_id] = record.natural_key or ""
    for (name, record_id), record in writes.written.items():
        if name == table:
            cache[table][key_of(record.data, cache["__centres__"])] = record_id
    return cache[table].get(key)
