<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge a duplicate</source>
        <translation>Unisci un duplicato</translation>
    </message>
    <message>
        <source>Find the record of the same person entered a second time. Its referrals move to the record kept, and the other record is deleted. The merge is recorded in the audit trail and cannot be undone.</source>
        <translation>Cercare la scheda della stessa persona inserita una seconda volta. Le sue segnalazioni passano alla scheda che si conserva e l&apos;altra scheda viene eliminata. L&apos;unione viene registrata nel registro delle operazioni e non si può annullare.</translation>
    </message>
    <message>
        <source>&amp;Search the duplicate by surname or tax code:</source>
        <translation>&amp;Cerca il duplicato per cognome o codice fiscale:</translation>
    </message>
    <message>
        <source>Search the duplicate</source>
        <translation>Cerca il duplicato</translation>
    </message>
    <message>
        <source>Persons found</source>
        <translation>Persone trovate</translation>
    </message>
    <message>
        <source>Keep the personal data of:</source>
        <translation>Conserva i dati anagrafici di:</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Unisci…</translation>
    </message>
    <message>
        <source>(choose the duplicate in the list)</source>
        <translation>(scegliere il duplicato nell&apos;elenco)</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s) of the record dropped will move to the record kept.</source>
        <translation>
            <numerusform>%n segnalazione della scheda eliminata passerà alla scheda conservata.</numerusform>
            <numerusform>%n segnalazioni della scheda eliminata passeranno alla scheda conservata.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge the two records? This cannot be undone.</source>
        <translation>Unire le due schede? L&apos;operazione non si può annullare.</translation>
    </message>
