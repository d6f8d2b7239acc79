<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>crash</name>
    <message>
        <source>The disk is full, so Trama could not save. Free some space (empty the recycle bin, delete files you no longer need) and try again: what was saved before is safe.</source>
        <translation>Il disco è pieno e Trama non è riuscito a salvare. Liberare spazio (svuotare il cestino, eliminare i file che non servono più) e riprovare: quanto salvato in precedenza è al sicuro.</translation>
    </message>
    <message>
        <source>Trama is not allowed to write in its data folder or in a file it needs. Ask IT support to check the folder&apos;s permissions, then try again.</source>
        <translation>Trama non ha il permesso di scrivere nella cartella dati o in un file che gli serve. Chiedere all&apos;assistenza informatica di verificare i permessi della cartella, poi riprovare.</translation>
    </message>
    <message>
        <source>The provincial server cannot be reached: this PC may be offline. Your work stays on this PC; try again when the network is back.</source>
        <translation>Il server provinciale non è raggiungibile: forse questo PC non è collegato alla rete. Il lavoro resta salvato su questo PC; riprovare quando la rete torna disponibile.</translation>
    </message>
    <message>
        <source>The data file is busy (another program is using it). Wait a moment and try again.</source>
        <translation>Il file dei dati è occupato da un altro programma. Attendere qualche istante e riprovare.</translation>
    </message>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>An unexpected error occurred.</source>
        <translation>Si è verificato un errore imprevisto.</translation>
    </message>
    <message>
        <source>Quit Trama</source>
        <translation>Esci da Trama</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation>Non è stato possibile scrivere il file di log.</translation>
    </message>
    <message>
        <source>The technical details were written to the log file:
%1</source>
        <translation>I dettagli tecnici sono stati registrati nel file di log:
%1</translation>
    </message>
    <message>
        <source>Trama has to close. If it happens again, send the log file to IT support.</source>
        <translation>Trama deve chiudersi. Se succede di nuovo, inviare il file di log all&apos;assistenza informatica.</translation>
    </message>
    <message>
        <source>You can continue working, but it is safer to close Trama and start it again. If the error comes back, send the log file to IT support.</source>
        <translation>È possibile continuare a lavorare, ma è più sicuro chiudere Trama e riaprirlo. Se l&apos;errore si ripresenta, inviare il file di log all&apos;assistenza informatica.</translation>
    </message>
    <message>
        <source>Kind of error: %1</source>
        <translation>Tipo di errore: %1</translation>
    </message>
    <message>
        <source>Trama is already open on this data folder:</source>
        <translation>Trama è già aperto su questa cartella dati:</translation>
    </message>
    <message>
        <source>Use the window that is already open (look for it in the taskbar). If Trama is not open, another user of this PC may be using the same folder.</source>
        <translation>Usare la finestra già aperta (si trova nella barra delle applicazioni). Se Trama non risulta aperto, la stessa cartella potrebbe essere in uso da un altro utente di questo PC.</translation>
    </message>
</context>
<context>
    <name>storage</name>
    <message>
        <source>The data file is damaged.</source>
        <translation>L&apos;archivio è danneggiato.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>Il disco è pieno.</translation>
    </message>
    <message>
        <source>Trama cannot write in its data folder.</source>
        <translation>Trama non può scrivere nella sua cartella dati.</translation>
    </message>
    <message>
        <source>The data file is not a Trama file.</source>
        <translation>Il file dei dati non è un archivio di Trama.</translation>
    </message>
    <message>
        <source>The data file comes from a newer version of Trama.</source>
        <translation>L&apos;archivio viene da una versione più recente di Trama.</translation>
    </message>
    <message>
        <source>The data file could not be updated.</source>
        <translation>Non è stato possibile aggiornare l&apos;archivio.</translation>
    </message>
    <message>
        <source>The data file is missing.</source>
        <translation>L&apos;archivio non c&apos;è.</translation>
    </message>
    <message>
        <source>The key of the data file is missing.</source>
        <translation>Manca la chiave dell&apos;archivio.</translation>
    </message>
    <message>
        <source>The key does not open the data file.</source>
        <translation>La chiave non apre l&apos;archivio.</translation>
    </message>
    <message>
        <source>There is no usable system keyring.</source>
        <translation>Non c&apos;è un portachiavi di sistema utilizzabile.</translation>
    </message>
    <message>
        <source>The data file cannot be used.</source>
        <translation>L&apos;archivio non si può usare.</translation>
    </message>
    <message>
        <source>Trama: the data cannot be opened</source>
        <translation>Trama: impossibile aprire i dati</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be opened.</source>
        <translation>Non è possibile aprire la cartella dati %1.</translation>
    </message>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>Other users of this PC can open the data folder.</source>
        <translation>Altri utenti di questo PC possono aprire la cartella dati.</translation>
    </message>
</context>
</TS>
