"""Static tables behind the demo configuration: Ambiti, CPIs, directory, postcodes.

Only the Ambito di Somma Lombardo and the CPI del Tradatese's catchment are confirmed by public
sources (DOMAIN.md §7); every other grouping below is a plausible guess by geography, shipped
only as demo data and labelled "(demo)" where a person will see it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import NamedTuple

from desktop.domain.codes import OrganizationKind as K

_NAMESPACE = uuid.UUID("2f6c1c8e-5a8e-4a47-9d43-6f0c0b7f3a51")


def demo_id(kind: str, key: str) -> str:
    """The same identifier for the same demo record on every PC and on the demo server."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


PROVINCE_NAME = "Provincia di Varese"
LOCAL_AMBITO = "AMB-SOMMA"
LOCAL_OPERATOR = ("m.bianchi", "Maria Bianchi")


class AmbitoSpec(NamedTuple):
    code: str
    name: str
    is_demo: bool
    seat: str  # the comune capofila, where the Ufficio di Piano sits
    comuni: tuple[str, ...]


AMBITI: tuple[AmbitoSpec, ...] = (
    AmbitoSpec("AMB-SOMMA", "Ambito di Somma Lombardo", False, "Somma Lombardo", (
        "Arsago Seprio", "Besnate", "Cardano al Campo", "Casorate Sempione", "Ferno",
        "Golasecca", "Lonate Pozzolo", "Somma Lombardo", "Vizzola Ticino",
    )),
    AmbitoSpec("AMB-VARESE", "Ambito di Varese (demo)", True, "Varese", (
        "Barasso", "Brinzio", "Casciago", "Comerio", "Lozza", "Luvinate", "Malnate", "Varese",
        "Vedano Olona",
    )),
    AmbitoSpec("AMB-ARCISATE", "Ambito di Arcisate (demo)", True, "Arcisate", (
        "Arcisate", "Besano", "Bisuschio", "Brusimpiano", "Cantello", "Clivio",
        "Cuasso al Monte", "Induno Olona", "Porto Ceresio", "Saltrio", "Valganna", "Viggiù",
    )),
    AmbitoSpec("AMB-AZZATE", "Ambito di Azzate (demo)", True, "Azzate", (
        "Azzate", "Bodio Lomnago", "Brunello", "Buguggiate", "Caronno Varesino", "Casale Litta",
        "Castronno", "Cazzago Brabbia", "Crosio della Valle", "Daverio", "Galliate Lombardo",
        "Gazzada Schianno", "Inarzo", "Morazzone", "Mornago", "Sumirago",
    )),
    AmbitoSpec("AMB-BUSTO", "Ambito di Busto Arsizio (demo)", True, "Busto Arsizio", (
        "Busto Arsizio",
    )),
    AmbitoSpec("AMB-CASTELLANZA", "Ambito di Castellanza (demo)", True, "Castellanza", (
        "Castellanza", "Fagnano Olona", "Gorla Maggiore", "Gorla Minore", "Marnate",
        "Olgiate Olona", "Solbiate Olona",
    )),
    AmbitoSpec("AMB-CITTIGLIO", "Ambito di Cittiglio (demo)", True, "Cittiglio", (
        "Azzio", "Bardello con Malgesso e Bregano", "Bedero Valcuvia", "Besozzo", "Biandronno",
        "Brebbia", "Brenta", "Caravate", "Casalzuigno", "Cassano Valcuvia", "Castello Cabiaglio",
        "Cittiglio", "Cocquio-Trevisago", "Cuveglio", "Cuvio", "Duno", "Gavirate", "Gemonio",
        "Laveno-Mombello", "Leggiuno", "Monvalle", "Orino", "Rancio Valcuvia", "Sangiano",
        "Travedona-Monate",
    )),
    AmbitoSpec("AMB-GALLARATE", "Ambito di Gallarate (demo)", True, "Gallarate", (
        "Albizzate", "Cassano Magnago", "Cavaria con Premezzo", "Gallarate", "Jerago con Orago",
        "Oggiona con Santo Stefano", "Samarate", "Solbiate Arno",
    )),
    AmbitoSpec("AMB-LUINO", "Ambito di Luino (demo)", True, "Luino", (
        "Agra", "Brezzo di Bedero", "Brissago-Valtravaglia", "Cadegliano-Viconago",
        "Castelveccana", "Cremenaga", "Cugliate-Fabiasco", "Cunardo", "Curiglia con Monteviasco",
        "Dumenza", "Ferrera di Varese", "Germignaga", "Grantola", "Lavena Ponte Tresa", "Luino",
        "Maccagno con Pino e Veddasca", "Marchirolo", "Marzio", "Masciago Primo", "Mesenzana",
        "Montegrino Valtravaglia", "Porto Valtravaglia", "Tronzano Lago Maggiore",
    )),
    AmbitoSpec("AMB-SARONNO", "Ambito di Saronno (demo)", True, "Saronno", (
        "Caronno Pertusella", "Cislago", "Gerenzano", "Origgio", "Saronno", "Uboldo",
    )),
    AmbitoSpec("AMB-SESTO", "Ambito di Sesto Calende (demo)", True, "Sesto Calende", (
        "Angera", "Cadrezzate con Osmate", "Comabbio", "Ispra", "Mercallo", "Ranco",
        "Sesto Calende", "Taino", "Ternate", "Varano Borghi", "Vergiate",
    )),
    AmbitoSpec("AMB-TRADATE", "Ambito di Tradate (demo)", True, "Tradate", (
        "Cairate", "Carnago", "Castelseprio", "Castiglione Olona", "Gornate Olona",
        "Lonate Ceppino", "Tradate", "Venegono Inferiore", "Venegono Superiore",
    )),
)  # fmt: skip


