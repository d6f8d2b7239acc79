<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>ActionItemStatus</name>
    <message>
        <source>Open</source>
        <translation>Aperta</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatta</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
</context>
<context>
    <name>ActionState</name>
    <message>
        <source>Planned</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Conclusa</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrotta</translation>
    </message>
</context>
<context>
    <name>ActivityStatus</name>
    <message>
        <source>Planned</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Svolta</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <source>Invited</source>
        <translation>Invitato</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Da remoto</translation>
    </message>
    <message>
        <source>Justified absence</source>
        <translation>Assente giustificato</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Assente</translation>
    </message>
</context>
<context>
    <name>CompatibleTask</name>
    <message>
        <source>Administrative work</source>
        <translation>Lavoro d&apos;ufficio e amministrativo</translation>
    </message>
    <message>
        <source>Reception and front desk</source>
        <translation>Accoglienza e sportello</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>Inserimento dati</translation>
    </message>
    <message>
        <source>Light assembly</source>
        <translation>Assemblaggio leggero</translation>
    </message>
    <message>
        <source>Warehouse and logistics</source>
        <translation>Magazzino e logistica</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>Pulizie</translation>
    </message>
    <message>
        <source>Catering</source>
        <translation>Ristorazione</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>Commercio e vendita</translation>
    </message>
    <message>
        <source>Green maintenance</source>
        <translation>Manutenzione del verde</translation>
    </message>
    <message>
        <source>Craft work</source>
        <translation>Lavoro artigianale</translation>
    </message>
    <message>
        <source>Other task</source>
        <translation>Altra mansione</translation>
    </message>
</context>
<context>
    <name>ContactChannel</name>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Di persona</translation>
    </message>
</context>
<context>
    <name>ContractType</name>
    <message>
        <source>Permanent</source>
        <translation>Tempo indeterminato</translation>
    </message>
    <message>
        <source>Fixed term</source>
        <translation>Tempo determinato</translation>
    </message>
    <message>
        <source>Apprenticeship</source>
        <translation>Apprendistato</translation>
    </message>
    <message>
        <source>Agency work</source>
        <translation>Somministrazione</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>DemoSession</name>
    <message>
        <source>Trama (demo data)</source>
        <translation>Trama (dati dimostrativi)</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>Preparazione dei dati dimostrativi…</translation>
    </message>
    <message>
        <source>Progress of the demo</source>
        <translation>Avanzamento della dimostrazione</translation>
    </message>
    <message>
        <source>Closing the demo…</source>
        <translation>Chiusura della dimostrazione…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Avvio del server dimostrativo…</translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>Sincronizzazione…</translation>
    </message>
</context>
<context>
    <name>DisabilityCategory</name>
    <message>
        <source>Civil invalid (over 45%)</source>
        <translation>Invalido/a civile (oltre 45%)</translation>
    </message>
    <message>
        <source>Work invalid (over 33%)</source>
        <translation>Invalido/a del lavoro (oltre 33%)</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>Non vedente</translation>
    </message>
    <message>
        <source>Deaf</source>
        <translation>Sordo/a</translation>
    </message>
    <message>
        <source>War invalid</source>
        <translation>Invalido/a di guerra</translation>
    </message>
    <message>
        <source>Service invalid</source>
        <translation>Invalido/a per servizio</translation>
    </message>
</context>
<context>
    <name>EmployerType</name>
    <message>
        <source>Private</source>
        <translation>Privato</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Pubblico</translation>
    </message>
    <message>
        <source>Social cooperative</source>
        <translation>Cooperativa sociale</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>EmploymentStatus</name>
    <message>
        <source>Unemployed</source>
        <translation>Disoccupato/a</translation>
    </message>
    <message>
        <source>Never employed</source>
        <translation>Inoccupato/a</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>Occupato/a</translation>
    </message>
    <message>
        <source>Employed with income below the threshold</source>
        <translation>Occupato/a con reddito sotto la soglia</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Studente/studentessa</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inattivo/a</translation>
    </message>
