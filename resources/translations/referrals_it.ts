<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ActionsSection</name>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Finanziamento</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Ore</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Path actions</source>
        <translation>Azioni del percorso</translation>
    </message>
    <message>
        <source>&amp;Add action…</source>
        <translation>&amp;Aggiungi azione…</translation>
    </message>
    <message>
        <source>Chan&amp;ge action…</source>
        <translation>&amp;Modifica azione…</translation>
    </message>
    <message>
        <source>Remo&amp;ve action</source>
        <translation>&amp;Elimina azione</translation>
    </message>
</context>
<context>
    <name>CmdSection</name>
    <message>
        <source>Special-category data (GDPR art. 9): only the category, the percentage, the dates and coded indications. Do not enter diagnoses or other health data.</source>
        <translation>Dati di categoria particolare (art. 9 GDPR): solo categoria, percentuale, date e indicazioni codificate. Non inserire diagnosi né altri dati sanitari.</translation>
    </message>
    <message>
        <source>Civil invalidity</source>
        <translation>Invalidità civile</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Percentage of invalidity</source>
        <translation>Percentuale di invalidità</translation>
    </message>
    <message>
        <source>Civil-invalidity report of</source>
        <translation>Verbale di invalidità civile del</translation>
    </message>
    <message>
        <source>Revision due on</source>
        <translation>Revisione prevista il</translation>
    </message>
    <message>
        <source>Assessment under L. 68/1999</source>
        <translation>Accertamento L. 68/1999</translation>
    </message>
    <message>
        <source>Assessment report for targeted placement seen</source>
        <translation>Verbale di accertamento per il collocamento mirato visionato</translation>
    </message>
    <message>
        <source>Functional diagnosis seen</source>
        <translation>Diagnosi funzionale visionata</translation>
    </message>
    <message>
        <source>Final report (relazione conclusiva) seen</source>
        <translation>Relazione conclusiva visionata</translation>
    </message>
    <message>
        <source>Placement indications</source>
        <translation>Indicazioni per il collocamento</translation>
    </message>
    <message>
        <source>Compatible tasks</source>
        <translation>Mansioni compatibili</translation>
    </message>
    <message>
        <source>Supports needed</source>
        <translation>Supporti necessari</translation>
    </message>
    <message>
        <source>Working conditions only, e.g. day shifts, no customer contact</source>
        <translation>Solo condizioni di lavoro, es. turni diurni, nessun contatto con il pubblico</translation>
    </message>
    <message>
        <source>Note on placement</source>
        <translation>Note sul collocamento</translation>
    </message>
    <message>
        <source>Note (no diagnosis)</source>
        <translation>Note (nessuna diagnosi)</translation>
    </message>
    <message>
        <source>L. 68/1999 requires more than %1%.</source>
        <translation>La L. 68/1999 richiede una percentuale superiore al %1%.</translation>
    </message>
    <message>
        <source>Admitted by the categories of the war-pension tables (1st to 8th): no minimum percentage.</source>
        <translation>Ammessi in base alle categorie delle tabelle delle pensioni di guerra (dalla 1ª all&apos;8ª): nessuna percentuale minima.</translation>
    </message>
    <message>
        <source>Admitted by the condition itself: no minimum percentage.</source>
        <translation>Ammessi per la condizione stessa: nessuna percentuale minima.</translation>
    </message>
    <message>
        <source>The registration precedes the DID of %1: registration requires the unemployed condition, check the dates.</source>
        <translation>L&apos;iscrizione precede la DID del %1: l&apos;iscrizione presuppone lo stato di disoccupazione, verificare le date.</translation>
    </message>
    <message>
        <source>Registered in the L. 68 list on</source>
        <translation>Iscrizione nell&apos;elenco L. 68 il</translation>
    </message>
    <message>
        <source>%1: date</source>
        <translation>%1: data</translation>
    </message>
</context>
<context>
    <name>DuplicateNotice</name>
    <message>
        <source>&amp;Use this person</source>
        <translation>&amp;Usa questa persona</translation>
    </message>
    <message>
        <source>This tax code belongs to %1 (born on %2), whose processing is restricted (GDPR art. 18): the person cannot be referred.</source>
        <translation>Questo codice fiscale appartiene a %1 (data di nascita %2), il cui trattamento è limitato (art. 18 GDPR): la persona non può essere segnalata.</translation>
    </message>
    <message>
        <source>This tax code is already registered for %1, born on %2. Use that person rather than entering them twice.</source>
        <translation>Questo codice fiscale è già registrato per %1 (data di nascita %2). Usare quella persona invece di inserirla una seconda volta.</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
    <message>
        <source>New referral</source>
        <translation>Nuova segnalazione</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Da %1</translation>
    </message>
    <message>
        <source>Referral %1</source>
        <translation>Segnalazione %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>da %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>a %1</translation>
    </message>
    <message>
        <source>created on %1</source>
        <translation>creata il %1</translation>
    </message>
    <message>
        <source>sent on %1</source>
        <translation>inviata il %1</translation>
    </message>