class JobCentreSpec(NamedTuple):
    code: str
    name: str
    is_demo: bool  # confirmed by the press, or a guess (DOMAIN.md §7)
    seat: str
    address: str
    phone: str
    valid_from: date | None
    ambiti: tuple[str, ...]  # whose comuni it serves, apart from the Tradatese transfer


TRADATESE_OPENING = date(2026, 2, 5)
# The CPI del Tradatese took these comuni over when it opened (DOMAIN.md §7, confirmed).
TRADATESE_COMUNI: tuple[str, ...] = (
    "Castelseprio", "Castiglione Olona", "Gornate Olona", "Lonate Ceppino", "Tradate",
    "Vedano Olona", "Venegono Inferiore", "Venegono Superiore",
)  # fmt: skip
# Before that date they belonged to this CPI (a guess, demo data).
TRADATESE_PREVIOUS_CPI = "CPI-VARESE"

JOB_CENTRES: tuple[JobCentreSpec, ...] = (
    JobCentreSpec("CPI-VARESE", "CPI di Varese", False, "Varese", "Via dei Mille 12",
                  "0332 100200", None, ("AMB-VARESE", "AMB-ARCISATE", "AMB-AZZATE")),
    JobCentreSpec("CPI-GALLARATE", "CPI di Gallarate", False, "Gallarate",
                  "Via Monte Rosa 7", "0331 100300", None,
                  ("AMB-GALLARATE", "AMB-SOMMA", "AMB-SESTO")),
    JobCentreSpec("CPI-SARONNO", "CPI di Saronno", False, "Saronno", "Via Trento 21",
                  "02 9610 0400", None, ("AMB-SARONNO",)),
    JobCentreSpec("CPI-LUINO", "CPI di Luino", False, "Luino", "Via della Stazione 4",
                  "0332 100500", None, ("AMB-LUINO",)),
    JobCentreSpec("CPI-LAVENO", "CPI di Laveno Mombello", False, "Laveno-Mombello",
                  "Viale Europa 9", "0332 100600", None, ("AMB-CITTIGLIO",)),
    JobCentreSpec("CPI-TRADATESE", "CPI del Tradatese", False, "Venegono Inferiore",
                  "Via Milano 33", "0331 100700", TRADATESE_OPENING, ("AMB-TRADATE",)),
    JobCentreSpec("CPI-BUSTO", "CPI di Busto Arsizio (demo)", True, "Busto Arsizio",
                  "Via Cesare Battisti 15", "0331 100800", None,
                  ("AMB-BUSTO", "AMB-CASTELLANZA")),
)  # fmt: skip

