<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>ActivitiesTab</name>
    <message>
        <source>Activity</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Add activity…</source>
        <translation>Aggiungi attività…</translation>
    </message>
    <message numerus="yes">
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n attività</numerusform>
            <numerusform>%n attività</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the activity «%1»?</source>
        <translation>Eliminare l&apos;attività «%1»?</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Activity</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>Nuova attività</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>Other from the directory…</source>
        <translation>Altro ente dalla rubrica…</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsabile</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
</context>
<context>
    <name>BeneficiariesTab</name>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
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
        <source>Link referrals…</source>
        <translation>Collega segnalazioni…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Scollega</translation>
    </message>
    <message>
        <source>The project keeps only the link to each referral: the person&apos;s data stay in the referral and are never copied here.</source>
        <translation>Il progetto conserva solo il collegamento a ciascuna segnalazione: i dati della persona restano nella segnalazione e non vengono mai copiati qui.</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s) linked</source>
        <translation>
            <numerusform>%n segnalazione collegata</numerusform>
            <numerusform>%n segnalazioni collegate</numerusform>
        </translation>
    </message>
    <message>
        <source>(expected: %1)</source>
        <translation>(previsti: %1)</translation>
    </message>
    <message>
        <source>Unlink referral %1 from the project?</source>
        <translation>Scollegare la segnalazione %1 dal progetto?</translation>
    </message>
</context>
<context>
    <name>FundingDialog</name>
    <message>
        <source>Funding</source>
        <translation>Finanziamenti</translation>
    </message>
    <message>
        <source>New funding</source>
        <translation>Nuovo finanziamento</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Anno</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FundingTab</name>
    <message>
        <source>Year</source>
        <translation>Anno</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Add funding…</source>
        <translation>Aggiungi finanziamento…</translation>
    </message>
    <message>
        <source>Funding rows</source>
        <translation>Righe di finanziamento</translation>
    </message>
    <message>
        <source>Totals by source</source>
        <translation>Totali per fonte</translation>
    </message>
    <message>
        <source>Totals by year</source>
        <translation>Totali per anno</translation>
    </message>
    <message>
        <source>Total funding: %1 — resources contributed by the partners: %2 — overall: %3</source>
        <translation>Totale finanziamenti: %1 — risorse messe a disposizione dai partner: %2 — valore complessivo: %3</translation>
    </message>
    <message>
        <source>Remove the funding of %1 (%2, %3)?</source>
        <translation>Eliminare il finanziamento di %1 (%2, %3)?</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>not set</source>
        <translation>non indicato</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— scegliere —</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identificazione</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>Acronimo</translation>
    </message>
    <message>
        <source>Internal code</source>
        <translation>Codice interno</translation>
    </message>
    <message>
        <source>CUP</source>
        <translation>CUP</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Expected beneficiaries</source>
        <translation>Beneficiari previsti</translation>
    </message>
    <message>
        <source>Ambito</source>
        <translation>Ambito</translation>
    </message>
    <message>
        <source>Proceeding body</source>
        <translation>Ente procedente</translation>
    </message>
    <message>
        <source>Name of the proceeding body</source>
        <translation>Denominazione dell&apos;ente procedente</translation>
    </message>
    <message>
        <source>RUP</source>
        <translation>RUP</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>Duration from</source>
        <translation>Durata dal</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedura</translation>
    </message>
    <message>
        <source>Start decision</source>
        <translation>Atto di avvio</translation>
    </message>
    <message>
        <source>Public notice no.</source>
        <translation>Avviso n.</translation>
    </message>
    <message>
        <source>Approval decision</source>
        <translation>Atto di approvazione</translation>
    </message>
    <message>
        <source>Agreement (repertory)</source>
        <translation>Convenzione (repertorio)</translation>
    </message>
    <message>
        <source>of</source>
        <translation>del</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— nessuno —</translation>
    </message>
    <message>
        <source>15 characters, the first a letter</source>
        <translation>15 caratteri, il primo una lettera</translation>
    </message>
    <message>
        <source>well formed</source>
        <translation>corretto</translation>
    </message>
    <message>
        <source>%1 of 15 characters</source>
        <translation>%1 caratteri su 15</translation>
    </message>
    <message>
        <source>the first character must be a letter</source>
        <translation>il primo carattere deve essere una lettera</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>Nuovo indicatore</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità di misura</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Valore di partenza</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Computed from the linked referrals.</source>
        <translation>Calcolato dalle segnalazioni collegate.</translation>
    </message>
    <message>
        <source>«%1» must be a number.</source>
        <translation>«%1» deve essere un numero.</translation>
    </message>
</context>
<context>
    <name>IndicatorsTab</name>
    <message>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità di misura</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Base di calcolo</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Valore di partenza</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Baseline and target…</source>
        <translation>Valore di partenza e obiettivo…</translation>
    </message>
    <message>
        <source>Add indicator…</source>
        <translation>Aggiungi indicatore…</translation>
    </message>
    <message>
        <source>Computed from the linked referrals</source>
        <translation>Calcolati dalle segnalazioni collegate</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>Inseriti a mano</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>nessun dato</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s)</source>
        <translation>
            <numerusform>%n segnalazione</numerusform>
            <numerusform>%n segnalazioni</numerusform>
        </translation>
    </message>
    <message>
        <source>Recomputed on %1 from the referrals linked to the project. The median counts the days from sending to taking in charge; traineeships count once started.</source>
        <translation>Ricalcolati il %1 dalle segnalazioni collegate al progetto. La mediana conta i giorni dall&apos;invio alla presa in carico; i tirocini contano una volta avviati.</translation>
    </message>
    <message>
        <source>Remove the indicator «%1»?</source>
        <translation>Eliminare l&apos;indicatore «%1»?</translation>
    </message>
