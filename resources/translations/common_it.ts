<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>CodeCombo</name>
    <message>
        <source>— not specified —</source>
        <translation>— non indicato —</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Choose a contact from the directory</source>
        <translation>Scegli un contatto dalla rubrica</translation>
    </message>
    <message>
        <source>Choose contacts from the directory</source>
        <translation>Scegli i contatti dalla rubrica</translation>
    </message>
    <message>
        <source>Search by name, role or organisation</source>
        <translation>Cerca per nome, ruolo o ente</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>Tutti gli enti</translation>
    </message>
    <message>
        <source>Surname and name</source>
        <translation>Cognome e nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Nuovo contatto…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Scegli</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen</source>
        <translation>
            <numerusform>%n scelto</numerusform>
            <numerusform>%n scelti</numerusform>
        </translation>
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
    <name>MunicipalityField</name>
    <message>
        <source>Type to search</source>
        <translation>Scrivere per cercare</translation>
    </message>
</context>
<context>
    <name>OrganizationPicker</name>
    <message>
        <source>Choose an organisation from the directory</source>
        <translation>Scegli un ente dalla rubrica</translation>
    </message>
    <message>
        <source>Search by name or RUNTS number</source>
        <translation>Cerca per denominazione o numero RUNTS</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Denominazione</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>RUNTS number</source>
        <translation>Numero RUNTS</translation>
    </message>
    <message>
        <source>New organisation…</source>
        <translation>Nuovo ente…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Scegli</translation>
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
