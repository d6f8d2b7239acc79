<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>RoutesDialog</name>
    <message>
        <source>Referral routes</source>
        <translation>Percorsi di segnalazione</translation>
    </message>
    <message>
        <source>Tick the routes the network uses: each office is offered only the referrals its routes allow, and the server refuses the others. Changes reach every workstation at the next synchronisation.</source>
        <translation>Spuntare i percorsi che la rete usa: a ogni ufficio sono proposte solo le segnalazioni consentite dai suoi percorsi, e il server rifiuta le altre. Le modifiche raggiungono ogni postazione alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>The Province sets the referral routes and sends them to every workstation: here they can only be read. To change them, ask the Province.</source>
        <translation>La Provincia stabilisce i percorsi di segnalazione e li invia a ogni postazione: qui si possono solo consultare. Per modificarli, rivolgersi alla Provincia.</translation>
    </message>
    <message>
        <source>Referrals to a job centre (CPI)</source>
        <translation>Segnalazioni a un centro per l&apos;impiego (CPI)</translation>
    </message>
    <message>
        <source>Referrals to an Ambito&apos;s social services</source>
        <translation>Segnalazioni ai servizi sociali di un Ambito</translation>
    </message>
    <message>
        <source>Ambito territoriale</source>
        <translation>Ambito territoriale</translation>
    </message>
    <message>
        <source>Third sector body (ETS)</source>
        <translation>Ente del Terzo settore (ETS)</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>targeted placement (CMD)</source>
        <translation>collocamento mirato (CMD)</translation>
    </message>
    <message>
        <source>social services referral</source>
        <translation>segnalazione ai servizi sociali</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>The Province has not saved any route yet: the network&apos;s usual routes apply.</source>
        <translation>La Provincia non ha ancora salvato alcun percorso: valgono i percorsi abituali della rete.</translation>
    </message>
    <message>
        <source>The referral routes have been saved.</source>
        <translation>I percorsi di segnalazione sono stati salvati.</translation>
    </message>
</context>
<context>
    <name>RoutesMenu</name>
    <message>
        <source>Referral &amp;routes…</source>
        <translation>&amp;Percorsi di segnalazione…</translation>
    </message>
    <message>
        <source>Which offices may send which referrals, as the Province sets.</source>
        <translation>Quali uffici possono inviare quali segnalazioni, come stabilito dalla Provincia.</translation>
    </message>
</context>
</TS>