</context>
<context>
    <name>EditorLauncher</name>
    <message>
        <source>The referral routes the Province has set do not let this office send referrals.</source>
        <translation>I percorsi di segnalazione stabiliti dalla Provincia non consentono a questo ufficio di inviare segnalazioni.</translation>
    </message>
    <message>
        <source>Write a new referral (Ctrl+N)</source>
        <translation>Scrivi una nuova segnalazione (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;New referral…</source>
        <translation>&amp;Nuova segnalazione…</translation>
    </message>
</context>
<context>
    <name>EditorTabs</name>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>Targeted placement (CMD)</source>
        <translation>Collocamento mirato (CMD)</translation>
    </message>
    <message>
        <source>Taking in charge and outcome</source>
        <translation>Presa in carico ed esito</translation>
    </message>
    <message>
        <source>Path actions</source>
        <translation>Azioni del percorso</translation>
    </message>
    <message>
        <source>Shared plan</source>
        <translation>Progetto condiviso</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Ctrl+Tab and Ctrl+Shift+Tab move between the tabs.</source>
        <translation>Ctrl+Tab e Ctrl+Maiusc+Tab passano da una scheda all&apos;altra.</translation>
    </message>
</context>
<context>
    <name>EditorWork</name>
    <message>
        <source>Some fields need attention: see the messages beside them.</source>
        <translation>Alcuni campi vanno corretti: vedere i messaggi accanto a ciascuno.</translation>
    </message>
    <message>
        <source>The tax code does not match the data typed: check it, or give the reason for confirming it (at least 5 characters).</source>
        <translation>Il codice fiscale non corrisponde ai dati inseriti: verificarlo, oppure indicare il motivo per cui lo si conferma (almeno 5 caratteri).</translation>
    </message>
    <message>
        <source>Before sending, enter the date the privacy notice was handed over.</source>
        <translation>Prima dell&apos;invio indicare la data di consegna dell&apos;informativa privacy.</translation>
    </message>
    <message>
        <source>Before sending, enter the reason for the referral.</source>
        <translation>Prima dell&apos;invio indicare il motivo della segnalazione.</translation>
    </message>
    <message>
        <source>Remove the selected path action?</source>
        <translation>Eliminare l&apos;azione del percorso selezionata?</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Shared goal</source>
        <translation>Obiettivo condiviso</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Reached on</source>
        <translation>Raggiunto il</translation>
    </message>
</context>
<context>
    <name>HandlingSection</name>
    <message>
        <source>Taking in charge</source>
        <translation>Presa in carico</translation>
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
        <source>Personalised service pact signed on</source>
        <translation>Patto di servizio personalizzato del</translation>
    </message>
    <message>
        <source>Outcome of the path</source>
        <translation>Esito del percorso</translation>
    </message>
    <message>
        <source>The outcome is recorded when the path is concluded (the Conclude button).</source>
        <translation>L&apos;esito si registra alla conclusione del percorso (pulsante «Concludi»).</translation>
    </message>
    <message>
        <source>Follow-up at 6 months</source>
        <translation>Verifica a 6 mesi</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Prevista il</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Fatta il</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Esito della verifica</translation>
    </message>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
    </message>
    <message>
        <source>after the outcome</source>
        <translation>dopo l&apos;esito</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>Joint interview</source>
        <translation>Colloquio congiunto</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>One a line: First name Last name (organisation)</source>
        <translation>Uno per riga: Nome Cognome (ente)</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Partecipanti</translation>
    </message>
    <message>
        <source>The person took part</source>
        <translation>La persona era presente</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sintesi</translation>
    </message>
</context>
<context>
    <name>JointPlanTab</name>
    <message>
        <source>&amp;Print the plan…</source>
        <translation>&amp;Stampa il progetto…</translation>
    </message>
    <message>
        <source>Shared goals</source>
        <translation>Obiettivi condivisi</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Reached on</source>
        <translation>Raggiunto il</translation>
    </message>
    <message>
        <source>Add goal…</source>
        <translation>Aggiungi obiettivo…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Actions: who does what by when</source>
        <translation>Azioni: chi fa che cosa, entro quando</translation>
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
        <source>Due by</source>
        <translation>Entro il</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Add action…</source>
        <translation>Aggiungi azione…</translation>
    </message>
    <message>
        <source>Joint interviews</source>
        <translation>Colloqui congiunti</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Luogo</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Partecipanti</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Add interview…</source>
        <translation>Aggiungi colloquio…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Verifiche</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Prossima verifica</translation>
    </message>
    <message>
        <source>Add review…</source>
        <translation>Aggiungi verifica…</translation>
    </message>
    <message>
        <source>The plan is shared by %1 and %2: each writes its own entries; those of the other are shown in grey and only they can change them.</source>
        <translation>Il progetto è condiviso da %1 e %2: ciascuno scrive le proprie voci; quelle dell&apos;altro ente sono in grigio e solo chi le ha scritte può modificarle.</translation>
    </message>
    <message>
        <source>The plan can be read and printed, not changed.</source>
        <translation>Il progetto si può consultare e stampare, non modificare.</translation>
    </message>
    <message numerus="yes">
        <source>%n goal(s)</source>
        <translation>
            <numerusform>%n obiettivo</numerusform>
            <numerusform>%n obiettivi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n azione</numerusform>
            <numerusform>%n azioni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n scaduta</numerusform>
            <numerusform>%n scadute</numerusform>
        </translation>
    </message>
    <message>
        <source>next review: %1</source>
        <translation>prossima verifica: %1</translation>
    </message>
    <message>
        <source>present</source>
        <translation>presente</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>assente</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Scaduta</translation>
    </message>
    <message>
        <source>Done on %1</source>
        <translation>Svolta il %1</translation>
    </message>
    <message>
        <source>Remove the selected goal?</source>
        <translation>Eliminare l&apos;obiettivo selezionato?</translation>
    </message>
    <message>
        <source>Remove the selected action?</source>
        <translation>Eliminare l&apos;azione selezionata?</translation>
    </message>
    <message>
        <source>Remove the selected joint interview?</source>
        <translation>Eliminare il colloquio congiunto selezionato?</translation>
    </message>
    <message>
        <source>Remove the selected review?</source>
        <translation>Eliminare la verifica selezionata?</translation>
    </message>
    <message>
        <source>Shared plan</source>
        <translation>Progetto condiviso</translation>
    </message>
</context>
<context>
    <name>LifecycleBar</name>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Invia…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Annulla segnalazione…</translation>
    </message>
    <message>
        <source>Mark as &amp;received…</source>
        <translation>Segna come &amp;ricevuta…</translation>
    </message>
    <message>
        <source>&amp;Take in charge…</source>
        <translation>&amp;Prendi in carico…</translation>
    </message>
    <message>
        <source>Start the &amp;path…</source>
        <translation>Avvia il &amp;percorso…</translation>
    </message>
    <message>
        <source>C&amp;onclude…</source>
        <translation>&amp;Concludi…</translation>
    </message>
    <message>
        <source>Ret&amp;urn to sender…</source>
        <translation>Res&amp;tituisci al mittente…</translation>
    </message>
    <message>
        <source>&amp;Not relevant…</source>
        <translation>&amp;Non pertinente…</translation>
    </message>
</context>
<context>
    <name>NeetSection</name>
    <message>
        <source>Situation</source>
        <translation>Situazione</translation>
    </message>
    <message>
        <source>Out of work since</source>
        <translation>Senza lavoro dal</translation>
    </message>
    <message>
        <source>Out of education and training since</source>
        <translation>Fuori da istruzione e formazione dal</translation>
    </message>
    <message>
        <source>Early school leaver</source>
        <translation>Abbandono scolastico precoce</translation>
    </message>
    <message>
        <source>Youth Guarantee adhesion on</source>
        <translation>Adesione a Garanzia Giovani il</translation>
    </message>
    <message>
        <source>Youth Guarantee status</source>
        <translation>Stato in Garanzia Giovani</translation>
    </message>
    <message>
        <source>Profiling class</source>
        <translation>Classe di profilazione</translation>
    </message>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
    </message>
    <message>
        <source>Path %1</source>
        <translation>Percorso %1</translation>
    </message>
    <message>
        <source>GOL path</source>
        <translation>Percorso GOL</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Bisogni</translation>
    </message>
    <message>
        <source>Other services already involved</source>
        <translation>Altri servizi già coinvolti</translation>
    </message>
    <message>
        <source>Health data (GDPR art. 9): tick these only if the path needs them. Do not enter diagnoses; they are left out of exports without sensitive columns.</source>
        <translation>Dati sanitari (art. 9 GDPR): spuntarli solo se servono al percorso. Non inserire diagnosi; sono esclusi dalle esportazioni senza colonne sensibili.</translation>
    </message>
    <message>
        <source>Health data (special category, GDPR art. 9)</source>
        <translation>Dato sanitario (categoria particolare, art. 9 GDPR)</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mese</numerusform>
            <numerusform>%n mesi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeFields</name>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Outcome date</source>
        <translation>Data dell&apos;esito</translation>
    </message>
    <message>
        <source>Contract type</source>
        <translation>Tipo di contratto</translation>
    </message>
    <message>
        <source>Counted in the L. 68 quota</source>
        <translation>Computato nella quota d&apos;obbligo L. 68</translation>
    </message>
    <message>
        <source>L. 68 hiring mode</source>
        <translation>Modalità di assunzione L. 68</translation>
    </message>
    <message>
        <source>Employer type</source>
        <translation>Tipo di datore di lavoro</translation>
    </message>
    <message>
        <source>Notes on the outcome</source>
        <translation>Note sull&apos;esito</translation>
    </message>
    <message>
        <source>Choose the outcome.</source>
        <translation>Scegliere l&apos;esito.</translation>
    </message>
    <message>
        <source>Enter the date of the outcome.</source>
        <translation>Indicare la data dell&apos;esito.</translation>
    </message>
</context>
<context>
    <name>PathActionDialog</name>
    <message>
        <source>New path action</source>
        <translation>Nuova azione del percorso</translation>
    </message>
    <message>
        <source>Path action</source>
        <translation>Azione del percorso</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Type to search the directory</source>
        <translation>Scrivere per cercare nella rubrica</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>For example: Youth Guarantee, GOL, Dote Unica</source>
        <translation>Ad esempio: Garanzia Giovani, GOL, Dote Unica</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Finanziamento</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Ore</translation>
    </message>
    <message>
        <source>Outcome of the action</source>
        <translation>Esito dell&apos;azione</translation>
    </message>
    <message>
        <source>Not in the directory: choose the provider from the list.</source>
        <translation>Ente non presente in rubrica: sceglierlo dall&apos;elenco.</translation>
    </message>
</context>
<context>
    <name>PersonBlock</name>
    <message>
        <source>For example: checked on the identity document</source>
        <translation>Ad esempio: verificato sul documento d&apos;identità</translation>
    </message>
    <message>
        <source>Reason for confirming</source>
        <translation>Motivo della conferma</translation>
    </message>
    <message>
        <source>To save anyway, give the reason for confirming below.</source>
        <translation>Per salvare comunque, indicare qui sotto il motivo della conferma.</translation>
    </message>
</context>
<context>
    <name>PlanActionDialog</name>
    <message>
        <source>Action of the shared plan</source>
        <translation>Azione del progetto condiviso</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>— no goal in particular —</source>
        <translation>— nessun obiettivo in particolare —</translation>
    </message>
    <message>
        <source>For the goal</source>
        <translation>Per l&apos;obiettivo</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— scegliere —</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Type to search the directory</source>
        <translation>Digitare per cercare nella rubrica</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Operator or family member in charge</source>
        <translation>Operatore o familiare incaricato</translation>
    </message>
    <message>
        <source>Person in charge</source>
        <translation>Incaricato</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Entro il</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Svolta il</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Not in the directory: choose the provider from the list.</source>
        <translation>Non è nella rubrica: scegliere l&apos;ente dall&apos;elenco.</translation>
    </message>
</context>
<context>
    <name>PlanSection</name>
    <message>
        <source>Written by</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>Written by %1: only they can change it.</source>
        <translation>Voce scritta da %1: solo chi l&apos;ha scritta può modificarla.</translation>
    </message>
</context>
<context>
    <name>ReadOnlyNotices</name>
    <message>
        <source>Processing of this referral is restricted (GDPR art. 18): it cannot be changed, exported or printed. Reason: %1</source>
        <translation>Il trattamento di questa segnalazione è limitato (art. 18 GDPR): non può essere modificata, esportata né stampata. Motivo: %1</translation>
    </message>
    <message>
        <source>Processing of this person&apos;s data is restricted (GDPR art. 18): the referral cannot be changed, exported or printed. Reason: %1</source>
        <translation>Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): la segnalazione non può essere modificata, esportata né stampata. Motivo: %1</translation>
    </message>
    <message>
        <source>No referral route the Province has set lets this CPI send referrals: they are created by the offices that send them.</source>
        <translation>Nessun percorso di segnalazione stabilito dalla Provincia consente a questo CPI di inviare segnalazioni: le creano gli uffici che le inviano.</translation>
    </message>
    <message>
        <source>This installation is neither the sending office nor the addressed CPI: the referral is read-only.</source>
        <translation>Questa postazione non è né l&apos;ufficio inviante né il CPI destinatario: la segnalazione è in sola lettura.</translation>
    </message>
    <message>
        <source>The referral was sent by another office (%1): it is read-only here.</source>
        <translation>La segnalazione è stata inviata da un altro ufficio (%1): qui è in sola lettura.</translation>
    </message>
    <message>
        <source>The referral has been sent: its data can be changed only if the CPI returns it.</source>
        <translation>La segnalazione è stata inviata: i suoi dati si possono modificare solo se il CPI la restituisce.</translation>
    </message>
    <message>
        <source>The referral is closed (%1): it is read-only.</source>
        <translation>La segnalazione è chiusa (%1): è in sola lettura.</translation>
    </message>
    <message>
        <source>The referral&apos;s data belong to the office that sent it: the CPI records the taking in charge, the path actions and the outcome.</source>
        <translation>I dati della segnalazione appartengono all&apos;ufficio che l&apos;ha inviata: il CPI registra la presa in carico, le azioni del percorso e l&apos;esito.</translation>
    </message>
    <message>
        <source>The referral is addressed to another CPI (%1): it is read-only here.</source>
        <translation>La segnalazione è indirizzata a un altro CPI (%1): qui è in sola lettura.</translation>
    </message>
    <message>
        <source>Mark the referral as received before taking it in charge.</source>
        <translation>Prima della presa in carico, segnare la segnalazione come ricevuta.</translation>
    </message>
