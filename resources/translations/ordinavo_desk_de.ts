<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AppearancePage</name>
    <message>
        <source>As the system ({language})</source>
        <translation>Wie das System ({language})</translation>
    </message>
    <message>
        <source>A new language shows the next time Ordinavo Desk starts.</source>
        <translation>Eine neue Sprache erscheint beim nächsten Start von Ordinavo Desk.</translation>
    </message>
    <message>
        <source>As the system (light or dark)</source>
        <translation>Wie das System (hell oder dunkel)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Applies at once. As the system, the window follows the system&apos;s light or dark setting, also when it changes.</source>
        <translation>Wirkt sofort. Mit „Wie das System“ folgt das Fenster der Hell- oder Dunkel-Einstellung des Systems, auch wenn sie sich ändert.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Saved. Start Ordinavo Desk again to see it in {language}.</source>
        <translation>Gespeichert. Starten Sie Ordinavo Desk neu, um es auf {language} zu sehen.</translation>
    </message>
</context>
<context>
    <name>BulkConfirmDialog</name>
    <message>
        <source>Confirm confident items</source>
        <translation>Eindeutige Aufträge bestätigen</translation>
    </message>
    <message>
        <source>Confirm even with these warnings</source>
        <translation>Trotz dieser Warnungen bestätigen</translation>
    </message>
    <message>
        <source>The selected items have no warnings.</source>
        <translation>Die ausgewählten Aufträge haben keine Warnungen.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Incoming customer</source>
        <translation>Eingehender Kunde</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Working out what would happen…</source>
        <translation>Ermittle, was geschehen würde…</translation>
    </message>
    <message>
        <source>{runs} of {total} selected items will be confirmed; the others stay.</source>
        <translation>{runs} von {total} ausgewählten Aufträgen werden bestätigt; die anderen bleiben.</translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n item(s)</source>
        <translation>
            <numerusform>%n Auftrag bestätigen</numerusform>
            <numerusform>%n Aufträge bestätigen</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm → {customer}</source>
        <translation>Bestätigen → {customer}</translation>
    </message>
    <message>
        <source>stays: already decided</source>
        <translation>bleibt: schon entschieden</translation>
    </message>
    <message>
        <source>stays: not mapped for this version</source>
        <translation>bleibt: für diese Version nicht zugeordnet</translation>
    </message>
    <message>
        <source>stays: no candidate</source>
        <translation>bleibt: kein Kandidat</translation>
    </message>
    <message>
        <source>stays: top candidate not confident</source>
        <translation>bleibt: bester Kandidat nicht eindeutig</translation>
    </message>
    <message>
        <source>stays: {warnings}</source>
        <translation>bleibt: {warnings}</translation>
    </message>