</context>
<context>
    <name>FundingSource</name>
    <message>
        <source>FNPS</source>
        <translation>FNPS</translation>
    </message>
    <message>
        <source>Poverty fund</source>
        <translation>Fondo Povertà</translation>
    </message>
    <message>
        <source>FNA</source>
        <translation>FNA</translation>
    </message>
    <message>
        <source>After us (Dopo di Noi)</source>
        <translation>Dopo di Noi</translation>
    </message>
    <message>
        <source>PNRR M5C2 1.1</source>
        <translation>PNRR M5C2 1.1</translation>
    </message>
    <message>
        <source>PNRR M5C2 1.2</source>
        <translation>PNRR M5C2 1.2</translation>
    </message>
    <message>
        <source>PNRR M5C2 1.3</source>
        <translation>PNRR M5C2 1.3</translation>
    </message>
    <message>
        <source>PNRR M5C1 GOL</source>
        <translation>PNRR M5C1 GOL</translation>
    </message>
    <message>
        <source>ESF+</source>
        <translation>FSE+</translation>
    </message>
    <message>
        <source>Regional disability fund</source>
        <translation>Fondo regionale disabili</translation>
    </message>
    <message>
        <source>Private foundation</source>
        <translation>Fondazione privata</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>ETS co-financing</source>
        <translation>Cofinanziamento ETS</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>GuaranteeStatus</name>
    <message>
        <source>Not adhered</source>
        <translation>Non aderente</translation>
    </message>
    <message>
        <source>Adhered</source>
        <translation>Aderente</translation>
    </message>
    <message>
        <source>Taken in charge</source>
        <translation>Presa in carico</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
</context>
<context>
    <name>HiringMode</name>
    <message>
        <source>Nominative request (art. 7)</source>
        <translation>Richiesta nominativa (art. 7 L. 68/1999)</translation>
    </message>
    <message>
        <source>Numeric placement (art. 7)</source>
        <translation>Avviamento numerico (art. 7 L. 68/1999)</translation>
    </message>
    <message>
        <source>Agreement art. 11 L. 68/1999</source>
        <translation>Convenzione art. 11 L. 68/1999</translation>
    </message>
    <message>
        <source>Agreement art. 14 D.Lgs. 276/2003</source>
        <translation>Convenzione art. 14 D.Lgs. 276/2003</translation>
    </message>
</context>
<context>
    <name>IndicatorKind</name>
    <message>
        <source>Typed in</source>
        <translation>Inserito a mano</translation>
    </message>
    <message>
        <source>Linked referrals</source>
        <translation>Segnalazioni collegate</translation>
    </message>
    <message>
        <source>Median days to taking in charge</source>
        <translation>Giorni mediani alla presa in carico</translation>
    </message>
    <message>
        <source>Traineeships started</source>
        <translation>Tirocini avviati</translation>
    </message>
    <message>
        <source>Hires</source>
        <translation>Assunzioni</translation>
    </message>
    <message>
        <source>Drop-outs</source>
        <translation>Abbandoni</translation>
    </message>
</context>
<context>
    <name>LegalRepresentativeKind</name>
    <message>
        <source>Parent</source>
        <translation>Genitore (responsabilità genitoriale)</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutore</translation>
    </message>
    <message>
        <source>Support administrator</source>
        <translation>Amministratore di sostegno</translation>
    </message>
    <message>
        <source>Curator</source>
        <translation>Curatore</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>Trama (demo data)</source>
        <translation>Trama (dati dimostrativi)</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Aree</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Da fare</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Segnalazioni</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Riunioni</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Rubrica</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoraggio</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>S&amp;trumenti</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Impostazioni…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>&amp;About Trama</source>
        <translation>&amp;Informazioni su Trama</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Cartella dati: %1</translation>
    </message>
    <message>
        <source>Operator: %1 — Site: %2</source>
        <translation>Operatore: %1 — Sede: %2</translation>
    </message>
    <message>
        <source>The operator is the account signed in to this computer.</source>
        <translation>L&apos;operatore è l&apos;account con cui si è entrati in questo computer.</translation>
    </message>
    <message>
        <source>Referrals: %1 of %2</source>
        <translation>Segnalazioni: %1 di %2</translation>
    </message>
    <message>
        <source>About Trama</source>
        <translation>Informazioni su Trama</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versione %1</translation>
    </message>
    <message>
        <source>Referrals, co-design projects and meetings of the labour-inclusion network of the Province of Varese.</source>
        <translation>Segnalazioni, progetti di co-progettazione e riunioni della rete per l&apos;inclusione lavorativa della Provincia di Varese.</translation>
    </message>
    <message>
        <source>Municipality data: ISTAT, Elenco dei comuni italiani, licensed under CC BY 3.0 IT.</source>
        <translation>Dati dei comuni: ISTAT, Elenco dei comuni italiani, con licenza CC BY 3.0 IT.</translation>
    </message>
</context>
<context>
    <name>MeetingMode</name>
    <message>
        <source>In person</source>
        <translation>In presenza</translation>
    </message>
    <message>
        <source>Video call</source>
        <translation>In videoconferenza</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mista</translation>
    </message>
