"""German words of the window, for ``scripts/translations.py``.

``TRANSLATIONS`` maps an English source text to its German; a message with ``%n`` takes
a tuple of the two German plural forms (singular, plural). ``BY_CONTEXT`` maps
(context, source text) where one context needs other words than the rest. Keep the
placeholders ({name}, {n}, %n) and the accelerator (one ``&``) of the source.

Words used throughout: item → Auftrag, queue → Warteschlange, candidate → Kandidat,
reference data → Stammdaten, tenant → Mandant, scope → Berechtigung, API key →
API-Schlüssel, keyring → Schlüsselbund, contact → Ansprechpartner, location → Standort,
Confirm → Bestätigen, Choose → Auswählen, Reject → Ablehnen, Defer → Zurückstellen,
Create new → Neu anlegen, Undo → Rückgängig, Revert → Zurücknehmen, pull → abrufen,
push → senden, map tiles → Kartenkacheln.
"""

from __future__ import annotations

Translation = str | tuple[str, ...]

TRANSLATIONS: dict[str, Translation] = {
    # -- the main window ---------------------------------------------------------------------
    "Ordinavo Desk": "Ordinavo Desk",
    "&Quit": "&Beenden",
    "&About Ordinavo Desk": "Ü&ber Ordinavo Desk",
    "&File": "&Datei",
    "&Help": "&Hilfe",
    "Ready": "Bereit",
    "&Review": "&Prüfen",
    "(not set)": "(nicht festgelegt)",
    "Review queue": "Prüf-Warteschlange",
    "The review queue arrives in a later version of Ordinavo Desk.": (
        "Die Prüf-Warteschlange kommt mit einer späteren Version von Ordinavo Desk."
    ),
    "Database:": "Datenbank:",
    "Profile:": "Profil:",
    "About Ordinavo Desk": "Über Ordinavo Desk",
    "Ordinavo Desk {version}": "Ordinavo Desk {version}",
    "Review how Ordinavo Connect imports are mapped to customers, locations and contacts.": (
        "Prüfen Sie, wie Importe aus Ordinavo Connect Kunden, Standorten und "
        "Ansprechpartnern zugeordnet werden."
    ),
    "The profile: tenant, source system and rules": "Das Profil: Mandant, Quellsystem und Regeln",
    "Profile {name}: tenant {tenant}.": "Profil {name}: Mandant {tenant}.",
    "&Settings…": "&Einstellungen…",
    "Settings…": "Einstellungen…",
    # (for the window's wiring of the settings; unused texts are ignored)
    "The new language shows after a restart.": "Die neue Sprache erscheint nach einem Neustart.",
    "Now working with profile {name}.": "Jetzt mit Profil {name}.",
    "Map tiles from {server}.": "Kartenkacheln von {server}.",
    # -- words used in many places -----------------------------------------------------------
    "Confirm": "Bestätigen",
    "Choose": "Auswählen",
    "Create new": "Neu anlegen",
    "Reject": "Ablehnen",
    "Defer": "Zurückstellen",
    "Revert": "Zurücknehmen",
    "Undo": "Rückgängig",
    "Customer": "Kunde",
    "Location": "Standort",
    "Contact": "Ansprechpartner",
    "Item": "Auftrag",
    "Address": "Adresse",
    "Status": "Status",
    "Warnings": "Warnungen",
    "Incoming": "Eingang",
    "Candidate": "Kandidat",
    "Cancel": "Abbrechen",
    "Open": "Offen",
    "Deferred": "Zurückgestellt",
    "Decided": "Entschieden",
    "Rejected": "Abgelehnt",
    "Cancelled": "Storniert",
    "Not needed": "Nicht nötig",
    "{value} m": "{value} m",
    "{value} km": "{value} km",
    "{value} min": "{value} Min.",
    "none": "keine",
    # -- bulk confirmation -------------------------------------------------------------------
    "Confirm confident items": "Eindeutige Aufträge bestätigen",
    "Confirm even with these warnings": "Trotz dieser Warnungen bestätigen",
    "The selected items have no warnings.": "Die ausgewählten Aufträge haben keine Warnungen.",
    "Incoming customer": "Eingehender Kunde",
    "What happens": "Was geschieht",
    "Working out what would happen…": "Ermittle, was geschehen würde…",
    "{runs} of {total} selected items will be confirmed; the others stay.": (
        "{runs} von {total} ausgewählten Aufträgen werden bestätigt; die anderen bleiben."
    ),
    "Confirm %n item(s)": ("%n Auftrag bestätigen", "%n Aufträge bestätigen"),
    "Confirm → {customer}": "Bestätigen → {customer}",
    "stays: already decided": "bleibt: schon entschieden",
    "stays: not mapped for this version": "bleibt: für diese Version nicht zugeordnet",
    "stays: no candidate": "bleibt: kein Kandidat",
    "stays: top candidate not confident": "bleibt: bester Kandidat nicht eindeutig",
    "stays: {warnings}": "bleibt: {warnings}",
    # -- candidates --------------------------------------------------------------------------
    "confident": "eindeutig",
    "ambiguous": "mehrdeutig",
    "below threshold": "unter der Schwelle",
    "#": "#",
    "Score": "Wertung",
    "Outcome": "Ergebnis",
    "Distance": "Entfernung",
    "Why": "Warum",
    "The rules propose this candidate": "Die Regeln schlagen diesen Kandidaten vor",
    "customer {id}": "Kunde {id}",
    "(no location)": "(kein Standort)",
    # -- comparison --------------------------------------------------------------------------
    "Field": "Feld",
    "How it compared": "Vergleich",
    "(not given)": "(nicht angegeben)",
    "(none)": "(keiner)",
    "Corrected; it came in as: {value}": "Korrigiert; eingegangen als: {value}",
    "F2 or double-click to correct": "F2 oder Doppelklick zum Korrigieren",
    "Hidden personal data: Reveal (Ctrl+Shift+P) to show it": (
        "Verborgene personenbezogene Daten: mit Aufdecken (Strg+Umschalt+P) anzeigen"
    ),
    # -- conflicts ---------------------------------------------------------------------------
    "Conflicts with the server": "Konflikte mit dem Server",
    "Your decision": "Ihre Entscheidung",
    "On the server": "Auf dem Server",
    "&Keep the server's state": "Stand des Servers &behalten",
    "Undo your decision: it is never sent, and the next sync brings the item as the "
    "server has it (Enter)": (
        "Ihre Entscheidung zurücknehmen: Sie wird nie gesendet, und die nächste "
        "Synchronisierung holt den Auftrag so, wie der Server ihn hat (Eingabe)"
    ),
    "&Decide again on the server's version": "Auf der Version des Servers neu &entscheiden",
    "Record the same decision again on the server's version; it goes out with the next "
    "sync (Ctrl+Enter)": (
        "Dieselbe Entscheidung auf der Version des Servers erneut erfassen; sie geht mit "
        "der nächsten Synchronisierung hinaus (Strg+Eingabe)"
    ),
    "Enter keeps the server's state · Ctrl+Enter decides again · Esc closes": (
        "Eingabe behält den Stand des Servers · Strg+Eingabe entscheidet neu · Esc schließt"
    ),
    "No conflicts: the server took every decision it was sent, or they are resolved.": (
        "Keine Konflikte: Der Server hat jede gesendete Entscheidung angenommen, oder sie "
        "sind gelöst."
    ),
    "Could not read the conflicts: {error}": "Die Konflikte konnten nicht gelesen werden: {error}",
    "{item}: the server's state is kept; your decision is not sent, and the next sync "
    "brings the item as the server has it.": (
        "{item}: Der Stand des Servers bleibt; Ihre Entscheidung wird nicht gesendet, und "
        "die nächste Synchronisierung holt den Auftrag so, wie der Server ihn hat."
    ),
    "{item}: {kind} decided again on the server's version {version}; it goes out with the "
    "next sync.": (
        "{item}: {kind} auf der Version {version} des Servers neu entschieden; die "
        "Entscheidung geht mit der nächsten Synchronisierung hinaus."
    ),
    "Resolving {item}…": "Löse {item}…",
    "{item} could not be resolved: {error}": "{item} konnte nicht gelöst werden: {error}",
    "The server refused your decision ({code}): {message}": (
        "Der Server hat Ihre Entscheidung abgelehnt ({code}): {message}"
    ),
    "no status": "kein Status",
    "The server refused your decision: {message}": (
        "Der Server hat Ihre Entscheidung abgelehnt: {message}"
    ),
    "Correlation id: {id}": "Korrelations-ID: {id}",
    "(not kept)": "(nicht aufbewahrt)",
    "{who} ({kind})": "{who} ({kind})",
    "someone": "jemand",
    "made on version {v}": "getroffen auf Version {v}",
    "version {v}": "Version {v}",
    "Decision / state": "Entscheidung / Stand",
    "Corrections": "Korrekturen",
    "Decided by": "Entschieden von",
    "When": "Wann",
    "Item version": "Auftragsversion",
    "The item is {state} on the server, so it takes no other decision there: keep the "
    "server's state.": (
        "Der Auftrag hat auf dem Server den Stand „{state}“ und nimmt dort keine andere "
        "Entscheidung an: Behalten Sie den Stand des Servers."
    ),
    "The server's version of the item was not kept with the conflict: keep the server's "
    "state, sync, and decide the item again.": (
        "Die Version des Servers wurde mit dem Konflikt nicht aufbewahrt: Behalten Sie den "
        "Stand des Servers, synchronisieren Sie und entscheiden Sie den Auftrag erneut."
    ),
    "This decision reaches the server by re-import (plain v1), which has no versions to "
    "decide on: keep the server's state.": (
        "Diese Entscheidung erreicht den Server über einen erneuten Import (einfaches v1), "
        "der keine Versionen zum Entscheiden kennt: Behalten Sie den Stand des Servers."
    ),
    "{name} (#{id})": "{name} (#{id})",
    "#{id} (not in the reference data yet)": "#{id} (noch nicht in den Stammdaten)",
    # -- defer, reject, locations ------------------------------------------------------------
    "Defer {item}": "{item} zurückstellen",
    "&Until": "&Bis",
    "Optional: a note for whoever picks it up": (
        "Optional: eine Notiz für die Person, die es übernimmt"
    ),
    "&Note:": "&Notiz:",
    "Locations of {customer}": "Standorte von {customer}",
    "location {id}": "Standort {id}",
    "New location": "Neuer Standort",
    "created for this customer from the incoming location (with corrections)": (
        "wird für diesen Kunden aus dem eingehenden Standort angelegt (mit Korrekturen)"
    ),
    "↑/↓ to pick, Enter to choose, Escape to go back.": (
        "↑/↓ zum Wählen, Eingabe zum Übernehmen, Esc zurück."
    ),
    "Not our customer": "Nicht unser Kunde",
    "Duplicate job": "Doppelter Auftrag",
    "Bad data": "Fehlerhafte Daten",
    "Other": "Sonstiges",
    "Reject {item}": "{item} ablehnen",
    "Optional: why": "Optional: warum",
    "&Reason:": "&Grund:",
    "&Text:": "&Text:",
    # -- the map -----------------------------------------------------------------------------
    "No coordinates to show": "Keine Koordinaten zum Anzeigen",
    "No coordinates: {places}": "Keine Koordinaten: {places}",
    "incoming location": "eingehender Standort",
    "candidate {rank}": "Kandidat {rank}",
    "Map tiles unavailable": "Kartenkacheln nicht verfügbar",
    # -- the queue ---------------------------------------------------------------------------
    "Job": "Auftrag",
    "City": "Ort",
    "Strategy": "Strategie",
    "Due": "Fällig",
    "Priority": "Priorität",
    "Review": "Prüfung",
    "Age": "Alter",
    "Claimed by": "Übernommen von",
    "{n} min": "{n} Min.",
    "{n} h": "{n} Std.",
    "{n} d": "{n} T.",
    "Search customer, city or job ID": "Kunde, Ort oder Auftrags-ID suchen",
    "To review": "Zu prüfen",
    "Reviewed": "Geprüft",
    "All items": "Alle Aufträge",
    "Any status": "Jeder Status",
    "Any warning": "Jede Warnung",
    "Any strategy": "Jede Strategie",
    "Any due date": "Jedes Fälligkeitsdatum",
    "Due today or earlier": "Heute oder früher fällig",
    "Due within 7 days": "Innerhalb von 7 Tagen fällig",
    "%n item(s)": ("%n Auftrag", "%n Aufträge"),
    "{reviewed} of {total} reviewed": "{reviewed} von {total} geprüft",
    # -- reasons -----------------------------------------------------------------------------
    "Name": "Name",
    "Customer number": "Kundennummer",
    "External ID": "Externe ID",
    "Type": "Art",
    "Industry": "Branche",
    "Location name": "Standortname",
    "Street": "Straße",
    "Postal code": "PLZ",
    "Country": "Land",
    "Coordinates": "Koordinaten",
    "Location reference": "Standort-Referenz",
    "Role": "Funktion",
    "Email": "E-Mail",
    "Phone": "Telefon",
    "Mobile": "Mobil",
    "Contact reference": "Ansprechpartner-Referenz",
    "exact": "genau",
    "different": "abweichend",
    "not given": "nicht angegeben",
    "missing in the record": "fehlt im Datensatz",
    "by reference": "über Referenz",
    "house number missing": "Hausnummer fehlt",
    "house number close": "Hausnummer nah",
    "house number differs": "Hausnummer abweichend",
    "district differs": "Ortsteil abweichend",
    "similar {score}": "ähnlich {score}",
    "{metres} m apart": "{metres} m entfernt",
    # -- record search -----------------------------------------------------------------------
    "Choose any customer or location": "Beliebigen Kunden oder Standort auswählen",
    "Name, customer number, street, postal code or city": (
        "Name, Kundennummer, Straße, PLZ oder Ort"
    ),
    "Number": "Nummer",
    "Type to search.": "Zum Suchen tippen.",
    "Searching…": "Suche…",
    "%n record(s) found": ("%n Datensatz gefunden", "%n Datensätze gefunden"),
    # -- related items -----------------------------------------------------------------------
    "Related items": "Verwandte Aufträge",
    "same customer reference": "gleiche Kundenreferenz",
    "same customer in the batch": "gleicher Kunde im Stapel",
    "Related by": "Verwandt über",
    "Would link to": "Würde verknüpfen mit",
    "—": "—",
    "{decided} settles these open items too. Decide the checked ones the same way? "
    "(Space checks or unchecks, Enter decides.)": (
        "{decided} erledigt auch diese offenen Aufträge. Die markierten genauso "
        "entscheiden? (Leertaste markiert oder entfernt die Markierung, Eingabe entscheidet.)"
    ),
    "Decide checked items": "Markierte Aufträge entscheiden",
    "Not now": "Jetzt nicht",
    # -- the review panel --------------------------------------------------------------------
    "No item selected": "Kein Auftrag ausgewählt",
    "Reveal personal data (Ctrl+Shift+P)": "Personenbezogene Daten aufdecken (Strg+Umschalt+P)",
    "Route readiness": "Bereit für die Tourenplanung",
    "Work minutes:": "Arbeitsminuten:",
    "Priority:": "Priorität:",
    "Access:": "Zugang:",
    "Parking:": "Parken:",
    "Candidates (1–9 compare · L other locations · / search all records)": (
        "Kandidaten (1–9 vergleichen · L andere Standorte · / alle Datensätze durchsuchen)"
    ),
    "How the rules got here": "Wie die Regeln hierher kamen",
    "No mapping result for this version of the item.": (
        "Kein Zuordnungsergebnis für diese Version des Auftrags."
    ),
    "What came in (no candidate)": "Was eingegangen ist (kein Kandidat)",
    "Compared with candidate {rank}: {name}": "Verglichen mit Kandidat {rank}: {name}",
    "(not known)": "(unbekannt)",
    "coordinates": "Koordinaten",
    "default work minutes": "Standard-Arbeitsminuten",
    "default priority": "Standard-Priorität",
    "the linked location": "verknüpfter Standort",
    "the incoming location": "eingehender Standort",
    "✔ Ready for route planning ({of}).": "✔ Bereit für die Tourenplanung ({of}).",
    "✖ Not ready for route planning ({of}): missing {what}.": (
        "✖ Nicht bereit für die Tourenplanung ({of}): es fehlt {what}."
    ),
    "not mapped": "nicht zugeordnet",
    "open by {who}": "geöffnet von {who}",
    "to review": "zu prüfen",
    "deferred": "zurückgestellt",
    "decided": "entschieden",
    "rejected": "abgelehnt",
    "cancelled": "storniert",
    "no review needed": "keine Prüfung nötig",
    "Due {date}": "Fällig {date}",
    "Window {start}–{end}": "Zeitfenster {start}–{end}",
    "Priority {priority}": "Priorität {priority}",
    "Work {minutes}": "Arbeit {minutes}",
    "Batch {batch}": "Stapel {batch}",
    # -- the review workspace ----------------------------------------------------------------
    "Confirm the candidate in view (Choose it if the rules proposed another)": (
        "Den angezeigten Kandidaten bestätigen (auswählen, wenn die Regeln einen anderen "
        "vorgeschlagen haben)"
    ),
    "Locations…": "Standorte…",
    "Choose another location of the candidate, or a new one": (
        "Einen anderen Standort des Kandidaten auswählen, oder einen neuen"
    ),
    "Search records…": "Datensätze suchen…",
    "Search every customer and location of the tenant": (
        "Alle Kunden und Standorte des Mandanten durchsuchen"
    ),
    "Correct fields": "Felder korrigieren",
    "Edit what came in, before Create new or a new location": (
        "Das Eingegangene bearbeiten, vor Neu anlegen oder einem neuen Standort"
    ),
    "Create the customer from what came in (with the corrections)": (
        "Den Kunden aus dem Eingegangenen anlegen (mit den Korrekturen)"
    ),
    "Reject…": "Ablehnen…",
    "Leave the item unmapped, with a reason": "Den Auftrag mit Begründung nicht zuordnen",
    "Defer…": "Zurückstellen…",
    "Put the item aside, optionally until a date": (
        "Den Auftrag zurückstellen, auf Wunsch bis zu einem Datum"
    ),
    "Undo the last decision of this session (again for earlier ones)": (
        "Die letzte Entscheidung dieser Sitzung rückgängig machen (erneut für frühere)"
    ),
    "Next": "Nächster",
    "The next item of the queue": "Der nächste Auftrag der Warteschlange",
    "Previous": "Vorheriger",
    "The previous item of the queue": "Der vorherige Auftrag der Warteschlange",
    "Confirm confident…": "Eindeutige bestätigen…",
    "Confirm every selected item whose top candidate is confident": (
        "Jeden ausgewählten Auftrag bestätigen, dessen bester Kandidat eindeutig ist"
    ),
    "Reveal personal data": "Personenbezogene Daten aufdecken",
    "Show the contact's email and phone (recorded in the audit trail)": (
        "E-Mail und Telefon des Ansprechpartners anzeigen (wird im Prüfprotokoll erfasst)"
    ),
    "Candidate {n}": "Kandidat {n}",
    "Compare with candidate {n}": "Mit Kandidat {n} vergleichen",
    "Needs the scope {scope}, which this profile's key lacks.": (
        "Braucht die Berechtigung {scope}, die dem Schlüssel dieses Profils fehlt."
    ),
    "Undo {what}": "{what} rückgängig machen",
    "Choose {name}": "{name} auswählen",
    "Choose with a new location": "Mit neuem Standort auswählen",
    "Choose {location}": "{location} auswählen",
    "{what}: {item} recorded.": "{what}: {item} erfasst.",
    "%n related item(s)": ("%n verwandter Auftrag", "%n verwandte Aufträge"),
    "{what} recorded.": "{what} erfasst.",
    "Select the items to confirm first (Shift+↓ or Ctrl+A).": (
        "Wählen Sie zuerst die zu bestätigenden Aufträge aus (Umschalt+↓ oder Strg+A)."
    ),
    "bulk confirmation of %n item(s)": (
        "Sammelbestätigung von %n Auftrag",
        "Sammelbestätigung von %n Aufträgen",
    ),
    "Undone: {what}.": "Rückgängig gemacht: {what}.",
    "Personal data revealed (recorded in the audit trail).": (
        "Personenbezogene Daten aufgedeckt (im Prüfprotokoll erfasst)."
    ),
    "Error: {error}": "Fehler: {error}",
    "Not recorded": "Nicht erfasst",
    "Nothing was recorded: {error}": "Nichts wurde erfasst: {error}",
    # -- the sync bar ------------------------------------------------------------------------
    "Checking the server…": "Prüfe den Server…",
    "Decisions the server refused: compare them with the server and resolve": (
        "Entscheidungen, die der Server abgelehnt hat: mit dem Server vergleichen und lösen"
    ),
    "Stop after the push, or after the page being pulled; nothing is lost": (
        "Nach dem Senden oder nach der gerade abgerufenen Seite anhalten; nichts geht verloren"
    ),
    "&Sync": "&Synchronisieren",
    "Sync  {shortcut}": "Synchronisieren  {shortcut}",
    "Push the decisions waiting here, then pull from the server ({shortcut})": (
        "Die hier wartenden Entscheidungen senden, dann vom Server abrufen ({shortcut})"
    ),
    "Starting the sync…": "Starte die Synchronisierung…",
    "Stopping at the next safe point…": "Halte an der nächsten sicheren Stelle an…",
    "Pushing {done} of {total}…": "Sende {done} von {total}…",
    "Asking the server…": "Frage den Server…",
    "Pulling reference data: %n customer(s)…": (
        "Rufe Stammdaten ab: %n Kunde…",
        "Rufe Stammdaten ab: %n Kunden…",
    ),
    "Pulling review items: %n item(s)…": (
        "Rufe Prüfaufträge ab: %n Auftrag…",
        "Rufe Prüfaufträge ab: %n Aufträge…",
    ),
    "Nothing was sent.": "Nichts wurde gesendet.",
    "The sync did not run.": "Die Synchronisierung ist nicht gelaufen.",
    "Sent %n": ("%n gesendet", "%n gesendet"),
    "%n conflict(s)": ("%n Konflikt", "%n Konflikte"),
    "%n rejected": ("%n abgelehnt", "%n abgelehnt"),
    "%n retrying": ("%n wird erneut versucht", "%n werden erneut versucht"),
    "%n held": ("%n zurückgehalten", "%n zurückgehalten"),
    "%n item(s) pulled": ("%n Auftrag abgerufen", "%n Aufträge abgerufen"),
    "%n customer(s) updated": ("%n Kunde aktualisiert", "%n Kunden aktualisiert"),
    "Nothing was done.": "Nichts wurde getan.",
    "The server refused the API key (HTTP 401): connect the profile again with a valid key.": (
        "Der Server hat den API-Schlüssel abgelehnt (HTTP 401): Verbinden Sie das Profil "
        "erneut mit einem gültigen Schlüssel."
    ),
    "The key lacks the scope {scope} (HTTP 403): ask your Ordinavo administrator to grant it.": (
        "Dem Schlüssel fehlt die Berechtigung {scope} (HTTP 403): Bitten Sie Ihre "
        "Ordinavo-Administration, sie zu erteilen."
    ),
    "The key may not do this (HTTP 403): {detail}": (
        "Der Schlüssel darf das nicht (HTTP 403): {detail}"
    ),
    "Offline: {url} cannot be reached. Nothing was lost; sync again when it is back.": (
        "Offline: {url} ist nicht erreichbar. Nichts ging verloren; synchronisieren Sie "
        "erneut, wenn der Server wieder da ist."
    ),
    "The server is busy or failing; nothing was lost, sync again later ({detail}).": (
        "Der Server ist ausgelastet oder gestört; nichts ging verloren, synchronisieren Sie "
        "später erneut ({detail})."
    ),
    "Cancelled: what was stored stays stored, the next sync goes on.": (
        "Abgebrochen: Was gespeichert wurde, bleibt gespeichert; die nächste "
        "Synchronisierung macht weiter."
    ),
    "The server does not fit this profile: {detail}": (
        "Der Server passt nicht zu diesem Profil: {detail}"
    ),
    "The server refused the pull: {detail}": "Der Server hat den Abruf abgelehnt: {detail}",
    "Reference data: never pulled": "Stammdaten: nie abgerufen",
    "Reference data: just pulled": "Stammdaten: gerade abgerufen",
    "Reference data: %n min old": (
        "Stammdaten: %n Minute alt",
        "Stammdaten: %n Minuten alt",
    ),
    "Reference data: %n h old": ("Stammdaten: %n Stunde alt", "Stammdaten: %n Stunden alt"),
    "Reference data: %n day(s) old": ("Stammdaten: %n Tag alt", "Stammdaten: %n Tage alt"),
    "Local store: no server to pull from": "Lokaler Speicher: kein Server zum Abrufen",
    "Last complete pull: {at} UTC": "Letzter vollständiger Abruf: {at} UTC",
    "%n to push": ("%n zu senden", "%n zu senden"),
    "%n more need a person (rejected or held): see 'ordinavo-desk status'": (
        "%n weitere braucht eine Person (abgelehnt oder zurückgehalten): siehe "
        "„ordinavo-desk status“",
        "%n weitere brauchen eine Person (abgelehnt oder zurückgehalten): siehe "
        "„ordinavo-desk status“",
    ),
    "Could not read the sync figures: {error}": (
        "Die Zahlen der Synchronisierung konnten nicht gelesen werden: {error}"
    ),
    "Online": "Online",
    "Offline": "Offline",
    "Online · key refused": "Online · Schlüssel abgelehnt",
    "Online · key may not check": "Online · Schlüssel darf nicht prüfen",
    "No API key": "Kein API-Schlüssel",
    "Local store": "Lokaler Speicher",
    "This profile has no server (local-store mode)": (
        "Dieses Profil hat keinen Server (lokaler Speicher)"
    ),
    "{url} answered in {ms} ms": "{url} hat in {ms} ms geantwortet",
    "This profile has no server: connect it to sync (profile connect)": (
        "Dieses Profil hat keinen Server: Verbinden Sie es, um zu synchronisieren (profile connect)"
    ),
    # -- warnings ----------------------------------------------------------------------------
    "No warnings.": "Keine Warnungen.",
    "No coordinates": "Keine Koordinaten",
    "The location {location} has no coordinates, so it cannot be routed.": (
        "Der Standort {location} hat keine Koordinaten und kann daher nicht angefahren werden."
    ),
    "Add the coordinates in a correction, or in Ordinavo before planning.": (
        "Ergänzen Sie die Koordinaten in einer Korrektur oder vor der Planung in Ordinavo."
    ),
    "Number ambiguous": "Nummer mehrdeutig",
    "{count} customers share the customer number {number}.": (
        "{count} Kunden teilen sich die Kundennummer {number}."
    ),
    "Pick the right customer from the candidates; compare name and address.": (
        "Wählen Sie den richtigen Kunden aus den Kandidaten; vergleichen Sie Name und Adresse."
    ),
    "Address differs": "Adresse abweichend",
    "The job's address ({incoming}) differs from the location ({stored}).": (
        "Die Adresse des Auftrags ({incoming}) weicht vom Standort ({stored}) ab."
    ),
    "Confirm if the job really is at this location, else choose another.": (
        "Bestätigen Sie, wenn der Auftrag wirklich an diesem Standort ist, sonst wählen "
        "Sie einen anderen."
    ),
    "New customer?": "Neuer Kunde?",
    "No customer matched, and the rules may not create one.": (
        "Kein Kunde passt, und die Regeln dürfen keinen anlegen."
    ),
    "Choose an existing customer (search with /), or create a new one (N).": (
        "Wählen Sie einen vorhandenen Kunden (Suche mit /) oder legen Sie einen neuen an (N)."
    ),
    "New location?": "Neuer Standort?",
    "The customer has no matching location, and the rules may not create one.": (
        "Der Kunde hat keinen passenden Standort, und die Regeln dürfen keinen anlegen."
    ),
    "Choose one of the customer's locations (L), or a new location for it.": (
        "Wählen Sie einen der Standorte des Kunden (L) oder einen neuen Standort für ihn."
    ),
    "New contact?": "Neuer Ansprechpartner?",
    "The contact is not known, and the rules may not create one.": (
        "Der Ansprechpartner ist unbekannt, und die Regeln dürfen keinen anlegen."
    ),
    "Confirm without the contact, or choose with a new contact.": (
        "Bestätigen Sie ohne den Ansprechpartner oder wählen Sie mit einem neuen "
        "Ansprechpartner aus."
    ),
    "Contact elsewhere": "Ansprechpartner anderswo",
    "This contact belongs to {contact_location}, not to {item_location}.": (
        "Dieser Ansprechpartner gehört zu {contact_location}, nicht zu {item_location}."
    ),
    "Check that the contact really is responsible for this location.": (
        "Prüfen Sie, ob der Ansprechpartner wirklich für diesen Standort zuständig ist."
    ),
    "Customer {status}": "Kunde {status}",
    "Customer inactive": "Kunde inaktiv",
    "The customer {customer} is {status} in Ordinavo.": (
        "Der Kunde {customer} ist in Ordinavo {status}."
    ),
    "Make sure the job may go to this customer, or reject it.": (
        "Stellen Sie sicher, dass der Auftrag zu diesem Kunden darf, oder lehnen Sie ihn ab."
    ),
    "Look-alikes": "Doppelgänger",
    "{count} customers match the name and address about equally well.": (
        "{count} Kunden passen etwa gleich gut zu Name und Adresse."
    ),
    "Compare the candidates (1–9) and choose the right one.": (
        "Vergleichen Sie die Kandidaten (1–9) und wählen Sie den richtigen aus."
    ),
    "Location of another customer": "Standort eines anderen Kunden",
    "The referenced location does not belong to {customer}.": (
        "Der referenzierte Standort gehört nicht zu {customer}."
    ),
    "Choose the right customer, or one of this customer's locations.": (
        "Wählen Sie den richtigen Kunden oder einen der Standorte dieses Kunden."
    ),
    "Contact of another customer": "Ansprechpartner eines anderen Kunden",
    "The referenced contact does not belong to {customer}.": (
        "Der referenzierte Ansprechpartner gehört nicht zu {customer}."
    ),
    "Confirm without the contact, or choose another contact.": (
        "Bestätigen Sie ohne den Ansprechpartner oder wählen Sie einen anderen."
    ),
    "The server reported {code}; the desk has no explanation for it.": (
        "Der Server hat {code} gemeldet; der Desk hat dafür keine Erklärung."
    ),
    "Check the item in Ordinavo.": "Prüfen Sie den Auftrag in Ordinavo.",
    # -- settings: the dialog ----------------------------------------------------------------
    "Settings": "Einstellungen",
    "&Profile": "&Profil",
    "&Rules": "&Regeln",
    "&Map": "&Karte",
    "&Appearance": "&Darstellung",
    # -- settings: profiles ------------------------------------------------------------------
    "Profile": "Profil",
    "Tenant": "Mandant",
    "Source system": "Quellsystem",
    "Server": "Server",
    "(local store)": "(lokaler Speicher)",
    "API key": "API-Schlüssel",
    "https://… (empty: local store, no server)": "https://… (leer: lokaler Speicher, kein Server)",
    "Save URL": "URL speichern",
    "Paste a new API key": "Neuen API-Schlüssel einfügen",
    "Store in keyring": "Im Schlüsselbund speichern",
    "&Test connection": "Verbindung &testen",
    "Take the server's settings": "Einstellungen des Servers übernehmen",
    "Connect the profile again: the server's tenant, scopes and mapping settings replace "
    "the profile's": (
        "Das Profil neu verbinden: Mandant, Berechtigungen und Zuordnungseinstellungen des "
        "Servers ersetzen die des Profils"
    ),
    "&Use this profile": "Dieses Profil &verwenden",
    "Tenant / source:": "Mandant / Quelle:",
    "&Server URL:": "&Server-URL:",
    "API &key:": "&API-Schlüssel:",
    "No keyring is available on this computer, so an API key cannot be stored securely "
    "(it is never written to a file). For scripted use, set {env} in the environment.": (
        "Auf diesem Computer ist kein Schlüsselbund verfügbar, daher kann ein API-Schlüssel "
        "nicht sicher gespeichert werden (er wird nie in eine Datei geschrieben). Für "
        "Skripte setzen Sie {env} in der Umgebung."
    ),
    "Selected profile": "Ausgewähltes Profil",
    "Profi&les:": "Pro&file:",
    "{name} (in use)": "{name} (in Verwendung)",
    "stored": "gespeichert",
    "from {env}": "aus {env}",
    "keyring locked": "Schlüsselbund gesperrt",
    "A key is stored in the system keyring. It is never shown; store a new one to replace it.": (
        "Ein Schlüssel ist im Schlüsselbund des Systems gespeichert. Er wird nie angezeigt; "
        "speichern Sie einen neuen, um ihn zu ersetzen."
    ),
    "No key is stored; {env} gives one to this session (it is not stored).": (
        "Kein Schlüssel gespeichert; {env} gibt dieser Sitzung einen (er wird nicht gespeichert)."
    ),
    "No key is stored for this profile.": "Für dieses Profil ist kein Schlüssel gespeichert.",
    "The system keyring could not be read (is it locked?).": (
        "Der Schlüsselbund des Systems konnte nicht gelesen werden (ist er gesperrt?)."
    ),
    "Could not read the profiles: {error}": "Die Profile konnten nicht gelesen werden: {error}",
    "No keyring is available on this computer": (
        "Auf diesem Computer ist kein Schlüsselbund verfügbar"
    ),
    "The key goes into the system keyring, never into a file": (
        "Der Schlüssel kommt in den Schlüsselbund des Systems, nie in eine Datei"
    ),
    "This profile has no server (local store)": (
        "Dieses Profil hat keinen Server (lokaler Speicher)"
    ),
    "Save the server URL first": "Speichern Sie zuerst die Server-URL",
    "Ask the server once with the stored key (a few seconds at most)": (
        "Den Server einmal mit dem gespeicherten Schlüssel fragen (höchstens ein paar Sekunden)"
    ),
    "This profile is in use": "Dieses Profil ist in Verwendung",
    "Work with this profile": "Mit diesem Profil arbeiten",
    "Saving the server URL…": "Speichere die Server-URL…",
    "Server URL saved.": "Server-URL gespeichert.",
    "This is not a server URL. Enter an http:// or https:// address such as "
    "https://ordinavo.de/api/connect/v1, or nothing for a local store.": (
        "Das ist keine Server-URL. Geben Sie eine http://- oder https://-Adresse ein, etwa "
        "https://ordinavo.de/api/connect/v1, oder nichts für einen lokalen Speicher."
    ),
    "The server URL was not saved: {error}": "Die Server-URL wurde nicht gespeichert: {error}",
    "Storing the key in the system keyring…": "Speichere den Schlüssel im Schlüsselbund…",
    "The key was not stored:": "Der Schlüssel wurde nicht gespeichert:",
    "The key is stored in the system keyring. Test the connection to check it.": (
        "Der Schlüssel ist im Schlüsselbund des Systems gespeichert. Testen Sie die "
        "Verbindung, um ihn zu prüfen."
    ),
    "Asking {url}…": "Frage {url}…",
    "The test failed:": "Der Test ist fehlgeschlagen:",
    "This profile has no server (local store): there is nothing to test.": (
        "Dieses Profil hat keinen Server (lokaler Speicher): Es gibt nichts zu testen."
    ),
    "No API key for this profile: store one in the keyring (or set {env}).": (
        "Kein API-Schlüssel für dieses Profil: Speichern Sie einen im Schlüsselbund (oder "
        "setzen Sie {env})."
    ),
    "{url} answered in {ms} ms but refused the API key (HTTP 401): store a valid key.": (
        "{url} hat in {ms} ms geantwortet, aber den API-Schlüssel abgelehnt (HTTP 401): "
        "Speichern Sie einen gültigen Schlüssel."
    ),
    "{url} answered in {ms} ms, but the key lacks the scope {scope} (HTTP 403).": (
        "{url} hat in {ms} ms geantwortet, aber dem Schlüssel fehlt die Berechtigung "
        "{scope} (HTTP 403)."
    ),
    "{url} answered in {ms} ms, but the key may not ask it (HTTP 403).": (
        "{url} hat in {ms} ms geantwortet, aber der Schlüssel darf ihn nicht fragen (HTTP 403)."
    ),
    "{url} cannot be reached: {detail}": "{url} ist nicht erreichbar: {detail}",
    "✔ {url} answered in {ms} ms.": "✔ {url} hat in {ms} ms geantwortet.",
    "The key belongs to tenant {tenant}, source system {source}.": (
        "Der Schlüssel gehört zum Mandanten {tenant}, Quellsystem {source}."
    ),
    "The server names no tenant or scopes (no review extension): the scopes are the "
    "profile's, not checked by the server.": (
        "Der Server nennt keinen Mandanten und keine Berechtigungen (keine "
        "Prüf-Erweiterung): Die Berechtigungen sind die des Profils, vom Server nicht geprüft."
    ),
    "The key lacks {scopes}: see the Rules page for what is lost.": (
        "Dem Schlüssel fehlt {scopes}: Was dadurch entfällt, zeigt die Seite Regeln."
    ),
    "The key has every scope the desk uses.": (
        "Der Schlüssel hat jede Berechtigung, die der Desk braucht."
    ),
    "The server's settings differ from the profile ({fields}): take them to work with the "
    "server's rules.": (
        "Die Einstellungen des Servers weichen vom Profil ab ({fields}): Übernehmen Sie sie, "
        "um mit den Regeln des Servers zu arbeiten."
    ),
    "Taking the server's settings…": "Übernehme die Einstellungen des Servers…",
    "The server's settings were not taken:": (
        "Die Einstellungen des Servers wurden nicht übernommen:"
    ),
    "Taken from the server: {fields}.": "Vom Server übernommen: {fields}.",
    "The profile already had the server's settings.": (
        "Das Profil hatte die Einstellungen des Servers bereits."
    ),
    "The profile was not switched:": "Das Profil wurde nicht gewechselt:",
    "{name} is now the profile in use.": "{name} ist jetzt das verwendete Profil.",
    # -- settings: rules ---------------------------------------------------------------------
    "yes": "ja",
    "no": "nein",
    "External ID only": "Nur externe ID",
    "Only the item's external references link records; everything else waits for a person.": (
        "Nur die externen Referenzen des Auftrags verknüpfen Datensätze; alles andere wartet "
        "auf eine Person."
    ),
    "External ID first, then the safe fallbacks": (
        "Zuerst externe ID, dann die sicheren Ausweichregeln"
    ),
    "External references first, then the safe fallbacks in their order; an ambiguity waits "
    "for a person.": (
        "Zuerst die externen Referenzen, dann die sicheren Ausweichregeln der Reihe nach; "
        "eine Mehrdeutigkeit wartet auf eine Person."
    ),
    "External ID, then customer number": "Externe ID, dann Kundennummer",
    "External references first, then the customer number; a number several customers share "
    "waits for a person.": (
        "Zuerst die externen Referenzen, dann die Kundennummer; eine Nummer, die sich "
        "mehrere Kunden teilen, wartet auf eine Person."
    ),
    "External ID, then name and address": "Externe ID, dann Name und Adresse",
    "External references first, then name and address scored against the thresholds below; "
    "look-alikes wait for a person.": (
        "Zuerst die externen Referenzen, dann Name und Adresse, bewertet an den Schwellen "
        "unten; Doppelgänger warten auf eine Person."
    ),
    "Manual only": "Nur manuell",
    "Nothing is linked automatically; candidates are ranked for a person to decide.": (
        "Nichts wird automatisch verknüpft; Kandidaten werden für die Entscheidung einer "
        "Person gereiht."
    ),
    "customer number": "Kundennummer",
    "exact name and address": "genauer Name und genaue Adresse",
    "Confirm, Choose, Reject, Defer and Undo": (
        "Bestätigen, Auswählen, Ablehnen, Zurückstellen und Rückgängig"
    ),
    "Pull the review queue and send decisions": (
        "Prüf-Warteschlange abrufen und Entscheidungen senden"
    ),
    "Create new customers, locations and contacts": (
        "Neue Kunden, Standorte und Ansprechpartner anlegen"
    ),
    "Store the decided external references": "Die entschiedenen externen Referenzen speichern",
    "Pull reference data (customers, locations, contacts)": (
        "Stammdaten abrufen (Kunden, Standorte, Ansprechpartner)"
    ),
    "Test the connection": "Die Verbindung testen",
    "Strategy:": "Strategie:",
    "Safe fallbacks:": "Sichere Ausweichregeln:",
    "Confident from:": "Eindeutig ab:",
    "Lead over the runner-up:": "Vorsprung vor dem Zweiten:",
    "Candidates shown from:": "Kandidaten angezeigt ab:",
    "Coordinates agree within:": "Koordinaten stimmen überein bis:",
    "Candidates at most:": "Höchstens Kandidaten:",
    "Create automatically:": "Automatisch anlegen:",
    "Update records (autoUpdate):": "Datensätze aktualisieren (autoUpdate):",
    "Scope": "Berechtigung",
    "Key": "Schlüssel",
    "What it allows, or what is lost without it": "Was sie erlaubt, oder was ohne sie entfällt",
    "In the review window": "Im Prüffenster",
    "The rules and scopes come from the server (Take the server's settings on the Profile "
    "page) and cannot be changed here. Actions the key's scopes forbid are disabled in the "
    "review window, with a tooltip naming the missing scope.": (
        "Regeln und Berechtigungen kommen vom Server (Einstellungen des Servers übernehmen "
        "auf der Seite Profil) und können hier nicht geändert werden. Aktionen, die die "
        "Berechtigungen des Schlüssels nicht erlauben, sind im Prüffenster deaktiviert; ein "
        "Tooltip nennt die fehlende Berechtigung."
    ),
    "&Scopes of the key:": "&Berechtigungen des Schlüssels:",
    "✔ granted": "✔ erteilt",
    "✖ missing": "✖ fehlt",
    "(not used by the desk)": "(vom Desk nicht genutzt)",
    "Lost: {what}": "Entfällt: {what}",
    "Allows: {what}": "Erlaubt: {what}",
    "Without it: {what}": "Ohne sie: {what}",
    "Requests: {operations}": "Anfragen: {operations}",
    "No profile selected": "Kein Profil ausgewählt",
    "Rules of profile {name} ({tenant} / {source})": (
        "Regeln des Profils {name} ({tenant} / {source})"
    ),
    "a score of {value} (threshold)": "einer Wertung von {value} (Schwelle)",
    "{value} ahead of any other customer (margin)": ("{value} vor jedem anderen Kunden (Abstand)"),
    "a score of {value} (floor)": "einer Wertung von {value} (Untergrenze)",
    "customers: {customer} · locations: {location} · contacts: {contact}": (
        "Kunden: {customer} · Standorte: {location} · Ansprechpartner: {contact}"
    ),
    "✔ {action}": "✔ {action}",
    "Allowed by the scope {scope}": "Erlaubt durch die Berechtigung {scope}",
    "✖ {action} (needs {scope})": "✖ {action} (braucht {scope})",
    # -- settings: what the scopes allow -----------------------------------------------------
    "nothing the desk uses": "nichts, was der Desk nutzt",
    "check the connection and read the key's tenant, scopes and mapping settings": (
        "die Verbindung prüfen und Mandant, Berechtigungen und Zuordnungseinstellungen des "
        "Schlüssels lesen"
    ),
    "the connection test and taking the server's settings cannot read what the key may do": (
        "der Verbindungstest und das Übernehmen der Server-Einstellungen können nicht lesen, "
        "was der Schlüssel darf"
    ),
    "pull the review queue with each item's mapping, and decide items (Confirm, Choose, "
    "Reject, Defer, Revert)": (
        "die Prüf-Warteschlange mit der Zuordnung jedes Auftrags abrufen und Aufträge "
        "entscheiden (Bestätigen, Auswählen, Ablehnen, Zurückstellen, Zurücknehmen)"
    ),
    "no review items are pulled and no decision can be written back": (
        "es werden keine Prüfaufträge abgerufen und keine Entscheidung kann zurückgeschrieben "
        "werden"
    ),
    "pull the tenant's customers, locations, contacts and external references; see record "
    "ids and ranked candidates": (
        "Kunden, Standorte, Ansprechpartner und externe Referenzen des Mandanten abrufen; "
        "Datensatz-IDs und gereihte Kandidaten sehen"
    ),
    "no reference data is pulled; answers carry statuses and warnings only, so the desk "
    "ranks candidates itself from the reference data it has": (
        "es werden keine Stammdaten abgerufen; Antworten enthalten nur Status und Warnungen, "
        "daher reiht der Desk Kandidaten selbst aus den Stammdaten, die er hat"
    ),
    "decisions that create customers, locations or contacts, and storing the decided "
    "external references": (
        "Entscheidungen, die Kunden, Standorte oder Ansprechpartner anlegen, und das "
        "Speichern der entschiedenen externen Referenzen"
    ),
    "Create new and new locations or contacts are refused; Choose links the item but stores "
    "no external reference": (
        "Neu anlegen sowie neue Standorte oder Ansprechpartner werden abgelehnt; Auswählen "
        "verknüpft den Auftrag, speichert aber keine externe Referenz"
    ),
    "import one target; the write-back to a server without the review extension": (
        "ein Ziel importieren; das Zurückschreiben an einen Server ohne Prüf-Erweiterung"
    ),
    "targets cannot be imported one by one (nor written back to a plain v1 server)": (
        "Ziele können nicht einzeln importiert (noch an einen einfachen v1-Server "
        "zurückgeschrieben) werden"
    ),
    "import batches of targets": "Ziele stapelweise importieren",
    "targets cannot be imported in batches": "Ziele können nicht stapelweise importiert werden",
    "read import jobs and their item results": "Importjobs und ihre Ergebnisse je Auftrag lesen",
    "the results of earlier imports cannot be read back": (
        "die Ergebnisse früherer Importe können nicht zurückgelesen werden"
    ),
    "create route suggestions": "Tourenvorschläge anlegen",
    "read route suggestions": "Tourenvorschläge lesen",
    "read webhook subscriptions": "Webhook-Abonnements lesen",
    "create and change webhook subscriptions": "Webhook-Abonnements anlegen und ändern",
    "read webhook deliveries": "Webhook-Zustellungen lesen",
    # -- settings: map -----------------------------------------------------------------------
    "Show map &tiles": "Kartenkacheln an&zeigen",
    "Every tile request tells the tile server where the customer on screen is (the map's "
    "area around the location). Switch tiles on only for a server your company agrees to "
    "send customer locations to. Without tiles the map draws its schematic view, and "
    "nothing leaves this computer.": (
        "Jede Kachelanfrage verrät dem Kachelserver, wo sich der angezeigte Kunde befindet "
        "(den Kartenausschnitt um den Standort). Schalten Sie Kacheln nur für einen Server "
        "ein, an den Ihr Unternehmen Kundenstandorte senden darf. Ohne Kacheln zeichnet die "
        "Karte ihre schematische Ansicht, und nichts verlässt diesen Computer."
    ),
    "OpenStreetMap": "OpenStreetMap",
    "A server of your own (URL template)": "Ein eigener Server (URL-Vorlage)",
    "Shown in the map's corner, e.g. Company tiles": (
        "Wird in der Ecke der Karte gezeigt, z. B. Firmenkacheln"
    ),
    "e.g. © OpenStreetMap contributors": "z. B. © OpenStreetMap-Mitwirkende",
    'OpenStreetMap\'s tile servers are for light use under its <a href="{url}">tile usage '
    "policy</a>; heavy use needs a server of your own.": (
        "Die Kachelserver von OpenStreetMap sind für leichte Nutzung gemäß ihrer "
        '<a href="{url}">Nutzungsrichtlinie für Kacheln</a> gedacht; starke Nutzung braucht '
        "einen eigenen Server."
    ),
    " days": " Tage",
    "&Save map settings": "Karteneinstellungen &speichern",
    "Tile ser&ver:": "Kachelser&ver:",
    "&URL template:": "&URL-Vorlage:",
    "&Name:": "&Name:",
    "Attri&bution:": "&Quellenangabe:",
    "User-Agent sent:": "Gesendeter User-Agent:",
    "Tile cache:": "Kachel-Zwischenspeicher:",
    "&Keep tiles for:": "Kacheln &aufbewahren:",
    "Map tiles are on.": "Kartenkacheln sind an.",
    "Map tiles are off.": "Kartenkacheln sind aus.",
    "Could not read the map settings: {error}": (
        "Die Karteneinstellungen konnten nicht gelesen werden: {error}"
    ),
    "Enter the URL template of your tile server first.": (
        "Geben Sie zuerst die URL-Vorlage Ihres Kachelservers ein."
    ),
    "The URL template must be an http:// or https:// address with {z}, {x} and {y} in it, "
    "such as https://tiles.example.com/{z}/{x}/{y}.png": (
        "Die URL-Vorlage muss eine http://- oder https://-Adresse mit {z}, {x} und {y} sein, "
        "etwa https://tiles.example.com/{z}/{x}/{y}.png"
    ),
    "These map settings cannot be used: {error}": (
        "Diese Karteneinstellungen sind nicht verwendbar: {error}"
    ),
    "Saving…": "Speichere…",
    "Saved: map tiles from {server}.": "Gespeichert: Kartenkacheln von {server}.",
    "Saved: map tiles are off.": "Gespeichert: Kartenkacheln sind aus.",
    "The map settings were not saved: {error}": (
        "Die Karteneinstellungen wurden nicht gespeichert: {error}"
    ),
    # -- settings: appearance ----------------------------------------------------------------
    "As the system ({language})": "Wie das System ({language})",
    "A new language shows the next time Ordinavo Desk starts.": (
        "Eine neue Sprache erscheint beim nächsten Start von Ordinavo Desk."
    ),
    "As the system (light or dark)": "Wie das System (hell oder dunkel)",
    "Light": "Hell",
    "Dark": "Dunkel",
    "Applies at once. As the system, the window follows the system's light or dark setting, "
    "also when it changes.": (
        "Wirkt sofort. Mit „Wie das System“ folgt das Fenster der Hell- oder "
        "Dunkel-Einstellung des Systems, auch wenn sie sich ändert."
    ),
    "&Language:": "&Sprache:",
    "&Theme:": "&Farbschema:",
    "Saved. Start Ordinavo Desk again to see it in {language}.": (
        "Gespeichert. Starten Sie Ordinavo Desk neu, um es auf {language} zu sehen."
    ),
}

