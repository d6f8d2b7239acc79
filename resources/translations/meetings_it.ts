<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ActionItemDialog</name>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Nuova azione</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>From the directory…</source>
        <translation>Dalla rubrica…</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>Punto all&apos;ordine del giorno</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Scadenza</translation>
    </message>
</context>
<context>
    <name>ActionsTab</name>
    <message>
        <source>No.</source>
        <translation>N.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punto</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>New action…</source>
        <translation>Nuova azione…</translation>
    </message>
    <message>
        <source>Mark as done…</source>
        <translation>Segna come svolta…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Riapri</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n azione</numerusform>
            <numerusform>%n azioni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n aperta</numerusform>
            <numerusform>%n aperte</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove this action from the minutes?</source>
        <translation>Togliere questa azione dal verbale?</translation>
    </message>
</context>
<context>
    <name>AgendaTab</name>
    <message>
        <source>Agenda items</source>
        <translation>Punti all&apos;ordine del giorno</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>Aggiungi punto…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Sposta in alto</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Sposta in basso</translation>
    </message>
    <message>
        <source>Refer to referrals by their number only, never by name.</source>
        <translation>Indicare le segnalazioni solo con il numero, mai con il nome.</translation>
    </message>
    <message>
        <source>Save item</source>
        <translation>Salva il punto</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punto</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Summary of the discussion</source>
        <translation>Sintesi della discussione</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>In favour</source>
        <translation>Favorevoli</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>Contrari</translation>
    </message>
    <message>
        <source>Abstained</source>
        <translation>Astenuti</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Votazione</translation>
    </message>
    <message>
        <source>Remove item %1 «%2» from the agenda? Its actions stay in the minutes.</source>
        <translation>Togliere il punto %1 «%2» dall&apos;ordine del giorno? Le sue azioni restano nel verbale.</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve the minutes</source>
        <translation>Approvazione del verbale</translation>
    </message>
    <message>
        <source>Once approved the minutes are read-only: a correction will be a new version with its reason.</source>
        <translation>Una volta approvato il verbale è in sola lettura: una correzione sarà una nuova versione con il suo motivo.</translation>
    </message>
    <message>
        <source>Approved in the meeting of</source>
        <translation>Approvato nella seduta del</translation>
    </message>
    <message>
        <source>The minutes may contain personal data of beneficiaries:</source>
        <translation>Il verbale potrebbe contenere dati personali di beneficiari:</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approva</translation>
    </message>
    <message>
        <source>Give the date of the approving meeting.</source>
        <translation>Indicare la data della seduta di approvazione.</translation>
    </message>
</context>
<context>
    <name>CloseActionDialog</name>
    <message>
        <source>Close the action</source>
        <translation>Chiudi l&apos;azione</translation>
    </message>
    <message>
        <source>Cancelled rather than done</source>
        <translation>Annullata anziché svolta</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Chiusa il</translation>
    </message>
    <message>
        <source>Give the date of closing.</source>
        <translation>Indicare la data di chiusura.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct the approved minutes</source>
        <translation>Correzione del verbale approvato</translation>
    </message>
    <message>
        <source>The approved minutes stay as they are; a new version %1 is created as a draft, with the same number and content, to be corrected and approved again.</source>
        <translation>Il verbale approvato resta com&apos;è; viene creata in bozza la versione %1, con lo stesso numero e contenuto, da correggere e approvare di nuovo.</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Almeno %1 caratteri</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>Motivo della correzione</translation>
    </message>
    <message>
        <source>Create new version</source>
        <translation>Crea la nuova versione</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Meetings</source>
        <translation>Riunioni</translation>
    </message>
    <message>
        <source>Approve the minutes…</source>
        <translation>Approva il verbale…</translation>
    </message>
    <message>
        <source>Correct (new version)…</source>
        <translation>Correggi (nuova versione)…</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Seduta</translation>
    </message>
    <message>
        <source>Participants and attendance</source>
        <translation>Partecipanti e presenze</translation>
    </message>
    <message>
        <source>Agenda and decisions</source>
        <translation>Ordine del giorno e decisioni</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Azioni</translation>
    </message>
    <message>
        <source>Minutes: %1</source>
        <translation>Verbale: %1</translation>
    </message>
    <message>
        <source>These minutes were replaced by a later version: they are read-only.</source>
        <translation>Questo verbale è stato sostituito da una versione successiva: è in sola lettura.</translation>
    </message>
    <message>
        <source>This meeting is managed by the site %1: only that site can change it.</source>
        <translation>Questa riunione è gestita dalla sede %1: può modificarla solo quella sede.</translation>
    </message>
    <message>
        <source>Minutes approved in the meeting of %1: they are read-only. To correct them create a new version; actions can still be closed.</source>
        <translation>Verbale approvato nella seduta del giorno %1: è in sola lettura. Per correggerlo crearne una nuova versione; le azioni si possono ancora chiudere.</translation>
    </message>
    <message>
        <source>Correction (version %1). Reason: %2</source>
        <translation>Correzione (versione %1). Motivo: %2</translation>
    </message>
