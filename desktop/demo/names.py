"""Pools of common names, streets and birth states from which demo people are drawn at random.

Every entry is a common word, never a real person: a surname and a first name only meet when a
generator pairs them. The foreign names carry letters such as Ł, ß, ş, ø so that demo data
exercises transliteration in codici fiscali, searching and PDF fonts.
"""

from typing import NamedTuple


class ForeignState(NamedTuple):
    """A birth state with the Z code used in codici fiscali and its citizenship adjective."""

    code: str
    name: str
    citizenship: str


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

FOREIGN_SURNAMES: tuple[str, ...] = (
    "Kowalczyk", "Nowak", "Wiśniewski", "Łukasiewicz", "Müller", "Weiß", "Şahin", "Öztürk",
    "Ødegård", "Åberg", "Ćosić", "Kovačević", "Núñez", "Gonçalves", "Popescu", "Ionescu",
    "Shehu", "El Amrani", "Diallo", "Okafor",
)  # fmt: skip

SURNAMES: tuple[str, ...] = ITALIAN_SURNAMES + FOREIGN_SURNAMES

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

FOREIGN_MALE_FIRST_NAMES: tuple[str, ...] = (
    "Łukasz", "Jürgen", "Ionuț", "Oleksandr", "Youssef", "Mamadou", "José", "Arbën", "Björn",
    "François",
)  # fmt: skip

FOREIGN_FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Małgorzata", "Zoë", "Aïcha", "Oksana", "Inés", "Ayşe", "Fatima", "Ingrid", "Ewa",
    "Ngozi",
)  # fmt: skip

MALE_FIRST_NAMES: tuple[str, ...] = ITALIAN_MALE_FIRST_NAMES + FOREIGN_MALE_FIRST_NAMES
FEMALE_FIRST_NAMES: tuple[str, ...] = ITALIAN_FEMALE_FIRST_NAMES + FOREIGN_FEMALE_FIRST_NAMES

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

FOREIGN_BIRTH_STATES: tuple[ForeignState, ...] = (
    ForeignState("Z100", "Albania", "albanese"),
    ForeignState("Z330", "Marocco", "marocchina"),
    ForeignState("Z129", "Romania", "rumena"),
    ForeignState("Z138", "Ucraina", "ucraina"),
    ForeignState("Z343", "Senegal", "senegalese"),
    ForeignState("Z335", "Nigeria", "nigeriana"),
    ForeignState("Z236", "Pakistan", "pakistana"),
    ForeignState("Z611", "Perù", "peruviana"),
    ForeignState("Z605", "Ecuador", "ecuadoriana"),
    ForeignState("Z210", "Cina", "cinese"),
    ForeignState("Z352", "Tunisia", "tunisina"),
    ForeignState("Z336", "Egitto", "egiziana"),
)

ITALIAN_CITIZENSHIP = "italiana"

CITIZENSHIPS: tuple[str, ...] = (
    ITALIAN_CITIZENSHIP,
    *(state.citizenship for state in FOREIGN_BIRTH_STATES),
)