# Where the Tradate Ambito's comuni outside the confirmed eight go (demo guesses).
CATCHMENT_EXCEPTIONS: dict[str, str] = {"Cairate": "CPI-BUSTO", "Carnago": "CPI-GALLARATE"}


class ReferentSpec(NamedTuple):
    job_centre: str
    track: str  # Track value
    username: str
    full_name: str
    valid_from: date | None
    valid_to: date | None


_SINCE = date(2022, 1, 1)
REFERENTS: tuple[ReferentSpec, ...] = (
    ReferentSpec("CPI-VARESE", "neet", "g.sala", "Giorgio Sala", _SINCE, date(2025, 3, 31)),
    ReferentSpec("CPI-VARESE", "neet", "e.riva", "Elena Riva", date(2025, 4, 1), None),
    ReferentSpec("CPI-VARESE", "cmd", "p.macchi", "Paola Macchi", _SINCE, None),
    ReferentSpec("CPI-GALLARATE", "neet", "d.crespi", "Davide Crespi", _SINCE, None),
    ReferentSpec("CPI-GALLARATE", "cmd", "a.bossi", "Antonella Bossi", _SINCE,
                 date(2024, 9, 30)),
    ReferentSpec("CPI-GALLARATE", "cmd", "f.sironi", "Fabio Sironi", date(2024, 10, 1), None),
    ReferentSpec("CPI-SARONNO", "neet", "c.frigerio", "Chiara Frigerio", _SINCE, None),
    ReferentSpec("CPI-SARONNO", "cmd", "r.galbiati", "Roberto Galbiati", _SINCE, None),
    ReferentSpec("CPI-LUINO", "neet", "m.besozzi", "Marta Besozzi", _SINCE, None),
    ReferentSpec("CPI-LUINO", "cmd", "s.broggini", "Stefano Broggini", _SINCE, None),
    ReferentSpec("CPI-LAVENO", "neet", "i.tettamanti", "Ilaria Tettamanti", _SINCE, None),
    ReferentSpec("CPI-LAVENO", "cmd", "n.pozzi", "Nicola Pozzi", _SINCE, None),
    ReferentSpec("CPI-TRADATESE", "neet", "v.zanetti", "Valentina Zanetti",
                 TRADATESE_OPENING, None),
    ReferentSpec("CPI-TRADATESE", "cmd", "l.castiglioni", "Lorenzo Castiglioni",
                 TRADATESE_OPENING, None),
    ReferentSpec("CPI-BUSTO", "neet", "s.cattaneo", "Simona Cattaneo", _SINCE, None),
    ReferentSpec("CPI-BUSTO", "cmd", "m.bertoni", "Mauro Bertoni", _SINCE, None),
)  # fmt: skip

