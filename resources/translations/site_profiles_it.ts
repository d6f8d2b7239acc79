<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>SiteProfilesDialog</name>
    <message>
        <source>Bodies&apos; profiles</source>
        <translation>Profili degli enti</translation>
    </message>
    <message>
        <source>Letterheads and privacy notices print these data for each body. Changes reach every workstation at the next synchronisation.</source>
        <translation>Intestazioni e informative privacy riportano questi dati per ciascun ente. Le modifiche raggiungono tutte le postazioni alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>The Province keeps these data and sends them to every workstation: here they can only be read. To correct them, ask the Province.</source>
        <translation>Questi dati sono gestiti dalla Provincia, che li invia a tutte le postazioni: qui si possono solo consultare. Per correggerli rivolgersi alla Provincia.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profilo</translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Enti</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Annullare le modifiche</translation>
    </message>
    <message>
        <source>The body and the controller</source>
        <translation>Ente e titolare del trattamento</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Denominazione:</translation>
    </message>
    <message>
        <source>&amp;Controller:</source>
        <translation>&amp;Titolare del trattamento:</translation>
    </message>
    <message>
        <source>Tax &amp;code:</source>
        <translation>&amp;Codice fiscale:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Indirizzo:</translation>
    </message>
    <message>
        <source>&amp;PEC:</source>
        <translation>&amp;PEC:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Telephone:</source>
        <translation>Te&amp;lefono:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Sito web:</translation>
    </message>
    <message>
        <source>e.g. Ambito territoriale di Saronno</source>
        <translation>es. Ambito territoriale di Saronno</translation>
    </message>
    <message>
        <source>for an Ambito, its lead body (ente capofila)</source>
        <translation>per un Ambito, l&apos;ente capofila</translation>
    </message>
    <message>
        <source>11 digits, the body&apos;s codice fiscale</source>
        <translation>11 cifre, il codice fiscale dell&apos;ente</translation>
    </message>
    <message>
        <source>street, postcode, town (province)</source>
        <translation>via, CAP, comune (provincia)</translation>
    </message>
    <message>
        <source>The controller is the legal entity answering for the data: an Ambito has no legal personality, so for an Ambito it is its lead body (the comune, consortium or azienda named in the Piano di Zona&apos;s agreement).</source>
        <translation>Il titolare del trattamento è il soggetto giuridico che risponde dei dati: l&apos;Ambito non ha personalità giuridica, quindi per un Ambito è l&apos;ente capofila (il comune, il consorzio o l&apos;azienda indicati nell&apos;accordo di programma del Piano di Zona).</translation>
    </message>
    <message>
        <source>Data protection officer (DPO)</source>
        <translation>Responsabile della protezione dei dati (RPD/DPO)</translation>
    </message>
    <message>
        <source>N&amp;ame or firm:</source>
        <translation>&amp;Nome o società:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;mail:</translation>
    </message>
    <message>
        <source>P&amp;EC:</source>
        <translation>PEC:</translation>
    </message>
    <message>
        <source>Tele&amp;phone:</source>
        <translation>Tele&amp;fono:</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>Scegliere il logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Togliere il logo</translation>
    </message>
    <message>
        <source>PNG or JPEG; a large picture is reduced to at most 600 × 200 pixels.</source>
        <translation>PNG o JPEG; un&apos;immagine grande viene ridotta ad al massimo 600 × 200 pixel.</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Manca: %1</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Nessun logo</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>Scelta del logo</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Immagini (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The profile has unsaved changes. Close and discard them?</source>
        <translation>Il profilo ha modifiche non salvate. Chiudere e annullarle?</translation>
    </message>
</context>
<context>
    <name>SiteProfilesMenu</name>
    <message>
        <source>Bodies&apos; &amp;profiles…</source>
        <translation>Profili degli &amp;enti…</translation>
    </message>
    <message>
        <source>Controller, contacts, DPO and logo of each body, as letterheads and privacy notices print them.</source>
        <translation>Titolare, recapiti, RPD e logo di ciascun ente, come li riportano intestazioni e informative privacy.</translation>
    </message>
</context>
</TS>
