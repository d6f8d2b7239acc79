<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guida</translation>
    </message>
    <message>
        <source>Open the guide at the page of this screen.</source>
        <translation>Apre la guida alla pagina di questa schermata.</translation>
    </message>
    <message>
        <source>&amp;What&apos;s new in this version</source>
        <translation>&amp;Novità di questa versione</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Trama — User guide</source>
        <translation>Trama — Guida</translation>
    </message>
    <message>
        <source>Pages of the guide</source>
        <translation>Pagine della guida</translation>
    </message>
    <message>
        <source>Guide page</source>
        <translation>Pagina della guida</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Indietro</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Avanti</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>Indi&amp;ce</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigazione</translation>
    </message>
    <message>
        <source>Trama — %1</source>
        <translation>Trama — %1</translation>
    </message>
</context>
</TS>