# Operators of each Ambito office (the CPIs' operators are their referents).
AMBITO_OPERATORS: dict[str, tuple[tuple[str, str], ...]] = {
    "AMB-SOMMA": (LOCAL_OPERATOR, ("l.colombo", "Luca Colombo"), ("s.ferrario", "Sara Ferrario")),
    "AMB-VARESE": (("a.monti", "Anna Monti"), ("f.villa", "Federico Villa")),
    "AMB-ARCISATE": (("g.negri", "Giulia Negri"), ("p.bassi", "Paolo Bassi")),
    "AMB-AZZATE": (("l.milani", "Laura Milani"), ("r.sartori", "Riccardo Sartori")),
    "AMB-BUSTO": (("e.fontana", "Elisa Fontana"), ("m.rinaldi", "Marco Rinaldi")),
    "AMB-CASTELLANZA": (("c.donati", "Claudia Donati"), ("a.riva", "Andrea Riva")),
    "AMB-CITTIGLIO": (("s.galli", "Silvia Galli"), ("t.orlando", "Tommaso Orlando")),
    "AMB-GALLARATE": (("v.costa", "Veronica Costa"), ("d.pagano", "Daniele Pagano")),
    "AMB-LUINO": (("b.martini", "Beatrice Martini"), ("g.leone", "Gabriele Leone")),
    "AMB-SARONNO": (("f.marchetti", "Francesca Marchetti"), ("m.testa", "Matteo Testa")),
    "AMB-SESTO": (("c.fabbri", "Cristina Fabbri"), ("s.longo", "Simone Longo")),
    "AMB-TRADATE": (("i.grassi", "Irene Grassi"), ("e.bellini", "Emanuele Bellini")),
}
PROVINCE_OPERATORS: tuple[tuple[str, str], ...] = (("r.moretti", "Roberta Moretti"),)
# The privacy officer (referente privacy) of each CPI: the audit, retention and access requests
# of a site are theirs (desktop.domain.permissions). In an Ambito it is the first operator
# listed (the head of the Ufficio di Piano), at the Province its only one.
CPI_PRIVACY_OFFICERS: dict[str, tuple[str, str]] = {
    "CPI-VARESE": ("n.ferri", "Nadia Ferri"),
    "CPI-GALLARATE": ("o.barbieri", "Ottavio Barbieri"),
    "CPI-SARONNO": ("l.caputo", "Lucia Caputo"),
    "CPI-BUSTO": ("g.mariani", "Gianni Mariani"),
    "CPI-LUINO": ("v.rossetti", "Valeria Rossetti"),
    "CPI-LAVENO": ("a.pellegrini", "Alberto Pellegrini"),
    "CPI-TRADATESE": ("c.vitali", "Camilla Vitali"),
}


class EtsSiteSpec(NamedTuple):
    """A Third Sector body enrolled as a site (SiteKind.ETS): it refers people to the CPI."""

    code: str
    organization_key: str  # its entry in ORGANIZATIONS
    name: str
    area: str  # the Ambito whose residents it mostly works with
    operators: tuple[tuple[str, str], ...]


ETS_SITES: tuple[EtsSiteSpec, ...] = (
    EtsSiteSpec(
        "ETS-SENTIERI", "coop-sentieri", "Cooperativa sociale Sentieri Aperti", "AMB-GALLARATE",
        (("e.conti", "Elisa Conti"), ("m.galli", "Marco Galli")),
    ),
)  # fmt: skip
# The administrative staff of the local Ambito (the other operators are social workers).
ADMINISTRATIVE_OPERATORS = frozenset({"s.ferrario"})


class OrganizationSpec(NamedTuple):
    key: str
    name: str
    kind: K
    comune: str
    contacts: tuple[tuple[str, str, str], ...]  # (first name, last name, role)


ETS_KINDS = frozenset({
    K.ODV, K.APS, K.SOCIAL_ENTERPRISE, K.SOCIAL_COOP_A, K.SOCIAL_COOP_B, K.CONSORTIUM,
    K.PHILANTHROPIC, K.NETWORK_ASSOCIATION, K.MUTUAL_AID, K.OTHER_ETS,
})  # fmt: skip

