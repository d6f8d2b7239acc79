<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>RecordExport</name>
    <message>
        <source>Export the persons</source>
        <translation>Esporta le persone</translation>
    </message>
    <message>
        <source>Export the projects</source>
        <translation>Esporta i progetti</translation>
    </message>
    <message>
        <source>Export the meetings</source>
        <translation>Esporta le riunioni</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>persone</translation>
    </message>
    <message>
        <source>projects</source>
        <translation>progetti</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>riunioni</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file, separated by semicolons (*.csv)</source>
        <translation>File CSV, separato da punto e virgola (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Esportazione in corso…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1.</source>
        <translation>
            <numerusform>%n record esportato in %1.</numerusform>
            <numerusform>%n record esportati in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file %1 could not be written.</source>
        <translation>Non è stato possibile scrivere il file %1.</translation>
    </message>
</context>
<context>
    <name>RecordExportDialog</name>
    <message>
        <source>Every record is exported, with the Italian column headers of &apos;trama export&apos;. Records whose processing is restricted are never exported.</source>
        <translation>Vengono esportati tutti i record, con le intestazioni di colonna di &apos;trama export&apos;. I record il cui trattamento è limitato non vengono mai esportati.</translation>
    </message>
    <message>
        <source>&amp;Include sensitive data</source>
        <translation>&amp;Includere codice fiscale, dati di nascita e recapiti</translation>
    </message>
    <message>
        <source>Tax code, birth data, address and contacts. Include them only if the recipient needs them, and keep the file safe.</source>
        <translation>Codice fiscale, dati di nascita, indirizzo e recapiti. Includerli solo se servono a chi riceve il file, e custodire il file con cura.</translation>
    </message>
    <message>
        <source>Choose the file…</source>
        <translation>Scegliere il file…</translation>
    </message>
</context>
<context>
    <name>ShellCommands</name>
    <message>
        <source>New referral</source>
        <translation>Nuova segnalazione</translation>
    </message>
    <message>
        <source>New &amp;project…</source>
        <translation>Nuovo &amp;progetto…</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nuovo progetto</translation>
    </message>
    <message>
        <source>New &amp;meeting…</source>
        <translation>Nuova &amp;riunione…</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Nuova riunione</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Cerca</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <source>Go to the search box of the page shown</source>
        <translation>Va alla casella di ricerca della pagina mostrata</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>Sincronizza</translation>
    </message>
    <message>
        <source>The &amp;referral list as shown…</source>
        <translation>L&apos;elenco delle &amp;segnalazioni come mostrato…</translation>
    </message>
    <message>
        <source>&amp;Persons…</source>
        <translation>&amp;Persone…</translation>
    </message>
    <message>
        <source>P&amp;rojects…</source>
        <translation>Pro&amp;getti…</translation>
    </message>
    <message>
        <source>&amp;Meetings…</source>
        <translation>&amp;Riunioni…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>Esp&amp;orta</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra degli strumenti principale</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>This page has no search box.</source>
        <translation>Questa pagina non ha una casella di ricerca.</translation>
    </message>
</context>
</TS>
