<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ConflictsView</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <source>Records in conflict</source>
        <translation>Record in conflitto</translation>
    </message>
    <message>
        <source>There are no conflicts to resolve.</source>
        <translation>Non ci sono conflitti da risolvere.</translation>
    </message>
    <message>
        <source>These fields were changed both on this computer and on another one before they could be synchronised. For each field choose the value to keep, then apply: the choice is sent to the server at the next synchronisation.</source>
        <translation>Questi campi sono stati modificati sia su questo computer sia su un altro prima che potessero essere sincronizzati. Per ogni campo scegliere il valore da tenere, poi applicare: la scelta viene inviata al server alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>&amp;Apply the choices</source>
        <translation>A&amp;pplica le scelte</translation>
    </message>
    <message>
        <source>All from this &amp;computer</source>
        <translation>Tutti da questo &amp;computer</translation>
    </message>
    <message>
        <source>All from the se&amp;rver</source>
        <translation>Tutti dal se&amp;rver</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) to choose</source>
        <translation>
            <numerusform>%n campo da scegliere</numerusform>
            <numerusform>%n campi da scegliere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Connect to the provincial server</source>
        <translation>Collega al server provinciale</translation>
    </message>
    <message>
        <source>Enter the address of the provincial server and the one-time enrollment code received from the Province. The server then tells which site (Ambito, CPI or Province) this computer works for; the access key is kept in the system keyring, never in a file.</source>
        <translation>Indicare l&apos;indirizzo del server provinciale e il codice di registrazione monouso ricevuto dalla Provincia. Il server comunica poi per quale sede (Ambito, CPI o Provincia) lavora questo computer; la chiave di accesso è custodita nel portachiavi di sistema, mai in un file.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Indirizzo del server</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Codice di registrazione</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Indirizzo del server:</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Codice di registrazione:</translation>
    </message>
    <message>
        <source>Contacting the server…</source>
        <translation>Collegamento al server in corso…</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;ollega</translation>
    </message>
    <message>
        <source>Enter the address of the provincial server.</source>
        <translation>Indicare l&apos;indirizzo del server provinciale.</translation>
    </message>
    <message>
        <source>The server address is not valid: %1</source>
        <translation>L&apos;indirizzo del server non è valido: %1</translation>
    </message>
</context>
<context>
    <name>FieldChoice</name>
    <message>
        <source>Keep the value of this computer</source>
        <translation>Tieni il valore di questo computer</translation>
    </message>
    <message>
        <source>Take the value from the server</source>
        <translation>Usa il valore del server</translation>
    </message>
    <message>
        <source>Changed on another computer by %1</source>
        <translation>Modificato su un altro computer da %1</translation>
    </message>
</context>
<context>
    <name>SetAsideModel</name>
    <message>
        <source>Kind of record</source>
        <translation>Tipo di record</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>First received</source>
        <translation>Ricevuto la prima volta</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <source>Record code: %1
Last attempt: %2</source>
        <translation>Codice del record: %1
Ultimo tentativo: %2</translation>
    </message>
</context>
<context>
    <name>SyncArea</name>
    <message>
        <source>Provincial server</source>
        <translation>Server provinciale</translation>
    </message>
    <message>
        <source>&amp;Connect to the provincial server…</source>
        <translation>&amp;Collega al server provinciale…</translation>
    </message>
    <message>
        <source>&amp;Synchronise now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>C&amp;ancel the synchronisation</source>
        <translation>&amp;Annulla la sincronizzazione</translation>
    </message>
    <message>
        <source>C&amp;onflicts…</source>
        <translation>C&amp;onflitti…</translation>
    </message>
    <message>
        <source>Synchronisation &amp;log</source>
        <translation>&amp;Registro della sincronizzazione</translation>
    </message>
    <message>
        <source>S&amp;ynchronisation</source>
        <translation>Si&amp;ncronizzazione</translation>
    </message>
    <message>
        <source>This computer is already connected to %1 for the site %2.</source>
        <translation>Questo computer è già collegato a %1 per la sede %2.</translation>
    </message>
