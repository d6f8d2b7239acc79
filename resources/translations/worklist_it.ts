<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>WorklistNavigation</name>
    <message numerus="yes">
        <source>%Ln thing(s) to do</source>
        <translation>
            <numerusform>%Ln cosa da fare</numerusform>
            <numerusform>%Ln cose da fare</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <source>To do</source>
        <translation>Da fare</translation>
    </message>
    <message>
        <source>Reading what is pending…</source>
        <translation>Lettura di ciò che è in sospeso…</translation>
    </message>
    <message>
        <source>Things to do</source>
        <translation>Cose da fare</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <source>Nothing pending today.</source>
        <translation>Nulla in sospeso oggi.</translation>
    </message>
    <message>
        <source>Referrals returned by the CPI or waiting to be taken in charge, actions and reviews falling due, minutes to approve and synchronisation conflicts appear here when there are any.</source>
        <translation>Qui compaiono, quando ce ne sono, le segnalazioni restituite dal CPI o in attesa di presa in carico, le azioni e le verifiche in scadenza, i verbali da approvare e i conflitti di sincronizzazione.</translation>
    </message>
    <message>
        <source>Open the &amp;referral list</source>
        <translation>Apri l&apos;elenco delle &amp;segnalazioni</translation>
    </message>
    <message>
        <source>What is pending could not be read: %1</source>
        <translation>Non è stato possibile leggere ciò che è in sospeso: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln thing(s) to do</source>
        <translation>
            <numerusform>%Ln cosa da fare</numerusform>
            <numerusform>%Ln cose da fare</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: nothing to do</source>
        <translation>%1: niente da fare</translation>
    </message>
    <message>
        <source>… and %1 more: show them all</source>
        <translation>… e altre %1: mostra tutte</translation>
    </message>
    <message>
        <source>Referrals returned by the CPI</source>
        <translation>Segnalazioni restituite dal CPI</translation>
    </message>
    <message>
        <source>Referrals judged not relevant in the last %1 days</source>
        <translation>Segnalazioni non pertinenti negli ultimi %1 giorni</translation>
    </message>
    <message>
        <source>Referrals not yet taken in charge %1 days after they were sent</source>
        <translation>Segnalazioni non ancora prese in carico %1 giorni dopo l&apos;invio</translation>
    </message>
    <message>
        <source>Privacy notices to hand over</source>
        <translation>Informative da consegnare</translation>
    </message>
    <message>
        <source>Path and joint-plan actions falling due</source>
        <translation>Azioni dei percorsi e dei progetti condivisi in scadenza</translation>
    </message>
    <message>
        <source>Joint-plan reviews falling due</source>
        <translation>Verifiche dei progetti condivisi in scadenza</translation>
    </message>
    <message>
        <source>Actions from the minutes falling due</source>
        <translation>Azioni dei verbali in scadenza</translation>
    </message>
    <message>
        <source>Minutes awaiting approval</source>
        <translation>Verbali da approvare</translation>
    </message>
    <message>
        <source>Synchronisation conflicts to resolve</source>
        <translation>Conflitti di sincronizzazione da risolvere</translation>
    </message>
    <message>
        <source>Records set aside by the synchronisation</source>
        <translation>Record messi da parte dalla sincronizzazione</translation>
    </message>
    <message>
        <source>Referral %1</source>
        <translation>Segnalazione %1</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inizio</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fine</translation>
    </message>
    <message>
        <source>Review of the joint plan</source>
        <translation>Verifica del progetto condiviso</translation>
    </message>
    <message>
        <source>Minutes no. %1</source>
        <translation>Verbale n. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>in ritardo di %n giorno</numerusform>
            <numerusform>in ritardo di %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>scade oggi</translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>scade tra %n giorno</numerusform>
            <numerusform>scade tra %n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n day(s)</source>
        <translation>
            <numerusform>da %n giorno</numerusform>
            <numerusform>da %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>since today</source>
        <translation>da oggi</translation>
    </message>
    <message>
        <source>Sent on %1</source>
        <translation>Inviata il %1</translation>
    </message>
    <message>
        <source>Enter the day the notice was handed over before sending.</source>
        <translation>Indicare la data di consegna dell&apos;informativa prima dell&apos;invio.</translation>
    </message>
</context>
</TS>