</context>
<context>
    <name>ReferralEditor</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Salva (Ctrl+S)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;hiudi</translation>
    </message>
    <message>
        <source>The referral has unsaved changes. Save them before closing?</source>
        <translation>La segnalazione ha modifiche non salvate. Salvarle prima di chiudere?</translation>
    </message>
    <message>
        <source>Do&amp;n&apos;t save</source>
        <translation>&amp;Non salvare</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>ReferralExport</name>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
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
        <source>Days in status</source>
        <translation>Giorni nello stato</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data di nascita</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Età</translation>
    </message>
    <message>
        <source>Comune of residence</source>
        <translation>Comune di residenza</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Sending site</source>
        <translation>Sede inviante</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Inviata il</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Bisogni</translation>
    </message>
    <message>
        <source>Other services involved</source>
        <translation>Altri servizi coinvolti</translation>
    </message>
    <message>
        <source>Disability category</source>
        <translation>Categoria di invalidità</translation>
    </message>
    <message>
        <source>Disability percentage</source>
        <translation>Percentuale di invalidità</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Esporta l&apos;elenco</translation>
    </message>
    <message>
        <source>Exporting the referrals…</source>
        <translation>Esportazione delle segnalazioni in corso…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s) exported to %1.</source>
        <translation>
            <numerusform>%n segnalazione esportata in %1.</numerusform>
            <numerusform>%n segnalazioni esportate in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file %1 could not be written.</source>
        <translation>Non è stato possibile scrivere il file %1.</translation>
    </message>