</context>
<context>
    <name>PartnerDialog</name>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>Nuovo partner</translation>
    </message>
    <message>
        <source>Choose from the directory…</source>
        <translation>Scegli dalla rubrica…</translation>
    </message>
    <message>
        <source>Staff, premises, vehicles, volunteers… (in kind too)</source>
        <translation>Personale, spazi, mezzi, volontari… (anche in natura)</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Resources contributed</source>
        <translation>Risorse messe a disposizione</translation>
    </message>
    <message>
        <source>Value of the resources</source>
        <translation>Valore delle risorse</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>Adesione</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>Uscita</translation>
    </message>
    <message>
        <source>Choose the organisation from the directory.</source>
        <translation>Scegliere l&apos;ente dalla rubrica.</translation>
    </message>
</context>
<context>
    <name>PartnersTab</name>
    <message>
        <source>Organisation</source>
        <translation>Ente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Resources contributed</source>
        <translation>Risorse messe a disposizione</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>Adesione</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>Uscita</translation>
    </message>
    <message>
        <source>Add partner…</source>
        <translation>Aggiungi partner…</translation>
    </message>
    <message numerus="yes">
        <source>%n partner(s); resources contributed: %1</source>
        <translation>
            <numerusform>%n partner; risorse messe a disposizione: %1</numerusform>
            <numerusform>%n partner; risorse messe a disposizione: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1 from the partners of the project?</source>
        <translation>Togliere %1 dai partner del progetto?</translation>
    </message>
</context>
<context>
    <name>ProjectEditor</name>
    <message>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <source>Project sheet</source>
        <translation>Scheda progetto</translation>
    </message>
    <message>
        <source>Print preview of the project sheet</source>
        <translation>Anteprima di stampa della scheda progetto</translation>
    </message>
    <message>
        <source>General data</source>
        <translation>Dati generali</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Finanziamenti</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Beneficiaries</source>
        <translation>Beneficiari</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nuovo progetto</translation>
    </message>
    <message>
        <source>Save the general data first: then partners, funding and the rest.</source>
        <translation>Salvare prima i dati generali: poi si potranno inserire partner, finanziamenti e il resto.</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Stato: %1</translation>
    </message>
    <message>
        <source>Move to «%1»…</source>
        <translation>Passa a «%1»…</translation>
    </message>
    <message>
        <source>This project is managed by the site %1: it can be read here but only that site can change it.</source>
        <translation>Questo progetto è gestito dalla sede %1: qui si può consultare, ma può modificarlo solo quella sede.</translation>
    </message>
    <message>
        <source>Move the project from «%1» to «%2»? The status only moves forward.</source>
        <translation>Portare il progetto da «%1» a «%2»? Lo stato può solo avanzare, non tornare indietro.</translation>
    </message>
    <message>
        <source>Move forward</source>
        <translation>Avanza</translation>
    </message>
    <message>
        <source>The new project has not been saved. Leave it without saving?</source>
        <translation>Il nuovo progetto non è stato salvato. Uscire senza salvarlo?</translation>
    </message>
    <message>
        <source>Leave without saving</source>
        <translation>Esci senza salvare</translation>
    </message>
</context>
<context>
    <name>ProjectListView</name>
    <message>
        <source>Search by title, acronym, CUP or code</source>
        <translation>Cerca per titolo, acronimo, CUP o codice</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Any target</source>
        <translation>Tutti i destinatari</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Nuovo progetto…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>Acronimo</translation>
    </message>
    <message>
        <source>CUP</source>
        <translation>CUP</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destinatari</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Sede</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n progetto</numerusform>
            <numerusform>%n progetti</numerusform>
        </translation>
    </message>
    <message>
        <source>No projects yet. Create the first with «New project…».</source>
        <translation>Nessun progetto. Creare il primo con «Nuovo progetto…».</translation>
    </message>
</context>
<context>
    <name>ReferralPicker</name>
    <message>
        <source>Link referrals to the project</source>
        <translation>Collega segnalazioni al progetto</translation>
    </message>
    <message>
        <source>Search by number, tax code or name</source>
        <translation>Cerca per numero, codice fiscale o nome</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
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
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>CPI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Segnalazioni</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Collega</translation>
    </message>
    <message>
        <source>The newest %1 are shown: type more of the number or name to narrow.</source>
        <translation>Sono mostrate le %1 più recenti: scrivere più caratteri del numero o del nome per restringere la ricerca.</translation>
    </message>
    <message numerus="yes">
        <source>%n referral(s) chosen</source>
        <translation>
            <numerusform>%n segnalazione scelta</numerusform>
            <numerusform>%n segnalazioni scelte</numerusform>
        </translation>
    </message>
</context>
</TS>
