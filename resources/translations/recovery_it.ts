<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>EnterRecoveryKeyDialog</name>
    <message>
        <source>Trama: recovery key needed</source>
        <translation>Trama: serve la chiave di recupero</translation>
    </message>
    <message>
        <source>The key kept on this PC does not open the data</source>
        <translation>La chiave custodita su questo computer non apre i dati</translation>
    </message>
    <message>
        <source>The key of the data is not on this PC</source>
        <translation>La chiave dei dati non è su questo computer</translation>
    </message>
    <message>
        <source>The data of Trama are encrypted, and the key kept in this Windows user&apos;s keyring is missing or does not open them. This happens with a new Windows profile, a reinstalled PC or a data folder moved elsewhere. Type the recovery key printed when the data folder was created: the sheet kept in the office safe or by IT. Nothing is changed until the key is proven to open the data.</source>
        <translation>I dati di Trama sono cifrati, e la chiave custodita nel portachiavi di questo utente di Windows manca o non li apre. Succede con un nuovo profilo di Windows, un computer reinstallato o una cartella dei dati spostata altrove. Scrivere la chiave di recupero stampata quando la cartella dei dati è stata creata: il foglio custodito nella cassaforte dell&apos;ufficio o dall&apos;assistenza informatica. Nulla viene modificato finché non è provato che la chiave apre i dati.</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Cartella dei dati: %1</translation>
    </message>
    <message>
        <source>&amp;Recovery key (56 characters, as on the sheet):</source>
        <translation>&amp;Chiave di recupero (56 caratteri, come sul foglio):</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Chiave di recupero</translation>
    </message>
    <message>
        <source>Upper or lower case, spaces and dashes do not matter.</source>
        <translation>Maiuscole e minuscole, spazi e trattini non contano.</translation>
    </message>
    <message>
        <source>Open the data</source>
        <translation>Apri i dati</translation>
    </message>
    <message>
        <source>Quit Trama</source>
        <translation>Esci da Trama</translation>
    </message>
</context>
<context>
    <name>KeepRecoveryKeyDialog</name>
    <message>
        <source>Recovery key of the data</source>
        <translation>Chiave di recupero dei dati</translation>
    </message>
    <message>
        <source>Keep the recovery key of your data</source>
        <translation>Conservare la chiave di recupero dei dati</translation>
    </message>
    <message>
        <source>The data of Trama on this PC are encrypted. The key that opens them is kept in your Windows user&apos;s keyring, and Trama uses it by itself. It can be lost, though: a new Windows profile, a reinstalled or repaired PC, the data folder moved to another place or PC. Trama then asks for this recovery key: without it nobody can open the data any more.</source>
        <translation>I dati di Trama su questo computer sono cifrati. La chiave che li apre è custodita nel portachiavi dell&apos;utente di Windows, e Trama la usa da sola. Può però andare perduta: un nuovo profilo di Windows, un computer reinstallato o riparato, la cartella dei dati spostata in un altro posto o su un altro computer. Trama chiede allora questa chiave di recupero: senza di essa nessuno può più aprire i dati.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Chiave di recupero</translation>
    </message>
    <message>
        <source>Data folder: %1 · key fingerprint %2</source>
        <translation>Cartella dei dati: %1 · impronta della chiave %2</translation>
    </message>
    <message>
        <source>Print the sheet and hand it to the office safe or to IT. Never keep it on this PC (no file, no photo, no e-mail): whoever holds it and a copy of the data folder can read every person&apos;s data.</source>
        <translation>Stampare il foglio e custodirlo nella cassaforte dell&apos;ufficio o consegnarlo all&apos;assistenza informatica. Mai conservarlo su questo computer (niente file, foto o e-mail): chi lo possiede con una copia della cartella dei dati può leggere i dati di tutte le persone.</translation>
    </message>
    <message>
        <source>Print the sheet…</source>
        <translation>Stampa il foglio…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salva PDF…</translation>
    </message>
    <message>
        <source>I have kept the recovery key</source>
        <translation>Ho conservato la chiave di recupero</translation>
    </message>
    <message>
        <source>Remind me at the next start</source>
        <translation>Ricordamelo al prossimo avvio</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>Print the recovery sheet</source>
        <translation>Stampa il foglio della chiave di recupero</translation>
    </message>
    <message>
        <source>The sheet could not be printed: %1</source>
        <translation>Non è stato possibile stampare il foglio: %1</translation>
    </message>
    <message>
        <source>The sheet was sent to the printer. Keep it in the office safe or give it to IT.</source>
        <translation>Il foglio è stato inviato alla stampante. Custodirlo nella cassaforte dell&apos;ufficio o consegnarlo all&apos;assistenza informatica.</translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation>Salva il foglio della chiave di recupero</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The sheet cannot be saved inside the data folder, beside the data it opens: choose another place (a USB stick, IT&apos;s folder).</source>
        <translation>Il foglio non può essere salvato nella cartella dei dati, accanto ai dati che apre: scegliere un altro posto (una chiavetta USB, la cartella dell&apos;assistenza informatica).</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2</source>
        <translation>Non è stato possibile scrivere il file %1: %2</translation>
    </message>
    <message>
        <source>Saved to %1. Do not leave it on this PC: print it or move it to IT&apos;s storage, then delete the file.</source>
        <translation>Salvato in %1. Non lasciarlo su questo computer: stamparlo o spostarlo presso l&apos;assistenza informatica, poi eliminare il file.</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>Trama cannot reach the system keyring where the key of its data is kept, and it never writes personal data unencrypted.</source>
        <translation>Trama non riesce a usare il portachiavi di sistema in cui è custodita la chiave dei suoi dati, e non scrive mai dati personali in chiaro.</translation>
    </message>
</context>
</TS>
