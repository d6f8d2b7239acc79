<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ChartBlock</name>
    <message>
        <source>Show the table of %1</source>
        <translation>Mostra la tabella di %1</translation>
    </message>
    <message>
        <source>Hide table</source>
        <translation>Nascondi tabella</translation>
    </message>
    <message>
        <source>Show table</source>
        <translation>Mostra tabella</translation>
    </message>
</context>
<context>
    <name>ChartTable</name>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>fewer than 5, not shown</source>
        <translation>meno di 5, non mostrato</translation>
    </message>
    <message>
        <source>Fewer than 5: withheld so that no one can be recognised</source>
        <translation>Meno di 5: non mostrato perché nessuno sia riconoscibile</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open these referrals</source>
        <translation>Doppio clic o Invio per aprire queste segnalazioni</translation>
    </message>
    <message>
        <source>Table: %1</source>
        <translation>Tabella: %1</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Chart. Its values are in the table that “Show table” opens below it.</source>
        <translation>Grafico. I suoi valori sono nella tabella che si apre sotto con “Mostra tabella”.</translation>
    </message>
    <message>
        <source>Click to list these referrals</source>
        <translation>Clic per elencare queste segnalazioni</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <source>Fewer than 5: withheld so that no one can be recognised</source>
        <translation>Meno di 5: non mostrato perché nessuno sia riconoscibile</translation>
    </message>
    <message>
        <source>Click to list these referrals</source>
        <translation>Clic per elencare queste segnalazioni</translation>
    </message>
</context>
<context>
    <name>MonitoringFilterBar</name>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>%1 (so far)</source>
        <translation>%1 (finora)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizzato</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Periodo dal</translation>
    </message>
    <message>
        <source>Period up to</source>
        <translation>Periodo fino al</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>All tracks</source>
        <translation>Tutti i percorsi</translation>
    </message>
    <message>
        <source>Ambito</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source> days</source>
        <translation> giorni</translation>
    </message>
    <message>
        <source>Waiting for more than (days)</source>
        <translation>In attesa da più di (giorni)</translation>
    </message>
    <message>
        <source>A referral sent and not yet taken in charge for longer counts as waiting</source>
        <translation>Una segnalazione inviata e non ancora presa in carico da più giorni conta come in attesa</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>&amp;Track:</source>
        <translation>Pe&amp;rcorso:</translation>
    </message>
    <message>
        <source>&amp;Ambito:</source>
        <translation>&amp;Ambito:</translation>
    </message>
    <message>
        <source>CP&amp;I:</source>
        <translation>CP&amp;I:</translation>
    </message>
    <message>
        <source>&amp;Waiting over:</source>
        <translation>In a&amp;ttesa da oltre:</translation>
    </message>
    <message>
        <source>All Ambiti</source>
        <translation>Tutti gli Ambiti</translation>
    </message>
    <message>
        <source>All CPIs</source>
        <translation>Tutti i CPI</translation>
    </message>
</context>
<context>
    <name>MonitoringPage</name>
    <message>
        <source>Monitoring &amp;report…</source>
        <translation>Report di &amp;monitoraggio…</translation>
    </message>
    <message>
        <source>The figures on this page as a PDF report or an Excel workbook</source>
        <translation>I dati di questa pagina come report PDF o cartella di lavoro Excel</translation>
    </message>
    <message>
        <source>Ask the server &amp;again</source>
        <translation>Chiedi di &amp;nuovo al server</translation>
    </message>
    <message>
        <source>Read the provincial server&apos;s figures again, with the latest syncs</source>
        <translation>Rileggi i dati del server provinciale, con le ultime sincronizzazioni</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>The provincial server could not be reached. Check the network connection and try again.</source>
        <translation>Il server provinciale non è raggiungibile. Controllare la connessione di rete e riprovare.</translation>
    </message>
    <message>
        <source>The figures could not be counted.</source>
        <translation>Non è stato possibile contare i dati.</translation>
    </message>
    <message>
        <source>Reading the provincial server…</source>
        <translation>Lettura dal server provinciale…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Conteggio in corso…</translation>
    </message>
    <message>
        <source>Monitoring — %1</source>
        <translation>Monitoraggio — %1</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Dal %1 al %2</translation>
    </message>
    <message>
        <source>counted on %1 at %2</source>
        <translation>contati il %1 alle %2</translation>
    </message>
    <message>
        <source>Nothing was counted in the chosen period: no referral matches the filters.</source>
        <translation>Nel periodo scelto non c&apos;è nulla da contare: nessuna segnalazione corrisponde ai filtri.</translation>
    </message>