# The Ambiti and CPIs are added to the directory from AMBITI and JOB_CENTRES.
ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    OrganizationSpec("provincia", PROVINCE_NAME, K.PUBLIC_BODY, "Varese", (
        ("Roberta", "Moretti", "Funzionaria Servizio Lavoro"),
        ("Alberto", "Mariani", "Dirigente Settore Lavoro"),
    )),
    OrganizationSpec("coop-sentieri", "Cooperativa sociale Sentieri Aperti", K.SOCIAL_COOP_A,
                     "Gallarate", (
        ("Elisa", "Conti", "Presidente"), ("Marco", "Galli", "Coordinatore servizi educativi"),
    )),
    OrganizationSpec("coop-tessitura", "Cooperativa sociale La Tessitura", K.SOCIAL_COOP_B,
                     "Busto Arsizio", (
        ("Paolo", "Ferri", "Presidente"), ("Giulia", "Sala", "Responsabile inserimenti"),
    )),
    OrganizationSpec("coop-orti", "Cooperativa sociale Orti del Ticino", K.SOCIAL_COOP_B,
                     "Somma Lombardo", (
        ("Luca", "Bernardi", "Presidente"), ("Chiara", "Rizzi", "Tutor inserimenti lavorativi"),
        ("Andrea", "Monti", "Educatore"),
    )),
    OrganizationSpec("coop-lavoro-comunita", "Cooperativa sociale Lavoro e Comunità",
                     K.SOCIAL_COOP_B, "Varese", (
        ("Stefano", "Martinelli", "Presidente"), ("Laura", "Gatti", "Responsabile inserimenti"),
    )),
    OrganizationSpec("coop-prealpi", "Cooperativa sociale Arcobaleno Prealpi", K.SOCIAL_COOP_A,
                     "Luino", (
        ("Francesca", "Longo", "Coordinatrice"), ("Davide", "Ferraro", "Educatore"),
    )),
    OrganizationSpec("officine-giovani", "Officine Giovani impresa sociale srl",
                     K.SOCIAL_ENTERPRISE, "Saronno", (
        ("Matteo", "Valentini", "Amministratore"), ("Sara", "Pellegrini", "Orientatrice"),
    )),
    OrganizationSpec("consorzio-rete", "Consorzio Rete Inclusione Varesotto", K.CONSORTIUM,
                     "Varese", (
        ("Roberto", "Fabbri", "Direttore"), ("Alessia", "Marini", "Progettista"),
    )),
    OrganizationSpec("odv-passo", "Associazione Passo dopo Passo ODV", K.ODV, "Tradate", (
        ("Giovanni", "Neri", "Presidente"), ("Martina", "Vitali", "Volontaria referente"),
    )),
    OrganizationSpec("aps-spazio", "Associazione Spazio Ragazzi APS", K.APS, "Cardano al Campo", (
        ("Federica", "Sanna", "Presidente"), ("Simone", "Amato", "Educatore di strada"),
    )),
    OrganizationSpec("fondazione-seprio", "Fondazione Comunità del Seprio ETS", K.PHILANTHROPIC,
                     "Castiglione Olona", (
        ("Antonio", "Barone", "Segretario generale"),
    )),
    OrganizationSpec("rete-lago", "Rete Associazioni Lago Maggiore", K.NETWORK_ASSOCIATION,
                     "Sesto Calende", (
        ("Valentina", "Serra", "Portavoce"),
    )),
    OrganizationSpec("sms-ticino", "Società di Mutuo Soccorso Val Ticino", K.MUTUAL_AID,
                     "Lonate Pozzolo", (
        ("Claudio", "Fiore", "Presidente"),
    )),
    OrganizationSpec("lingua-ponte", "Associazione Lingua Ponte ETS", K.OTHER_ETS, "Gallarate", (
        ("Ilaria", "Basile", "Coordinatrice corsi di italiano"),
    )),
    OrganizationSpec("olona-insieme", "Associazione sportiva Olona Insieme", K.NON_ETS,
                     "Castellanza", (
        ("Fabio", "Ruggiero", "Presidente"),
    )),
    OrganizationSpec("cpia", "CPIA – Centro provinciale istruzione adulti (demo)", K.SCHOOL,
                     "Gallarate", (
        ("Patrizia", "Caputo", "Dirigente scolastica"),
        ("Michele", "Guerra", "Referente orientamento"),
    )),
    OrganizationSpec("cfp-olona", "Centro di formazione professionale Valle Olona (demo)",
                     K.SCHOOL, "Castellanza", (
        ("Nicola", "Parisi", "Direttore"), ("Elena", "Palmieri", "Tutor formativa"),
    )),
    OrganizationSpec("iis-ticino", "Istituto di istruzione superiore «Ticino» (demo)", K.SCHOOL,
                     "Somma Lombardo", (
        ("Giorgio", "Benedetti", "Dirigente scolastico"),
        ("Anna", "Farina", "Referente inclusione"),
    )),
    OrganizationSpec("meccanica-sempione", "Meccanica Sempione srl", K.COMPANY, "Vergiate", (
        ("Mario", "Brambilla", "Responsabile risorse umane"),
    )),
    OrganizationSpec("logistica-malpensa", "Logistica Malpensa Nord spa", K.COMPANY, "Ferno", (
        ("Cristina", "Colombo", "HR business partner"),
    )),
    OrganizationSpec("tessile-olona", "Tessile Valle Olona srl", K.COMPANY, "Olgiate Olona", (
        ("Sergio", "Bianchini", "Titolare"),
    )),
    OrganizationSpec("ristorazione-lago", "Ristorazione del Lago srl", K.COMPANY, "Luino", (
        ("Daniela", "Bruno", "Responsabile del personale"),
    )),
    OrganizationSpec("market-prealpi", "Supermercati Prealpi spa", K.COMPANY, "Saronno", (
        ("Enrico", "Pozzi", "Responsabile selezione"),
    )),
    OrganizationSpec("ss-somma", "Servizio sociale – Comune di Somma Lombardo", K.SOCIAL_SERVICE,
                     "Somma Lombardo", (
        ("Serena", "Ricci", "Assistente sociale"), ("Monica", "Greco", "Assistente sociale"),
    )),
    OrganizationSpec("tutela-gallarate", "Servizio Tutela Minori – Ambito di Gallarate (demo)",
                     K.SOCIAL_SERVICE, "Gallarate", (
        ("Giorgia", "Caruso", "Assistente sociale"),
    )),
    OrganizationSpec("sil-varese", "Servizio inserimenti lavorativi – Ambito di Varese (demo)",
                     K.SOCIAL_SERVICE, "Varese", (
        ("Lorenzo", "Vitale", "Operatore SIL"),
    )),
    OrganizationSpec("cps", "CPS – Centro psico-sociale (demo)", K.HEALTH_SERVICE, "Gallarate", (
        ("Barbara", "De Luca", "Assistente sociale"),
    )),
    OrganizationSpec("npia", "NPIA – Neuropsichiatria dell'infanzia e dell'adolescenza (demo)",
                     K.HEALTH_SERVICE, "Varese", (
        ("Roberta", "Fontana", "Educatrice professionale"),
    )),
    OrganizationSpec("serd", "SerD – Servizio dipendenze (demo)", K.HEALTH_SERVICE, "Saronno", (
        ("Massimo", "Lombardi", "Educatore professionale"),
    )),
)  # fmt: skip

