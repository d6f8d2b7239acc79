<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>Banner</name>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Attenzione</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
</context>
<context>
    <name>CodeCombo</name>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>not set</source>
        <translation>non indicata</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy; Delete empties the field.</source>
        <translation>Scrivere la data come gg/mm/aaaa; il tasto Canc svuota il campo.</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy.</source>
        <translation>Digitare la data come gg/mm/aaaa.</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Cancella la data</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Conferma</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Some values need correcting: see the fields.</source>
        <translation>Alcuni valori vanno corretti: vedere i campi indicati.</translation>
    </message>
</context>
<context>
    <name>MunicipalityField</name>
    <message>
        <source>Type to search</source>
        <translation>Scrivere per cercare</translation>
    </message>
</context>
<context>
    <name>RowsTable</name>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
</context>
<context>
    <name>SearchList</name>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Risultati</translation>
    </message>
    <message>
        <source>Nothing matches these filters. Change the filters.</source>
        <translation>Nessun risultato con questi filtri. Cambiare i filtri.</translation>
    </message>
    <message>
        <source>No result for «%1». Change the search or the filters.</source>
        <translation>Nessun risultato per «%1». Cambiare la ricerca o i filtri.</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>Clear the time</source>
        <translation>Cancella l&apos;orario</translation>
    </message>
</context>
<context>
    <name>WholeNumberField</name>
    <message>
        <source>not specified</source>
        <translation>non indicato</translation>
    </message>
</context>
</TS>