</context>
<context>
    <name>CandidatesModel</name>
    <message>
        <source>confident</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>mehrdeutig</translation>
    </message>
    <message>
        <source>below threshold</source>
        <translation>unter der Schwelle</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wertung</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Entfernung</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>The rules propose this candidate</source>
        <translation>Die Regeln schlagen diesen Kandidaten vor</translation>
    </message>
    <message>
        <source>customer {id}</source>
        <translation>Kunde {id}</translation>
    </message>
    <message>
        <source>(no location)</source>
        <translation>(kein Standort)</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>Field</source>
        <extracomment>The runs of a value cell: a tuple of :class:`Span`. The row&apos;s state: same / differs / incoming-only / stored-only / empty / corrected. Fields whose incoming value can be corrected (coordinates as &quot;lat, lon&quot;). ``marked_rows`` changed.</extracomment>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <source>How it compared</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>(not given)</source>
        <extracomment>The rows with differences to mark within their values.</extracomment>
        <translation>(nicht angegeben)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Corrected; it came in as: {value}</source>
        <translation>Korrigiert; eingegangen als: {value}</translation>
    </message>
    <message>
        <source>F2 or double-click to correct</source>
        <translation>F2 oder Doppelklick zum Korrigieren</translation>
    </message>
    <message>
        <source>Hidden personal data: Reveal (Ctrl+Shift+P) to show it</source>
        <translation>Verborgene personenbezogene Daten: mit Aufdecken (Strg+Umschalt+P) anzeigen</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts with the server</source>
        <extracomment>A conflict was resolved (the store changed: the queue and counts should reload). The list was read again (its number of conflicts).</extracomment>
        <translation>Konflikte mit dem Server</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Ihre Entscheidung</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Auf dem Server</translation>
    </message>
    <message>
        <source>&amp;Keep the server&apos;s state</source>
        <translation>Stand des Servers &amp;behalten</translation>
    </message>
    <message>
        <source>Undo your decision: it is never sent, and the next sync brings the item as the server has it (Enter)</source>
        <translation>Ihre Entscheidung zurücknehmen: Sie wird nie gesendet, und die nächste Synchronisierung holt den Auftrag so, wie der Server ihn hat (Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Decide again on the server&apos;s version</source>
        <translation>Auf der Version des Servers neu &amp;entscheiden</translation>
    </message>
    <message>
        <source>Record the same decision again on the server&apos;s version; it goes out with the next sync (Ctrl+Enter)</source>
        <translation>Dieselbe Entscheidung auf der Version des Servers erneut erfassen; sie geht mit der nächsten Synchronisierung hinaus (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Enter keeps the server&apos;s state · Ctrl+Enter decides again · Esc closes</source>
        <translation>Eingabe behält den Stand des Servers · Strg+Eingabe entscheidet neu · Esc schließt</translation>
    </message>
    <message>
        <source>No conflicts: the server took every decision it was sent, or they are resolved.</source>
        <translation>Keine Konflikte: Der Server hat jede gesendete Entscheidung angenommen, oder sie sind gelöst.</translation>
    </message>
    <message>
        <source>Could not read the conflicts: {error}</source>
        <translation>Die Konflikte konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>{item}: the server&apos;s state is kept; your decision is not sent, and the next sync brings the item as the server has it.</source>
        <translation>{item}: Der Stand des Servers bleibt; Ihre Entscheidung wird nicht gesendet, und die nächste Synchronisierung holt den Auftrag so, wie der Server ihn hat.</translation>
    </message>
    <message>
        <source>{item}: {kind} decided again on the server&apos;s version {version}; it goes out with the next sync.</source>
        <translation>{item}: {kind} auf der Version {version} des Servers neu entschieden; die Entscheidung geht mit der nächsten Synchronisierung hinaus.</translation>
    </message>
    <message>
        <source>Resolving {item}…</source>
        <translation>Löse {item}…</translation>
    </message>
    <message>
        <source>{item} could not be resolved: {error}</source>
        <translation>{item} konnte nicht gelöst werden: {error}</translation>
    </message>
    <message>
        <source>The server refused your decision ({code}): {message}</source>
        <translation>Der Server hat Ihre Entscheidung abgelehnt ({code}): {message}</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>The server refused your decision: {message}</source>
        <translation>Der Server hat Ihre Entscheidung abgelehnt: {message}</translation>
    </message>
    <message>
        <source>Correlation id: {id}</source>
        <translation>Korrelations-ID: {id}</translation>
    </message>
    <message>
        <source>(not kept)</source>
        <translation>(nicht aufbewahrt)</translation>
    </message>
    <message>
        <source>{who} ({kind})</source>
        <translation>{who} ({kind})</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemand</translation>
    </message>
    <message>
        <source>made on version {v}</source>
        <translation>getroffen auf Version {v}</translation>
    </message>
    <message>
        <source>version {v}</source>
        <translation>Version {v}</translation>
    </message>
    <message>
        <source>Decision / state</source>
        <translation>Entscheidung / Stand</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>Korrekturen</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Entschieden von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Item version</source>
        <translation>Auftragsversion</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Create new</source>
        <translation>Neu anlegen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>Nicht nötig</translation>
    </message>
    <message>
        <source>The item is {state} on the server, so it takes no other decision there: keep the server&apos;s state.</source>
        <translation>Der Auftrag hat auf dem Server den Stand „{state}“ und nimmt dort keine andere Entscheidung an: Behalten Sie den Stand des Servers.</translation>
    </message>
    <message>
        <source>The server&apos;s version of the item was not kept with the conflict: keep the server&apos;s state, sync, and decide the item again.</source>
        <translation>Die Version des Servers wurde mit dem Konflikt nicht aufbewahrt: Behalten Sie den Stand des Servers, synchronisieren Sie und entscheiden Sie den Auftrag erneut.</translation>
    </message>
    <message>
        <source>This decision reaches the server by re-import (plain v1), which has no versions to decide on: keep the server&apos;s state.</source>
        <translation>Diese Entscheidung erreicht den Server über einen erneuten Import (einfaches v1), der keine Versionen zum Entscheiden kennt: Behalten Sie den Stand des Servers.</translation>
    </message>
    <message>
        <source>{name} (#{id})</source>
        <translation>{name} (#{id})</translation>
    </message>
    <message>
        <source>#{id} (not in the reference data yet)</source>
        <translation>#{id} (noch nicht in den Stammdaten)</translation>
    </message>
</context>
<context>
    <name>DeferDialog</name>
    <message>
        <source>Defer {item}</source>
        <translation>{item} zurückstellen</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Optional: a note for whoever picks it up</source>
        <translation>Optional: eine Notiz für die Person, die es übernimmt</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
</context>
<context>
    <name>LocationPickerDialog</name>
    <message>
        <source>Locations of {customer}</source>
        <translation>Standorte von {customer}</translation>
    </message>
    <message>
        <source>location {id}</source>
        <translation>Standort {id}</translation>
    </message>
    <message>
        <source>New location</source>
        <translation>Neuer Standort</translation>
    </message>
    <message>
        <source>created for this customer from the incoming location (with corrections)</source>
        <translation>wird für diesen Kunden aus dem eingehenden Standort angelegt (mit Korrekturen)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>↑/↓ to pick, Enter to choose, Escape to go back.</source>
        <translation>↑/↓ zum Wählen, Eingabe zum Übernehmen, Esc zurück.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ordinavo Desk</source>
        <extracomment>How long the first item is on screen before the rest of the services load.</extracomment>
        <translation>Ordinavo Desk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Ordinavo Desk</source>
        <translation>Ü&amp;ber Ordinavo Desk</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>The profile: tenant, source system and rules</source>
        <translation>Das Profil: Mandant, Quellsystem und Regeln</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Profile {name}: tenant {tenant}.</source>
        <translation>Profil {name}: Mandant {tenant}.</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>Fehler: {error}</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht festgelegt)</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Prüf-Warteschlange</translation>
    </message>
    <message>
        <source>The review queue arrives in a later version of Ordinavo Desk.</source>
        <translation>Die Prüf-Warteschlange kommt mit einer späteren Version von Ordinavo Desk.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>About Ordinavo Desk</source>
        <translation>Über Ordinavo Desk</translation>
    </message>
    <message>
        <source>Ordinavo Desk {version}</source>
        <translation>Ordinavo Desk {version}</translation>
    </message>
    <message>
        <source>Review how Ordinavo Connect imports are mapped to customers, locations and contacts.</source>
        <translation>Prüfen Sie, wie Importe aus Ordinavo Connect Kunden, Standorten und Ansprechpartnern zugeordnet werden.</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Show map &amp;tiles</source>
        <extracomment>The settings were saved (the TileServer as stored).</extracomment>
        <translation>Kartenkacheln an&amp;zeigen</translation>
    </message>
    <message>
        <source>Every tile request tells the tile server where the customer on screen is (the map&apos;s area around the location). Switch tiles on only for a server your company agrees to send customer locations to. Without tiles the map draws its schematic view, and nothing leaves this computer.</source>
        <translation>Jede Kachelanfrage verrät dem Kachelserver, wo sich der angezeigte Kunde befindet (den Kartenausschnitt um den Standort). Schalten Sie Kacheln nur für einen Server ein, an den Ihr Unternehmen Kundenstandorte senden darf. Ohne Kacheln zeichnet die Karte ihre schematische Ansicht, und nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <source>A server of your own (URL template)</source>
        <translation>Ein eigener Server (URL-Vorlage)</translation>
    </message>
    <message>
        <source>Shown in the map&apos;s corner, e.g. Company tiles</source>
        <translation>Wird in der Ecke der Karte gezeigt, z. B. Firmenkacheln</translation>
    </message>
    <message>
        <source>e.g. © OpenStreetMap contributors</source>
        <translation>z. B. © OpenStreetMap-Mitwirkende</translation>
    </message>
    <message>
        <source>OpenStreetMap&apos;s tile servers are for light use under its &lt;a href=&quot;{url}&quot;&gt;tile usage policy&lt;/a&gt;; heavy use needs a server of your own.</source>
        <translation>Die Kachelserver von OpenStreetMap sind für leichte Nutzung gemäß ihrer &lt;a href=&quot;{url}&quot;&gt;Nutzungsrichtlinie für Kacheln&lt;/a&gt; gedacht; starke Nutzung braucht einen eigenen Server.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Save map settings</source>
        <translation>Karteneinstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Tile ser&amp;ver:</source>
        <translation>Kachelser&amp;ver:</translation>
    </message>
    <message>
        <source>&amp;URL template:</source>
        <translation>&amp;URL-Vorlage:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Attri&amp;bution:</source>
        <translation>&amp;Quellenangabe:</translation>
    </message>
    <message>
        <source>User-Agent sent:</source>
        <translation>Gesendeter User-Agent:</translation>
    </message>
    <message>
        <source>Tile cache:</source>
        <translation>Kachel-Zwischenspeicher:</translation>
    </message>
    <message>
        <source>&amp;Keep tiles for:</source>
        <translation>Kacheln &amp;aufbewahren:</translation>
    </message>
    <message>
        <source>Map tiles are on.</source>
        <translation>Kartenkacheln sind an.</translation>
    </message>
    <message>
        <source>Map tiles are off.</source>
        <translation>Kartenkacheln sind aus.</translation>
    </message>
    <message>
        <source>Could not read the map settings: {error}</source>
        <translation>Die Karteneinstellungen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Enter the URL template of your tile server first.</source>
        <translation>Geben Sie zuerst die URL-Vorlage Ihres Kachelservers ein.</translation>
    </message>
    <message>
        <source>The URL template must be an http:// or https:// address with {z}, {x} and {y} in it, such as https://tiles.example.com/{z}/{x}/{y}.png</source>
        <translation>Die URL-Vorlage muss eine http://- oder https://-Adresse mit {z}, {x} und {y} sein, etwa https://tiles.example.com/{z}/{x}/{y}.png</translation>
    </message>
    <message>
        <source>These map settings cannot be used: {error}</source>
        <translation>Diese Karteneinstellungen sind nicht verwendbar: {error}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <source>Saved: map tiles from {server}.</source>
        <translation>Gespeichert: Kartenkacheln von {server}.</translation>
    </message>
    <message>
        <source>Saved: map tiles are off.</source>
        <translation>Gespeichert: Kartenkacheln sind aus.</translation>
    </message>
    <message>
        <source>The map settings were not saved: {error}</source>
        <translation>Die Karteneinstellungen wurden nicht gespeichert: {error}</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>No coordinates to show</source>
        <extracomment>Room kept around the fitted points for markers and distance labels (pixels). Widest the scale bar may grow (pixels).</extracomment>
        <translation>Keine Koordinaten zum Anzeigen</translation>
    </message>
    <message>
        <source>No coordinates: {places}</source>
        <translation>Keine Koordinaten: {places}</translation>
    </message>
    <message>
        <source>incoming location</source>
        <translation>eingehender Standort</translation>
    </message>
    <message>
        <source>candidate {rank}</source>
        <translation>Kandidat {rank}</translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation>{value} km</translation>
    </message>
    <message>
        <source>{value} m</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <source>Map tiles unavailable</source>
        <translation>Kartenkacheln nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Profile</source>
        <extracomment>The selected profile (or None): the Rules page follows it. A profile was made the current one (its name). The overview was (re)loaded (tests wait on it). A connection test finished (the ConnectionCheck).</extracomment>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Source system</source>
        <translation>Quellsystem</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>(local store)</source>
        <translation>(lokaler Speicher)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>https://… (empty: local store, no server)</source>
        <translation>https://… (leer: lokaler Speicher, kein Server)</translation>
    </message>
    <message>
        <source>Save URL</source>
        <translation>URL speichern</translation>
    </message>
    <message>
        <source>Paste a new API key</source>
        <translation>Neuen API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Store in keyring</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Take the server&apos;s settings</source>
        <translation>Einstellungen des Servers übernehmen</translation>
    </message>
    <message>
        <source>Connect the profile again: the server&apos;s tenant, scopes and mapping settings replace the profile&apos;s</source>
        <translation>Das Profil neu verbinden: Mandant, Berechtigungen und Zuordnungseinstellungen des Servers ersetzen die des Profils</translation>
    </message>
    <message>
        <source>&amp;Use this profile</source>
        <translation>Dieses Profil &amp;verwenden</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Tenant / source:</source>
        <translation>Mandant / Quelle:</translation>
    </message>
    <message>
        <source>&amp;Server URL:</source>
        <translation>&amp;Server-URL:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <source>No keyring is available on this computer, so an API key cannot be stored securely (it is never written to a file). For scripted use, set {env} in the environment.</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar, daher kann ein API-Schlüssel nicht sicher gespeichert werden (er wird nie in eine Datei geschrieben). Für Skripte setzen Sie {env} in der Umgebung.</translation>
    </message>
    <message>
        <source>Selected profile</source>
        <translation>Ausgewähltes Profil</translation>
    </message>
    <message>
        <source>Profi&amp;les:</source>
        <translation>Pro&amp;file:</translation>
    </message>
    <message>
        <source>{name} (in use)</source>
        <translation>{name} (in Verwendung)</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>from {env}</source>
        <translation>aus {env}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>keyring locked</source>
        <translation>Schlüsselbund gesperrt</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring. It is never shown; store a new one to replace it.</source>
        <translation>Ein Schlüssel ist im Schlüsselbund des Systems gespeichert. Er wird nie angezeigt; speichern Sie einen neuen, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <source>No key is stored; {env} gives one to this session (it is not stored).</source>
        <translation>Kein Schlüssel gespeichert; {env} gibt dieser Sitzung einen (er wird nicht gespeichert).</translation>
    </message>
    <message>
        <source>No key is stored for this profile.</source>
        <translation>Für dieses Profil ist kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>The system keyring could not be read (is it locked?).</source>
        <translation>Der Schlüsselbund des Systems konnte nicht gelesen werden (ist er gesperrt?).</translation>
    </message>
    <message>
        <source>Could not read the profiles: {error}</source>
        <translation>Die Profile konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>No keyring is available on this computer</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>The key goes into the system keyring, never into a file</source>
        <translation>Der Schlüssel kommt in den Schlüsselbund des Systems, nie in eine Datei</translation>
    </message>
    <message>
        <source>This profile has no server (local store)</source>
        <translation>Dieses Profil hat keinen Server (lokaler Speicher)</translation>
    </message>
    <message>
        <source>Save the server URL first</source>
        <translation>Speichern Sie zuerst die Server-URL</translation>
    </message>
    <message>
        <source>Ask the server once with the stored key (a few seconds at most)</source>
        <translation>Den Server einmal mit dem gespeicherten Schlüssel fragen (höchstens ein paar Sekunden)</translation>
    </message>
    <message>
        <source>This profile is in use</source>
        <translation>Dieses Profil ist in Verwendung</translation>
    </message>
    <message>
        <source>Work with this profile</source>
        <translation>Mit diesem Profil arbeiten</translation>
    </message>
    <message>
        <source>Saving the server URL…</source>
        <translation>Speichere die Server-URL…</translation>
    </message>
    <message>
        <source>Server URL saved.</source>
        <translation>Server-URL gespeichert.</translation>
    </message>
    <message>
        <source>This is not a server URL. Enter an http:// or https:// address such as https://ordinavo.de/api/connect/v1, or nothing for a local store.</source>
        <translation>Das ist keine Server-URL. Geben Sie eine http://- oder https://-Adresse ein, etwa https://ordinavo.de/api/connect/v1, oder nichts für einen lokalen Speicher.</translation>
    </message>
    <message>
        <source>The server URL was not saved: {error}</source>
        <translation>Die Server-URL wurde nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Storing the key in the system keyring…</source>
        <translation>Speichere den Schlüssel im Schlüsselbund…</translation>
    </message>
    <message>
        <source>The key was not stored:</source>
        <translation>Der Schlüssel wurde nicht gespeichert:</translation>
    </message>
    <message>
        <source>The key is stored in the system keyring. Test the connection to check it.</source>
        <translation>Der Schlüssel ist im Schlüsselbund des Systems gespeichert. Testen Sie die Verbindung, um ihn zu prüfen.</translation>
    </message>
    <message>
        <source>Asking {url}…</source>
        <translation>Frage {url}…</translation>
    </message>
    <message>
        <source>The test failed:</source>
        <translation>Der Test ist fehlgeschlagen:</translation>
    </message>
    <message>
        <source>This profile has no server (local store): there is nothing to test.</source>
        <translation>Dieses Profil hat keinen Server (lokaler Speicher): Es gibt nichts zu testen.</translation>
    </message>
    <message>
        <source>No API key for this profile: store one in the keyring (or set {env}).</source>
        <translation>Kein API-Schlüssel für dieses Profil: Speichern Sie einen im Schlüsselbund (oder setzen Sie {env}).</translation>
    </message>
    <message>
        <source>{url} answered in {ms} ms but refused the API key (HTTP 401): store a valid key.</source>
        <translation>{url} hat in {ms} ms geantwortet, aber den API-Schlüssel abgelehnt (HTTP 401): Speichern Sie einen gültigen Schlüssel.</translation>
    </message>
    <message>
        <source>{url} answered in {ms} ms, but the key lacks the scope {scope} (HTTP 403).</source>
        <translation>{url} hat in {ms} ms geantwortet, aber dem Schlüssel fehlt die Berechtigung {scope} (HTTP 403).</translation>
    </message>
    <message>
        <source>{url} answered in {ms} ms, but the key may not ask it (HTTP 403).</source>
        <translation>{url} hat in {ms} ms geantwortet, aber der Schlüssel darf ihn nicht fragen (HTTP 403).</translation>
    </message>
    <message>
        <source>{url} cannot be reached: {detail}</source>
        <translation>{url} ist nicht erreichbar: {detail}</translation>
    </message>
    <message>
        <source>✔ {url} answered in {ms} ms.</source>
        <translation>✔ {url} hat in {ms} ms geantwortet.</translation>
    </message>
    <message>
        <source>The key belongs to tenant {tenant}, source system {source}.</source>
        <translation>Der Schlüssel gehört zum Mandanten {tenant}, Quellsystem {source}.</translation>
    </message>
    <message>
        <source>The server names no tenant or scopes (no review extension): the scopes are the profile&apos;s, not checked by the server.</source>
        <translation>Der Server nennt keinen Mandanten und keine Berechtigungen (keine Prüf-Erweiterung): Die Berechtigungen sind die des Profils, vom Server nicht geprüft.</translation>
    </message>
    <message>
        <source>The key lacks {scopes}: see the Rules page for what is lost.</source>
        <translation>Dem Schlüssel fehlt {scopes}: Was dadurch entfällt, zeigt die Seite Regeln.</translation>
    </message>
    <message>
        <source>The key has every scope the desk uses.</source>
        <translation>Der Schlüssel hat jede Berechtigung, die der Desk braucht.</translation>
    </message>
    <message>
        <source>The server&apos;s settings differ from the profile ({fields}): take them to work with the server&apos;s rules.</source>
        <translation>Die Einstellungen des Servers weichen vom Profil ab ({fields}): Übernehmen Sie sie, um mit den Regeln des Servers zu arbeiten.</translation>
    </message>
    <message>
        <source>Taking the server&apos;s settings…</source>
        <translation>Übernehme die Einstellungen des Servers…</translation>
    </message>
    <message>
        <source>The server&apos;s settings were not taken:</source>
        <translation>Die Einstellungen des Servers wurden nicht übernommen:</translation>
    </message>
    <message>
        <source>Taken from the server: {fields}.</source>
        <translation>Vom Server übernommen: {fields}.</translation>
    </message>
    <message>
        <source>The profile already had the server&apos;s settings.</source>
        <translation>Das Profil hatte die Einstellungen des Servers bereits.</translation>
    </message>
    <message>
        <source>The profile was not switched:</source>
        <translation>Das Profil wurde nicht gewechselt:</translation>
    </message>
    <message>
        <source>{name} is now the profile in use.</source>
        <translation>{name} ist jetzt das verwendete Profil.</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Job</source>
        <extracomment>(sort key, header) of each column, in order.</extracomment>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Übernommen von</translation>
    </message>
    <message>
        <source>{n} min</source>
        <extracomment>Reloads completed (their count arrived); tests and views wait on it.</extracomment>
        <translation>{n} Min.</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} Std.</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} T.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Search customer, city or job ID</source>
        <extracomment>Typing in the search field reloads the queue this long after the last key.</extracomment>
        <translation>Kunde, Ort oder Auftrags-ID suchen</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Any warning</source>
        <translation>Jede Warnung</translation>
    </message>
    <message>
        <source>Any strategy</source>
        <translation>Jede Strategie</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>Jedes Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Due today or earlier</source>
        <translation>Heute oder früher fällig</translation>
    </message>
    <message>
        <source>Due within 7 days</source>
        <translation>Innerhalb von 7 Tagen fällig</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Auftrag</numerusform>
            <numerusform>%n Aufträge</numerusform>
        </translation>
    </message>
    <message>
        <source>{reviewed} of {total} reviewed</source>
        <translation>{reviewed} von {total} geprüft</translation>
    </message>
</context>
<context>
    <name>ReasonTexts</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>Externe ID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Location name</source>
        <translation>Standortname</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Koordinaten</translation>
    </message>
    <message>
        <source>Location reference</source>
        <translation>Standort-Referenz</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Contact reference</source>
        <translation>Ansprechpartner-Referenz</translation>
    </message>
    <message>
        <source>not mapped</source>
        <translation>nicht zugeordnet</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Nicht anwendbar</translation>
    </message>
    <message>
        <source>Mapped</source>
        <translation>Zugeordnet</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>exact</source>
        <extracomment>Comparisons remembered per language (scores and distances vary; kept bounded).</extracomment>
        <translation>genau</translation>
    </message>
    <message>
        <source>different</source>
        <translation>abweichend</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>missing in the record</source>
        <translation>fehlt im Datensatz</translation>
    </message>
    <message>
        <source>by reference</source>
        <translation>über Referenz</translation>
    </message>
    <message>
        <source>house number missing</source>
        <translation>Hausnummer fehlt</translation>
    </message>
    <message>
        <source>house number close</source>
        <translation>Hausnummer nah</translation>
    </message>
    <message>
        <source>house number differs</source>
        <translation>Hausnummer abweichend</translation>
    </message>
    <message>
        <source>district differs</source>
        <translation>Ortsteil abweichend</translation>
    </message>
    <message>
        <source>similar {score}</source>
        <translation>ähnlich {score}</translation>
    </message>
    <message>
        <source>{distance} apart</source>
        <translation>{distance} entfernt</translation>
    </message>
</context>
<context>
    <name>RecordSearchDialog</name>
    <message>
        <source>Choose any customer or location</source>
        <translation>Beliebigen Kunden oder Standort auswählen</translation>
    </message>
    <message>
        <source>Name, customer number, street, postal code or city</source>
        <translation>Name, Kundennummer, Straße, PLZ oder Ort</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Type to search.</source>
        <translation>Zum Suchen tippen.</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found</source>
        <translation>
            <numerusform>%n Datensatz gefunden</numerusform>
            <numerusform>%n Datensätze gefunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Not our customer</source>
        <translation>Nicht unser Kunde</translation>
    </message>
    <message>
        <source>Duplicate job</source>
        <translation>Doppelter Auftrag</translation>
    </message>
    <message>
        <source>Bad data</source>
        <translation>Fehlerhafte Daten</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Reject {item}</source>
        <translation>{item} ablehnen</translation>
    </message>
    <message>
        <source>Optional: why</source>
        <translation>Optional: warum</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
</context>
<context>
    <name>RelatedItemsDialog</name>
    <message>
        <source>Related items</source>
        <translation>Verwandte Aufträge</translation>
    </message>
    <message>
        <source>same customer reference</source>
        <translation>gleiche Kundenreferenz</translation>
    </message>
    <message>
        <source>same customer in the batch</source>
        <translation>gleicher Kunde im Stapel</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Related by</source>
        <translation>Verwandt über</translation>
    </message>
    <message>
        <source>Would link to</source>
        <translation>Würde verknüpfen mit</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>{decided} settles these open items too. Decide the checked ones the same way? (Space checks or unchecks, Enter decides.)</source>
        <translation>{decided} erledigt auch diese offenen Aufträge. Die markierten genauso entscheiden? (Leertaste markiert oder entfernt die Markierung, Eingabe entscheidet.)</translation>
    </message>
    <message>
        <source>Decide checked items</source>
        <translation>Markierte Aufträge entscheiden</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>No item selected</source>
        <extracomment>The rank of the candidate now compared (0: none).</extracomment>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <source>Reveal personal data (Ctrl+Shift+P)</source>
        <translation>Personenbezogene Daten aufdecken (Strg+Umschalt+P)</translation>
    </message>
    <message>
        <source>Route readiness</source>
        <translation>Bereit für die Tourenplanung</translation>
    </message>
    <message>
        <source>Work minutes:</source>
        <translation>Arbeitsminuten:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Priorität:</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Zugang:</translation>
    </message>
    <message>
        <source>Parking:</source>
        <translation>Parken:</translation>
    </message>
    <message>
        <source>Candidates (1–9 compare · L other locations · / search all records)</source>
        <translation>Kandidaten (1–9 vergleichen · L andere Standorte · / alle Datensätze durchsuchen)</translation>
    </message>
    <message>
        <source>How the rules got here</source>
        <translation>Wie die Regeln hierher kamen</translation>
    </message>
    <message>
        <source>No mapping result for this version of the item.</source>
        <translation>Kein Zuordnungsergebnis für diese Version des Auftrags.</translation>
    </message>
    <message>
        <source>What came in (no candidate)</source>
        <translation>Was eingegangen ist (kein Kandidat)</translation>
    </message>
    <message>
        <source>Compared with candidate {rank}: {name}</source>
        <translation>Verglichen mit Kandidat {rank}: {name}</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>coordinates</source>
        <translation>Koordinaten</translation>
    </message>
    <message>
        <source>default work minutes</source>
        <translation>Standard-Arbeitsminuten</translation>
    </message>
    <message>
        <source>default priority</source>
        <translation>Standard-Priorität</translation>
    </message>
    <message>
        <source>the linked location</source>
        <translation>verknüpfter Standort</translation>
    </message>
    <message>
        <source>the incoming location</source>
        <translation>eingehender Standort</translation>
    </message>
    <message>
        <source>✔ Ready for route planning ({of}).</source>
        <translation>✔ Bereit für die Tourenplanung ({of}).</translation>
    </message>
    <message>
        <source>✖ Not ready for route planning ({of}): missing {what}.</source>
        <translation>✖ Nicht bereit für die Tourenplanung ({of}): es fehlt {what}.</translation>
    </message>
    <message>
        <source>open by {who}</source>
        <translation>geöffnet von {who}</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>entschieden</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>no review needed</source>
        <translation>keine Prüfung nötig</translation>
    </message>
    <message>
        <source>Due {date}</source>
        <translation>Fällig {date}</translation>
    </message>
    <message>
        <source>Window {start}–{end}</source>
        <translation>Zeitfenster {start}–{end}</translation>
    </message>
    <message>
        <source>Priority {priority}</source>
        <translation>Priorität {priority}</translation>
    </message>
    <message>
        <source>Work {minutes}</source>
        <translation>Arbeit {minutes}</translation>
    </message>
    <message>
        <source>Batch {batch}</source>
        <translation>Stapel {batch}</translation>
    </message>
</context>
<context>
    <name>ReviewWorkspace</name>
    <message>
        <source>Confirm</source>
        <extracomment>How long an item stays on screen before its position is remembered. Posted with low priority when an item is shown, so that it arrives after the window&apos;s layout and paint of the item (posted with the same priority, earlier): the read ahead of the next item then does not hold the interpreter while the item is painted. A message for the status bar. Emitted after each decision or undo has been recorded (tests and the sync bar). An item&apos;s view is on screen (the ItemView). The item on screen (kept across reloads of the queue) and whether one runs. The item (by generation) whose next one is read ahead once it is painted. Views shown (tests wait on it).</extracomment>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Confirm the candidate in view (Choose it if the rules proposed another)</source>
        <translation>Den angezeigten Kandidaten bestätigen (auswählen, wenn die Regeln einen anderen vorgeschlagen haben)</translation>
    </message>
    <message>
        <source>Locations…</source>
        <translation>Standorte…</translation>
    </message>
    <message>
        <source>Choose another location of the candidate, or a new one</source>
        <translation>Einen anderen Standort des Kandidaten auswählen, oder einen neuen</translation>
    </message>
    <message>
        <source>Search records…</source>
        <translation>Datensätze suchen…</translation>
    </message>
    <message>
        <source>Search every customer and location of the tenant</source>
        <translation>Alle Kunden und Standorte des Mandanten durchsuchen</translation>
    </message>
    <message>
        <source>Correct fields</source>
        <translation>Felder korrigieren</translation>
    </message>
    <message>
        <source>Edit what came in, before Create new or a new location</source>
        <translation>Das Eingegangene bearbeiten, vor Neu anlegen oder einem neuen Standort</translation>
    </message>
    <message>
        <source>Create new</source>
        <translation>Neu anlegen</translation>
    </message>
    <message>
        <source>Create the customer from what came in (with the corrections)</source>
        <translation>Den Kunden aus dem Eingegangenen anlegen (mit den Korrekturen)</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <source>Leave the item unmapped, with a reason</source>
        <translation>Den Auftrag mit Begründung nicht zuordnen</translation>
    </message>
    <message>
        <source>Defer…</source>
        <translation>Zurückstellen…</translation>
    </message>
    <message>
        <source>Put the item aside, optionally until a date</source>
        <translation>Den Auftrag zurückstellen, auf Wunsch bis zu einem Datum</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last decision of this session (again for earlier ones)</source>
        <translation>Die letzte Entscheidung dieser Sitzung rückgängig machen (erneut für frühere)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>The next item of the queue</source>
        <translation>Der nächste Auftrag der Warteschlange</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>The previous item of the queue</source>
        <translation>Der vorherige Auftrag der Warteschlange</translation>
    </message>
    <message>
        <source>Confirm confident…</source>
        <translation>Eindeutige bestätigen…</translation>
    </message>
    <message>
        <source>Confirm every selected item whose top candidate is confident</source>
        <translation>Jeden ausgewählten Auftrag bestätigen, dessen bester Kandidat eindeutig ist</translation>
    </message>
    <message>
        <source>Reveal personal data</source>
        <translation>Personenbezogene Daten aufdecken</translation>
    </message>
    <message>
        <source>Show the contact&apos;s email and phone (recorded in the audit trail)</source>
        <translation>E-Mail und Telefon des Ansprechpartners anzeigen (wird im Prüfprotokoll erfasst)</translation>
    </message>
    <message>
        <source>Candidate {n}</source>
        <translation>Kandidat {n}</translation>
    </message>
    <message>
        <source>Compare with candidate {n}</source>
        <translation>Mit Kandidat {n} vergleichen</translation>
    </message>
    <message>
        <source>Needs the scope {scope}, which this profile&apos;s key lacks.</source>
        <translation>Braucht die Berechtigung {scope}, die dem Schlüssel dieses Profils fehlt.</translation>
    </message>
    <message>
        <source>Undo {what}</source>
        <translation>{what} rückgängig machen</translation>
    </message>
    <message>
        <source>Choose {name}</source>
        <translation>{name} auswählen</translation>
    </message>
    <message>
        <source>Choose with a new location</source>
        <translation>Mit neuem Standort auswählen</translation>
    </message>
    <message>
        <source>Choose {location}</source>
        <translation>{location} auswählen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>{what}: {item} recorded.</source>
        <translation>{what}: {item} erfasst.</translation>
    </message>
    <message>
        <source>{what} recorded.</source>
        <translation>{what} erfasst.</translation>
    </message>
    <message>
        <source>Select the items to confirm first (Shift+↓ or Ctrl+A).</source>
        <translation>Wählen Sie zuerst die zu bestätigenden Aufträge aus (Umschalt+↓ oder Strg+A).</translation>
    </message>
    <message numerus="yes">
        <source>%n related item(s)</source>
        <translation>
            <numerusform>%n verwandter Auftrag</numerusform>
            <numerusform>%n verwandte Aufträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>bulk confirmation of %n item(s)</source>
        <translation>
            <numerusform>Sammelbestätigung von %n Auftrag</numerusform>
            <numerusform>Sammelbestätigung von %n Aufträgen</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: {what}.</source>
        <translation>Rückgängig gemacht: {what}.</translation>
    </message>
    <message>
        <source>Personal data revealed (recorded in the audit trail).</source>
        <translation>Personenbezogene Daten aufgedeckt (im Prüfprotokoll erfasst).</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>Fehler: {error}</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Nothing was recorded: {error}</source>
        <translation>Nichts wurde erfasst: {error}</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>External ID only</source>
        <translation>Nur externe ID</translation>
    </message>
    <message>
        <source>Only the item&apos;s external references link records; everything else waits for a person.</source>
        <translation>Nur die externen Referenzen des Auftrags verknüpfen Datensätze; alles andere wartet auf eine Person.</translation>
    </message>
    <message>
        <source>External ID first, then the safe fallbacks</source>
        <translation>Zuerst externe ID, dann die sicheren Ausweichregeln</translation>
    </message>
    <message>
        <source>External references first, then the safe fallbacks in their order; an ambiguity waits for a person.</source>
        <translation>Zuerst die externen Referenzen, dann die sicheren Ausweichregeln der Reihe nach; eine Mehrdeutigkeit wartet auf eine Person.</translation>
    </message>
    <message>
        <source>External ID, then customer number</source>
        <translation>Externe ID, dann Kundennummer</translation>
    </message>
    <message>
        <source>External references first, then the customer number; a number several customers share waits for a person.</source>
        <translation>Zuerst die externen Referenzen, dann die Kundennummer; eine Nummer, die sich mehrere Kunden teilen, wartet auf eine Person.</translation>
    </message>
    <message>
        <source>External ID, then name and address</source>
        <translation>Externe ID, dann Name und Adresse</translation>
    </message>
    <message>
        <source>External references first, then name and address scored against the thresholds below; look-alikes wait for a person.</source>
        <translation>Zuerst die externen Referenzen, dann Name und Adresse, bewertet an den Schwellen unten; Doppelgänger warten auf eine Person.</translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation>Nur manuell</translation>
    </message>
    <message>
        <source>Nothing is linked automatically; candidates are ranked for a person to decide.</source>
        <translation>Nichts wird automatisch verknüpft; Kandidaten werden für die Entscheidung einer Person gereiht.</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>exact name and address</source>
        <translation>genauer Name und genaue Adresse</translation>
    </message>
    <message>
        <source>Confirm, Choose, Reject, Defer and Undo</source>
        <translation>Bestätigen, Auswählen, Ablehnen, Zurückstellen und Rückgängig</translation>
    </message>
    <message>
        <source>Pull the review queue and send decisions</source>
        <translation>Prüf-Warteschlange abrufen und Entscheidungen senden</translation>
    </message>
    <message>
        <source>Create new customers, locations and contacts</source>
        <translation>Neue Kunden, Standorte und Ansprechpartner anlegen</translation>
    </message>
    <message>
        <source>Store the decided external references</source>
        <translation>Die entschiedenen externen Referenzen speichern</translation>
    </message>
    <message>
        <source>Pull reference data (customers, locations, contacts)</source>
        <translation>Stammdaten abrufen (Kunden, Standorte, Ansprechpartner)</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Die Verbindung testen</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <source>Safe fallbacks:</source>
        <translation>Sichere Ausweichregeln:</translation>
    </message>
    <message>
        <source>Confident from:</source>
        <translation>Eindeutig ab:</translation>
    </message>
    <message>
        <source>Lead over the runner-up:</source>
        <translation>Vorsprung vor dem Zweiten:</translation>
    </message>
    <message>
        <source>Candidates shown from:</source>
        <translation>Kandidaten angezeigt ab:</translation>
    </message>
    <message>
        <source>Coordinates agree within:</source>
        <translation>Koordinaten stimmen überein bis:</translation>
    </message>
    <message>
        <source>Candidates at most:</source>
        <translation>Höchstens Kandidaten:</translation>
    </message>
    <message>
        <source>Create automatically:</source>
        <translation>Automatisch anlegen:</translation>
    </message>
    <message>
        <source>Update records (autoUpdate):</source>
        <translation>Datensätze aktualisieren (autoUpdate):</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Berechtigung</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>What it allows, or what is lost without it</source>
        <translation>Was sie erlaubt, oder was ohne sie entfällt</translation>
    </message>
    <message>
        <source>In the review window</source>
        <translation>Im Prüffenster</translation>
    </message>
    <message>
        <source>The rules and scopes come from the server (Take the server&apos;s settings on the Profile page) and cannot be changed here. Actions the key&apos;s scopes forbid are disabled in the review window, with a tooltip naming the missing scope.</source>
        <translation>Regeln und Berechtigungen kommen vom Server (Einstellungen des Servers übernehmen auf der Seite Profil) und können hier nicht geändert werden. Aktionen, die die Berechtigungen des Schlüssels nicht erlauben, sind im Prüffenster deaktiviert; ein Tooltip nennt die fehlende Berechtigung.</translation>
    </message>
    <message>
        <source>&amp;Scopes of the key:</source>
        <translation>&amp;Berechtigungen des Schlüssels:</translation>
    </message>
    <message>
        <source>✔ granted</source>
        <translation>✔ erteilt</translation>
    </message>
    <message>
        <source>✖ missing</source>
        <translation>✖ fehlt</translation>
    </message>
    <message>
        <source>(not used by the desk)</source>
        <translation>(vom Desk nicht genutzt)</translation>
    </message>
    <message>
        <source>Lost: {what}</source>
        <translation>Entfällt: {what}</translation>
    </message>
    <message>
        <source>Allows: {what}</source>
        <translation>Erlaubt: {what}</translation>
    </message>
    <message>
        <source>Without it: {what}</source>
        <translation>Ohne sie: {what}</translation>
    </message>
    <message>
        <source>Requests: {operations}</source>
        <translation>Anfragen: {operations}</translation>
    </message>
    <message>
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <source>Rules of profile {name} ({tenant} / {source})</source>
        <translation>Regeln des Profils {name} ({tenant} / {source})</translation>
    </message>
    <message>
        <source>a score of {value} (threshold)</source>
        <translation>einer Wertung von {value} (Schwelle)</translation>
    </message>
    <message>
        <source>{value} ahead of any other customer (margin)</source>
        <translation>{value} vor jedem anderen Kunden (Abstand)</translation>
    </message>
    <message>
        <source>a score of {value} (floor)</source>
        <translation>einer Wertung von {value} (Untergrenze)</translation>
    </message>
    <message>
        <source>{value} m</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>customers: {customer} · locations: {location} · contacts: {contact}</source>
        <translation>Kunden: {customer} · Standorte: {location} · Ansprechpartner: {contact}</translation>
    </message>
    <message>
        <source>✔ {action}</source>
        <translation>✔ {action}</translation>
    </message>
    <message>
        <source>Allowed by the scope {scope}</source>
        <translation>Erlaubt durch die Berechtigung {scope}</translation>
    </message>
    <message>
        <source>✖ {action} (needs {scope})</source>
        <translation>✖ {action} (braucht {scope})</translation>
    </message>
    <message>
        <source>Needs the scope {scope}, which this profile&apos;s key lacks.</source>
        <translation>Braucht die Berechtigung {scope}, die dem Schlüssel dieses Profils fehlt.</translation>
    </message>
</context>
<context>
    <name>ScopeTexts</name>
    <message>
        <source>nothing the desk uses</source>
        <translation>nichts, was der Desk nutzt</translation>
    </message>
    <message>
        <source>check the connection and read the key&apos;s tenant, scopes and mapping settings</source>
        <translation>die Verbindung prüfen und Mandant, Berechtigungen und Zuordnungseinstellungen des Schlüssels lesen</translation>
    </message>
    <message>
        <source>the connection test and taking the server&apos;s settings cannot read what the key may do</source>
        <translation>der Verbindungstest und das Übernehmen der Server-Einstellungen können nicht lesen, was der Schlüssel darf</translation>
    </message>
    <message>
        <source>pull the review queue with each item&apos;s mapping, and decide items (Confirm, Choose, Reject, Defer, Revert)</source>
        <translation>die Prüf-Warteschlange mit der Zuordnung jedes Auftrags abrufen und Aufträge entscheiden (Bestätigen, Auswählen, Ablehnen, Zurückstellen, Zurücknehmen)</translation>
    </message>
    <message>
        <source>no review items are pulled and no decision can be written back</source>
        <translation>es werden keine Prüfaufträge abgerufen und keine Entscheidung kann zurückgeschrieben werden</translation>
    </message>
    <message>
        <source>pull the tenant&apos;s customers, locations, contacts and external references; see record ids and ranked candidates</source>
        <translation>Kunden, Standorte, Ansprechpartner und externe Referenzen des Mandanten abrufen; Datensatz-IDs und gereihte Kandidaten sehen</translation>
    </message>
    <message>
        <source>no reference data is pulled; answers carry statuses and warnings only, so the desk ranks candidates itself from the reference data it has</source>
        <translation>es werden keine Stammdaten abgerufen; Antworten enthalten nur Status und Warnungen, daher reiht der Desk Kandidaten selbst aus den Stammdaten, die er hat</translation>
    </message>
    <message>
        <source>decisions that create customers, locations or contacts, and storing the decided external references</source>
        <translation>Entscheidungen, die Kunden, Standorte oder Ansprechpartner anlegen, und das Speichern der entschiedenen externen Referenzen</translation>
    </message>
    <message>
        <source>Create new and new locations or contacts are refused; Choose links the item but stores no external reference</source>
        <translation>Neu anlegen sowie neue Standorte oder Ansprechpartner werden abgelehnt; Auswählen verknüpft den Auftrag, speichert aber keine externe Referenz</translation>
    </message>
    <message>
        <source>import one target; the write-back to a server without the review extension</source>
        <translation>ein Ziel importieren; das Zurückschreiben an einen Server ohne Prüf-Erweiterung</translation>
    </message>
    <message>
        <source>targets cannot be imported one by one (nor written back to a plain v1 server)</source>
        <translation>Ziele können nicht einzeln importiert (noch an einen einfachen v1-Server zurückgeschrieben) werden</translation>
    </message>
    <message>
        <source>import batches of targets</source>
        <translation>Ziele stapelweise importieren</translation>
    </message>
    <message>
        <source>targets cannot be imported in batches</source>
        <translation>Ziele können nicht stapelweise importiert werden</translation>
    </message>
    <message>
        <source>read import jobs and their item results</source>
        <translation>Importjobs und ihre Ergebnisse je Auftrag lesen</translation>
    </message>
    <message>
        <source>the results of earlier imports cannot be read back</source>
        <translation>die Ergebnisse früherer Importe können nicht zurückgelesen werden</translation>
    </message>
    <message>
        <source>create route suggestions</source>
        <translation>Tourenvorschläge anlegen</translation>
    </message>
    <message>
        <source>read route suggestions</source>
        <translation>Tourenvorschläge lesen</translation>
    </message>
    <message>
        <source>read webhook subscriptions</source>
        <translation>Webhook-Abonnements lesen</translation>
    </message>
    <message>
        <source>create and change webhook subscriptions</source>
        <translation>Webhook-Abonnements anlegen und ändern</translation>
    </message>
    <message>
        <source>read webhook deliveries</source>
        <translation>Webhook-Zustellungen lesen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>The current profile changed (its name): the window should work with it now. The tile settings were saved (the TileServer). The language preference changed (&quot;system&quot;, &quot;en&quot;, &quot;de&quot;): shows after a restart. The theme changed (&quot;system&quot;, &quot;light&quot;, &quot;dark&quot;); it is applied already.</extracomment>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Regeln</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>&amp;Karte</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <source>Checking the server…</source>
        <extracomment>Progress steps reach the window at most this often (a push reports every decision). After each sync that ran (a SyncOutcome), whatever it achieved. The store changed (a sync, or a conflict resolved): the queue should reload. Each progress step of a running sync (a SyncProgress), on the UI thread.</extracomment>
        <translation>Prüfe den Server…</translation>
    </message>
    <message>
        <source>Decisions the server refused: compare them with the server and resolve</source>
        <translation>Entscheidungen, die der Server abgelehnt hat: mit dem Server vergleichen und lösen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the push, or after the page being pulled; nothing is lost</source>
        <translation>Nach dem Senden oder nach der gerade abgerufenen Seite anhalten; nichts geht verloren</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisieren</translation>
    </message>
    <message>
        <source>Sync  {shortcut}</source>
        <translation>Synchronisieren  {shortcut}</translation>
    </message>
    <message>
        <source>Push the decisions waiting here, then pull from the server ({shortcut})</source>
        <translation>Die hier wartenden Entscheidungen senden, dann vom Server abrufen ({shortcut})</translation>
    </message>
    <message>
        <source>Starting the sync…</source>
        <translation>Starte die Synchronisierung…</translation>
    </message>
    <message>
        <source>Stopping at the next safe point…</source>
        <translation>Halte an der nächsten sicheren Stelle an…</translation>
    </message>
    <message>
        <source>Pushing {done} of {total}…</source>
        <translation>Sende {done} von {total}…</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Frage den Server…</translation>
    </message>
    <message numerus="yes">
        <source>Pulling reference data: %n customer(s)…</source>
        <translation>
            <numerusform>Rufe Stammdaten ab: %n Kunde…</numerusform>
            <numerusform>Rufe Stammdaten ab: %n Kunden…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pulling review items: %n item(s)…</source>
        <translation>
            <numerusform>Rufe Prüfaufträge ab: %n Auftrag…</numerusform>
            <numerusform>Rufe Prüfaufträge ab: %n Aufträge…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>The sync did not run.</source>
        <translation>Die Synchronisierung ist nicht gelaufen.</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n</source>
        <translation>
            <numerusform>%n gesendet</numerusform>
            <numerusform>%n gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retrying</source>
        <translation>
            <numerusform>%n wird erneut versucht</numerusform>
            <numerusform>%n werden erneut versucht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held</source>
        <translation>
            <numerusform>%n zurückgehalten</numerusform>
            <numerusform>%n zurückgehalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) pulled</source>
        <translation>
            <numerusform>%n Auftrag abgerufen</numerusform>
            <numerusform>%n Aufträge abgerufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) updated</source>
        <translation>
            <numerusform>%n Kunde aktualisiert</numerusform>
            <numerusform>%n Kunden aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was done.</source>
        <translation>Nichts wurde getan.</translation>
    </message>
    <message>
        <source>The server refused the API key (HTTP 401): connect the profile again with a valid key.</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt (HTTP 401): Verbinden Sie das Profil erneut mit einem gültigen Schlüssel.</translation>
    </message>
    <message>
        <source>The key lacks the scope {scope} (HTTP 403): ask your Ordinavo administrator to grant it.</source>
        <translation>Dem Schlüssel fehlt die Berechtigung {scope} (HTTP 403): Bitten Sie Ihre Ordinavo-Administration, sie zu erteilen.</translation>
    </message>
    <message>
        <source>The key may not do this (HTTP 403): {detail}</source>
        <translation>Der Schlüssel darf das nicht (HTTP 403): {detail}</translation>
    </message>
    <message>
        <source>Offline: {url} cannot be reached. Nothing was lost; sync again when it is back.</source>
        <translation>Offline: {url} ist nicht erreichbar. Nichts ging verloren; synchronisieren Sie erneut, wenn der Server wieder da ist.</translation>
    </message>
    <message>
        <source>The server is busy or failing; nothing was lost, sync again later ({detail}).</source>
        <translation>Der Server ist ausgelastet oder gestört; nichts ging verloren, synchronisieren Sie später erneut ({detail}).</translation>
    </message>
    <message>
        <source>Cancelled: what was stored stays stored, the next sync goes on.</source>
        <translation>Abgebrochen: Was gespeichert wurde, bleibt gespeichert; die nächste Synchronisierung macht weiter.</translation>
    </message>
    <message>
        <source>The server does not fit this profile: {detail}</source>
        <translation>Der Server passt nicht zu diesem Profil: {detail}</translation>
    </message>
    <message>
        <source>The server refused the pull: {detail}</source>
        <translation>Der Server hat den Abruf abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>Reference data: never pulled</source>
        <translation>Stammdaten: nie abgerufen</translation>
    </message>
    <message>
        <source>Reference data: just pulled</source>
        <translation>Stammdaten: gerade abgerufen</translation>
    </message>
    <message numerus="yes">
        <source>Reference data: %n min old</source>
        <translation>
            <numerusform>Stammdaten: %n Minute alt</numerusform>
            <numerusform>Stammdaten: %n Minuten alt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reference data: %n h old</source>
        <translation>
            <numerusform>Stammdaten: %n Stunde alt</numerusform>
            <numerusform>Stammdaten: %n Stunden alt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reference data: %n day(s) old</source>
        <translation>
            <numerusform>Stammdaten: %n Tag alt</numerusform>
            <numerusform>Stammdaten: %n Tage alt</numerusform>
        </translation>
    </message>
    <message>
        <source>Local store: no server to pull from</source>
        <translation>Lokaler Speicher: kein Server zum Abrufen</translation>
    </message>
    <message>
        <source>Last complete pull: {at} UTC</source>
        <translation>Letzter vollständiger Abruf: {at} UTC</translation>
    </message>
    <message numerus="yes">
        <source>%n to push</source>
        <translation>
            <numerusform>%n zu senden</numerusform>
            <numerusform>%n zu senden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more need a person (rejected or held): see &apos;ordinavo-desk status&apos;</source>
        <translation>
            <numerusform>%n weitere braucht eine Person (abgelehnt oder zurückgehalten): siehe „ordinavo-desk status“</numerusform>
            <numerusform>%n weitere brauchen eine Person (abgelehnt oder zurückgehalten): siehe „ordinavo-desk status“</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the sync figures: {error}</source>
        <translation>Die Zahlen der Synchronisierung konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Online · key refused</source>
        <translation>Online · Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Online · key may not check</source>
        <translation>Online · Schlüssel darf nicht prüfen</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>Kein API-Schlüssel</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>Lokaler Speicher</translation>
    </message>
    <message>
        <source>This profile has no server (local-store mode)</source>
        <translation>Dieses Profil hat keinen Server (lokaler Speicher)</translation>
    </message>
    <message>
        <source>{url} answered in {ms} ms</source>
        <translation>{url} hat in {ms} ms geantwortet</translation>
    </message>
    <message>
        <source>This profile has no server: connect it to sync (profile connect)</source>
        <translation>Dieses Profil hat keinen Server: Verbinden Sie es, um zu synchronisieren (profile connect)</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{value} m</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation>{value} km</translation>
    </message>
    <message>
        <source>{value} min</source>
        <translation>{value} Min.</translation>
    </message>