# Contacts of each Ambito's Ufficio di Piano, besides its operators.
AMBITO_CONTACT_ROLE = "Responsabile Ufficio di Piano"

# Postcodes of the larger comuni; the smaller ones share their area's multi-comune CAP, as in
# the real postal plan (demo data: close to reality, not checked against Poste Italiane).
POSTCODES: dict[str, str] = {
    "Varese": "21100", "Busto Arsizio": "21052", "Gallarate": "21013", "Saronno": "21047",
    "Cassano Magnago": "21012", "Castellanza": "21053", "Tradate": "21049",
    "Somma Lombardo": "21019", "Malnate": "21046", "Samarate": "21017",
    "Caronno Pertusella": "21042", "Luino": "21016", "Lonate Pozzolo": "21015",
    "Fagnano Olona": "21054", "Olgiate Olona": "21057", "Sesto Calende": "21018",
    "Induno Olona": "21056", "Gorla Minore": "21055", "Besozzo": "21023", "Vergiate": "21029",
    "Laveno-Mombello": "21014", "Gavirate": "21026", "Solbiate Olona": "21058",
    "Arcisate": "21051", "Azzate": "21022", "Castiglione Olona": "21043", "Angera": "21021",
    "Ispra": "21027", "Cittiglio": "21033", "Viggiù": "21059", "Cardano al Campo": "21010",
}  # fmt: skip
AREA_POSTCODES: dict[str, str] = {
    "AMB-SOMMA": "21010", "AMB-GALLARATE": "21040", "AMB-SESTO": "21020",
    "AMB-VARESE": "21020", "AMB-AZZATE": "21020", "AMB-CITTIGLIO": "21030",
    "AMB-LUINO": "21030", "AMB-ARCISATE": "21050", "AMB-CASTELLANZA": "21050",
    "AMB-TRADATE": "21040", "AMB-SARONNO": "21040", "AMB-BUSTO": "21052",
}  # fmt: skip