</context>
<context>
    <name>ReferralExportDialog</name>
    <message>
        <source>Export the list</source>
        <translation>Esporta l&apos;elenco</translation>
    </message>
    <message>
        <source>The referrals shown in the list (%1) are exported in the order shown. Referrals and persons whose processing is restricted are never exported.</source>
        <translation>Vengono esportate le segnalazioni mostrate nell&apos;elenco (%1), nell&apos;ordine in cui compaiono. Le segnalazioni e le persone con trattamento limitato non vengono mai esportate.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>&amp;Excel workbook (.xlsx)</source>
        <translation>Cartella di lavoro &amp;Excel (.xlsx)</translation>
    </message>
    <message>
        <source>&amp;CSV file (.csv, separated by semicolons)</source>
        <translation>File &amp;CSV (.csv, separato da punto e virgola)</translation>
    </message>
    <message>
        <source>&amp;Include sensitive data</source>
        <translation>&amp;Includi dati identificativi, recapiti e categorie particolari di dati</translation>
    </message>
    <message>
        <source>Tax code, date of birth and age, address, phone, e-mail and disability data. Include them only if the recipient needs them, and keep the file safe.</source>
        <translation>Codice fiscale, data di nascita ed età, indirizzo, telefono, e-mail e dati sull&apos;invalidità. Includerli solo se chi riceve il file ne ha bisogno, e conservare il file in modo sicuro.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>referrals</source>
        <translation>segnalazioni</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Sfoglia…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La cartella %1 non esiste.</translation>
    </message>
