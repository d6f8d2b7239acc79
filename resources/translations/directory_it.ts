<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ContactDeletion</name>
    <message>
        <source>Delete the contact %1 from the directory?</source>
        <translation>Eliminare il contatto %1 dalla rubrica?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New contact</source>
        <translation>Nuovo contatto</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contatto</translation>
    </message>
    <message>
        <source>e.g. Social worker, NEET referent, President</source>
        <translation>es. Assistente sociale, Referente NEET, Presidente</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Entered by another site: only that site can change it.</source>
        <translation>Inserito da un&apos;altra sede: può modificarlo solo quella sede.</translation>
    </message>
    <message>
        <source>The organisation typed is not in the directory.</source>
        <translation>L&apos;ente scritto non è nella rubrica.</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Choose a contact from the directory</source>
        <translation>Scegliere un contatto dalla rubrica</translation>
    </message>
    <message>
        <source>Choose contacts from the directory</source>
        <translation>Scegliere i contatti dalla rubrica</translation>
    </message>
    <message>
        <source>Search by name, role or organisation</source>
        <translation>Cerca per nome, ruolo o ente</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
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
        <source>Contacts</source>
        <translation>Contatti</translation>
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
    <name>ContactsTab</name>
    <message>
        <source>Search by name, role or organisation</source>
        <translation>Cerca per nome, ruolo o ente</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Nuovo contatto…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Apri…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
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
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contatto</numerusform>
            <numerusform>%n contatti</numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts yet. Add the first with «New contact…».</source>
        <translation>Nessun contatto. Aggiungere il primo con «Nuovo contatto…».</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Organisations</source>
        <translation>Enti</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>CPI referents</source>
        <translation>Referenti dei CPI</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <source>New organisation</source>
        <translation>Nuovo ente</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— scegliere —</translation>
    </message>
    <message>
        <source>Third sector bodies only</source>
        <translation>Solo per gli enti del Terzo settore</translation>
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
        <source>RUNTS number</source>
        <translation>Numero RUNTS</translation>
    </message>
    <message>
        <source>Tax code / VAT number</source>
        <translation>Codice fiscale / P. IVA</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
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
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Entered by another site: only that site can change it.</source>
        <translation>Inserito da un&apos;altra sede: può modificarlo solo quella sede.</translation>
    </message>
    <message>
        <source>The municipality typed is not in the list.</source>
        <translation>Il comune scritto non è nell&apos;elenco.</translation>
    </message>
</context>
<context>
    <name>OrganizationPicker</name>
    <message>
        <source>Choose an organisation from the directory</source>
        <translation>Scegliere un ente dalla rubrica</translation>
    </message>
    <message>
        <source>Search by name or RUNTS number</source>
        <translation>Cerca per denominazione o numero RUNTS</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
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
        <source>Organisations</source>
        <translation>Enti</translation>
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
    <name>OrganizationsTab</name>
    <message>
        <source>Search by name, RUNTS number or tax code</source>
        <translation>Cerca per denominazione, numero RUNTS o codice fiscale</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tutti i tipi</translation>
    </message>
    <message>
        <source>New organisation…</source>
        <translation>Nuovo ente…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Apri…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
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
        <source>Surname and name</source>
        <translation>Cognome e nome</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Nuovo contatto…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <source>Contacts of the organisation</source>
        <translation>Contatti dell&apos;ente</translation>
    </message>
    <message numerus="yes">
        <source>%n organisation(s)</source>
        <translation>
            <numerusform>%n ente</numerusform>
            <numerusform>%n enti</numerusform>
        </translation>
    </message>
    <message>
        <source>No organisations yet. Add the first with «New organisation…».</source>
        <translation>Nessun ente. Aggiungere il primo con «Nuovo ente…».</translation>
    </message>
    <message>
        <source>No organisation selected.</source>
        <translation>Nessun ente selezionato.</translation>
    </message>
    <message>
        <source>No contacts for this organisation. Add one with «New contact…».</source>
        <translation>Nessun contatto per questo ente. Aggiungerne uno con «Nuovo contatto…».</translation>
    </message>
    <message>
        <source>Tax code / VAT number</source>
        <translation>Codice fiscale / P. IVA</translation>
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
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sito web</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Delete «%1» and its contacts from the directory?</source>
        <translation>Eliminare «%1» e i suoi contatti dalla rubrica?</translation>
    </message>
</context>
<context>
    <name>ReferentsTab</name>
    <message>
        <source>Both tracks</source>
        <translation>Entrambi i percorsi</translation>
    </message>
    <message>
        <source>Only those in office today</source>
        <translation>Solo quelli in carica oggi</translation>
    </message>
    <message>
        <source>Referents are reference data of the Province: they are updated by the synchronisation and cannot be changed here.</source>
        <translation>I referenti sono dati di riferimento della Provincia: si aggiornano con la sincronizzazione e qui non si possono modificare.</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Referent</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
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
        <source>In office</source>
        <translation>In carica</translation>
    </message>
    <message>
        <source>All CPIs</source>
        <translation>Tutti i CPI</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No referents with these filters. Change the filters.</source>
        <translation>Nessun referente con questi filtri. Cambiare i filtri.</translation>
    </message>
    <message>
        <source>No CPI referents yet: they arrive with the synchronisation.</source>
        <translation>Nessun referente dei CPI: arrivano con la sincronizzazione.</translation>
    </message>
</context>
</TS>