# Rough resident counts (thousands) so that demo people live where people live.
POPULATION_THOUSANDS: dict[str, int] = {
    "Busto Arsizio": 83, "Varese": 79, "Gallarate": 53, "Saronno": 39, "Cassano Magnago": 21,
    "Tradate": 19, "Caronno Pertusella": 18, "Somma Lombardo": 17, "Malnate": 16,
    "Samarate": 16, "Cardano al Campo": 15, "Castellanza": 14, "Luino": 14,
    "Lonate Pozzolo": 12, "Fagnano Olona": 12, "Olgiate Olona": 12, "Sesto Calende": 11,
    "Induno Olona": 10, "Uboldo": 10, "Cislago": 10, "Gerenzano": 10, "Besozzo": 9,
    "Vergiate": 9, "Gorla Minore": 8, "Laveno-Mombello": 8, "Gavirate": 9, "Origgio": 7,
    "Ferno": 7, "Marnate": 7, "Vedano Olona": 7, "Venegono Superiore": 7,
}  # fmt: skip
SMALL_COMUNE_THOUSANDS = 2

# Site profiles (issue 16): who is the controller of each demo site, with invented contacts.
# An Ambito has no legal personality: its controller is the ente capofila of its Piano di Zona
# (here the comune capofila, or an invented azienda consortile); a CPI in Lombardy is run by the
# Province, so the CPIs' and the Province's controller is the Provincia di Varese. Addresses are
# in the site's comune; e-mail and PEC at example.org; the DPOs are invented firms.
AMBITO_CAPOFILA: dict[str, str] = {
    "AMB-CASTELLANZA": "Azienda consortile Servizi alla Persona Olona e Seprio",
    "AMB-CITTIGLIO": "Azienda consortile Valcuvia e Lago Servizi Sociali",
}
# The seat's street for each Ambito (the comune capofila's town hall, invented numbers).
AMBITO_STREETS: dict[str, str] = {
    "AMB-SOMMA": "Piazza Vittorio Veneto 2", "AMB-VARESE": "Via Sacco 5",
    "AMB-ARCISATE": "Via Roma 20", "AMB-AZZATE": "Via Vittorio Veneto 4",
    "AMB-BUSTO": "Via Fratelli d'Italia 12", "AMB-CASTELLANZA": "Viale Rimembranze 6",
    "AMB-CITTIGLIO": "Via Provinciale 35", "AMB-GALLARATE": "Via Cavour 2",
    "AMB-LUINO": "Piazza Crivelli Serbelloni 1", "AMB-SARONNO": "Piazza della Repubblica 7",
    "AMB-SESTO": "Piazza Cesare da Sesto 1", "AMB-TRADATE": "Piazza Mazzini 6",
}  # fmt: skip
# The telephone district of each Ambito's seat.
AMBITO_PHONE_PREFIX: dict[str, str] = {
    "AMB-SOMMA": "0331", "AMB-VARESE": "0332", "AMB-ARCISATE": "0332", "AMB-AZZATE": "0332",
    "AMB-BUSTO": "0331", "AMB-CASTELLANZA": "0331", "AMB-CITTIGLIO": "0332",
    "AMB-GALLARATE": "0331", "AMB-LUINO": "0332", "AMB-SARONNO": "02", "AMB-SESTO": "0331",
    "AMB-TRADATE": "0331",
}  # fmt: skip
# Invented firms acting as DPO (Responsabile della protezione dei dati), by the slug of their
# PEC; Ambiti take them in turn.
DPO_FIRMS: tuple[tuple[str, str], ...] = (
    ("Studio Tutela Dati Enti Locali S.r.l.", "tuteladati"),
    ("Privacy Pubblica Amministrazione S.r.l.", "privacypa"),
    ("Riservatezza e Servizi Società cooperativa", "riservatezza"),
)
PROVINCE_ADDRESS = "Piazza Libertà 1, 21100 Varese (VA)"
PROVINCE_PHONE = "0332 100100"
PROVINCE_DPO = ("Studio Tutela Dati Enti Locali S.r.l.", "tuteladati")
