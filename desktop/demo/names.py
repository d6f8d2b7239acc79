"""Pools of common names, streets and birth states from which demo people are drawn at random.

Every entry is a common word, never a real person: a surname and a first name only meet when a
generator pairs them. Each foreign state has names of its own, in the Latin script its people
use on Italian documents (Arabic, Chinese, Urdu and Ukrainian names transliterated, Romanian
and Spanish ones with their own letters), so that a person's name, citizenship and birthplace
agree; those letters still exercise transliteration in codici fiscali, searching and fonts.
"""

from typing import NamedTuple


class ForeignState(NamedTuple):
    """A birth state with the Z code used in codici fiscali and its citizenship adjective."""

    code: str  # codice catastale of the foreign state (Z...)
    name: str
    citizenship: str
    eu: bool  # an EU citizen needs no residence permit
    surnames: tuple[str, ...]
    male_names: tuple[str, ...]
    female_names: tuple[str, ...]


ITALIAN_SURNAMES: tuple[str, ...] = (
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
    "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
    "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani",
    "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile",
    "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
    "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini",
    "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo",
    "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri",
    "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone",
    "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore",
    "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali",
    "Battaglia", "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Sorrentino",
    "D'Amico", "Orlando", "Negri", "Bassi", "Brambilla", "Bossi", "Castiglioni", "Ferrario",
    "Galbiati", "Pozzi", "Zanetti", "Bertoni", "Crespi", "Frigerio", "Sironi", "Tettamanti",
    "Macchi", "Broggini", "Bianchini", "Besozzi", "Dell'Acqua", "Di Stefano", "Lo Presti",
    "Mazzucchelli", "Bò",
)  # fmt: skip

ITALIAN_MALE_FIRST_NAMES: tuple[str, ...] = (
    "Marco", "Alessandro", "Andrea", "Luca", "Matteo", "Lorenzo", "Francesco", "Davide",
    "Simone", "Federico", "Riccardo", "Gabriele", "Stefano", "Giovanni", "Giuseppe", "Antonio",
    "Paolo", "Roberto", "Massimo", "Fabio", "Daniele", "Michele", "Nicola", "Pietro",
    "Tommaso", "Leonardo", "Edoardo", "Filippo", "Emanuele", "Mattia", "Giacomo", "Samuele",
    "Christian", "Alberto", "Claudio", "Giorgio", "Enrico", "Franco", "Mario", "Sergio",
    "Luigi", "Salvatore", "Vincenzo", "Carlo", "Angelo", "Bruno", "Diego", "Dario",
    "Emilio", "Fabrizio", "Gianluca", "Ivan", "Jacopo", "Manuel", "Mauro", "Maurizio",
    "Niccolò", "Raffaele", "Renato", "Rocco", "Ruggero", "Silvio", "Valerio", "Vittorio",
    "Walter", "Alessio", "Elia", "Ettore", "Fausto", "Gianni", "Loris", "Luciano",
    "Marcello", "Ottavio", "Piero", "Sandro", "Ugo", "Umberto", "Gian Marco", "Nicolò",
)  # fmt: skip

ITALIAN_FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia", "Federica",
    "Elisa", "Silvia", "Laura", "Elena", "Anna", "Maria", "Paola", "Roberta",
    "Simona", "Monica", "Barbara", "Cristina", "Daniela", "Giovanna", "Patrizia", "Antonella",
    "Sofia", "Aurora", "Ginevra", "Alice", "Beatrice", "Emma", "Giorgia", "Greta",
    "Matilde", "Vittoria", "Noemi", "Gaia", "Camilla", "Arianna", "Ilaria", "Serena",
    "Veronica", "Claudia", "Marta", "Michela", "Irene", "Eleonora", "Caterina", "Lucia",
    "Angela", "Rosa", "Teresa", "Carla", "Luisa", "Rita", "Manuela", "Stefania",
    "Tiziana", "Lorenza", "Debora", "Erika", "Nicoletta", "Ornella", "Raffaella", "Sabrina",
    "Sonia", "Vanessa", "Viola", "Benedetta", "Asia", "Rebecca", "Miriam", "Nadia",
    "Loredana", "Gabriella", "Emanuela", "Cinzia", "Bianca", "Agnese", "Ludovica", "Maria Grazia",
)  # fmt: skip

