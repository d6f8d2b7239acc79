<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ImportMenu</name>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>Importa da &amp;Excel…</translation>
    </message>
    <message>
        <source>Bring in referrals or persons from an Excel or CSV file, after a dry run.</source>
        <translation>Porta in Trama segnalazioni o persone da un file Excel o CSV, dopo una prova.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>Importa da Excel</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>Annu&amp;lla</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Indie&amp;tro</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Indietro</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Avanti &gt;</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Avanti</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Chiudi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Choose an Excel workbook (.xlsx, .xlsm, .xls) or a CSV file, and say what it holds. Nothing is written into Trama until you confirm, after a dry run.</source>
        <translation>Scegliere una cartella di lavoro Excel (.xlsx, .xlsm, .xls) o un file CSV e indicare che cosa contiene. In Trama non viene scritto nulla prima della conferma, che segue una prova.</translation>
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
        <source>No file chosen</source>
        <translation>Nessun file scelto</translation>
    </message>
    <message>
        <source>C&amp;hoose the file…</source>
        <translation>Sce&amp;gliere il file…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Scegliere il file</translation>
    </message>
    <message>
        <source>The file holds</source>
        <translation>Il file contiene</translation>
    </message>
    <message>
        <source>&amp;Referrals</source>
        <translation>&amp;Segnalazioni</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Segnalazioni</translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation>&amp;Persone</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>S&amp;heet:</source>
        <translation>F&amp;oglio:</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Foglio</translation>
    </message>
    <message>
        <source>What the reading &amp;noticed:</source>
        <translation>Che cosa ha &amp;notato la lettura:</translation>
    </message>
    <message>
        <source>What the reading noticed</source>
        <translation>Che cosa ha notato la lettura</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Scegliere il file da importare</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)</source>
        <translation>Fogli di calcolo (*.xlsx *.xlsm *.xls *.csv);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lettura del file…</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>Lettura del foglio…</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (nascosto)</translation>
    </message>
    <message>
        <source>Header on row %1 (columns %2–%3): %4 columns, %5 rows of data.</source>
        <translation>Intestazione alla riga %1 (colonne %2–%3): %4 colonne, %5 righe di dati.</translation>
    </message>
    <message>
        <source>Nothing unusual: the sheet is read as it is.</source>
        <translation>Niente di insolito: il foglio è letto così com&apos;è.</translation>
    </message>
    <message>
        <source>Each column of the file and the field of Trama it fills, as suggested from its header. Change what is wrong; fields marked * are required.</source>
        <translation>Ogni colonna del file e il campo di Trama che riempie, come suggerito dalla sua intestazione. Correggere ciò che non va; i campi segnati con * sono obbligatori.</translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation>Colonne del file</translation>
    </message>
    <message>
        <source>Required fields not mapped</source>
        <translation>Campi obbligatori senza colonna</translation>
    </message>
    <message>
        <source>&amp;Load mapping…</source>
        <translation>Carica &amp;mappatura…</translation>
    </message>
    <message>
        <source>Load mapping</source>
        <translation>Carica mappatura</translation>
    </message>
    <message>
        <source>&amp;Save mapping…</source>
        <translation>Sal&amp;va mappatura…</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Salva mappatura</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonna</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Intestazione</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Esempi</translation>
    </message>
    <message>
        <source>Trama field</source>
        <translation>Campo di Trama</translation>
    </message>
    <message>
        <source>— do not import —</source>
        <translation>— non importare —</translation>
    </message>
    <message>
        <source>Trama field for column %1 (%2)</source>
        <translation>Campo di Trama per la colonna %1 (%2)</translation>
    </message>
    <message>
        <source>Required fields without a column: %1.</source>
        <translation>Campi obbligatori senza colonna: %1.</translation>
    </message>
    <message>
        <source>Chosen for more than one column: %1.</source>
        <translation>Scelti per più di una colonna: %1.</translation>
    </message>
    <message>
        <source>Load a mapping</source>
        <translation>Carica una mappatura</translation>
    </message>
    <message>
        <source>Mappings (*.json)</source>
        <translation>Mappature (*.json)</translation>
    </message>
    <message>
        <source>Mapping loaded: %1 of %2 columns taken from it, the others as suggested.</source>
        <translation>Mappatura caricata: %1 colonne su %2 prese da essa, le altre come suggerite.</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>Salva la mappatura</translation>
    </message>
    <message>
        <source>Mapping saved in %1.</source>
        <translation>Mappatura salvata in %1.</translation>
    </message>
    <message>
        <source>To create</source>
        <translation>Da creare</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>Da aggiornare</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Invariate</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Scartate</translation>
    </message>
    <message>
        <source>To decide</source>
        <translation>Da decidere</translation>
    </message>
    <message>
        <source>&amp;Only rows with errors or warnings</source>
        <translation>Solo righe con &amp;errori o avvisi</translation>
    </message>
    <message>
        <source>Only rows with errors or warnings</source>
        <translation>Solo righe con errori o avvisi</translation>
    </message>
    <message>
        <source>Save E&amp;xcel report…</source>
        <translation>Salva &amp;report Excel…</translation>
    </message>
    <message>
        <source>Save Excel report</source>
        <translation>Salva report Excel</translation>
    </message>
    <message>
        <source>Rows of the file</source>
        <translation>Righe del file</translation>
    </message>
    <message>
        <source>Possibly a person already in Trama</source>
        <translation>Forse una persona già presente in Trama</translation>
    </message>
    <message>
        <source>Select a row marked “To decide”.</source>
        <translation>Selezionare una riga segnata «Da decidere».</translation>
    </message>
    <message>
        <source>Import as a ne&amp;w person</source>
        <translation>Importa come nuova &amp;persona</translation>
    </message>
    <message>
        <source>Import as a new person</source>
        <translation>Importa come nuova persona</translation>
    </message>
    <message>
        <source>S&amp;kip this row</source>
        <translation>&amp;Salta questa riga</translation>
    </message>
    <message>
        <source>Skip this row</source>
        <translation>Salta questa riga</translation>
    </message>
    <message>
        <source>Dry run: checking every row…</source>
        <translation>Prova: controllo di ogni riga…</translation>
    </message>
    <message>
        <source>Columns not imported: %1.</source>
        <translation>Colonne non importate: %1.</translation>
    </message>
    <message>
        <source>Row %1 may be %2 (likeness %3%).</source>
        <translation>La riga %1 potrebbe essere %2 (somiglianza %3%).</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Salva il report</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Scrittura del report…</translation>
    </message>
    <message>
        <source>Report saved in %1: fix the rows marked in its “Errori” column and import the file again.</source>
        <translation>Report salvato in %1: correggere le righe segnalate nella colonna «Errori» e importare di nuovo il file.</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aggiornate</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) will be written into Trama, all together or none. Rows skipped stay out; importing this file again will create nothing new.</source>
        <translation>
            <numerusform>%n riga sarà scritta in Trama, tutto insieme o niente. Le righe scartate restano fuori; importare di nuovo questo file non creerà nulla di nuovo.</numerusform>
            <numerusform>%n righe saranno scritte in Trama, tutte insieme o nessuna. Le righe scartate restano fuori; importare di nuovo questo file non creerà nulla di nuovo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n row(s)</source>
        <translation>
            <numerusform>Importa %n riga</numerusform>
            <numerusform>Importa %n righe</numerusform>
        </translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Non ora</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importazione in corso…</translation>
    </message>
    <message>
        <source>The persons imported are in the Persons page.</source>
        <translation>Le persone importate sono nella pagina Persone.</translation>
    </message>
    <message>
        <source>The referrals imported are in the referral list.</source>
        <translation>Le segnalazioni importate sono nell&apos;elenco delle segnalazioni.</translation>
    </message>
    <message>
        <source>Import of %1 completed. %2 Importing the same file again creates nothing new.</source>
        <translation>Importazione di %1 completata. %2 Importare di nuovo lo stesso file non crea nulla di nuovo.</translation>
    </message>
    <message>
        <source>Step 1 of 4: the file</source>
        <translation>Passo 1 di 4: il file</translation>
    </message>
    <message>
        <source>Step 2 of 4: the columns</source>
        <translation>Passo 2 di 4: le colonne</translation>
    </message>
    <message>
        <source>Step 3 of 4: the dry run</source>
        <translation>Passo 3 di 4: la prova</translation>
    </message>
    <message>
        <source>Step 4 of 4: done</source>
        <translation>Passo 4 di 4: fatto</translation>
    </message>
    <message>
        <source>&amp;Dry run &gt;</source>
        <translation>&amp;Prova l&apos;importazione &gt;</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n row(s)</source>
        <translation>
            <numerusform>&amp;Importa %n riga</numerusform>
            <numerusform>&amp;Importa %n righe</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Annullamento in corso…</translation>
    </message>
    <message>
        <source>Import stopped: nothing was written into Trama.</source>
        <translation>Importazione annullata: in Trama non è stato scritto nulla.</translation>
    </message>
    <message>
        <source>Dry run stopped; nothing was written. Start it again when ready.</source>
        <translation>Prova annullata; non è stato scritto nulla. Si può avviare di nuovo in qualsiasi momento.</translation>
    </message>
    <message>
        <source>Reading stopped.</source>
        <translation>Lettura annullata.</translation>
    </message>
    <message>
        <source>Nothing was written into Trama.</source>
        <translation>In Trama non è stato scritto nulla.</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was written into Trama.</source>
        <translation>Qualcosa non ha funzionato; in Trama non è stato scritto nulla.</translation>
    </message>
</context>
<context>
    <name>PlanRowsModel</name>
    <message>
        <source>Row</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <source>To create (new person)</source>
        <translation>Da creare (nuova persona)</translation>
    </message>
    <message>
        <source>Skipped (your choice)</source>
        <translation>Scartata (per scelta)</translation>
    </message>
    <message>
        <source>To decide</source>
        <translation>Da decidere</translation>
    </message>
    <message>
        <source>To create</source>
        <translation>Da creare</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>Da aggiornare</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Invariata</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Scartata</translation>
    </message>
    <message>
        <source>Possibly already in Trama: %1</source>
        <translation>Forse già presente in Trama: %1</translation>
    </message>
    <message>
        <source>Changes: %1</source>
        <translation>Cambia: %1</translation>
    </message>
</context>
</TS>