</context>
<context>
    <name>ReferralFilterBar</name>
    <message>
        <source>All tracks</source>
        <translation>Tutti i percorsi</translation>
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
        <source>All statuses</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Ambito</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Qualsiasi data</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Ultimo mese</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Ultimi 3 mesi</translation>
    </message>
    <message>
        <source>Current year</source>
        <translation>Anno corrente</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Date a scelta</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>Create dal</translation>
    </message>
    <message>
        <source>Created up to</source>
        <translation>Create fino al</translation>
    </message>
    <message>
        <source>Sent by my office</source>
        <translation>Inviate dal mio ufficio</translation>
    </message>
    <message>
        <source>Addressed to my CPI</source>
        <translation>Indirizzate al mio CPI</translation>
    </message>
    <message>
        <source>Show restricted too</source>
        <translation>Mostra anche i limitati</translation>
    </message>
    <message>
        <source>Also list referrals and persons whose processing is restricted (GDPR art. 18)</source>
        <translation>Elenca anche le segnalazioni e le persone con trattamento limitato (art. 18 GDPR)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Azzera filtri</translation>
    </message>
    <message>
        <source>&amp;Track:</source>
        <translation>&amp;Percorso:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>S&amp;tato:</translation>
    </message>
    <message>
        <source>CP&amp;I:</source>
        <translation>CP&amp;I:</translation>
    </message>
    <message>
        <source>&amp;Ambito:</source>
        <translation>A&amp;mbito:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>Peri&amp;odo:</translation>
    </message>
    <message>
        <source>from</source>
        <translation>dal</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>All CPIs</source>
        <translation>Tutti i CPI</translation>
    </message>
    <message>
        <source>All Ambiti</source>
        <translation>Tutti gli Ambiti</translation>
    </message>
    <message>
        <source>This workstation does not belong to a CPI</source>
        <translation>Questa postazione non appartiene a un CPI</translation>
    </message>
    <message numerus="yes">
        <source>%n statuses</source>
        <translation>
            <numerusform>%n stato</numerusform>
            <numerusform>%n stati</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralListModel</name>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Età</translation>
    </message>
    <message>
        <source>Comune</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Days in status</source>
        <translation>Giorni nello stato</translation>
    </message>
    <message>
        <source>Processing restricted (GDPR art. 18)</source>
        <translation>Trattamento limitato (art. 18 GDPR)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
