"""Vocabulary of German business data: surnames, first names, trades, streets, roles."""

from __future__ import annotations

# fmt: off

SURNAMES: tuple[str, ...] = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
    "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann",
    "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer",
    "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung",
    "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger",
    "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster",
    "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer",
    "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
    "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn",
    "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold",
    "Wolff", "Pfeiffer", "Brinkmann", "Oberhauser", "Lindemann", "Hüttner", "Steinbach",
    "Großmann", "Wießner", "Ostermann", "Kötter", "Rößler", "Jürgens", "Dreßler",
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Maria", "Julia", "Laura", "Katharina", "Sabine", "Petra", "Claudia",
    "Stefanie", "Monika", "Jana", "Lena", "Sophie", "Miriam", "Jörg", "Jürgen", "Uwe",
    "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Klaus",
    "Peter", "Matthias", "Tobias", "Florian", "Sebastian", "Lukas", "Jan", "Björn",
    "Sören", "Dörte", "Bärbel", "Günter", "Hans-Peter", "Karl-Heinz", "Anne-Kathrin",
    "Özlem", "Mehmet", "Ayşe", "Piotr", "Agnieszka", "Nikolai", "Elena", "Tim", "Nina",
    "Sven", "Heike", "Birgit", "Ralf", "Dirk", "Kerstin", "Silke", "Holger", "Ute",
)

#: (trade as used in a company name, industry label)
TRADES: tuple[tuple[str, str], ...] = (
    ("Haustechnik", "Building Services"),
    ("Elektrotechnik", "Electrical"),
    ("Sanitär- und Heizungsbau", "HVAC"),
    ("Kältetechnik", "HVAC"),
    ("Gebäudereinigung", "Facility Services"),
    ("Facility Management", "Facility Services"),
    ("Gebäudeservice", "Facility Services"),
    ("Aufzugstechnik", "Building Services"),
    ("Brandschutz", "Safety"),
    ("Sicherheitstechnik", "Safety"),
    ("Metallbau", "Manufacturing"),
    ("Maschinenbau", "Manufacturing"),
    ("Kunststofftechnik", "Manufacturing"),
    ("Präzisionsteile", "Manufacturing"),
    ("Logistik", "Logistics"),
    ("Spedition", "Logistics"),
    ("Kurierdienst", "Logistics"),
    ("Bäckerei", "Food Retail"),
    ("Fleischerei", "Food Retail"),
    ("Getränkehandel", "Wholesale"),
    ("Großhandel", "Wholesale"),
    ("Baustoffhandel", "Wholesale"),
    ("Autohaus", "Automotive"),
    ("Kfz-Werkstatt", "Automotive"),
    ("Reifenservice", "Automotive"),
    ("Apotheke", "Pharmacy"),
    ("Sanitätshaus", "Medical Supply"),
    ("Medizintechnik", "Medical Supply"),
    ("Pflegedienst", "Healthcare"),
    ("Zahntechnik", "Healthcare"),
    ("Dachdeckerei", "Construction"),
    ("Bauunternehmung", "Construction"),
    ("Tiefbau", "Construction"),
    ("Malerbetrieb", "Construction"),
    ("Tischlerei", "Construction"),
    ("Gartenbau", "Landscaping"),
    ("Hotelbetriebe", "Hospitality"),
    ("Gastronomie", "Hospitality"),
    ("Druckerei", "Printing"),
    ("IT-Service", "IT Services"),
    ("Bürotechnik", "IT Services"),
    ("Energietechnik", "Energy"),
    ("Solartechnik", "Energy"),
    ("Wohnungsbau", "Real Estate"),
    ("Immobilienverwaltung", "Real Estate"),
)

#: Brand words for chains and larger companies.
BRAND_WORDS: tuple[str, ...] = (
    "Frischmarkt", "Sonnenhof", "Nordlicht", "Rheinblick", "Alpenland", "Elbtal",
    "Weserland", "Mainfranken", "Spreewald", "Ostsee", "Bergland", "Lindenhof",
    "Eichenhain", "Mühlenhof", "Kronen", "Adler", "Falken", "Greif", "Sternen",
    "Hanse", "Kurpfalz", "Brückner", "Optima", "Proficon", "Technova", "Vitalis",
    "Medicus", "Primus", "Quadrat", "Kontor", "Werkhaus", "Fachwerk", "Ruhrpott",
    "Westfalia", "Saxonia", "Bavaria", "Thuringia", "Hansa", "Teutonia", "Nordstern",
)

REGION_PREFIXES: tuple[str, ...] = (
    "Rhein-Ruhr", "Rhein-Main", "Rhein-Neckar", "Nordwest", "Südwest", "Mitteldeutsche",
    "Norddeutsche", "Süddeutsche", "Ostwestfalen", "Niederrhein", "Bodensee", "Allgäuer",
    "Sauerland", "Eifel", "Harz", "Oberlausitzer", "Vogtland", "Emsland", "Münsterland",
)

#: (legal form, weight)
LEGAL_FORMS: tuple[tuple[str, int], ...] = (
    ("GmbH", 46),
    ("GmbH & Co. KG", 16),
    ("e.K.", 9),
    ("KG", 6),
    ("AG", 5),
    ("UG (haftungsbeschränkt)", 7),
    ("OHG", 4),
    ("mbH", 3),
    ("", 4),
)