</context>
<context>
    <name>SyncField</name>
    <message>
        <source>Deleted</source>
        <translation>Eliminato</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sesso</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data di nascita</translation>
    </message>
    <message>
        <source>Citizenship</source>
        <translation>Cittadinanza</translation>
    </message>
    <message>
        <source>Residence address</source>
        <translation>Indirizzo di residenza</translation>
    </message>
    <message>
        <source>Residence postcode</source>
        <translation>CAP di residenza</translation>
    </message>
    <message>
        <source>Municipality of residence</source>
        <translation>Comune di residenza</translation>
    </message>
    <message>
        <source>Domicile address</source>
        <translation>Indirizzo di domicilio</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Employment status</source>
        <translation>Condizione occupazionale</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Titolo di studio</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <source>Reason for the referral</source>
        <translation>Motivo della segnalazione</translation>
    </message>
    <message>
        <source>Referring service</source>
        <translation>Servizio inviante</translation>
    </message>
    <message>
        <source>Referring operator</source>
        <translation>Operatore inviante</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Privacy notice handed over on</source>
        <translation>Informativa consegnata il</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Allegati</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Bisogni</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Ricevuta il</translation>
    </message>
    <message>
        <source>Taken in charge on</source>
        <translation>Presa in carico il</translation>
    </message>
    <message>
        <source>Referent</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Outcome date</source>
        <translation>Data dell&apos;esito</translation>
    </message>
    <message>
        <source>Notes on the outcome</source>
        <translation>Note sull&apos;esito</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Data di inizio</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Data di fine</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>Tenuta il</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Field «%1»</source>
        <translation>Campo «%1»</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vuoto)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Not connected to the server</source>
        <translation>Non collegato al server</translation>
    </message>
    <message>
        <source>This computer is not enrolled with the provincial server: click to enroll.</source>
        <translation>Questo computer non è registrato presso il server provinciale: fare clic per collegarlo.</translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>Sincronizzazione in corso…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Synchronisation failed</source>
        <translation>Sincronizzazione non riuscita</translation>
    </message>
    <message>
        <source>Never synchronised</source>
        <translation>Mai sincronizzato</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n modifica da inviare</numerusform>
            <numerusform>%n modifiche da inviare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflitto</numerusform>
            <numerusform>%n conflitti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) set aside</source>
        <translation>
            <numerusform>%n record messo da parte</numerusform>
            <numerusform>%n record messi da parte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) received from the server could not be saved on this computer: they are tried again at every synchronisation. The reason is in Synchronisation &gt; Synchronisation log.</source>
        <translation>
            <numerusform>%n record arrivato dal server non è stato salvato su questo computer: viene ritentato a ogni sincronizzazione. Il motivo è in Sincronizzazione &gt; Registro della sincronizzazione.</numerusform>
            <numerusform>%n record arrivati dal server non sono stati salvati su questo computer: vengono ritentati a ogni sincronizzazione. Il motivo è in Sincronizzazione &gt; Registro della sincronizzazione.</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated at %1</source>
        <translation>Aggiornato alle %1</translation>
    </message>
    <message>
        <source>Updated on %1 at %2</source>
        <translation>Aggiornato il %1 alle %2</translation>
    </message>
    <message>
        <source>Synchronisation progress</source>
        <translation>Avanzamento della sincronizzazione</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Stop the synchronisation in progress</source>
        <translation>Interrompe la sincronizzazione in corso</translation>
    </message>
    <message>
        <source>Synchronise now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <source>Exchange changes with the provincial server now (F9)</source>
        <translation>Scambia subito le modifiche con il server provinciale (F9)</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <source>Date and time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operazione</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rifiutati</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Ricezione</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completata</translation>
    </message>
    <message>
        <source>Completed with differences</source>
        <translation>Completata con differenze</translation>
    </message>
    <message>
        <source>Server not reachable</source>
        <translation>Server non raggiungibile</translation>
    </message>
    <message>
        <source>Server unavailable</source>
        <translation>Server non disponibile</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Rifiutata dal server</translation>
    </message>
    <message>
        <source>Not authorised</source>
        <translation>Non autorizzato</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <source>Keyring unavailable</source>
        <translation>Portachiavi non disponibile</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Non registrato</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscita</translation>
    </message>
