"""Italian phrases for demo records: reasons for referral, notes, outcomes.

They describe situations, never health conditions: referral texts must hold no diagnosis
(DOMAIN.md §2), and the demo shows how such texts should read.
"""

from __future__ import annotations

NEET_SITUATIONS: tuple[str, ...] = (
    "è fuori da percorsi di studio e di lavoro da oltre un anno",
    "ha interrotto la scuola superiore al secondo anno",
    "ha conseguito la qualifica professionale ma non ha trovato occupazione",
    "ha svolto solo lavori saltuari senza contratto",
    "è arrivato/a in Italia da poco e cerca un primo impiego",
    "è uscito/a da poco da una comunità per minori",
    "vive con la famiglia e non ha mai cercato lavoro in modo attivo",
    "ha concluso un contratto a termine e non ha più lavorato",
    "ha abbandonato il percorso universitario dopo il primo anno",
    "è seguito/a dal servizio sociale insieme al nucleo familiare",
    "si è rivolto/a allo sportello informagiovani del comune",
    "ha partecipato a un laboratorio estivo del progetto giovani",
)
CMD_SITUATIONS: tuple[str, ...] = (
    "è iscritto/a alle liste del collocamento mirato e disoccupato/a da più di due anni",
    "ha concluso un tirocinio di inclusione presso una cooperativa sociale di tipo B",
    "ha perso il lavoro a seguito di una riorganizzazione aziendale",
    "ha un verbale di accertamento aggiornato e chiede una nuova valutazione",
    "ha esperienza nel magazzino e nelle pulizie industriali",
    "ha lavorato per anni come operaio/a metalmeccanico/a",
    "è seguito/a dal servizio inserimenti lavorativi dell'Ambito",
    "ha terminato un percorso di formazione per addetto/a alla segreteria",
    "non ha mai lavorato e vive con un genitore anziano",
    "chiede un lavoro part-time compatibile con gli orari dei mezzi pubblici",
)
NEET_REQUESTS: tuple[str, ...] = (
    "Si chiede un colloquio di orientamento e la verifica dell'adesione a Garanzia Giovani.",
    "Si propone l'attivazione di un tirocinio extracurriculare.",
    "Si chiede supporto per il rientro in formazione (IeFP o CPIA).",
    "Interesse dichiarato per il settore della ristorazione.",
    "Interesse dichiarato per logistica e magazzino.",
    "Si chiede un bilancio di competenze e supporto alla stesura del curriculum.",
    "Si valuta con il CPI un percorso di servizio civile.",
    "Si chiede l'inserimento nel laboratorio di orientamento di gruppo.",
)
CMD_REQUESTS: tuple[str, ...] = (
    "Si chiede una valutazione per una convenzione art. 11 L. 68/99.",
    "Si propone un tirocinio di inclusione con tutoraggio.",
    "Si chiede il supporto del CPI per la ricerca di un impiego part-time.",
    "Si valuta un inserimento in cooperativa B tramite convenzione art. 14.",
    "Si chiede l'aggiornamento della scheda professionale e un colloquio.",
    "Si chiede una borsa lavoro per il periodo di avvio.",
)
CONTEXTS: tuple[str, ...] = (
    "Disponibilità a spostarsi con i mezzi pubblici.",
    "Non dispone di patente di guida.",
    "Dispone di patente B e auto propria.",
    "Preferisce essere contattato/a nel pomeriggio.",
    "La famiglia è informata e collabora.",
    "",
    "",
)
SEND_NOTES: tuple[str, ...] = ("", "", "Inviata con scheda e informativa firmata.")
RECEIVE_NOTES: tuple[str, ...] = ("", "", "Presa visione della scheda.")
TAKE_IN_CHARGE_NOTES: tuple[str, ...] = (
    "Primo colloquio svolto.",
    "Colloquio di accoglienza e patto di servizio.",
    "Presa in carico dopo il colloquio con la referente.",
    "",
)
START_PATH_NOTES: tuple[str, ...] = ("Avvio del percorso concordato.", "", "Patto sottoscritto.")
CONCLUDE_NOTES: tuple[str, ...] = ("", "Percorso chiuso con esito registrato.")
RETURN_NOTES: tuple[str, ...] = (
    "Manca l'informativa privacy firmata: si prega di allegarla.",
    "Residenza non compresa nel bacino del CPI: verificare il comune.",
    "Dati di contatto incompleti: aggiungere un recapito telefonico.",
    "Motivo della segnalazione da dettagliare.",
    "Codice fiscale da verificare con il documento d'identità.",
)
NOT_RELEVANT_NOTES: tuple[str, ...] = (
    "La persona è già in carico ad altro CPI.",
    "Requisiti di età per Garanzia Giovani non soddisfatti.",
    "La persona risulta occupata con contratto in corso.",
    "Percentuale di invalidità non sufficiente per l'iscrizione al collocamento mirato.",
    "Richiesta di competenza del servizio sociale, non del CPI.",
)
WITHDRAW_NOTES: tuple[str, ...] = (
    "La persona ha trovato lavoro autonomamente.",
    "La persona si è trasferita fuori provincia.",
    "La persona ha rinunciato al percorso.",
    "Segnalazione duplicata: annullata.",
    "Inserita per errore.",
)
OUTCOME_NOTES: tuple[str, ...] = (
    "",
    "Esito comunicato al servizio inviante.",
    "Esito condiviso in équipe.",
    "Verifica con la persona al telefono.",
)
FOLLOW_UP_NOTES: tuple[str, ...] = (
    "Contatto telefonico: situazione invariata.",
    "Ancora occupato/a presso lo stesso datore di lavoro.",
    "Contratto rinnovato.",
    "Non più occupato/a: riproposto colloquio al CPI.",
    "Non raggiungibile: lasciato messaggio.",
)
ACTION_OUTCOME_NOTES: tuple[str, ...] = (
    "",
    "Obiettivi raggiunti.",
    "Frequenza regolare.",
    "Relazione finale del tutor agli atti.",
)
LOWER_SECONDARY_SCHOOLS: tuple[str, ...] = (
    "Scuola secondaria di primo grado «Dante Alighieri»",
    "Scuola secondaria di primo grado «Alessandro Manzoni»",
    "CPIA – Centro provinciale istruzione adulti (demo)",
)
UPPER_SECONDARY_SCHOOLS: tuple[str, ...] = (
    "Istituto tecnico «Enrico Fermi»",
    "Istituto professionale «Pietro Verri»",
    "Liceo scientifico «Galileo Galilei»",
    "Istituto tecnico commerciale «Luigi Einaudi»",
)
VOCATIONAL_CENTRES: tuple[str, ...] = (
    "Centro di formazione professionale Valle Olona (demo)",
    "Centro di formazione professionale del Verbano (demo)",
)
UNIVERSITIES: tuple[str, ...] = (
    "Università degli Studi dell'Insubria",
    "Università degli Studi di Milano",
    "Politecnico di Milano",
    "LIUC – Università Cattaneo",
)
EDUCATION_TITLES: dict[int, tuple[str, ...]] = {
    0: ("Nessun titolo",),
    1: ("Licenza elementare",),
    2: ("Licenza media",),
    3: ("Qualifica professionale IeFP", "Diploma di istruzione secondaria superiore"),
    4: ("Diploma professionale IeFP (quarto anno)", "Certificato IFTS"),
    5: ("Diploma ITS Academy",),
    6: ("Laurea triennale",),
    7: ("Laurea magistrale",),
    8: ("Dottorato di ricerca",),
}
PLACEMENT_NOTES: tuple[str, ...] = (
    "",
    "",
    "Preferibile un ambiente di lavoro con pochi cambi di turno.",
    "Raggiungibile con i mezzi pubblici dal comune di residenza.",
    "Disponibile a un periodo di affiancamento iniziale.",
)
