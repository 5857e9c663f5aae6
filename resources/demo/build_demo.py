"""Build the demo world: reference.json, items.jsonl, truth.jsonl and settings/*.json.

Run from the repository root: ``python resources/demo/build_demo.py``. The output is
checked in; rebuild only when the demo should change, then read the results of every
profile again (README.md lists what each trap item must show).

The world has two parts. Hand-written customers (ids 1-99) and trap items (the first
items) show every status and warning code on purpose; README.md names them. Around them,
the benchmark generator with a fixed seed adds ordinary customers (ids from 101) and
ordinary items with realistic slips (typos, transliteration, abbreviations, ...).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.datagen.cities import CITY_BY_NAME  # noqa: E402
from benchmarks.datagen.items import ItemPlanner  # noqa: E402
from benchmarks.datagen.reference import (  # noqa: E402
    CUSTOMER_REF_BASE,
    ReferenceGenerator,
    WorldShape,
)

HERE = Path(__file__).resolve().parent
SEED = "ordinavo-demo-2026"
BACKGROUND_CUSTOMERS = 285
BACKGROUND_ITEMS = 170
MAIN = "acme"
OTHER = "borealis"
SAP = "sap-erp"
CRM = "crm"

Json = dict[str, Any]


def sap(ext: str) -> list[Json]:
    return [{"sourceSystem": SAP, "externalId": ext}]


def loc(  # noqa: PLR0917 (a row of a hand-written table)
    lid: int,
    name: str,
    street: str,
    postal: str,
    city: str,
    coords: tuple[float, float] | None,
    ref: str | None,
    type_: str = "Branch",
) -> Json:
    c = CITY_BY_NAME[city]
    assert c.fits(postal), (city, postal)
    out: Json = {
        "id": lid,
        "name": name,
        "type": type_,
        "street": street,
        "postalCode": postal,
        "city": city,
        "region": c.region,
        "country": "DE",
    }
    if coords is not None:
        out["latitude"], out["longitude"] = coords
    out["defaultEstimatedWorkMinutes"] = 60
    out["defaultPriority"] = "Medium"
    out["externalRefs"] = sap(ref) if ref else []
    return out


def person(  # noqa: PLR0917 (a row of a hand-written table)
    pid: int,
    first: str,
    last: str,
    role: str,
    email: str,
    phone: str,
    location_id: int | None,
    ref: str | None,
) -> Json:
    out: Json = {"id": pid}
    if location_id is not None:
        out["locationId"] = location_id
    out.update(
        {
            "firstName": first,
            "lastName": last,
            "displayName": f"{first} {last}",
            "role": role,
            "email": email,
            "phone": phone,
            "preferredContactMethod": "Phone",
            "externalRefs": sap(ref) if ref else [],
        }
    )
    return out


def customer(  # noqa: PLR0917 (a row of a hand-written table)
    cid: int,
    tenant: str,
    number: str,
    name: str,
    industry: str,
    domain: str,
    phone: str,
    refs: list[Json],
    locations: list[Json],
    contacts: list[Json],
    status: str = "Active",
) -> Json:
    return {
        "id": cid,
        "tenant": tenant,
        "customerNumber": number,
        "name": name,
        "type": "Business",
        "industry": industry,
        "email": f"info@{domain}",
        "phone": phone,
        "website": f"https://www.{domain}",
        "status": status,
        "externalRefs": refs,
        "locations": locations,
        "contacts": contacts,
    }


def hand_written_customers() -> list[Json]:
    """The customers the trap items point at (README.md, "The traps")."""
    rrm = "rhein-ruhr-medizintechnik.de"
    out = [
        customer(
            1, MAIN, "KD-0001001", "Rhein-Ruhr Medizintechnik GmbH", "Medical Supply", rrm,
            "+49 201 4387120",
            [*sap("CUST-20001"), {"sourceSystem": CRM, "externalId": "crm-acc-000020001"}],
            [
                loc(1, "Zentrale Essen", "Hachestraße 12", "45127", "Essen",
                    (51.45130, 7.00980), "LOC-20001-001", "HeadOffice"),
                loc(2, "Niederlassung Bochum", "Universitätsstraße 150", "44801", "Bochum",
                    (51.44470, 7.26170), "LOC-20001-002"),
                loc(3, "Lager Dortmund", "Rheinlanddamm 200", "44139", "Dortmund",
                    (51.49850, 7.46050), "LOC-20001-003", "Warehouse"),
            ],
            [
                person(1, "Anna", "Weber", "Leitung Haustechnik", f"anna.weber@{rrm}",
                       "+49 201 4387125", 1, "CONT-20001-1"),
                person(2, "Jens", "Hoffmann", "Filialleitung", f"jens.hoffmann@{rrm}",
                       "+49 234 9712044", 2, "CONT-20001-2"),
                person(3, "Petra", "Klein", "Einkauf", f"petra.klein@{rrm}",
                       "+49 201 4387130", None, "CONT-20001-3"),
            ],
        ),
        customer(
            2, MAIN, "KD-0001002", "Bäckerei Schäfer e.K.", "Food Retail", "baeckerei-schaefer.de",
            "+49 221 5172203", sap("CUST-20002"),
            [loc(4, "Backstube", "Aachener Straße 45", "50674", "Köln", None, "LOC-20002-001",
                 "HeadOffice")],
            [person(4, "Thomas", "Schäfer", "Inhaber", "thomas@baeckerei-schaefer.de",
                    "+49 221 5172200", 4, "CONT-20002-1")],
        ),
        customer(
            3, MAIN, "KD-0001003", "Elektro Krause GmbH", "Electrical", "elektro-krause.de",
            "+49 341 8816402", sap("CUST-20003"),
            [loc(5, "Hauptsitz", "Karl-Liebknecht-Straße 88", "04275", "Leipzig",
                 (51.32050, 12.37450), "LOC-20003-001", "HeadOffice")],
            [], status="Blocked",
        ),
        customer(
            4, MAIN, "KD-0001004", "Hoffmann Gebäudeservice KG", "Facility Services",
            "hoffmann-gebaeudeservice.de", "+49 511 6623017", sap("CUST-20004"),
            [loc(6, "Hauptsitz", "Podbielskistraße 120", "30177", "Hannover",
                 (52.38880, 9.76300), "LOC-20004-001", "HeadOffice")],
            [], status="Archived",
        ),
        customer(
            5, MAIN, "KD-0004711", "Meyer Kältetechnik GmbH", "HVAC", "meyer-kaelte.de",
            "+49 40 7891230", sap("CUST-20005"),
            [loc(7, "Hauptsitz", "Billstraße 80", "20539", "Hamburg", (53.54700, 10.04200),
                 "LOC-20005-001", "HeadOffice")],
            [],
        ),
        customer(
            6, MAIN, "KD-0004711", "Nordwest Kältetechnik GmbH", "HVAC", "nordwest-kaelte.de",
            "+49 421 3398120", sap("CUST-20006"),
            [loc(8, "Hauptsitz", "Hafenstraße 55", "28217", "Bremen", (53.09500, 8.77600),
                 "LOC-20006-001", "HeadOffice")],
            [],
        ),
        customer(
            7, MAIN, "KD-0001007", "Müller Haustechnik GmbH", "Building Services",
            "mueller-haustechnik-koeln.de", "+49 221 9530411", sap("CUST-20007"),
            [loc(9, "Hauptsitz", "Venloer Straße 300", "50823", "Köln", (50.94800, 6.92300),
                 "LOC-20007-001", "HeadOffice")],
            [],
        ),
        customer(
            8, MAIN, "KD-0001008", "Müller Haustechnik GmbH", "Building Services",
            "mueller-haustechnik-hamburg.de", "+49 40 6687120", sap("CUST-20008"),
            [loc(10, "Hauptsitz", "Wandsbeker Chaussee 70", "22089", "Hamburg",
                 (53.56800, 10.04400), "LOC-20008-001", "HeadOffice")],
            [],
        ),
        _chain(),
        customer(
            10, MAIN, "KD-0002201", "Schmitz Sanitär GmbH", "HVAC", "schmitz-sanitaer.de",
            "+49 211 7409930", sap("CUST-20010"),
            [loc(40, "Hauptsitz", "Kölner Landstraße 40", "40591", "Düsseldorf",
                 (51.19000, 6.80500), "LOC-20010-001", "HeadOffice")],
            [],
        ),
        customer(  # the same company entered a second time (from the CRM)
            11, MAIN, "KD-0002202", "Schmitz Sanitär GmbH", "HVAC", "schmitz-sanitaer.de",
            "+49 211 7409930", [{"sourceSystem": CRM, "externalId": "crm-acc-000020011"}],
            [loc(41, "Hauptsitz", "Kölner Landstraße 40", "40591", "Düsseldorf",
                 (51.19010, 6.80490), None, "HeadOffice")],
            [],
        ),
        customer(
            12, MAIN, "KD-0001012", "Sanitätshaus Jürgens OHG", "Medical Supply",
            "sanitaetshaus-juergens.de", "+49 911 3344550", sap("CUST-20012"),
            [loc(42, "Fachgeschäft", "Fürther Straße 212", "90429", "Nürnberg",
                 (49.45300, 11.04500), "LOC-20012-001", "HeadOffice")],
            [person(5, "Ute", "Jürgens", "Inhaberin", "ute.juergens@sanitaetshaus-juergens.de",
                    "+49 911 3344551", 42, "CONT-20012-1")],
        ),
        customer(
            13, MAIN, "KD-0001013", "Dachdeckerei Großmann GmbH", "Construction",
            "dachdeckerei-grossmann.de", "+49 251 6172830", sap("CUST-20013"),
            [loc(43, "Hauptsitz", "Hammer Straße 200", "48153", "Münster", (51.94200, 7.63000),
                 "LOC-20013-001", "HeadOffice")],
            [],
        ),
        customer(
            14, MAIN, "KD-0001014", "Weiß & Söhne Metallbau GmbH & Co. KG", "Manufacturing",
            "weiss-soehne-metallbau.de", "+49 711 2561900", sap("CUST-20014"),
            [loc(44, "Werk Stuttgart", "Heilbronner Straße 150", "70191", "Stuttgart",
                 (48.79600, 9.18500), "LOC-20014-001", "HeadOffice")],
            [],
        ),
        customer(
            15, OTHER, "BR-0077001", "Alpenland Logistik AG", "Logistics", "alpenland-logistik.de",
            "+49 89 5467120", sap("CUST-77001"),
            [loc(45, "Zentrallager", "Landsberger Straße 300", "80687", "München",
                 (48.14100, 11.50800), "LOC-77001-001", "Warehouse")],
            [],
        ),
        customer(  # borealis's own CUST-20001: the same string as acme's customer 1
            16, OTHER, "BR-0020001", "Hansa Reinigungsdienst GmbH", "Facility Services",
            "hansa-reinigung.de", "+49 431 9907310", sap("CUST-20001"),
            [loc(46, "Hauptsitz", "Holstenstraße 50", "24103", "Kiel", (54.32200, 10.13300),
                 "LOC-20001-001", "HeadOffice")],
            [],
        ),
    ]  # fmt: skip
    return out


#: Branches of the demo chain: (city, street, postal code, lat, lon).
CHAIN_BRANCHES: tuple[tuple[str, str, str, float, float], ...] = (
    ("Bielefeld", "Herforder Straße 120", "33609", 52.03300, 8.55000),
    ("Bielefeld", "Jöllenbecker Straße 280", "33613", 52.05120, 8.51820),
    ("Gütersloh", "Berliner Straße 45", "33330", 51.90620, 8.38310),
    ("Paderborn", "Detmolder Straße 90", "33102", 51.72400, 8.77300),
    ("Herford", "Mindener Straße 15", "32049", 52.12400, 8.67100),
    ("Minden", "Portastraße 40", "32423", 52.27900, 8.90400),
    ("Detmold", "Paulinenstraße 60", "32756", 51.93600, 8.87500),
    ("Münster", "Warendorfer Straße 70", "48145", 51.96400, 7.64800),
    ("Osnabrück", "Iburger Straße 120", "49082", 52.25700, 8.05000),
    ("Hamm", "Werler Straße 110", "59063", 51.67200, 7.83000),
    ("Dortmund", "Hohe Straße 80", "44139", 51.50400, 7.45700),
    ("Bochum", "Castroper Straße 200", "44791", 51.48900, 7.23700),
    ("Essen", "Rüttenscheider Straße 150", "45131", 51.43300, 7.00400),
    ("Gelsenkirchen", "Bahnhofstraße 30", "45879", 51.50600, 7.10100),
    ("Hannover", "Lister Meile 40", "30161", 52.38200, 9.74700),
    ("Hildesheim", "Goslarsche Straße 25", "31134", 52.14900, 9.94100),
    ("Göttingen", "Weender Straße 75", "37073", 51.53900, 9.93400),
    ("Kassel", "Friedrich-Ebert-Straße 130", "34119", 51.31500, 9.46900),
    ("Braunschweig", "Hamburger Straße 240", "38114", 52.28600, 10.52300),
    ("Wolfsburg", "Porschestraße 50", "38440", 52.42200, 10.78700),
    ("Magdeburg", "Halberstädter Straße 100", "39112", 52.11500, 11.60800),
    ("Lippstadt", "Cappelstraße 30", "59555", 51.67500, 8.34600),
    ("Soest", "Brüderstraße 20", "59494", 51.57300, 8.10900),
    ("Unna", "Massener Straße 60", "59423", 51.53600, 7.70100),
)


def _chain() -> Json:
    locations = []
    contacts = []
    for k, (city, street, postal, lat, lon) in enumerate(CHAIN_BRANCHES):
        lid = 11 + k
        name = "Zentrale" if k == 0 else f"Filiale {city} {k:02d}"
        coords = None if k == 5 else (lat, lon)  # one branch was never geocoded
        kind = "HeadOffice" if k == 0 else "Branch"
        locations.append(
            loc(lid, name, street, postal, city, coords, f"LOC-20009-{k + 1:03d}", kind)
        )
    contacts.append(person(6, "Miriam", "Lorenz", "Filialleitung",
                           "miriam.lorenz@frischemarkt-sonnenhof.de", "+49 521 9772010", 11,
                           "CONT-20009-1"))  # fmt: skip
    contacts.append(person(7, "Sven", "Ostermann", "Haustechnik",
                           "sven.ostermann@frischemarkt-sonnenhof.de", "+49 251 7710034", 18,
                           "CONT-20009-2"))  # fmt: skip
    return customer(
        9, MAIN, "KD-0001009", "Frischemarkt Sonnenhof GmbH & Co. KG", "Food Retail",
        "frischemarkt-sonnenhof.de", "+49 521 9772000", sap("CUST-20009"), locations, contacts,
    )  # fmt: skip


def _target(job: str, title: str, **parts: Any) -> Json:
    out: Json = {
        "externalId": job,
        "sourceSystem": SAP,
        "externalType": "ServiceJob",
        "operation": parts.pop("operation", "upsert"),
        "title": title,
    }
    out.update({k: v for k, v in parts.items() if v is not None})
    out["planning"] = {
        "dueDate": "2026-03-16",
        "preferredTimeWindowStart": "08:00",
        "preferredTimeWindowEnd": "12:00",
        "priority": "Medium",
        "estimatedWorkMinutes": 60,
    }
    return out


def _addr(street: str, postal: str, city: str, lat: float | None, lon: float | None) -> Json:
    out: Json = {"street": street, "postalCode": postal, "city": city, "country": "DE"}
    if lat is not None and lon is not None:
        out["latitude"], out["longitude"] = lat, lon
    return out


RRM = {"externalId": "CUST-20001", "customerNumber": "KD-0001001",
       "name": "Rhein-Ruhr Medizintechnik GmbH"}  # fmt: skip
ESSEN = _addr("Hachestraße 12", "45127", "Essen", 51.45130, 7.00980)
ANNA = {"externalId": "CONT-20001-1", "firstName": "Anna", "lastName": "Weber",
        "email": "anna.weber@rhein-ruhr-medizintechnik.de"}  # fmt: skip
JENS = {"externalId": "CONT-20001-2", "firstName": "Jens", "lastName": "Hoffmann",
        "email": "jens.hoffmann@rhein-ruhr-medizintechnik.de"}  # fmt: skip


def trap_items() -> list[tuple[Json, Json]]:
    """(item, truth) of every trap, in item order; README.md explains each."""
    n = 0

    def job() -> str:
        nonlocal n
        n += 1
        return f"JOB-2026-{n:06d}"

    def truth(kind: str, c: int | str | None, loc_: int | str | None = None,
              con: int | str | None = None) -> Json:  # fmt: skip
        return {"kind": kind, "tenant": MAIN, "customerId": c, "customerLocationId": loc_,
                "customerContactId": con}  # fmt: skip

    items: list[tuple[Json, Json]] = [
        (_target(job(), "Wartung Sterilisator", customer=RRM,
                 location={"externalId": "LOC-20001-001", **ESSEN}, contact=ANNA),
         truth("exact", 1, 1, 1)),
        (_target(job(), "Prüfung Medizingeräte", customer=RRM,
                 location={"externalId": "LOC-20001-001", **ESSEN}, contact=JENS),
         truth("contact-other-branch", 1, 1, 2)),
        (_target(job(), "Austausch Kühlaggregat", customer=RRM,
                 location={"externalId": "LOC-20001-001",
                           **_addr("Hachestraße 14", "45127", "Essen", 51.45150, 7.00990)}),
         truth("address-differs", 1, 1)),
        (_target(job(), "Erstinstallation Lager", customer=RRM,
                 location={"name": "Außenlager Dortmund", "type": "Warehouse",
                           **_addr("Kampstraße 45", "44137", "Dortmund", 51.51470, 7.45920)}),
         truth("new-location", 1, "new")),
        (_target(job(), "Einweisung Personal", customer=RRM,
                 location={"externalId": "LOC-20001-001"},
                 contact={"firstName": "Markus", "lastName": "Brandt", "role": "Hausmeister",
                          "email": "markus.brandt@rhein-ruhr-medizintechnik.de",
                          "phone": "+49 201 4387188"}),
         truth("new-contact", 1, 1, "new")),
        (_target(job(), "Störung Backofen",
                 customer={"externalId": "CUST-20002", "name": "Bäckerei Schäfer e.K."},
                 location={"externalId": "LOC-20002-001",
                           **_addr("Aachener Straße 45", "50674", "Köln", None, None)},
                 contact={"externalId": "CONT-20002-1", "firstName": "Thomas",
                          "lastName": "Schäfer"}),
         truth("missing-coordinates", 2, 4, 4)),
        (_target(job(), "Reparatur Unterverteilung",
                 customer={"externalId": "CUST-20003", "name": "Elektro Krause GmbH"},
                 location={"externalId": "LOC-20003-001"}),
         truth("inactive-customer", 3, 5)),
        (_target(job(), "Grundreinigung Büroetage",
                 customer={"externalId": "CUST-20004", "name": "Hoffmann Gebäudeservice KG"}),
         truth("inactive-customer", 4)),
        (_target(job(), "Wartung Kühlzelle",
                 customer={"externalId": "CUST-29001", "customerNumber": "KD-0004711",
                           "name": "Meyer Kältetechnik GmbH"},
                 location=_addr("Billstraße 80", "20539", "Hamburg", 53.54700, 10.04200)),
         truth("shared-customer-number", 5, 7)),
        (_target(job(), "Heizungswartung",
                 customer={"name": "Müller Haustechnik GmbH"},
                 location=_addr("Wandsbeker Chaussee 70", "22089", "Hamburg", 53.56800, 10.04400)),
         truth("look-alike-known-address", 8, 10)),
        (_target(job(), "Heizungswartung",
                 customer={"name": "Müller Haustechnik GmbH"},
                 location=_addr("Leopoldstraße 120", "80802", "München", 48.16400, 11.58600)),
         truth("look-alike", "new", "new")),
        (_target(job(), "Störung Kühlregal",
                 customer={"name": "Frischemarkt Sonnenhof GmbH & Co. KG"},
                 location={"name": "Filiale Kassel-Wilhelmshöhe",
                           **_addr("Wilhelmshöher Allee 250", "34131", "Kassel",
                                   51.31300, 9.44600)}),
         truth("chain-new-branch", 9, "new")),
        (_target(job(), "Wartung Lüftung",
                 customer={"externalId": "CUST-20009",
                           "name": "Frischemarkt Sonnenhof GmbH & Co. KG"},
                 location={"externalId": "LOC-20009-008"},
                 contact={"externalId": "CONT-20009-2"}),
         truth("chain-known-branch", 9, 18, 7)),
        (_target(job(), "Prüfung Notbeleuchtung", customer=RRM,
                 location={"externalId": "LOC-20002-001"}),
         truth("location-of-another-customer", 1, None)),
        (_target(job(), "Ofenreinigung",
                 customer={"externalId": "CUST-20002", "name": "Bäckerei Schäfer e.K."},
                 contact={"externalId": "CONT-20001-1"}),
         truth("contact-of-another-customer", 2, None)),
        (_target(job(), "Inspektion Rolltore",
                 customer={"externalId": "CUST-77001", "customerNumber": "BR-0077001",
                           "name": "Alpenland Logistik AG"},
                 location=_addr("Landsberger Straße 300", "80687", "München",
                                48.14100, 11.50800)),
         truth("other-tenant-id", "new", "new")),
        (_target(job(), "Nachkontrolle", customer={"externalId": "CUST-20001"}),
         truth("shared-external-id", 1)),
        (_target(job(), "Wartung Hebeanlage",
                 customer={"name": "Schmitz Sanitär GmbH"},
                 location=_addr("Kölner Landstraße 40", "40591", "Düsseldorf", None, None)),
         truth("duplicate-records", 10, 40)),
        (_target(job(), "Wartung Aufzug",
                 customer={"externalId": "CUST-29002", "customerNumber": "KD-0009002",
                           "name": "Vogel Aufzugstechnik GmbH", "industry": "Building Services",
                           "phone": "+49 561 7034410"},
                 location={"name": "Hauptsitz", "type": "HeadOffice",
                           **_addr("Leipziger Straße 180", "34123", "Kassel", 51.30800, 9.52300)},
                 contact={"firstName": "Björn", "lastName": "Vogel",
                          "email": "bjoern.vogel@vogel-aufzugstechnik.de"}),
         truth("new-customer", "new", "new", "new")),
        (_target(job(), "Wartung Aufzug (2. Anlage)",
                 customer={"externalId": "CUST-29002", "name": "Vogel Aufzugstechnik GmbH"},
                 location=_addr("Leipziger Straße 180", "34123", "Kassel", 51.30800, 9.52300)),
         truth("new-customer-again", "new", "new")),
        (_target(job(), "Angebot Vor-Ort-Termin",
                 customer={"externalId": "CUST-29003", "customerNumber": "KD-0009003"},
                 location=_addr("Marktplatz 3", "99084", "Erfurt", None, None)),
         truth("new-customer-without-name", "new", "new")),
        (_target(job(), "Wartung Kälteanlage",
                 customer={"externalId": "CUST-29004", "customerNumber": "KD-0001001",
                           "name": "Ostsee Klimaservice GmbH"},
                 location=_addr("Grimmstraße 12", "24106", "Kiel", 54.34300, 10.12600)),
         truth("new-customer-number-taken", "new", "new")),
        (_target(job(), "Straßenreinigung Zufahrt",
                 address=_addr("Am Hafen 4", "18055", "Rostock", 54.09200, 12.10900)),
         truth("no-mapping-data", None)),
        (_target(job(), "Wartung Sterilisator", operation="cancel", customer=RRM,
                 location={"externalId": "LOC-20001-001"}),
         truth("cancel", 1, 1)),
        (_target(job(), "Reparatur Treppenlift",
                 customer={"externalId": "CUST-20012", "name": "Sanitätshaus Jürgens OHG",
                           "phone": "+49 911 3344599",
                           "email": "service@sanitaetshaus-juergens.de"},
                 location={"externalId": "LOC-20012-001"},
                 contact={"externalId": "CONT-20012-1"}),
         truth("changed-details", 12, 42, 5)),
        (_target(job(), "Dachinspektion",
                 customer={"name": "Dachdeckerei Grossmann GmbH"},
                 location=_addr("Hammer Strasse 200", "48153", "Muenster", None, None)),
         truth("transliteration", 13, 43)),
        (_target(job(), "Schweißarbeiten Tor",
                 customer={"name": "Weiss & Soehne Metallbau GmbH u. Co. KG"},
                 location=_addr("Heilbronner Str. 150", "70191", "Stuttgart", None, None)),
         truth("legal-form-variant", 14, 44)),
        (_target(job(), "Prüfung Hallenkran",
                 customer={"name": "Weiß & Söhne Metallbau GmbH & Co. KG"},
                 location=_addr("Heilbronner Straße 150", "70197", "Stuttgart",
                                48.79610, 9.18490)),
         truth("postal-code-slip", 14, 44)),
        (_target(job(), "Begehung Neubau",
                 location={"externalId": "LOC-29005-001",
                           **_addr("Neue Straße 1", "89073", "Ulm", None, None)}),
         truth("unknown-location-only", None, "new")),
        (_target(job(), "Kalibrierung Messplätze", location={"externalId": "LOC-20001-002"}),
         truth("location-reference-only", 1, 2)),
        (_target(job(), "Wartungsvertrag Verlängerung", customer={"customerNumber": "KD-0001001"}),
         truth("customer-number-only", 1)),
    ]  # fmt: skip
    for item, t in items:
        t["externalId"] = item["externalId"]
    return items


def background(first_job: int) -> tuple[list[Json], list[tuple[Json, Json]]]:
    shape = WorldShape(
        chain_share=0.02,
        chain_branches=(12, 36),
        big_chain_min_customers=10**9,
        duplicate_number_share=0.0,
    )
    generator = ReferenceGenerator(SEED, shape, first_ids=(101, 101, 101))
    planner = ItemPlanner(SEED, BACKGROUND_ITEMS, MAIN)
    customers = []
    for c in generator.customers(BACKGROUND_CUSTOMERS):
        planner.offer(c, generator.last_number_was_duplicate)
        customers.append(c)
    highest = CUSTOMER_REF_BASE + generator.counts[MAIN]

    def other_only(c: Json) -> bool:
        return any(
            r["externalId"].startswith("CUST-") and int(r["externalId"][5:]) > highest
            for r in c["externalRefs"]
            if r["sourceSystem"] == SAP
        )

    items = []
    for k, (item, t) in enumerate(planner.items(other_only)):
        new_id = f"JOB-2026-{first_job + k:06d}"
        old_id = item["externalId"]
        item["externalId"] = t["externalId"] = new_id
        item["description"] = item["description"].replace(old_id[-7:], new_id[-6:])
        items.append((item, t))
    return customers, items


def settings_files() -> dict[str, Json]:
    scopes = ["inbound.targets.write", "customers.map", "customers.write", "customers.read"]

    def profile(strategy: str, create: tuple[bool, bool, bool], **extra: Any) -> Json:
        out: Json = {
            "tenant": MAIN,
            "sourceSystem": SAP,
            "strategy": strategy,
            "scopes": list(scopes),
            "autoCreate": dict(zip(("customer", "location", "contact"), create, strict=True)),
            "autoUpdate": False,
            "safeFallbacks": ["CustomerNumber"],
            "maxCandidates": 10,
            "nameAndAddress": {"threshold": 0.90, "margin": 0.08, "floor": 0.50,
                               "coordinateAgreementMeters": 150},
        }  # fmt: skip
        out.update(extra)
        return out

    return {
        "external-id-first": profile(
            "ExternalIdFirst", (False, True, True),
            safeFallbacks=["CustomerNumber", "ExactNameAndAddress"],
        ),
        "name-and-address": profile("ExternalIdThenNameAndAddress", (True, True, True)),
        "customer-number": profile("ExternalIdThenCustomerNumber", (False, True, True)),
        "external-id-only": profile("ExternalIdOnly", (False, False, False)),
        "manual-only": profile("ManualOnly", (False, False, False)),
        "auto-update": profile("ExternalIdFirst", (False, True, True), autoUpdate=True),
        "read-only-scopes": profile(
            "ExternalIdFirst", (False, False, False),
            scopes=["inbound.targets.write", "customers.read"],
        ),
    }  # fmt: skip


def main() -> None:
    hand = hand_written_customers()
    traps = trap_items()
    customers, more = background(first_job=len(traps) + 1)
    reference = {"customers": hand + customers}
    items = traps + more
    (HERE / "reference.json").write_text(
        json.dumps(reference, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    with (HERE / "items.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        for item, _ in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    with (HERE / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        for _, t in items:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    settings_dir = HERE / "settings"
    settings_dir.mkdir(exist_ok=True)
    for name, settings in settings_files().items():
        (settings_dir / f"{name}.json").write_text(
            json.dumps(settings, indent=2) + "\n", encoding="utf-8"
        )
    locations = sum(len(c["locations"]) for c in reference["customers"])
    print(f"{len(reference['customers'])} customers, {locations} locations, {len(items)} items")


if __name__ == "__main__":
    main()