</context>
<context>
    <name>WarningBadges</name>
    <message>
        <source>No warnings.</source>
        <translation>Keine Warnungen.</translation>
    </message>
</context>
<context>
    <name>WarningTexts</name>
    <message>
        <source>No coordinates</source>
        <extracomment>&quot;problem&quot; (the item cannot be linked as it is) or &quot;notice&quot; (linked, check it).</extracomment>
        <translation>Keine Koordinaten</translation>
    </message>
    <message>
        <source>The location {location} has no coordinates, so it cannot be routed.</source>
        <translation>Der Standort {location} hat keine Koordinaten und kann daher nicht angefahren werden.</translation>
    </message>
    <message>
        <source>Add the coordinates in a correction, or in Ordinavo before planning.</source>
        <translation>Ergänzen Sie die Koordinaten in einer Korrektur oder vor der Planung in Ordinavo.</translation>
    </message>
    <message>
        <source>Number ambiguous</source>
        <translation>Nummer mehrdeutig</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) share the customer number {number}.</source>
        <translation>
            <numerusform>%n Kunde hat die Kundennummer {number}.</numerusform>
            <numerusform>%n Kunden teilen sich die Kundennummer {number}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pick the right customer from the candidates; compare name and address.</source>
        <translation>Wählen Sie den richtigen Kunden aus den Kandidaten; vergleichen Sie Name und Adresse.</translation>
    </message>
    <message>
        <source>Address differs</source>
        <translation>Adresse abweichend</translation>
    </message>
    <message>
        <source>The job&apos;s address ({incoming}) differs from the location ({stored}).</source>
        <translation>Die Adresse des Auftrags ({incoming}) weicht vom Standort ({stored}) ab.</translation>
    </message>
    <message>
        <source>Confirm if the job really is at this location, else choose another.</source>
        <translation>Bestätigen Sie, wenn der Auftrag wirklich an diesem Standort ist, sonst wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>New customer?</source>
        <translation>Neuer Kunde?</translation>
    </message>
    <message>
        <source>No customer matched, and the rules may not create one.</source>
        <translation>Kein Kunde passt, und die Regeln dürfen keinen anlegen.</translation>
    </message>
    <message>
        <source>Choose an existing customer (search with /), or create a new one (N).</source>
        <translation>Wählen Sie einen vorhandenen Kunden (Suche mit /) oder legen Sie einen neuen an (N).</translation>
    </message>
    <message>
        <source>New location?</source>
        <translation>Neuer Standort?</translation>
    </message>
    <message>
        <source>The customer has no matching location, and the rules may not create one.</source>
        <translation>Der Kunde hat keinen passenden Standort, und die Regeln dürfen keinen anlegen.</translation>
    </message>
    <message>
        <source>Choose one of the customer&apos;s locations (L), or a new location for it.</source>
        <translation>Wählen Sie einen der Standorte des Kunden (L) oder einen neuen Standort für ihn.</translation>
    </message>
    <message>
        <source>New contact?</source>
        <translation>Neuer Ansprechpartner?</translation>
    </message>
    <message>
        <source>The contact is not known, and the rules may not create one.</source>
        <translation>Der Ansprechpartner ist unbekannt, und die Regeln dürfen keinen anlegen.</translation>
    </message>
    <message>
        <source>Confirm without the contact, or choose with a new contact.</source>
        <translation>Bestätigen Sie ohne den Ansprechpartner oder wählen Sie mit einem neuen Ansprechpartner aus.</translation>
    </message>
    <message>
        <source>Contact elsewhere</source>
        <translation>Ansprechpartner anderswo</translation>
    </message>
    <message>
        <source>This contact belongs to {contact_location}, not to {item_location}.</source>
        <translation>Dieser Ansprechpartner gehört zu {contact_location}, nicht zu {item_location}.</translation>
    </message>
    <message>
        <source>Check that the contact really is responsible for this location.</source>
        <translation>Prüfen Sie, ob der Ansprechpartner wirklich für diesen Standort zuständig ist.</translation>
    </message>
    <message>
        <source>Customer {status}</source>
        <translation>Kunde {status}</translation>
    </message>
    <message>
        <source>Customer inactive</source>
        <translation>Kunde inaktiv</translation>
    </message>
    <message>
        <source>The customer {customer} is {status} in Ordinavo.</source>
        <translation>Der Kunde {customer} ist in Ordinavo {status}.</translation>
    </message>
    <message>
        <source>Make sure the job may go to this customer, or reject it.</source>
        <translation>Stellen Sie sicher, dass der Auftrag zu diesem Kunden darf, oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Look-alikes</source>
        <translation>Doppelgänger</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) match the name and address about equally well.</source>
        <translation>
            <numerusform>%n Kunde passt zu Name und Adresse.</numerusform>
            <numerusform>%n Kunden passen etwa gleich gut zu Name und Adresse.</numerusform>
        </translation>
    </message>
    <message>
        <source>The name matches, but the address does not settle which customer or location it is.</source>
        <translation>Der Name passt, aber die Adresse klärt nicht, welcher Kunde oder Standort gemeint ist.</translation>
    </message>
    <message>
        <source>Compare the candidates (1–9) and choose the right one.</source>
        <translation>Vergleichen Sie die Kandidaten (1–9) und wählen Sie den richtigen aus.</translation>
    </message>
    <message>
        <source>Location of another customer</source>
        <translation>Standort eines anderen Kunden</translation>
    </message>
    <message>
        <source>The referenced location does not belong to {customer}.</source>
        <translation>Der referenzierte Standort gehört nicht zu {customer}.</translation>
    </message>
    <message>
        <source>Choose the right customer, or one of this customer&apos;s locations.</source>
        <translation>Wählen Sie den richtigen Kunden oder einen der Standorte dieses Kunden.</translation>
    </message>
    <message>
        <source>Contact of another customer</source>
        <translation>Ansprechpartner eines anderen Kunden</translation>
    </message>
    <message>
        <source>The referenced contact does not belong to {customer}.</source>
        <translation>Der referenzierte Ansprechpartner gehört nicht zu {customer}.</translation>
    </message>
    <message>
        <source>Confirm without the contact, or choose another contact.</source>
        <translation>Bestätigen Sie ohne den Ansprechpartner oder wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>The server reported {code}; the desk has no explanation for it.</source>
        <translation>Der Server hat {code} gemeldet; der Desk hat dafür keine Erklärung.</translation>
    </message>
    <message>
        <source>Check the item in Ordinavo.</source>
        <translation>Prüfen Sie den Auftrag in Ordinavo.</translation>
    </message>
</context>
<context>
    <name>ordinavo_desk</name>
    <message>
        <source>Ordinavo Desk</source>
        <translation>Ordinavo Desk</translation>
    </message>
</context>
</TS>
