<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ConfirmAnonymisation</name>
    <message>
        <source>Anonymise the selected records</source>
        <translation>Anonimizza i record selezionati</translation>
    </message>
    <message>
        <source>Anonymise %1?</source>
        <translation>Anonimizzare %1?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Removed:&lt;/b&gt; names, codici fiscali and the other identifiers, contacts (phone, e-mail, address) and every free text (reasons, notes, descriptions).</source>
        <translation>&lt;b&gt;Viene rimosso:&lt;/b&gt; nomi, codici fiscali e gli altri dati identificativi, recapiti (telefono, e-mail, indirizzo) e ogni testo libero (motivazioni, note, descrizioni).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept:&lt;/b&gt; codes, outcomes and dates to the month, so that the Province&apos;s statistics and monitoring stay right.</source>
        <translation>&lt;b&gt;Resta:&lt;/b&gt; codici, esiti e date al mese, perché le statistiche e il monitoraggio della Provincia restino corretti.</translation>
    </message>
    <message>
        <source>&lt;b&gt;It cannot be undone:&lt;/b&gt; the removed data cannot be brought back from Trama.</source>
        <translation>&lt;b&gt;Non si può annullare:&lt;/b&gt; i dati rimossi non possono essere recuperati da Trama.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Everywhere:&lt;/b&gt; the anonymisation travels with the next synchronisation to the provincial server and to the other sites that hold these records.</source>
        <translation>&lt;b&gt;Ovunque:&lt;/b&gt; l&apos;anonimizzazione viene inviata con la prossima sincronizzazione al server provinciale e alle altre sedi che hanno questi record.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) under restriction of processing (GDPR art. 18) are not anonymised and stay as they are.</source>
        <translation>
            <numerusform>%n record in limitazione del trattamento (GDPR art. 18) non viene anonimizzato e resta com&apos;è.</numerusform>
            <numerusform>%n record in limitazione del trattamento (GDPR art. 18) non vengono anonimizzati e restano come sono.</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>L&apos;operazione non può essere annullata.</translation>
    </message>
    <message numerus="yes">
        <source>I have checked the list and I confirm the anonymisation of %n record(s).</source>
        <translation>
            <numerusform>Ho verificato l&apos;elenco e confermo l&apos;anonimizzazione di %n record.</numerusform>
            <numerusform>Ho verificato l&apos;elenco e confermo l&apos;anonimizzazione di %n record.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anonymise</source>
        <translation>Anonimizza</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Anonymisation</source>
        <translation>Anonimizzazione</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Anonymising: %1 of %2 records done…</source>
        <translation>Anonimizzazione in corso: %1 record su %2…</translation>
    </message>
    <message>
        <source>Stopping after the current batch: what is already done stays done…</source>
        <translation>Interruzione al termine del blocco in corso: quanto già anonimizzato resta tale…</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>Data &amp;retention…</source>
        <translation>&amp;Conservazione dei dati…</translation>
    </message>
    <message>
        <source>Review and anonymise the data past their retention period.</source>
        <translation>Esaminare e anonimizzare i dati oltre il periodo di conservazione.</translation>
    </message>
    <message>
        <source>Only the site&apos;s privacy officer may review and anonymise the data past their retention period.</source>
        <translation>Solo il referente privacy della sede può esaminare e anonimizzare i dati oltre il periodo di conservazione.</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s)</source>
        <translation>
            <numerusform>%n segnalazione</numerusform>
            <numerusform>%n segnalazioni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n persona</numerusform>
            <numerusform>%n persone</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 e %2</translation>
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
        <source>No referral left to keep</source>
        <translation>Nessuna segnalazione da conservare</translation>
    </message>
    <message>
        <source>Other closing</source>
        <translation>Altra chiusura</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n anno</numerusform>
            <numerusform>%n anni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mese</numerusform>
            <numerusform>%n mesi</numerusform>
        </translation>
    </message>
    <message>
        <source>Restriction of processing in force: it will not be anonymised</source>
        <translation>Limitazione del trattamento in corso: non sarà anonimizzato</translation>
    </message>
    <message>
        <source>To be decided by the controller</source>
        <translation>Da decidere dal titolare</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>How it closed</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Data di chiusura</translation>
    </message>
    <message>
        <source>Due since</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Basis of the rule: %1</source>
        <translation>Base della regola: %1</translation>
    </message>
    <message>
        <source>The period is a proposal still awaiting the controller&apos;s decision.</source>
        <translation>Il periodo è una proposta in attesa della decisione del titolare del trattamento.</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <source>Data retention</source>
        <translation>Conservazione dei dati</translation>
    </message>
    <message>
        <source>The records below are past the retention period set by the Province&apos;s rules. Check the list, then anonymise the records that are no longer needed: their identifiers, contacts and free texts are removed; codes, outcomes and dates to the month stay for the statistics.</source>
        <translation>I record elencati hanno superato il periodo di conservazione stabilito dalle regole della Provincia. Verificare l&apos;elenco, poi anonimizzare quelli che non servono più: dati identificativi, recapiti e testi liberi vengono rimossi; codici, esiti e date al mese restano per le statistiche.</translation>
    </message>
    <message>
        <source>Records past their retention period</source>
        <translation>Record oltre il periodo di conservazione</translation>
    </message>
    <message>
        <source>No data past the retention period.</source>
        <translation>Nessun dato oltre il periodo di conservazione.</translation>
    </message>
    <message>
        <source>Reading the records past their period…</source>
        <translation>Lettura dei record oltre il periodo di conservazione…</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleziona tutti</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>Deseleziona tutti</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Anonymise the selected…</source>
        <translation>Anonimizza i selezionati…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>The list could not be read.</source>
        <translation>Non è stato possibile leggere l&apos;elenco.</translation>
    </message>
    <message>
        <source>%1 past the retention period.</source>
        <translation>%1 oltre il periodo di conservazione.</translation>
    </message>
    <message numerus="yes">
        <source>%n under restriction of processing, which will not be anonymised.</source>
        <translation>
            <numerusform>%n in limitazione del trattamento: non sarà anonimizzato.</numerusform>
            <numerusform>%n in limitazione del trattamento: non saranno anonimizzati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected: %1 of %2</source>
        <translation>Selezionati: %1 su %2</translation>
    </message>
    <message>
        <source>Select a row to read the rule that applies to it.</source>
        <translation>Selezionare una riga per leggere la regola che vi si applica.</translation>
    </message>
    <message>
        <source>%1 — %2, closed on %3; period %4, over since %5.</source>
        <translation>%1 — %2, chiusura del %3; periodo di %4, scaduto il %5.</translation>
    </message>
    <message>
        <source>Basis of the rule: %1</source>
        <translation>Base della regola: %1</translation>
    </message>
    <message>
        <source>the period is a proposal still awaiting the controller&apos;s decision.</source>
        <translation>il periodo è una proposta in attesa della decisione del titolare del trattamento.</translation>
    </message>
    <message>
        <source>Anonymisation stopped. Records anonymised before the stop: %1. The others are still in the list.</source>
        <translation>Anonimizzazione interrotta. Record anonimizzati prima dell&apos;interruzione: %1. Gli altri restano nell&apos;elenco.</translation>
    </message>
    <message>
        <source>Anonymisation done. Records anonymised: %1.</source>
        <translation>Anonimizzazione completata. Record anonimizzati: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) under restriction of processing left untouched.</source>
        <translation>
            <numerusform>%n record in limitazione del trattamento non è stato toccato.</numerusform>
            <numerusform>%n record in limitazione del trattamento non sono stati toccati.</numerusform>
        </translation>
    </message>
    <message>
        <source>The change reaches the server and the other sites with the next synchronisation.</source>
        <translation>La modifica raggiunge il server e le altre sedi con la prossima sincronizzazione.</translation>
    </message>
</context>
</TS>