</context>
<context>
    <name>MeetingType</name>
    <message>
        <source>Provincial table</source>
        <translation>Tavolo provinciale</translation>
    </message>
    <message>
        <source>Co-design table</source>
        <translation>Tavolo di co-progettazione</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Local network</source>
        <translation>Rete territoriale</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>MinutesStatus</name>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approvato</translation>
    </message>
</context>
<context>
    <name>Need</name>
    <message>
        <source>Guidance</source>
        <translation>Orientamento</translation>
    </message>
    <message>
        <source>Motivation</source>
        <translation>Motivazione</translation>
    </message>
    <message>
        <source>Basic skills</source>
        <translation>Competenze di base</translation>
    </message>
    <message>
        <source>Italian language</source>
        <translation>Lingua italiana</translation>
    </message>
    <message>
        <source>Work-life balance</source>
        <translation>Conciliazione</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Abitativo</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salute</translation>
    </message>
    <message>
        <source>Digital skills</source>
        <translation>Competenze digitali</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>Mobilità</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Trama</source>
        <translation>Trama</translation>
    </message>
    <message>
        <source>The operation could not be completed: %1</source>
        <translation>Non è stato possibile completare l&apos;operazione: %1</translation>
    </message>
</context>
<context>
    <name>OperatorRole</name>
    <message>
        <source>Social worker</source>
        <translation>Operatore sociale</translation>
    </message>
    <message>
        <source>CPI referent</source>
        <translation>Referente CPI</translation>
    </message>
    <message>
        <source>Administrative staff</source>
        <translation>Personale amministrativo</translation>
    </message>
    <message>
        <source>Privacy officer</source>
        <translation>Referente privacy</translation>
    </message>
</context>
<context>
    <name>OrganizationKind</name>
    <message>
        <source>Voluntary organisation (ODV)</source>
        <translation>Organizzazione di volontariato (ODV)</translation>
    </message>
    <message>
        <source>Social promotion association (APS)</source>
        <translation>Associazione di promozione sociale (APS)</translation>
    </message>
    <message>
        <source>Social enterprise</source>
        <translation>Impresa sociale</translation>
    </message>
    <message>
        <source>Social cooperative type A</source>
        <translation>Cooperativa sociale di tipo A</translation>
    </message>
    <message>
        <source>Social cooperative type B</source>
        <translation>Cooperativa sociale di tipo B</translation>
    </message>
    <message>
        <source>Consortium</source>
        <translation>Consorzio</translation>
    </message>
    <message>
        <source>Philanthropic body</source>
        <translation>Ente filantropico</translation>
    </message>
    <message>
        <source>Network association</source>
        <translation>Rete associativa</translation>
    </message>
    <message>
        <source>Mutual aid society</source>
        <translation>Società di mutuo soccorso</translation>
    </message>
    <message>
        <source>Other ETS</source>
        <translation>Altro ETS</translation>
    </message>
    <message>
        <source>Non-ETS body</source>
        <translation>Ente non ETS</translation>
    </message>
    <message>
        <source>Ambito territoriale</source>
        <translation>Ambito territoriale</translation>
    </message>
    <message>
        <source>Job centre (CPI)</source>
        <translation>Centro per l&apos;Impiego (CPI)</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Scuola</translation>
    </message>
    <message>
        <source>Social service</source>
        <translation>Servizio sociale</translation>
    </message>
    <message>
        <source>Health service</source>
        <translation>Servizio sanitario</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Public body</source>
        <translation>Ente pubblico</translation>
    </message>
</context>
<context>
    <name>OtherService</name>
    <message>
        <source>Social service</source>
        <translation>Servizio sociale</translation>
    </message>
    <message>
        <source>Child protection</source>
        <translation>Tutela minori</translation>
    </message>
    <message>
        <source>Mental health (CPS / NPIA)</source>
        <translation>Salute mentale (CPS / NPIA)</translation>
    </message>
    <message>
        <source>Addiction service (SerD)</source>
        <translation>Dipendenze (SerD)</translation>
    </message>
    <message>
        <source>Family counselling</source>
        <translation>Consultorio familiare</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Scuola</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Hired</source>
        <translation>Assunzione</translation>
    </message>
    <message>
        <source>Traineeship completed without hiring</source>
        <translation>Tirocinio concluso senza assunzione</translation>
    </message>
    <message>
        <source>Training completed</source>
        <translation>Formazione conclusa</translation>
    </message>
    <message>
        <source>Back to education or training</source>
        <translation>Rientro in istruzione o formazione</translation>
    </message>
    <message>
        <source>Civil service</source>
        <translation>Servizio civile</translation>
    </message>
    <message>
        <source>Self-employment</source>
        <translation>Autoimpiego</translation>
    </message>
    <message>
        <source>Taken in charge by another service</source>
        <translation>Presa in carico da altro servizio</translation>
    </message>
    <message>
        <source>Dropped out</source>
        <translation>Rinuncia o abbandono</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Irreperibile</translation>
    </message>
    <message>
        <source>Moved out of the province</source>
        <translation>Trasferimento fuori provincia</translation>
    </message>
    <message>
        <source>Lost eligibility</source>
        <translation>Perdita dei requisiti</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>PartnerRole</name>
    <message>
        <source>Lead ETS</source>
        <translation>Capofila ETS</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Supporter</source>
        <translation>Aderente</translation>
    </message>