</context>
<context>
    <name>PersonDetailView</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifica…</translation>
    </message>
    <message>
        <source>&amp;Merge a duplicate…</source>
        <translation>&amp;Unisci un duplicato…</translation>
    </message>
    <message>
        <source>Personal data e&amp;xtract…</source>
        <translation>&amp;Estratto dei dati personali…</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Dati anagrafici</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sesso</translation>
    </message>
    <message>
        <source>Place of birth</source>
        <translation>Luogo di nascita</translation>
    </message>
    <message>
        <source>Citizenship</source>
        <translation>Cittadinanza</translation>
    </message>
    <message>
        <source>Residence permit</source>
        <translation>Permesso di soggiorno</translation>
    </message>
    <message>
        <source>Residence and contacts</source>
        <translation>Residenza e recapiti</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Residenza</translation>
    </message>
    <message>
        <source>Domicile</source>
        <translation>Domicilio</translation>
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
        <source>Preferred channel</source>
        <translation>Canale preferito</translation>
    </message>
    <message>
        <source>Work and education</source>
        <translation>Lavoro e istruzione</translation>
    </message>
    <message>
        <source>Employment status</source>
        <translation>Condizione occupazionale</translation>
    </message>
    <message>
        <source>DID date</source>
        <translation>Data della DID</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Titolo di studio</translation>
    </message>
    <message>
        <source>Last school attended</source>
        <translation>Ultima scuola frequentata</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>Rappresentante legale</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Recapiti</translation>
    </message>
    <message>
        <source>Act of appointment</source>
        <translation>Atto di nomina</translation>
    </message>
    <message>
        <source>Referrals of the person</source>
        <translation>Segnalazioni della persona</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>No referrals for this person.</source>
        <translation>Nessuna segnalazione per questa persona.</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a referral.</source>
        <translation>Doppio clic o Invio per aprire una segnalazione.</translation>
    </message>
    <message>
        <source>Tax code %1 · born on %2 · %3 years old</source>
        <comment>a woman</comment>
        <translation>Codice fiscale %1 · nata il %2 · %3 anni</translation>
    </message>
    <message>
        <source>Tax code %1 · born on %2 · %3 years old</source>
        <comment>a man</comment>
        <translation>Codice fiscale %1 · nato il %2 · %3 anni</translation>
    </message>
    <message>
        <source>Tax code %1 · born on %2 · %3 years old</source>
        <comment>sex not recorded</comment>
        <translation>Codice fiscale %1 · data di nascita %2 · %3 anni</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>scade il %1</translation>
    </message>
    <message>
        <source>renewal in progress</source>
        <translation>in rinnovo</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 del %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Processing restricted (GDPR art. 18).&lt;/b&gt; This person&apos;s data cannot be changed, exported or printed until the restriction is lifted. Reason: %1</source>
        <translation>&lt;b&gt;Trattamento limitato (art. 18 GDPR).&lt;/b&gt; I dati di questa persona non possono essere modificati, esportati o stampati finché la limitazione non viene revocata. Motivo: %1</translation>
    </message>
    <message>
        <source>&amp;Lift restriction…</source>
        <translation>&amp;Revoca la limitazione…</translation>
    </message>
    <message>
        <source>&amp;Restrict processing…</source>
        <translation>&amp;Limita il trattamento…</translation>
    </message>
    <message>
        <source>Processing of this person is restricted</source>
        <translation>Il trattamento dei dati di questa persona è limitato</translation>
    </message>
    <message>
        <source>ISCED %1</source>
        <translation>ISCED %1</translation>
    </message>
    <message numerus="yes">
        <source>Referrals (%n)</source>
        <translation>
            <numerusform>Segnalazioni (%n)</numerusform>
            <numerusform>Segnalazioni (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Processing restricted (GDPR art. 18)</source>
        <translation>Trattamento limitato (art. 18 GDPR)</translation>
    </message>
</context>
<context>
    <name>PersonEditDialog</name>
    <message>
        <source>Edit person: %1</source>
        <translation>Modifica persona: %1</translation>
    </message>
    <message>
        <source>&amp;Personal data</source>
        <translation>Dati &amp;anagrafici</translation>
    </message>
    <message>
        <source>&amp;Residence and contacts</source>
        <translation>Residenza e &amp;recapiti</translation>
    </message>
    <message>
        <source>&amp;Work and education</source>
        <translation>&amp;Lavoro e istruzione</translation>
    </message>
    <message>
        <source>&amp;Legal representative</source>
        <translation>&amp;Rappresentante legale</translation>
    </message>
    <message>
        <source>Correct the fields marked in red.</source>
        <translation>Correggere i campi segnalati in rosso.</translation>
    </message>
    <message>
        <source>Confirm the tax code</source>
        <translation>Conferma del codice fiscale</translation>
    </message>
    <message>
        <source>To save anyway, write why the data are correct:</source>
        <translation>Per salvare comunque, indicare perché i dati sono corretti:</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>Personal data</source>
        <translation>Dati anagrafici</translation>
    </message>
    <message>
        <source>16 characters</source>
        <translation>16 caratteri</translation>
    </message>
    <message>
        <source>Tax code (codice fiscale)</source>
        <translation>Codice fiscale</translation>
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
        <source>Sex</source>
        <translation>Sesso</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Data di nascita</translation>
    </message>
    <message>
        <source>Minor: right and duty to education and training until 18</source>
        <translation>Minorenne: diritto-dovere all&apos;istruzione e alla formazione fino a 18 anni</translation>
    </message>
    <message>
        <source>Filled in from the tax code</source>
        <translation>Ricavato dal codice fiscale</translation>
    </message>
    <message>
        <source>Comune or country of birth</source>
        <translation>Comune o Stato di nascita</translation>
    </message>
    <message>
        <source>Citizenship</source>
        <translation>Cittadinanza</translation>
    </message>
    <message>
        <source>Residence permit (non-EU citizens)</source>
        <translation>Permesso di soggiorno (cittadini non UE)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Renewal applied for</source>
        <translation>In rinnovo</translation>
    </message>
    <message>
        <source>Residence and domicile</source>
        <translation>Residenza e domicilio</translation>
    </message>
    <message>
        <source>Comune</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>Domicile different from residence</source>
        <translation>Domicilio diverso dalla residenza</translation>
    </message>
    <message>
        <source>Domicile comune</source>
        <translation>Comune di domicilio</translation>
    </message>
    <message>
        <source>Domicile address</source>
        <translation>Indirizzo di domicilio</translation>
    </message>
    <message>
        <source>Domicile postcode</source>
        <translation>CAP del domicilio</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Recapiti</translation>
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
        <source>Preferred channel</source>
        <translation>Canale preferito</translation>
    </message>
    <message>
        <source>Work and education</source>
        <translation>Lavoro e istruzione</translation>
    </message>
    <message>
        <source>Employment status (declared)</source>
        <translation>Condizione occupazionale (dichiarata)</translation>
    </message>
    <message>
        <source>Date of the DID</source>
        <translation>Data della DID</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Titolo di studio</translation>
    </message>
    <message>
        <source>ISCED level (0-8)</source>
        <translation>Livello ISCED (0-8)</translation>
    </message>
    <message>
        <source>Year obtained</source>
        <translation>Anno di conseguimento</translation>
    </message>
    <message>
        <source>Last school attended</source>
        <translation>Ultima scuola frequentata</translation>
    </message>
    <message>
        <source>Left school on</source>
        <translation>Uscita dalla scuola il</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>Rappresentante legale</translation>
    </message>
    <message>
        <source>Acting as</source>
        <translation>In qualità di</translation>
    </message>
    <message>
        <source>Name and surname</source>
        <translation>Nome e cognome</translation>
    </message>
    <message>
        <source>Tax code of the representative</source>
        <translation>Codice fiscale del rappresentante</translation>
    </message>
    <message>
        <source>Phone of the representative</source>
        <translation>Telefono del rappresentante</translation>
    </message>
    <message>
        <source>E-mail of the representative</source>
        <translation>E-mail del rappresentante</translation>
    </message>
    <message>
        <source>e.g. Decree of the Court of Varese no. 123/2025</source>
        <translation>es. Decreto del Tribunale di Varese n. 123/2025</translation>
    </message>
    <message>
        <source>Act of appointment</source>
        <translation>Atto di nomina</translation>
    </message>
    <message>
        <source>Date of the act</source>
        <translation>Data dell&apos;atto</translation>
    </message>
    <message>
        <source>Unknown (code %1)</source>
        <translation>Non riconosciuto (codice %1)</translation>
    </message>
    <message>
        <source>Valid tax code.</source>
        <translation>Codice fiscale valido.</translation>
    </message>
    <message>
        <source>Comune not found: choose it from the list as you type.</source>
        <translation>Comune non trovato: sceglierlo dall&apos;elenco mentre si scrive.</translation>
    </message>
</context>
<context>
    <name>PersonListModel</name>
    <message>
        <source>Surname and name</source>
        <translation>Cognome e nome</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Born on</source>
        <translation>Nata/o il</translation>
    </message>
    <message>
        <source>Processing restricted (GDPR art. 18)</source>
        <translation>Trattamento limitato (art. 18 GDPR)</translation>
    </message>
</context>
<context>
    <name>PersonalDataExtract</name>
    <message>
        <source>Everything Trama holds about this person, as a PDF and a JSON (GDPR art. 15)</source>
        <translation>Tutto ciò che Trama conserva su questa persona, in PDF e in JSON (art. 15 GDPR)</translation>
    </message>
    <message>
        <source>Personal data extract</source>
        <translation>Estratto dei dati personali</translation>
    </message>
    <message>
        <source>Save the personal data extract</source>
        <translation>Salva l&apos;estratto dei dati personali</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The personal data extract was saved:
%1

The same data, for portability (JSON):
%2</source>
        <translation>L&apos;estratto dei dati personali è stato salvato:
%1

Gli stessi dati, per la portabilità (JSON):
%2</translation>
    </message>
    <message>
        <source>The personal data extract was not saved: %1</source>
        <translation>L&apos;estratto dei dati personali non è stato salvato: %1</translation>
    </message>
</context>
<context>
    <name>PersonsPage</name>
    <message>
        <source>Search by surname and name, or tax code</source>
        <translation>Cerca per cognome e nome o per codice fiscale</translation>
    </message>
    <message>
        <source>Search persons</source>
        <translation>Cerca persone</translation>
    </message>
    <message>
        <source>Show restricted too</source>
        <translation>Mostra anche i limitati</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>Choose a person in the list.</source>
        <translation>Scegliere una persona nell&apos;elenco.</translation>
    </message>
    <message>
        <source>Reading every person found…</source>
        <translation>Lettura di tutte le persone trovate…</translation>
    </message>
    <message>
        <source>Nobody found.</source>
        <translation>Nessuna persona trovata.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) found.</source>
        <translation>
            <numerusform>%n persona trovata.</numerusform>
            <numerusform>%n persone trovate.</numerusform>
        </translation>
    </message>
    <message>
        <source>No persons yet.</source>
        <translation>Nessuna persona registrata.</translation>
    </message>
    <message>
        <source>No persons to show. A person is registered with a new referral («New referral»); restricted persons appear with «Show restricted too».</source>
        <translation>Nessuna persona da mostrare. Una persona si registra con una nuova segnalazione («Nuova segnalazione»); le persone con trattamento limitato compaiono con «Mostra anche i limitati».</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>questa persona</translation>
    </message>
</context>
<context>
    <name>RestrictionDialog</name>
    <message>
        <source>Restrict processing</source>
        <translation>Limita il trattamento</translation>
    </message>
    <message>
        <source>Restricting processing (GDPR art. 18) hides %1 from lists and exports and stops any change, printing and synchronisation until the restriction is lifted.</source>
        <translation>La limitazione del trattamento (art. 18 GDPR) nasconde %1 da elenchi ed esportazioni e ne impedisce modifiche, stampe e sincronizzazione finché non viene revocata.</translation>
    </message>
    <message>
        <source>Restrict</source>
        <translation>Limita</translation>
    </message>
    <message>
        <source>Lift restriction</source>
        <translation>Revoca la limitazione</translation>
    </message>
    <message>
        <source>Lifting the restriction lets %1 be processed, listed and exported again.</source>
        <translation>Revocando la limitazione, %1 torna a essere trattata, elencata ed esportata.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obbligatorio):</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>For example: request of the person concerned of 12/03/2026, prot. 1234</source>
        <translation>Per esempio: richiesta dell&apos;interessato del 12/03/2026, prot. 1234</translation>
    </message>
</context>
</TS>