</context>
<context>
    <name>SyncLogView</name>
    <message>
        <source>These records were received from the server but could not be saved on this computer. Nothing is lost: they stay on the server and are tried again at every synchronisation. If one stays here, tell the Province&apos;s administrator its code (point at the row to see it).</source>
        <translation>Questi record sono arrivati dal server ma non è stato possibile salvarli su questo computer. Non si perde nulla: restano sul server e vengono ritentati a ogni sincronizzazione. Se uno resta qui, comunicarne il codice all&apos;amministratore della Provincia (si vede passando con il mouse sulla riga).</translation>
    </message>
    <message>
        <source>Records set aside</source>
        <translation>Record messi da parte</translation>
    </message>
    <message>
        <source>Synchronisation log</source>
        <translation>Registro della sincronizzazione</translation>
    </message>
    <message>
        <source>Synchronisations, the newest first</source>
        <translation>Sincronizzazioni, dalla più recente</translation>
    </message>
    <message>
        <source>Records set aside (%1)</source>
        <translation>Record messi da parte (%1)</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Provincial server</source>
        <translation>Server provinciale</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Sede:</translation>
    </message>
    <message>
        <source>Last synchronisation:</source>
        <translation>Ultima sincronizzazione:</translation>
    </message>
    <message>
        <source>Waiting:</source>
        <translation>In attesa:</translation>
    </message>
    <message>
        <source>Last result:</source>
        <translation>Ultimo esito:</translation>
    </message>
    <message>
        <source>C&amp;onnect to the provincial server…</source>
        <translation>C&amp;ollega al server provinciale…</translation>
    </message>
    <message>
        <source>&amp;Synchronise now</source>
        <translation>Sincroni&amp;zza ora</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ann&amp;ulla</translation>
    </message>
    <message>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Automatic synchronisation every</source>
        <translation>Sincronizzazione automatica ogni</translation>
    </message>
    <message>
        <source>&amp;Automatically every:</source>
        <translation>Automatica o&amp;gni:</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <source>Synchronisation log</source>
        <translation>Registro della sincronizzazione</translation>
    </message>
    <message>
        <source>not connected: enroll this computer first</source>
        <translation>non collegato: registrare prima questo computer</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n modifica da inviare</numerusform>
            <numerusform>%n modifiche da inviare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflitto da risolvere</numerusform>
            <numerusform>%n conflitti da risolvere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) received and set aside</source>
        <translation>
            <numerusform>%n record ricevuto e messo da parte</numerusform>
            <numerusform>%n record ricevuti e messi da parte</numerusform>
        </translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Conflitti (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Synchronisation log (%n set aside)</source>
        <translation>
            <numerusform>Registro della sincronizzazione (%n messo da parte)</numerusform>
            <numerusform>Registro della sincronizzazione (%n messi da parte)</numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>Sincronizzazione in corso…</translation>
    </message>
</context>
<context>
    <name>SyncRecord</name>
    <message>
        <source>Referral %1</source>
        <translation>Segnalazione %1</translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation>Persona %1</translation>
    </message>
    <message>
        <source>Organisation %1</source>
        <translation>Ente %1</translation>
    </message>
    <message>
        <source>Contact %1</source>
        <translation>Contatto %1</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>Progetto %1</translation>
    </message>
    <message>
        <source>Meeting %1</source>
        <translation>Riunione %1</translation>
    </message>
    <message>
        <source>Handling of a referral (%1)</source>
        <translation>Gestione di una segnalazione (%1)</translation>
    </message>
    <message>
        <source>Path action (%1)</source>
        <translation>Azione del percorso (%1)</translation>
    </message>
    <message>
        <source>Record %1 (%2)</source>
        <translation>Record %1 (%2)</translation>
    </message>
</context>
<context>
    <name>SyncTable</name>
    <message>
        <source>Ambito territoriale</source>
        <translation>Ambito territoriale</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Job centre (CPI)</source>
        <translation>Centro per l&apos;Impiego (CPI)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Sede</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contatto</translation>
    </message>
    <message>
        <source>Referent</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Retention rule</source>
        <translation>Regola di conservazione</translation>
    </message>
    <message>
        <source>Municipality served by a CPI</source>
        <translation>Comune di competenza di un CPI</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <source>Change of state of a referral</source>
        <translation>Cambio di stato di una segnalazione</translation>
    </message>
    <message>
        <source>Handling of a referral</source>
        <translation>Gestione di una segnalazione</translation>
    </message>
    <message>
        <source>Path action</source>
        <translation>Azione del percorso</translation>
    </message>
    <message>
        <source>Privacy notice handed over</source>
        <translation>Consegna dell&apos;informativa privacy</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Progetto</translation>
    </message>
    <message>
        <source>Project partner</source>
        <translation>Partner di progetto</translation>
    </message>
    <message>
        <source>Project funding</source>
        <translation>Finanziamento di progetto</translation>
    </message>
    <message>
        <source>Project activity</source>
        <translation>Attività di progetto</translation>
    </message>
    <message>
        <source>Project indicator</source>
        <translation>Indicatore di progetto</translation>
    </message>
    <message>
        <source>Project beneficiary</source>
        <translation>Beneficiario di progetto</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Riunione</translation>
    </message>
    <message>
        <source>Meeting participant</source>
        <translation>Partecipante a una riunione</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>Punto all&apos;ordine del giorno</translation>
    </message>
    <message>
        <source>Action from the minutes</source>
        <translation>Azione del verbale</translation>
    </message>
    <message>
        <source>Referral route</source>
        <translation>Percorso di segnalazione</translation>
    </message>
    <message>
        <source>Referral to the social services</source>
        <translation>Segnalazione ai servizi sociali</translation>
    </message>
    <message>
        <source>Answer to a social referral</source>
        <translation>Risposta a una segnalazione ai servizi sociali</translation>
    </message>
    <message>
        <source>Goal of a shared plan</source>
        <translation>Obiettivo di un progetto condiviso</translation>
    </message>
    <message>
        <source>Action of a shared plan</source>
        <translation>Azione di un progetto condiviso</translation>
    </message>
    <message>
        <source>Joint interview</source>
        <translation>Colloquio congiunto</translation>
    </message>
    <message>
        <source>Review of a shared plan</source>
        <translation>Verifica di un progetto condiviso</translation>
    </message>
    <message>
        <source>Record of a kind unknown to this version</source>
        <translation>Record di un tipo sconosciuto a questa versione</translation>
    </message>
</context>
</TS>