</context>
<context>
    <name>MonitoringReportDialog</name>
    <message>
        <source>Monitoring report</source>
        <translation>Report di monitoraggio</translation>
    </message>
    <message>
        <source>The figures of %1 from %2 to %3, as shown on the page.</source>
        <translation>I dati di %1 dal %2 al %3, come mostrati nella pagina.</translation>
    </message>
    <message>
        <source>&amp;Notes (printed in the report):</source>
        <translation>&amp;Note (stampate nel report):</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>What the Tavolo observed, decided or asks for (optional)</source>
        <translation>Ciò che il Tavolo ha osservato, deciso o chiede (facoltativo)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>&amp;PDF report, with charts and notes</source>
        <translation>Report &amp;PDF, con grafici e note</translation>
    </message>
    <message>
        <source>&amp;Excel workbook of the tables (.xlsx)</source>
        <translation>Cartella di lavoro &amp;Excel delle tabelle (.xlsx)</translation>
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
        <source>&amp;Browse…</source>
        <translation>&amp;Sfoglia…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crea</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Scegliere il file da scrivere.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La cartella %1 non esiste.</translation>
    </message>
    <message>
        <source>The notes are too long: at most %1 characters.</source>
        <translation>Le note sono troppo lunghe: al massimo %1 caratteri.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creazione in corso…</translation>
    </message>
    <message>
        <source>The report was saved in %1.</source>
        <translation>Il report è stato salvato in %1.</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2</source>
        <translation>Non è stato possibile scrivere il file %1: %2</translation>
    </message>
    <message>
        <source>The report could not be written.</source>
        <translation>Non è stato possibile scrivere il report.</translation>
    </message>
</context>
<context>
    <name>MonitoringTitles</name>
    <message>
        <source>Referrals by track and status</source>
        <translation>Segnalazioni per percorso e stato</translation>
    </message>
    <message>
        <source>Referrals by month</source>
        <translation>Segnalazioni per mese</translation>
    </message>
    <message>
        <source>Monthly trend by CPI</source>
        <translation>Andamento mensile per CPI</translation>
    </message>
    <message>
        <source>Days from sending to receipt</source>
        <translation>Giorni dall&apos;invio alla ricezione</translation>
    </message>
    <message>
        <source>Days from sending to taking in charge</source>
        <translation>Giorni dall&apos;invio alla presa in carico</translation>
    </message>
    <message>
        <source>Intervals measured</source>
        <translation>Intervalli misurati</translation>
    </message>
    <message>
        <source>Outcomes by track</source>
        <translation>Esiti per percorso</translation>
    </message>
    <message>
        <source>Referrals by sender and track</source>
        <translation>Segnalazioni per ente inviante e percorso</translation>
    </message>
    <message>
        <source>Referrals to take in charge by age</source>
        <translation>Segnalazioni da prendere in carico per anzianità</translation>
    </message>
    <message>
        <source>Overdue actions by referent</source>
        <translation>Azioni scadute per referente</translation>
    </message>
    <message>
        <source>Budget by funding source</source>
        <translation>Budget per fonte di finanziamento</translation>
    </message>
    <message>
        <source>Partners and beneficiaries</source>
        <translation>Partner e beneficiari</translation>
    </message>
    <message>
        <source>Outcome indicators</source>
        <translation>Indicatori di risultato</translation>
    </message>
</context>
</TS>
