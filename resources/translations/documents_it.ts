<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>BatchPrint</name>
    <message>
        <source>Preparing the documents for printing…</source>
        <translation>Preparazione dei documenti per la stampa…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Stampa in corso</translation>
    </message>
    <message>
        <source>Printing document %1 of %2…</source>
        <translation>Stampa del documento %1 di %2…</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>Printing stopped because of an error: %1</source>
        <translation>La stampa si è interrotta per un errore: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) printed.</source>
        <translation>
            <numerusform>%n documento stampato.</numerusform>
            <numerusform>%n documenti stampati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) not printed:</source>
        <translation>
            <numerusform>%n documento non stampato:</numerusform>
            <numerusform>%n documenti non stampati:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Stampa…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>Sal&amp;va come PDF…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Ingrandisci</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Riduci</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Adatta alla larghezza</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Pagina intera</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n pagina</numerusform>
            <numerusform>%n pagine</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview — %1</source>
        <translation>Anteprima — %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>The document could not be printed: %1</source>
        <translation>Non è stato possibile stampare il documento: %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Salva come PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2</source>
        <translation>Non è stato possibile scrivere il file %1: %2</translation>
    </message>
</context>
<context>
    <name>ReferralPrinting</name>
    <message>
        <source>&amp;Referral form…</source>
        <translation>&amp;Scheda di segnalazione…</translation>
    </message>
    <message>
        <source>Preview the form of the selected referral, or print those of several</source>
        <translation>Mostra l&apos;anteprima della scheda della segnalazione selezionata, o stampa quelle di più segnalazioni</translation>
    </message>
    <message>
        <source>&amp;Privacy notice…</source>
        <translation>&amp;Informativa privacy…</translation>
    </message>
    <message>
        <source>The privacy notice for the selected referral&apos;s person, or a blank one</source>
        <translation>L&apos;informativa privacy per la persona della segnalazione selezionata, o un modulo in bianco</translation>
    </message>
    <message>
        <source>Preview referral form</source>
        <translation>Anteprima della scheda</translation>
    </message>
    <message>
        <source>Print referral forms…</source>
        <translation>Stampa schede di segnalazione…</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Stampa</translation>
    </message>
    <message>
        <source>Select one or more referrals in the list first.</source>
        <translation>Selezionare prima una o più segnalazioni nell&apos;elenco.</translation>
    </message>
</context>
</TS>