STREETS: tuple[str, ...] = (
    "Via Roma", "Via Giuseppe Garibaldi", "Piazza della Libertà", "Viale dei Mille",
    "Via Giuseppe Mazzini", "Corso Giacomo Matteotti", "Via Camillo Benso di Cavour",
    "Via XX Settembre", "Via IV Novembre", "Via Dante Alighieri", "Via Alessandro Manzoni",
    "Via Giuseppe Verdi", "Via Vittorio Veneto", "Via Milano", "Via Como", "Via Trieste",
    "Via Trento", "Via San Francesco d'Assisi", "Piazza della Repubblica", "Via Guglielmo Marconi",
    "Via Cesare Battisti", "Via Nazario Sauro", "Via Carlo Porta", "Via Sempione", "Via Piave",
    "Via Isonzo", "Via dei Tigli", "Via delle Rose", "Via Montello", "Via Giacomo Leopardi",
    "Via Giosuè Carducci", "Via Giovanni Pascoli", "Via Galileo Galilei",
    "Via Leonardo da Vinci", "Viale Europa", "Via Aldo Moro", "Via Papa Giovanni XXIII",
    "Largo Cinque Giornate", "Vicolo del Pozzo", "Via della Stazione", "Via per Cassano",
    "Via Monte Rosa", "Via Lago Maggiore", "Piazza San Vittore", "Via Don Giovanni Minzoni",
)  # fmt: skip


def _state(  # noqa: PLR0917 - one row of the table below
    code: str,
    name: str,
    citizenship: str,
    surnames: str,
    males: str,
    females: str,
    *,
    eu: bool = False,
) -> ForeignState:
    return ForeignState(
        code,
        name,
        citizenship,
        eu,
        tuple(surnames.split(", ")),
        tuple(males.split(", ")),
        tuple(females.split(", ")),
    )