</context>
<context>
    <name>MeetingListView</name>
    <message>
        <source>Any type</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <source>Any minutes</source>
        <translation>Tutti i verbali</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>Nuova riunione…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Convening body</source>
        <translation>Ente che convoca</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Verbale</translation>
    </message>
    <message>
        <source>Search by number, title, place, project or convening body</source>
        <translation>Cerca per numero, titolo, luogo, progetto o ente che convoca</translation>
    </message>
    <message>
        <source>(version %1)</source>
        <translation>(versione %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n riunione</numerusform>
            <numerusform>%n riunioni</numerusform>
        </translation>
    </message>
    <message>
        <source>No meetings yet. Create the first with «New meeting…».</source>
        <translation>Nessuna riunione. Creare la prima con «Nuova riunione…».</translation>
    </message>
</context>
<context>
    <name>MeetingPrinting</name>
    <message>
        <source>Preview agenda</source>
        <translation>Anteprima ordine del giorno</translation>
    </message>
    <message>
        <source>The notice of meeting with its agenda, as it will be printed</source>
        <translation>La convocazione con l&apos;ordine del giorno, come verrà stampata</translation>
    </message>
    <message>
        <source>Preview minutes</source>
        <translation>Anteprima verbale</translation>
    </message>
    <message>
        <source>The minutes as they will be printed (marked DRAFT until approved)</source>
        <translation>Il verbale come verrà stampato (con la dicitura BOZZA finché non è approvato)</translation>
    </message>
    <message>
        <source>Preview attendance sheet</source>
        <translation>Anteprima foglio presenze</translation>
    </message>
    <message>
        <source>The sheet the participants sign, with the invitees and blank rows</source>
        <translation>Il foglio che i partecipanti firmano, con gli invitati e righe vuote</translation>
    </message>
    <message>
        <source>Print agenda and attendance sheet…</source>
        <translation>Stampa ordine del giorno e foglio presenze…</translation>
    </message>
    <message>
        <source>Print the agenda and the attendance sheet together, choosing the printer</source>
        <translation>Stampa insieme l&apos;ordine del giorno e il foglio presenze, scegliendo la stampante</translation>
    </message>
    <message>
        <source>Meeting documents</source>
        <translation>Documenti della riunione</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>Print the meeting&apos;s documents</source>
        <translation>Stampa i documenti della riunione</translation>
    </message>
    <message>
        <source>Previews and printing of the meeting&apos;s documents (%1)</source>
        <translation>Anteprime e stampa dei documenti della riunione (%1)</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>Riunioni</translation>
    </message>
    <message>
        <source>Open actions</source>
        <translation>Azioni aperte</translation>
    </message>
</context>
<context>
    <name>Minutes</name>
    <message>
        <source>Minutes no. %1 – %2 – meeting of %3</source>
        <translation>Verbale n. %1 – %2 – seduta del giorno %3</translation>
    </message>
    <message>
        <source>Approved in the meeting of %1</source>
        <translation>Approvato nella seduta del giorno %1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>versione %1</translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <source>New agenda item</source>
        <translation>Nuovo punto all&apos;ordine del giorno</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punto</translation>
    </message>
    <message>
        <source>It is added before «Varie ed eventuali».</source>
        <translation>Viene inserito prima di «Varie ed eventuali».</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <source>New meeting</source>
        <translation>Nuova riunione</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>Questa sede</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Convening body</source>
        <translation>Ente che convoca</translation>
    </message>
    <message>
        <source>Agenda from the template</source>
        <translation>Ordine del giorno del modello</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crea</translation>
    </message>
</context>
<context>
    <name>OpenActionsView</name>
    <message>
        <source>Search by action, responsible or organisation</source>
        <translation>Cerca per azione, responsabile o ente</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Solo scadute</translation>
    </message>
    <message>
        <source>Mark as done…</source>
        <translation>Segna come svolta…</translation>
    </message>
    <message>
        <source>Open the meeting</source>
        <translation>Apri la riunione</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situazione</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>no. %1 of %2</source>
        <translation>n. %1 del giorno %2</translation>
    </message>
    <message numerus="yes">
        <source>%n open action(s)</source>
        <translation>
            <numerusform>%n azione aperta</numerusform>
            <numerusform>%n azioni aperte</numerusform>
        </translation>
    </message>
    <message>
        <source>From</source>
        <translation>Provenienza</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n scaduta</numerusform>
            <numerusform>%n scadute</numerusform>
        </translation>
    </message>
    <message>
        <source>No open actions. Actions are added in a meeting&apos;s «Actions» tab, or in a referral&apos;s shared plan.</source>
        <translation>Nessuna azione aperta. Le azioni si aggiungono nella scheda «Azioni» di una riunione, o nel progetto condiviso di una segnalazione.</translation>
    </message>
    <message>
        <source>Shared plan review – Referral %1</source>
        <translation>Verifica del progetto condiviso – Segnalazione %1</translation>
    </message>
    <message>
        <source>Shared plan – Referral %1</source>
        <translation>Progetto condiviso – Segnalazione %1</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>Senza scadenza</translation>
    </message>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Scaduta da %n giorno</numerusform>
            <numerusform>Scaduta da %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Scade oggi</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Scade tra %n giorno</numerusform>
            <numerusform>Scade tra %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the referral</source>
        <translation>Apri la segnalazione</translation>
    </message>
</context>
<context>
    <name>ParticipantsTab</name>
    <message>
        <source>on behalf of…</source>
        <translation>in rappresentanza di…</translation>
    </message>
    <message>
        <source>Surname and name</source>
        <translation>Cognome e nome</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenza</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrata</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Uscita</translation>
    </message>
    <message>
        <source>Proxy for</source>
        <translation>Delega per</translation>
    </message>
    <message>
        <source>Invite from the directory…</source>
        <translation>Invita dalla rubrica…</translation>
    </message>
    <message>
        <source>Add someone not in the directory…</source>
        <translation>Aggiungi persona non in rubrica…</translation>
    </message>
    <message>
        <source>Mark the invited as present</source>
        <translation>Segna presenti gli invitati</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Present: %1 (remote: %2) — justified absences: %3 — absent: %4 — not yet recorded: %5</source>
        <translation>Presenti: %1 (da remoto: %2) — assenti giustificati: %3 — assenti: %4 — da registrare: %5</translation>
    </message>
    <message>
        <source>Remove %1 from the participants?</source>
        <translation>Togliere %1 dai partecipanti?</translation>
    </message>
</context>
<context>
    <name>PrivacyWarning</name>
    <message>
        <source>Personal data in the minutes</source>
        <translation>Dati personali nel verbale</translation>
    </message>
    <message>
        <source>Saved, but the minutes must not carry personal data of beneficiaries: refer to referrals by their number only. Please correct:</source>
        <translation>Salvato, ma il verbale non deve contenere dati personali dei beneficiari: indicare le segnalazioni solo con il numero. Correggere:</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>Start time</source>
        <translation>Ora di inizio</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Ora di fine</translation>
    </message>
    <message>
        <source>e.g. The Chair</source>
        <translation>es. Il Presidente</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Aggiungi…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Seduta</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>to</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dalle ore</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Presidente</translation>
    </message>
    <message>
        <source>Minute-taker</source>
        <translation>Segretario verbalizzante</translation>
    </message>
    <message>
        <source>of</source>
        <translation>del</translation>
    </message>
    <message>
        <source>Minutes protocol no.</source>
        <translation>Protocollo del verbale</translation>
    </message>
    <message>
        <source>Convocation</source>
        <translation>Convocazione</translation>
    </message>
    <message>
        <source>Convening body</source>
        <translation>Ente che convoca</translation>
    </message>
    <message>
        <source>Convened by</source>
        <translation>Convocata da</translation>
    </message>
    <message>
        <source>Note prot. no.</source>
        <translation>Nota prot. n.</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Next meeting</source>
        <translation>Prossima riunione</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Argomenti</translation>
    </message>
    <message>
        <source>Attachments (names only)</source>
        <translation>Allegati (solo il nome)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>(a body no longer listed)</source>
        <translation>(ente non più in elenco)</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Allegato</translation>
    </message>
    <message>
        <source>Name of the attachment (the document itself is not stored):</source>
        <translation>Nome dell&apos;allegato (il documento non viene archiviato):</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Aggiungi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Participant not in the directory</source>
        <translation>Partecipante non in rubrica</translation>
    </message>
    <message>
        <source>Surname Name</source>
        <translation>Cognome Nome</translation>
    </message>
    <message>
        <source>Surname and name</source>
        <translation>Cognome e nome</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenza</translation>
    </message>
</context>
</TS>
