<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Site of this workstation</source>
        <translation>Sede di questa postazione</translation>
    </message>
    <message>
        <source>When this workstation is enrolled with the provincial server, the enrollment sets its site.</source>
        <translation>Quando questa postazione viene registrata presso il server provinciale, la sede viene impostata dalla registrazione.</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Sede:</translation>
    </message>
    <message>
        <source>CPI:</source>
        <translation>CPI:</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>none: this account is not in the site&apos;s configuration on the server</source>
        <translation>nessuno: questo account non è nella configurazione della sede sul server</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facoltativo</translation>
    </message>
    <message>
        <source>The operator is the account signed in to Windows (or to this computer): Trama records it in every change and every access, and it cannot be changed here. The role comes from the site&apos;s configuration on the provincial server. The display name is only shown beside the account.</source>
        <translation>L&apos;operatore è l&apos;account con cui si è entrati in Windows (o in questo computer): Trama lo registra in ogni modifica e in ogni accesso, e qui non si può cambiare. Il ruolo viene dalla configurazione della sede sul server provinciale. Il nome visualizzato compare solo accanto all&apos;account.</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Ruolo:</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nome visualizzato:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>A new language applies when Trama starts again.</source>
        <translation>La nuova lingua si applica al prossimo avvio di Trama.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>Start page</source>
        <translation>Pagina iniziale</translation>
    </message>
    <message>
        <source> days</source>
        <translation> giorni</translation>
    </message>
    <message>
        <source>On a CPI&apos;s workstation, a referral not yet taken in charge this many days after it was sent is listed on the start page.</source>
        <translation>Sulla postazione di un CPI, una segnalazione non ancora presa in carico dopo questo numero di giorni dall&apos;invio compare nella pagina iniziale «Da fare».</translation>
    </message>
    <message>
        <source>&amp;Take in charge within:</source>
        <translation>&amp;Presa in carico entro:</translation>
    </message>
    <message>
        <source>This workstation is enrolled with the provincial server: its site is the one given at enrollment and cannot be changed here.</source>
        <translation>Questa postazione è collegata al server provinciale: la sede è quella assegnata al collegamento e non si può cambiare qui.</translation>
    </message>
    <message>
        <source>no CPI is configured for this site</source>
        <translation>nessun CPI configurato per questa sede</translation>
    </message>
</context>
</TS>