FOREIGN_BIRTH_STATES: tuple[ForeignState, ...] = (
    _state(
        "Z100", "Albania", "albanese",
        "Hoxha, Shehu, Gashi, Leka, Dervishi, Kola, Marku, Prifti, Basha, Çela",
        "Arbën, Ermal, Gentian, Besnik, Klodian, Elton, Dritan, Erion",
        "Elira, Anisa, Blerina, Ermira, Klea, Jonida, Arjola, Mirela",
    ),
    _state(
        "Z330", "Marocco", "marocchina",
        "El Amrani, Benali, Bouzid, El Idrissi, Alaoui, Berrada, Tazi, Chakir, Haddad, Ziani",
        "Youssef, Mohamed, Hamza, Rachid, Omar, Karim, Abdelali, Ayoub",
        "Fatima, Khadija, Salma, Nadia, Imane, Samira, Hanane, Meryem",
    ),
    _state(
        "Z129", "Romania", "rumena",
        "Popescu, Ionescu, Popa, Dumitru, Stan, Stoica, Gheorghe, Munteanu, Constantin, Rusu",
        "Andrei, Mihai, Alexandru, Florin, Cristian, Gabriel, Ionuț, Ștefan",
        "Elena, Ioana, Andreea, Mihaela, Alina, Daniela, Roxana, Georgiana",
        eu=True,
    ),
    _state(
        "Z138", "Ucraina", "ucraina",
        "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boiko, Koval",
        "Oleksandr, Andrii, Dmytro, Serhii, Mykola, Taras, Yurii, Vasyl",
        "Oksana, Olena, Iryna, Nataliia, Yuliia, Svitlana, Halyna, Tetiana",
    ),
    _state(
        "Z343", "Senegal", "senegalese",
        "Diop, Ndiaye, Fall, Sow, Diallo, Gueye, Faye, Sarr, Ba, Cissé",
        "Mamadou, Ousmane, Cheikh, Moussa, Abdoulaye, Ibrahima, Modou, Pape",
        "Aminata, Fatou, Awa, Mariama, Khady, Ndeye, Coumba, Astou",
    ),
    _state(
        "Z335", "Nigeria", "nigeriana",
        "Okafor, Adeyemi, Okonkwo, Eze, Nwosu, Obi, Ogunleye, Balogun, Ibekwe, Okoro",
        "Chinedu, Emeka, Oluwaseun, Tunde, Ifeanyi, Babatunde, Samuel, Godwin",
        "Ngozi, Chiamaka, Blessing, Adaeze, Funmilayo, Precious, Joy, Ifeoma",
    ),
    _state(
        "Z236", "Pakistan", "pakistana",
        "Khan, Hussain, Ahmed, Ali, Iqbal, Butt, Malik, Chaudhry, Raza, Shah",
        "Muhammad, Ahmed, Bilal, Usman, Imran, Asif, Zeeshan, Kashif",
        "Ayesha, Fatima, Sana, Hina, Saima, Nazia, Rabia, Sadia",
    ),
    _state(
        "Z611", "Perù", "peruviana",
        "Quispe, Flores, Huamán, Rojas, Mamani, Vargas, Chávez, Ramírez, Torres, Mendoza",
        "José, Luis, Carlos, Jorge, Miguel, Juan Carlos, Víctor, Wilmer",
        "María, Rosa, Carmen, Lucía, Milagros, Gladys, Yesenia, Maribel",
    ),
    _state(
        "Z605", "Ecuador", "ecuadoriana",
        "Guamán, Zambrano, Cedeño, Morales, Castillo, Andrade, Paredes, Vera, Macías, Loor",
        "Jonathan, Byron, Wilson, Cristian, Diego, Edison, Fausto, Kléber",
        "Jessica, Mayra, Paola, Gabriela, Verónica, Johanna, Katherine, Mercedes",
    ),
    _state(
        "Z210", "Cina", "cinese",
        "Hu, Chen, Zhou, Wang, Zhang, Lin, Huang, Ye, Jin, Xu",
        "Wei, Jun, Hao, Lei, Ming, Jian, Zhiwei, Yong",
        "Li, Mei, Xiaoling, Yan, Jing, Hui, Xiaoyan, Lihua",
    ),
    _state(
        "Z352", "Tunisia", "tunisina",
        "Ben Salah, Trabelsi, Gharbi, Jebali, Hammami, Mejri, Ben Ammar, Dridi, Jaziri",
        "Mohamed Ali, Amine, Walid, Sami, Bilel, Aymen, Hichem, Nizar",
        "Amira, Rim, Ines, Sonia, Leila, Nour, Olfa, Sana",
    ),
    _state(
        "Z336", "Egitto", "egiziana",
        "Abdelrahman, Hassan, Mansour, Farouk, Said, Ibrahim, Soliman, El Sayed, Fathy",
        "Ahmed, Mahmoud, Mostafa, Tarek, Hossam, Amr, Karim, Mohamed",
        "Mona, Heba, Yasmin, Dina, Aya, Nourhan, Rania, Shaimaa",
    ),
)  # fmt: skip

FOREIGN_SURNAMES = tuple(name for state in FOREIGN_BIRTH_STATES for name in state.surnames)
FOREIGN_MALE_FIRST_NAMES = tuple(n for state in FOREIGN_BIRTH_STATES for n in state.male_names)
FOREIGN_FEMALE_FIRST_NAMES = tuple(n for state in FOREIGN_BIRTH_STATES for n in state.female_names)
SURNAMES: tuple[str, ...] = ITALIAN_SURNAMES + FOREIGN_SURNAMES
MALE_FIRST_NAMES: tuple[str, ...] = ITALIAN_MALE_FIRST_NAMES + FOREIGN_MALE_FIRST_NAMES
FEMALE_FIRST_NAMES: tuple[str, ...] = ITALIAN_FEMALE_FIRST_NAMES + FOREIGN_FEMALE_FIRST_NAMES
STATE_BY_CITIZENSHIP = {state.citizenship: state for state in FOREIGN_BIRTH_STATES}
STATE_BY_CODE = {state.code: state for state in FOREIGN_BIRTH_STATES}

ITALIAN_CITIZENSHIP = "italiana"

CITIZENSHIPS: tuple[str, ...] = (
    ITALIAN_CITIZENSHIP,
    *(state.citizenship for state in FOREIGN_BIRTH_STATES),
)