</context>
<context>
    <name>PathActionType</name>
    <message>
        <source>Basic guidance</source>
        <translation>Orientamento di base</translation>
    </message>
    <message>
        <source>Specialist guidance</source>
        <translation>Orientamento specialistico</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formazione</translation>
    </message>
    <message>
        <source>Back to education</source>
        <translation>Rientro in istruzione</translation>
    </message>
    <message>
        <source>Traineeship</source>
        <translation>Tirocinio extracurriculare</translation>
    </message>
    <message>
        <source>Inclusion traineeship</source>
        <translation>Tirocinio di inclusione</translation>
    </message>
    <message>
        <source>Training island</source>
        <translation>Isola formativa</translation>
    </message>
    <message>
        <source>Job accompaniment</source>
        <translation>Accompagnamento al lavoro</translation>
    </message>
    <message>
        <source>Apprenticeship</source>
        <translation>Apprendistato</translation>
    </message>
    <message>
        <source>Civil service</source>
        <translation>Servizio civile</translation>
    </message>
    <message>
        <source>Self-employment</source>
        <translation>Autoimpiego</translation>
    </message>
    <message>
        <source>L.68 art. 11 agreement</source>
        <translation>Convenzione L.68 art. 11</translation>
    </message>
    <message>
        <source>L.68 art. 12 agreement</source>
        <translation>Convenzione L.68 art. 12</translation>
    </message>
    <message>
        <source>Art. 14 D.Lgs. 276/2003 agreement</source>
        <translation>Convenzione art. 14 D.Lgs. 276/2003</translation>
    </message>
    <message>
        <source>Work grant</source>
        <translation>Borsa lavoro</translation>
    </message>
    <message>
        <source>Job retention</source>
        <translation>Mantenimento del posto</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>PermitType</name>
    <message>
        <source>Work</source>
        <translation>Lavoro</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Motivi familiari</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Asylum</source>
        <translation>Asilo</translation>
    </message>
    <message>
        <source>Subsidiary protection</source>
        <translation>Protezione sussidiaria</translation>
    </message>
    <message>
        <source>Special protection</source>
        <translation>Protezione speciale</translation>
    </message>
    <message>
        <source>EU long-term resident</source>
        <translation>Soggiornante UE di lungo periodo</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Coming soon.</source>
        <translation>Disponibile a breve.</translation>
    </message>
</context>
<context>
    <name>PlacementSupport</name>
    <message>
        <source>Company tutor</source>
        <translation>Tutor aziendale</translation>
    </message>
    <message>
        <source>Job coach</source>
        <translation>Accompagnamento al lavoro (job coach)</translation>
    </message>
    <message>
        <source>Workstation adaptation</source>
        <translation>Adattamento della postazione</translation>
    </message>
    <message>
        <source>Accessible workplace</source>
        <translation>Luogo di lavoro accessibile</translation>
    </message>
    <message>
        <source>Part-time</source>
        <translation>Orario ridotto (part-time)</translation>
    </message>
    <message>
        <source>Flexible hours</source>
        <translation>Orario flessibile</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Trasporto</translation>
    </message>
    <message>
        <source>Assistive technology</source>
        <translation>Ausili tecnologici</translation>
    </message>
    <message>
        <source>No heavy lifting</source>
        <translation>Niente sollevamento di carichi</translation>
    </message>
    <message>
        <source>No night work</source>
        <translation>Niente lavoro notturno</translation>
    </message>
    <message>
        <source>Other support</source>
        <translation>Altro supporto</translation>
    </message>