</context>
<context>
    <name>ReferralListView</name>
    <message>
        <source>Search by name, tax code or number</source>
        <translation>Cerca per nome, codice fiscale o numero</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;sporta…</translation>
    </message>
    <message>
        <source>Export the list as shown to Excel or CSV</source>
        <translation>Esporta l&apos;elenco così come è mostrato in Excel o CSV</translation>
    </message>
    <message>
        <source>&amp;New referral</source>
        <translation>&amp;Nuova segnalazione</translation>
    </message>
    <message>
        <source>Write a new referral (Ctrl+N)</source>
        <translation>Scrivi una nuova segnalazione (Ctrl+N)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Remove the monitoring filter</source>
        <translation>Rimuovi il filtro del monitoraggio</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Segnalazioni</translation>
    </message>
    <message>
        <source>Restore default columns</source>
        <translation>Ripristina le colonne predefinite</translation>
    </message>
    <message>
        <source>sent by %1</source>
        <translation>inviate da %1</translation>
    </message>
    <message>
        <source>a CPI no longer listed</source>
        <translation>un CPI non più in elenco</translation>
    </message>
    <message>
        <source>an Ambito no longer listed</source>
        <translation>un Ambito non più in elenco</translation>
    </message>
    <message>
        <source>created from %1</source>
        <translation>create dal %1</translation>
    </message>
    <message>
        <source>created up to %1</source>
        <translation>create fino al %1</translation>
    </message>
    <message>
        <source>Filter from the monitoring page, shown in the filters above.</source>
        <translation>Filtro dal monitoraggio, mostrato nei filtri qui sopra.</translation>
    </message>
    <message>
        <source>Filter from the monitoring page: %1 (and the filters above).</source>
        <translation>Filtro dal monitoraggio: %1 (e i filtri qui sopra).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln referral(s)</source>
        <translation>
            <numerusform>%Ln segnalazione</numerusform>
            <numerusform>%Ln segnalazioni</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 referrals, counting…</source>
        <translation>oltre %1 segnalazioni, conteggio in corso…</translation>
    </message>
    <message>
        <source>No referral matches these filters. Change the filters.</source>
        <translation>Nessuna segnalazione con questi filtri. Cambiare i filtri.</translation>
    </message>
    <message>
        <source>No referrals yet. Create the first with «New referral».</source>
        <translation>Nessuna segnalazione. Creare la prima con «Nuova segnalazione».</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Apri</translation>
    </message>
    <message>
        <source>&amp;Lift restriction…</source>
        <translation>&amp;Revoca la limitazione…</translation>
    </message>
    <message>
        <source>&amp;Restrict processing…</source>
        <translation>&amp;Limita il trattamento…</translation>
    </message>
    <message>
        <source>this referral</source>
        <translation>questa segnalazione</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>The list is empty.</source>
        <translation>L&apos;elenco è vuoto.</translation>
    </message>
