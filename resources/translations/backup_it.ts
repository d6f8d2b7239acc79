<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>Backup</name>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>Il backup automatico non è riuscito: %1</translation>
    </message>
    <message>
        <source>&amp;Backup…</source>
        <translation>&amp;Backup…</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Taken on</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Use the default</source>
        <translation>Usa quella predefinita</translation>
    </message>
    <message>
        <source>backups (the newest are kept)</source>
        <translation>copie (si conservano le più recenti)</translation>
    </message>
    <message>
        <source>Where and how many</source>
        <translation>Dove e quante</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Cartella:</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Conserva:</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Esegui backup ora</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Ripristina…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Backups of this data folder</source>
        <translation>Copie di sicurezza di questa cartella dati</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2).</source>
        <translation>Ultimo backup: %1 (%2).</translation>
    </message>
    <message>
        <source>No backup in this folder yet.</source>
        <translation>Nessun backup ancora in questa cartella.</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuale</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Giornaliero</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>Prima di un aggiornamento</translation>
    </message>
    <message>
        <source>Before encryption</source>
        <translation>Prima della cifratura</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Prima di un ripristino</translation>
    </message>
    <message>
        <source>Set by %1: it cannot be changed here.</source>
        <translation>Impostato da %1: non si può cambiare da qui.</translation>
    </message>
    <message>
        <source>Manual backups are never deleted by Trama. In a folder of your choice (a network share is fine) each PC and data folder gets a subfolder of its own.</source>
        <translation>Trama non elimina mai i backup manuali. In una cartella scelta da voi (va bene anche una cartella di rete) ogni computer e cartella dati ha una sua sottocartella.</translation>
    </message>
    <message>
        <source>Saved in %1.</source>
        <translation>Impostazioni salvate in %1.</translation>
    </message>
    <message>
        <source>Folder for the backups</source>
        <translation>Cartella dei backup</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Backup in corso…</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Backup salvato: %1</translation>
    </message>
    <message>
        <source>Backup to restore</source>
        <translation>Backup da ripristinare</translation>
    </message>
    <message>
        <source>Trama backups (*%1);;All files (*)</source>
        <translation>Backup di Trama (*%1);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>the backup of %1</source>
        <translation>il backup del %1</translation>
    </message>
    <message>
        <source>Restore %1?</source>
        <translation>Ripristinare %1?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>The data of this folder are replaced by those of the backup; they are saved as a backup first.</source>
        <translation>I dati di questa cartella vengono sostituiti da quelli del backup; prima ne viene fatto un backup.</translation>
    </message>
    <message>
        <source>Changes made after the backup and never sent to the server are lost. An enrolled folder receives again from the server everything it has at the next synchronisation.</source>
        <translation>Le modifiche fatte dopo il backup e mai inviate al server vanno perse. Una cartella registrata riceve di nuovo dal server tutti i suoi dati alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Trama closes its window, restores the backup and opens the data again: unsaved edits in open windows are lost.</source>
        <translation>Trama chiude la finestra, ripristina il backup e riapre i dati: le modifiche non salvate nelle finestre aperte vanno perse.</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Verifica del backup…</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Chiave di recupero</translation>
    </message>
    <message>
        <source>The key of this folder does not open this backup.
Type the recovery key printed for the data it was made from
(56 characters in groups of four):</source>
        <translation>La chiave di questa cartella non apre questo backup.
Scrivere la chiave di recupero stampata per i dati da cui è stato fatto
(56 caratteri in gruppi di quattro):</translation>
    </message>
    <message>
        <source>The recovery key typed does not open this backup either: nothing was changed.</source>
        <translation>Nemmeno la chiave di recupero scritta apre questo backup: non è stato modificato nulla.</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>Restore</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>The backup could not be restored.</source>
        <translation>Il backup non è stato ripristinato.</translation>
    </message>
    <message>
        <source>Trama opens the data folder again.</source>
        <translation>Trama riapre la cartella dati com&apos;era.</translation>
    </message>
    <message>
        <source>The data were restored from the backup of %1 at %2.</source>
        <translation>I dati sono stati ripristinati dal backup del %1 alle %2.</translation>
    </message>
    <message>
        <source>The data were restored from the backup %1.</source>
        <translation>I dati sono stati ripristinati dal backup %1.</translation>
    </message>
    <message>
        <source>Changes made after that backup and never sent to the server are lost. At the next synchronisation Trama receives again everything the server has for this site, and sends what the backup had not sent yet. Synchronise before entering new referrals, so that their numbers follow those already issued.</source>
        <translation>Le modifiche fatte dopo quel backup e mai inviate al server sono perse. Alla prossima sincronizzazione Trama riceve di nuovo dal server tutti i dati di questa sede e invia quelli del backup non ancora inviati. Sincronizzare prima di registrare nuove segnalazioni, perché i numeri seguano quelli già assegnati.</translation>
    </message>
    <message>
        <source>Changes made after that backup are lost.</source>
        <translation>Le modifiche fatte dopo quel backup sono perse.</translation>
    </message>
    <message>
        <source>The data it replaced were saved as a backup: %1</source>
        <translation>I dati sostituiti sono stati salvati in un backup: %1</translation>
    </message>
    <message>
        <source>The data it replaced could not be read; the file was kept as %1</source>
        <translation>I dati sostituiti non si potevano leggere; il file è stato conservato come %1</translation>
    </message>
    <message>
        <source>The folder now uses the encryption key of the backup: its recovery key is the one printed for the data the backup was made from.</source>
        <translation>Ora la cartella usa la chiave di cifratura del backup: la sua chiave di recupero è quella stampata per i dati da cui il backup è stato fatto.</translation>
    </message>
    <message>
        <source>Restore the latest backup…</source>
        <translation>Ripristina l&apos;ultimo backup…</translation>
    </message>
    <message>
        <source>Put back the backup of %1 at %2? Whatever was saved after it and never sent to the server is lost; the damaged file is kept aside as a backup when it can be read.</source>
        <translation>Ripristinare il backup del %1 alle %2? Quanto salvato dopo e mai inviato al server va perso; il file danneggiato viene conservato a parte come copia, se si riesce a leggerlo.</translation>
    </message>
</context>
</TS>