</context>
<context>
    <name>PlanParty</name>
    <message>
        <source>Ambito</source>
        <translation>Ambito territoriale</translation>
    </message>
    <message>
        <source>CPI</source>
        <translation>Centro per l&apos;Impiego</translation>
    </message>
    <message>
        <source>Third Sector provider</source>
        <translation>Ente del Terzo settore</translation>
    </message>
    <message>
        <source>The person</source>
        <translation>La persona</translation>
    </message>
</context>
<context>
    <name>ProceedingBodyKind</name>
    <message>
        <source>Lead municipality</source>
        <translation>Comune capofila</translation>
    </message>
    <message>
        <source>Plan office</source>
        <translation>Ufficio di Piano</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Consortium company</source>
        <translation>Azienda consortile</translation>
    </message>
</context>
<context>
    <name>ProfilingClass</name>
    <message>
        <source>1 – Low</source>
        <translation>1 – Bassa</translation>
    </message>
    <message>
        <source>2 – Medium</source>
        <translation>2 – Media</translation>
    </message>
    <message>
        <source>3 – High</source>
        <translation>3 – Alta</translation>
    </message>
    <message>
        <source>4 – Very high</source>
        <translation>4 – Molto alta</translation>
    </message>
</context>
<context>
    <name>ProjectStatus</name>
    <message>
        <source>Co-programming</source>
        <translation>Co-programmazione</translation>
    </message>
    <message>
        <source>Public notice</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <source>Co-design table</source>
        <translation>Tavolo di co-progettazione</translation>
    </message>
    <message>
        <source>Agreement signed</source>
        <translation>Convenzione firmata</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Concluded</source>
        <translation>Concluso</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Rendicontato</translation>
    </message>
</context>
<context>
    <name>ProjectTarget</name>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>Targeted placement (CMD)</source>
        <translation>Collocamento mirato (CMD)</translation>
    </message>
    <message>
        <source>NEET and CMD</source>
        <translation>NEET e CMD</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>ReferralStatus</name>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviata</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuta</translation>
    </message>
    <message>
        <source>Taken in charge</source>
        <translation>Presa in carico</translation>
    </message>
    <message>
        <source>In path</source>
        <translation>In percorso</translation>
    </message>
    <message>
        <source>Concluded</source>
        <translation>Conclusa</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Restituita</translation>
    </message>
    <message>
        <source>Not relevant</source>
        <translation>Non pertinente</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Annullata</translation>
    </message>
</context>
<context>
    <name>RetentionRecordKind</name>
    <message>
        <source>Referral</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
</context>
<context>
    <name>ReviewOutcome</name>
    <message>
        <source>On track</source>
        <translation>In linea con il progetto</translation>
    </message>
    <message>
        <source>Plan revised</source>
        <translation>Progetto rivisto</translation>
    </message>
    <message>
        <source>Goals reached</source>
        <translation>Obiettivi raggiunti</translation>
    </message>
    <message>
        <source>Path interrupted</source>
        <translation>Percorso interrotto</translation>
    </message>
</context>
<context>
    <name>RouteTrack</name>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>CMD (targeted placement)</source>
        <translation>Collocamento mirato (CMD)</translation>
    </message>
    <message>
        <source>Social needs (to the Ambito)</source>
        <translation>Bisogni sociali (all&apos;Ambito)</translation>
    </message>
</context>
<context>
    <name>Sex</name>
    <message>
        <source>Male</source>
        <translation>Maschio</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femmina</translation>
    </message>
</context>
<context>
    <name>SiteKind</name>
    <message>
        <source>Ambito territoriale</source>
        <translation>Ambito territoriale</translation>
    </message>
    <message>
        <source>Job centre (CPI)</source>
        <translation>Centro per l&apos;Impiego (CPI)</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Third sector body (ETS)</source>
        <translation>Ente del Terzo settore (ETS)</translation>
    </message>
</context>
<context>
    <name>SocialReferralStatus</name>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviata</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Presa in carico</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Non di competenza</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Chiusa</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Annullata</translation>
    </message>
</context>
<context>
    <name>Track</name>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>Targeted placement (CMD)</source>
        <translation>Collocamento mirato (CMD)</translation>
    </message>
</context>
<context>
    <name>TrackShort</name>
    <message>
        <source>NEET</source>
        <translation>NEET</translation>
    </message>
    <message>
        <source>CMD</source>
        <translation>CMD</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
</context>
<context>
    <name>VoteKind</name>
    <message>
        <source>No vote</source>
        <translation>Nessuna votazione</translation>
    </message>
    <message>
        <source>Unanimous</source>
        <translation>All&apos;unanimità</translation>
    </message>
    <message>
        <source>Majority</source>
        <translation>A maggioranza</translation>
    </message>
</context>
</TS>
