<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>AuditDialog</name>
    <message>
        <source>Access register</source>
        <translation>Registro degli accessi</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Operazione</translation>
    </message>
    <message>
        <source>Record id or referral number</source>
        <translation>Id del record o numero della segnalazione</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Al</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Operatore:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>Ope&amp;razione:</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>Re&amp;cord:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Dal:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Al:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Id del record</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <source>No audit row matches these filters.</source>
        <translation>Nessuna riga del registro corrisponde ai filtri.</translation>
    </message>
    <message>
        <source>Show &amp;more</source>
        <translation>Mostra a&amp;ltre</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Esporta in &amp;Excel…</translation>
    </message>
    <message>
        <source>Export to &amp;PDF…</source>
        <translation>Esporta in &amp;PDF…</translation>
    </message>
    <message>
        <source>Register of a &amp;person…</source>
        <translation>Registro di una perso&amp;na…</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Tutti gli operatori</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Tutte le operazioni</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n riga</numerusform>
            <numerusform>%n righe</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows shown</source>
        <translation>%1 righe mostrate su %2</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Esporta in Excel</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>Esporta in PDF</translation>
    </message>
    <message>
        <source>Export the access register</source>
        <translation>Esportazione del registro degli accessi</translation>
    </message>
    <message>
        <source>Exporting the audit rows…</source>
        <translation>Esportazione delle righe del registro…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1.</source>
        <translation>
            <numerusform>%n riga esportata in %1.</numerusform>
            <numerusform>%n righe esportate in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Register of a person</source>
        <translation>Registro degli accessi di una persona</translation>
    </message>
</context>
<context>
    <name>AuditMenu</name>
    <message>
        <source>Access &amp;register…</source>
        <translation>Registro degli &amp;accessi…</translation>
    </message>
    <message>
        <source>Who looked at or changed which record, from which PC, and when.</source>
        <translation>Chi ha consultato o modificato quale scheda, da quale postazione e quando.</translation>
    </message>
    <message>
        <source>Only the site&apos;s privacy officer may read the access register (the role is given in the site&apos;s configuration on the provincial server).</source>
        <translation>Il registro degli accessi è visibile solo al referente privacy della sede (il ruolo è assegnato nella configurazione della sede sul server provinciale).</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register of a person</source>
        <translation>Registro degli accessi di una persona</translation>
    </message>
    <message>
        <source>The register lists who opened, printed or changed the person&apos;s data and referrals, when and from which PC. It names the person: give it only to the person or keep it with the request.</source>
        <translation>Il registro elenca chi ha aperto, stampato o modificato i dati e le segnalazioni della persona, quando e da quale postazione. Riporta il nome della persona: va consegnato solo all&apos;interessato/a o conservato con la richiesta.</translation>
    </message>
    <message>
        <source>&amp;Search by surname, name or tax code:</source>
        <translation>&amp;Cerca per cognome, nome o codice fiscale:</translation>
    </message>
    <message>
        <source>Search a person</source>
        <translation>Cerca una persona</translation>
    </message>
    <message>
        <source>Persons found</source>
        <translation>Persone trovate</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Dal:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Al:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Show the &amp;register…</source>
        <translation>Mostra il &amp;registro…</translation>
    </message>
    <message>
        <source>Type the first letters of the surname or tax code.</source>
        <translation>Scrivere le prime lettere del cognome o del codice fiscale.</translation>
    </message>
    <message>
        <source>No person found.</source>
        <translation>Nessuna persona trovata.</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n persons are shown.</source>
        <translation>
            <numerusform>È mostrata solo la prima persona.</numerusform>
            <numerusform>Sono mostrate solo le prime %n persone.</numerusform>
        </translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>nata/o il %1</translation>
    </message>
    <message>
        <source>processing restricted</source>
        <translation>trattamento limitato</translation>
    </message>
</context>
</TS>