</context>
<context>
    <name>ReferralSection</name>
    <message>
        <source>Sending</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Referring service</source>
        <translation>Servizio inviante</translation>
    </message>
    <message>
        <source>For example: basic social service</source>
        <translation>Ad esempio: servizio sociale di base</translation>
    </message>
    <message>
        <source>Referring operator</source>
        <translation>Operatore inviante</translation>
    </message>
    <message>
        <source>Addressed CPI</source>
        <translation>CPI destinatario</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <source>Privacy notice handed over on</source>
        <translation>Informativa privacy consegnata il</translation>
    </message>
    <message>
        <source>Reason for the referral</source>
        <translation>Motivo della segnalazione</translation>
    </message>
    <message>
        <source>Do not enter diagnoses or health data.</source>
        <translation>Non inserire diagnosi o dati sanitari.</translation>
    </message>
    <message>
        <source>Attachments (names only)</source>
        <translation>Allegati (solo i nomi)</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Allegati</translation>
    </message>
    <message>
        <source>Attachment name</source>
        <translation>Nome dell&apos;allegato</translation>
    </message>
    <message>
        <source>For example: CV</source>
        <translation>Ad esempio: curriculum</translation>
    </message>
    <message>
        <source>Add attac&amp;hment</source>
        <translation>Aggiungi a&amp;llegato</translation>
    </message>
    <message>
        <source>Remo&amp;ve attachment</source>
        <translation>Rimuo&amp;vi allegato</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 di %2 caratteri</translation>
    </message>
    <message>
        <source>The competent CPI cannot be derived from the residence: choose it above.</source>
        <translation>Non è possibile ricavare il CPI competente dalla residenza: sceglierlo qui sopra.</translation>
    </message>
    <message>
        <source>Competent CPI for the residence.</source>
        <translation>CPI competente per la residenza.</translation>
    </message>
    <message>
        <source>Chosen instead of the CPI competent for the residence (%1).</source>
        <translation>Scelto al posto del CPI competente per la residenza (%1).</translation>
    </message>
</context>
<context>
    <name>ReturnNotice</name>
    <message>
        <source>an operator</source>
        <translation>un operatore</translation>
    </message>
    <message>
        <source>No reason was written.</source>
        <translation>Nessun motivo indicato.</translation>
    </message>
    <message>
        <source>Returned by {by} on {at}</source>
        <translation>Restituita da {by} il {at}</translation>
    </message>
    <message>
        <source>Correct what is asked and send the referral again.</source>
        <translation>Correggere quanto richiesto e inviare di nuovo la segnalazione.</translation>
    </message>
    <message>
        <source>The sending office is expected to correct it and send it again.</source>
        <translation>Spetta all&apos;ufficio inviante correggerla e inviarla di nuovo.</translation>
    </message>
    <message>
        <source>Rejected as not relevant by {by} on {at}</source>
        <translation>Dichiarata non pertinente da {by} il {at}</translation>
    </message>
    <message>
        <source>The referral is closed: for the same person, prepare a new referral if needed.</source>
        <translation>La segnalazione è chiusa: per la stessa persona, se serve, preparare una nuova segnalazione.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motivo: {reason}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review of the plan</source>
        <translation>Verifica del progetto</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— scegliere —</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Prossima verifica</translation>
    </message>