#: How a legal form is also written (for import perturbations).
LEGAL_FORM_VARIANTS: dict[str, tuple[str, ...]] = {
    "GmbH": ("G.m.b.H.", "Gmbh", "GMBH", "Ges.m.b.H."),
    "GmbH & Co. KG": ("GmbH & Co KG", "GmbH u. Co. KG", "GmbH&Co.KG", "GmbH + Co. KG"),
    "e.K.": ("e. K.", "eK", "e.Kfm."),
    "KG": ("K.G.",),
    "AG": ("A.G.", "Aktiengesellschaft"),
    "UG (haftungsbeschränkt)": ("UG", "UG (haftungsbeschr.)", "UG haftungsbeschränkt"),
    "OHG": ("oHG", "O.H.G."),
    "mbH": ("m.b.H.", "MBH"),
}

STREET_STEMS: tuple[str, ...] = (
    "Haupt", "Bahnhof", "Schiller", "Goethe", "Linden", "Industrie", "Gewerbe", "Kirch",
    "Garten", "Wald", "Berg", "Schul", "Dorf", "Mühlen", "Ring", "Post", "Markt",
    "Rosen", "Birken", "Eichen", "Buchen", "Tannen", "Wiesen", "Feld", "Sonnen",
    "Hafen", "Brunnen", "Burg", "Kloster", "Friedhof", "Bach", "Fabrik", "Werk",
    "Lessing", "Mozart", "Beethoven", "Uhland", "Herder", "Kant", "Hölderlin",
    "Händel", "Luisen", "Wilhelm", "Friedrich", "Karl", "Otto", "Ludwig", "Heinrich",
    "Königs", "Kaiser", "Grenz", "Brücken", "Mittel", "Hoch",
)
STREET_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("straße", 55),
    ("weg", 14),
    ("platz", 5),
    ("allee", 5),
    ("ring", 5),
    ("damm", 3),
    ("gasse", 3),
    ("steig", 2),
)
PERSON_STREETS: tuple[str, ...] = (
    "Konrad-Adenauer-Straße", "Friedrich-Ebert-Straße", "Kurt-Schumacher-Straße",
    "Willy-Brandt-Platz", "Theodor-Heuss-Allee", "Max-Planck-Straße", "Robert-Bosch-Straße",
    "Carl-Zeiss-Straße", "Gottlieb-Daimler-Straße", "Otto-Hahn-Straße", "Rudolf-Diesel-Weg",
    "Albert-Einstein-Ring", "Werner-von-Siemens-Straße", "Heinrich-Heine-Allee",
    "Käthe-Kollwitz-Straße", "Bertha-von-Suttner-Platz", "Sophie-Scholl-Weg",
    "Geschwister-Scholl-Straße", "Graf-Zeppelin-Ring", "Marie-Curie-Straße",
)
PLACE_FEATURES: tuple[tuple[str, str], ...] = (
    ("Am", "Hafen"), ("Am", "Markt"), ("Am", "Stadtpark"), ("Am", "Mühlbach"),
    ("Am", "Gewerbepark"), ("Am", "Sportplatz"), ("Am", "Bahnhof"), ("Am", "Kirchberg"),
    ("An der", "Alten Mühle"), ("An der", "Kirche"), ("An der", "Ziegelei"),
    ("An der", "Autobahn"), ("Im", "Gewerbegebiet"), ("Im", "Wiesengrund"),
    ("Im", "Technologiepark"), ("Zum", "Kraftwerk"), ("Zur", "Alten Post"),
    ("Auf dem", "Hohenstein"), ("In der", "Aue"), ("Unter den", "Linden"),
)
#: Adjectives from place names ("Kölner Straße"), formed from the city at hand.
STREET_PLACE_SUFFIX = "er Straße"

LOCATION_TYPES: tuple[str, ...] = ("HeadOffice", "Branch", "Warehouse", "Site", "Workshop")
PRIORITIES: tuple[str, ...] = ("Low", "Medium", "Medium", "Medium", "High")
CONTACT_METHODS: tuple[str, ...] = ("Phone", "Phone", "Email", "Email", "Mobile", "Sms")

ROLES: tuple[tuple[str, str], ...] = (
    ("Geschäftsführung", "Geschäftsleitung"),
    ("Inhaber", "Geschäftsleitung"),
    ("Filialleitung", "Betrieb"),
    ("Haustechnik", "Technik"),
    ("Technischer Leiter", "Technik"),
    ("Facility Manager", "Technik"),
    ("Einkauf", "Einkauf"),
    ("Buchhaltung", "Finanzen"),
    ("Empfang", "Verwaltung"),
    ("Lagerleitung", "Logistik"),
    ("Hausmeister", "Technik"),
    ("Büroleitung", "Verwaltung"),
)

ACCESS_NOTES: tuple[str, ...] = (
    "Anmeldung am Empfang",
    "Zugang über den Hof, Klingel Werkstatt",
    "Schlüssel beim Hausmeister",
    "Lieferanteneingang Rückseite",
    "Zutritt nur mit Besucherausweis",
    "Tor 3, beim Pförtner melden",
)
PARKING_NOTES: tuple[str, ...] = (
    "Kundenparkplatz vor dem Gebäude",
    "Parken im Hof möglich",
    "Parkhaus gegenüber",
    "Halteverbot, Ladezone nutzen",
    "Besucherparkplätze P2",
)

JOB_TITLES: tuple[str, ...] = (
    "Wartung Heizungsanlage", "Störung Kühlzelle", "Jahresinspektion Brandmeldeanlage",
    "Austausch Leuchtmittel", "Reparatur Rolltor", "Prüfung ortsveränderlicher Geräte",
    "Grundreinigung Verkaufsfläche", "Wartung Aufzug", "Legionellenprüfung",
    "Notdienst Wasserschaden", "Installation Ladesäule", "Wartung Klimaanlage",
    "Austausch Türschließer", "Kontrolle Feuerlöscher", "Montage Regalsystem",
)
# fmt: on