#: Where one context needs other words than the rest: (context, source) → German.
BY_CONTEXT: dict[tuple[str, str], Translation] = {
    ("ReasonTexts", "Not applicable"): "Nicht anwendbar",
    ("ReasonTexts", "Mapped"): "Zugeordnet",
    ("ReasonTexts", "Created"): "Angelegt",
    ("ReasonTexts", "Updated"): "Aktualisiert",
    ("ReasonTexts", "Warning"): "Warnung",
    ("ReasonTexts", "Failed"): "Fehlgeschlagen",
    ("ReasonTexts", "Skipped"): "Übersprungen",
    ("ReasonTexts", "{distance} apart"): "{distance} entfernt",
    ("WarningTexts", "%n customer(s) share the customer number {number}."): (
        "%n Kunde hat die Kundennummer {number}.",
        "%n Kunden teilen sich die Kundennummer {number}.",
    ),
    ("WarningTexts", "%n customer(s) match the name and address about equally well."): (
        "%n Kunde passt zu Name und Adresse.",
        "%n Kunden passen etwa gleich gut zu Name und Adresse.",
    ),
    (
        "WarningTexts",
        "The name matches, but the address does not settle which customer or location it is.",
    ): ("Der Name passt, aber die Adresse klärt nicht, welcher Kunde oder Standort gemeint ist."),
    ("RulesPage", "none"): "keine",
    ("ProfilePage", "none"): "keiner",
    ("ReviewPanel", "Incoming"): "Eingehend",
    ("CompareModel", "Incoming"): "Eingehend",
    ("ConflictsDialog", "Undo"): "Rückgängig gemacht",
}