</context>
<context>
    <name>SocialReferralButton</name>
    <message>
        <source>Refer to social services…</source>
        <translation>Segnala ai servizi sociali…</translation>
    </message>
    <message>
        <source>Refer this person to the social services of the Ambito of residence.</source>
        <translation>Segnala questa persona ai servizi sociali dell&apos;Ambito di residenza.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Date and time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Sede</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Timeline of the referral</source>
        <translation>Cronologia della segnalazione</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
    </message>
    <message>
        <source>Referent</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Send referral %1</source>
        <translation>Invio della segnalazione %1</translation>
    </message>
    <message>
        <source>The referral will be sent to %2. After sending, its data can be changed only if the CPI returns it.</source>
        <translation>La segnalazione sarà inviata al %2. Dopo l&apos;invio i suoi dati si potranno modificare solo se il CPI la restituisce.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Invia</translation>
    </message>
    <message>
        <source>Withdraw referral %1</source>
        <translation>Annullamento della segnalazione %1</translation>
    </message>
    <message>
        <source>The referral will be withdrawn and closed; the CPI will see why.</source>
        <translation>La segnalazione sarà annullata e chiusa; il CPI ne vedrà il motivo.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>Conferma l&apos;&amp;annullamento</translation>
    </message>
    <message>
        <source>Mark referral %1 as received</source>
        <translation>Ricezione della segnalazione %1</translation>
    </message>
    <message>
        <source>The sender will see that the CPI has received the referral.</source>
        <translation>L&apos;ufficio inviante vedrà che il CPI ha ricevuto la segnalazione.</translation>
    </message>
    <message>
        <source>&amp;Mark as received</source>
        <translation>&amp;Segna come ricevuta</translation>
    </message>
    <message>
        <source>Return referral %1 to the sender</source>
        <translation>Restituzione della segnalazione %1 al mittente</translation>
    </message>
    <message>
        <source>The sender will be able to correct the referral and send it again.</source>
        <translation>L&apos;ufficio inviante potrà correggere la segnalazione e inviarla di nuovo.</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Restituisci</translation>
    </message>
    <message>
        <source>Close referral %1 as not relevant</source>
        <translation>Chiusura della segnalazione %1 come non pertinente</translation>
    </message>
    <message>
        <source>The referral will be closed as not relevant; the sender will see why.</source>
        <translation>La segnalazione sarà chiusa come non pertinente; l&apos;ufficio inviante ne vedrà il motivo.</translation>
    </message>
    <message>
        <source>&amp;Close as not relevant</source>
        <translation>&amp;Chiudi come non pertinente</translation>
    </message>
    <message>
        <source>Take referral %1 in charge</source>
        <translation>Presa in carico della segnalazione %1</translation>
    </message>
    <message>
        <source>Record the date and the referent who follows the person.</source>
        <translation>Indicare la data e il referente che segue la persona.</translation>
    </message>
    <message>
        <source>&amp;Take in charge</source>
        <translation>&amp;Prendi in carico</translation>
    </message>
    <message>
        <source>Start the path of referral %1</source>
        <translation>Avvio del percorso della segnalazione %1</translation>
    </message>
    <message>
        <source>The activation path starts: record its actions in the Path actions tab.</source>
        <translation>Il percorso di attivazione ha inizio: registrarne le azioni nella scheda «Azioni del percorso».</translation>
    </message>
    <message>
        <source>&amp;Start the path</source>
        <translation>&amp;Avvia il percorso</translation>
    </message>
    <message>
        <source>Conclude the path of referral %1</source>
        <translation>Conclusione del percorso della segnalazione %1</translation>
    </message>
    <message>
        <source>Record the outcome of the path. The follow-up is due six months after the outcome date.</source>
        <translation>Registrare l&apos;esito del percorso. La verifica è prevista sei mesi dopo la data dell&apos;esito.</translation>
    </message>
    <message>
        <source>&amp;Conclude</source>
        <translation>&amp;Concludi</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Inviata il</translation>
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
        <source>Reason for withdrawing</source>
        <translation>Motivo dell&apos;annullamento</translation>
    </message>
    <message>
        <source>What the sender must correct</source>
        <translation>Che cosa deve correggere l&apos;ufficio inviante</translation>
    </message>
    <message>
        <source>Why it is not relevant</source>
        <translation>Perché non è pertinente</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (facoltativa)</translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation>Indicare la data.</translation>
    </message>
    <message>
        <source>Give the reason: the other office will read it.</source>
        <translation>Indicare il motivo: sarà letto dall&apos;altro ufficio.</translation>
    </message>
</context>
<context>
    <name>TriStateCombo</name>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
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
</TS>
