<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>SocialReferralDialog</name>
    <message>
        <source>Type to search</source>
        <translation>Scrivere per cercare</translation>
    </message>
    <message>
        <source>— the Ambito of residence —</source>
        <translation>— l&apos;Ambito di residenza —</translation>
    </message>
    <message>
        <source>For example: housing, income support</source>
        <translation>Per esempio: casa, sostegno al reddito</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Ambito</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>CPI operator</source>
        <translation>Operatore del CPI</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <source>Needs (separated by commas)</source>
        <translation>Bisogni (separati da virgole)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Risposte</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>The reason, for the other office: needed to withdraw or to decline.</source>
        <translation>Il motivo, per l&apos;altro ufficio: necessario per ritirare o per dichiarare non di competenza.</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Salva bozza</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Invia</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Ritira</translation>
    </message>
    <message>
        <source>Take in charge</source>
        <translation>Prendi in carico</translation>
    </message>
    <message>
        <source>Not for this Ambito</source>
        <translation>Non di competenza</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>Chiudi il caso</translation>
    </message>
    <message>
        <source>New social referral</source>
        <translation>Nuova segnalazione ai servizi sociali</translation>
    </message>
    <message>
        <source>To the social services of an Ambito</source>
        <translation>Ai servizi sociali di un Ambito</translation>
    </message>
    <message>
        <source>Social referral %1</source>
        <translation>Segnalazione ai servizi sociali %1</translation>
    </message>
    <message>
        <source>Social referral %1 — %2</source>
        <translation>Segnalazione ai servizi sociali %1 — %2</translation>
    </message>
    <message>
        <source>From %1 to %2, on %3</source>
        <translation>Da %1 a %2, il %3</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
</context>
<context>
    <name>SocialReferrals</name>
    <message>
        <source>Social services</source>
        <translation>Servizi sociali</translation>
    </message>
    <message>
        <source>To social services</source>
        <translation>Ai servizi sociali</translation>
    </message>
    <message>
        <source>From the CPIs</source>
        <translation>Dai CPI</translation>
    </message>
</context>
<context>
    <name>SocialReferralsPage</name>
    <message>
        <source>Referrals to the social services</source>
        <translation>Segnalazioni ai servizi sociali</translation>
    </message>
    <message>
        <source>Persons this CPI refers to the social services of an Ambito, and the Ambito&apos;s answers.</source>
        <translation>Le persone che questo CPI segnala ai servizi sociali di un Ambito, e le risposte dell&apos;Ambito.</translation>
    </message>
    <message>
        <source>Referrals from the job centres</source>
        <translation>Segnalazioni dai centri per l&apos;impiego</translation>
    </message>
    <message>
        <source>Persons the job centres refer to this Ambito&apos;s social services: take them in charge or say why they are not for this Ambito.</source>
        <translation>Le persone che i centri per l&apos;impiego segnalano ai servizi sociali di questo Ambito: prenderle in carico o indicare perché non sono di competenza.</translation>
    </message>
    <message>
        <source>New social referral…</source>
        <translation>Nuova segnalazione ai servizi sociali…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Ambito</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Inviata il</translation>
    </message>
    <message>
        <source>Last answer</source>
        <translation>Ultima risposta</translation>
    </message>
    <message>
        <source>The referral routes the Province has set do not let this office send referrals to the social services.</source>
        <translation>I percorsi di segnalazione stabiliti dalla Provincia non consentono a questo ufficio di inviare segnalazioni ai servizi sociali.</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s)</source>
        <translation>
            <numerusform>%n segnalazione</numerusform>
            <numerusform>%n segnalazioni</numerusform>
        </translation>
    </message>
</context>
</TS>
