"""Every text of the interface in Finnish, Swedish and English, and locale-aware formatting.

Programme texts live in data/programmes.toml; everything else is here, in one table.
"""

from __future__ import annotations

from kpmap.model import Lang

LANGUAGE_NAMES: dict[Lang, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

STRINGS: dict[str, dict[Lang, str]] = {
    "app_title": {
        "fi": "Kaupunkipolitiikan kumppanuudet",
        "sv": "Stadspolitikens partnerskap",
        "en": "Urban-policy partnerships",
    },
    "app_subtitle": {
        "fi": "Valtion ja kaupunkien temaattiset kumppanuudet pääministeri Orpon hallitusohjelmassa (2023–2027)",
        "sv": "De tematiska partnerskapen mellan staten och städerna i statsminister Orpos regeringsprogram "
        "(2023–2027)",
        "en": "The thematic partnerships between the state and cities in Prime Minister Orpo's government "
        "programme (2023–2027)",
    },
    "language": {"fi": "Kieli · Språk · Language", "sv": "Kieli · Språk · Language", "en": "Kieli · Språk · Language"},
    "page_map": {"fi": "Kartta", "sv": "Karta", "en": "Map"},
    "page_programmes": {"fi": "Ohjelmat", "sv": "Programmen", "en": "Programmes"},
    "page_data": {"fi": "Aineisto", "sv": "Data", "en": "Data"},
    # Sidebar filters
    "filters": {"fi": "Rajaa karttaa", "sv": "Filtrera kartan", "en": "Filter the map"},
    "programmes": {"fi": "Kumppanuusohjelmat", "sv": "Partnerskapsprogram", "en": "Partnership programmes"},
    "region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "all_regions": {"fi": "Kaikki maakunnat", "sv": "Alla landskap", "en": "All regions"},
    "find_city": {"fi": "Hae kaupunkia", "sv": "Sök en stad", "en": "Find a city"},
    "find_city_placeholder": {"fi": "Kirjoita nimi", "sv": "Skriv ett namn", "en": "Type a name"},
    "reset": {"fi": "Palauta alkunäkymä", "sv": "Återställ vyn", "en": "Reset the view"},
    # Map page
    "map_heading": {"fi": "Kartta", "sv": "Karta", "en": "Map"},
    "map_summary": {
        "fi": "Kartalla on {cities}. Väri kertoo kumppanuusohjelman.",
        "sv": "Kartan visar {cities}; färgen anger partnerskapsprogrammet.",
        "en": "The map shows {cities}; colour shows the partnership programme.",
    },
    "map_show": {"fi": "Kartalla", "sv": "På kartan", "en": "On the map"},
    "show_areas": {"fi": "Kuntien alueet", "sv": "Kommunernas områden", "en": "Municipal areas"},
    "show_circles": {"fi": "Väkilukupallot", "sv": "Befolkningscirklar", "en": "Population circles"},
    "legend_areas": {
        "fi": "Jäsenkunnan alue on ohjelmansa värinen.",
        "sv": "En medlemskommuns område har programmets färg.",
        "en": "A member municipality's area is filled in its programme's colour.",
    },
    "legend_two_areas": {
        "fi": "Kahden ohjelman kaupungin alue on raidallinen kummankin ohjelman väreissä.",
        "sv": "En stad i två program är randig i båda programmens färger.",
        "en": "A city in two programmes is striped in both programmes' colours.",
    },
    "legend_borders": {
        "fi": "Ohuet viivat ovat kuntien rajoja, paksummat maakuntien rajoja.",
        "sv": "Tunna linjer är kommungränser, tjockare landskapsgränser.",
        "en": "Thin lines are municipal borders, thicker ones regional borders.",
    },
    "whole_finland": {"fi": "Koko Suomi", "sv": "Hela Finland", "en": "All of Finland"},
    # The partnerships' history (kpmap.timeline) and the data's age
    "timeline_heading": {
        "fi": "Kumppanuuksien aikajana",
        "sv": "Partnerskapens tidslinje",
        "en": "Timeline of the partnerships",
    },
    "timeline_intro": {
        "fi": "Ohjelmat samalla aika-akselilla: nauha alkaa ohjelman käynnistymisestä (musta reunus), pisteet "
        "ovat sen päivättyjä tapahtumia. Pisteiden numerot viittaavat alla olevaan luetteloon.",
        "sv": "Programmen på samma tidsaxel: bandet börjar när programmet inleddes (svart kant), punkterna är "
        "dess daterade händelser. Punkternas nummer hänvisar till listan nedan.",
        "en": "The programmes on one time axis: a band starts when a programme started (black ring), the dots "
        "are its dated events. The dots' numbers refer to the list below.",
    },
    "changes_heading": {"fi": "Mitä on muuttunut", "sv": "Vad som har ändrats", "en": "What changed"},
    "changes_intro": {
        "fi": "Ohjelmien ja jäsenkaupunkien päivätyt muutokset uusimmasta alkaen, lähteineen.",
        "sv": "Programmens och medlemsstädernas daterade ändringar, de nyaste först, med källor.",
        "en": "The programmes' and member cities' dated changes, newest first, with their sources.",
    },
    "event_started": {"fi": "käynnistyi", "sv": "inleddes", "en": "started"},
    "event_changed": {"fi": "muutos", "sv": "ändring", "en": "change"},
    "event_joined": {"fi": "liittyi", "sv": "anslöt sig", "en": "joined"},
    "event_left": {"fi": "erosi", "sv": "lämnade", "en": "left"},
    "data_checked": {
        "fi": "Tiedot on viimeksi tarkistettu lähteistä {date}.",
        "sv": "Uppgifterna kontrollerades senast mot källorna {date}.",
        "en": "The data was last checked against its sources on {date}.",
    },
    "whole_finland_label": {
        "fi": "Näytä koko Suomi kartalla",
        "sv": "Visa hela Finland på kartan",
        "en": "Show all of Finland on the map",
    },
    "figure_cities": {"fi": "Kaupunkeja kartalla", "sv": "Städer på kartan", "en": "Cities on the map"},
    "figure_population": {"fi": "Asukkaita yhteensä", "sv": "Invånare sammanlagt", "en": "Total population"},
    "figure_share": {
        "fi": "{share} Suomen asukkaista",
        "sv": "{share} av Finlands invånare",
        "en": "{share} of Finland's population",
    },
    "share_note": {
        "fi": "Osuus koko Suomen {population} asukkaasta {date}.",
        "sv": "Andel av hela Finlands {population} invånare {date}.",
        "en": "Share of Finland's {population} inhabitants on {date}.",
    },
    "figure_programmes": {"fi": "Ohjelmia valittuna", "sv": "Program valda", "en": "Programmes ticked"},
    "legend": {"fi": "Selite", "sv": "Teckenförklaring", "en": "Legend"},
    "legend_hidden": {"fi": "ei valittu", "sv": "inte vald", "en": "not ticked"},
    "legend_size": {
        "fi": "Pallon pinta-ala on suhteessa asukaslukuun; pienimmät on suurennettu, jotta niitä voi napsauttaa.",
        "sv": "Cirkelns yta motsvarar invånarantalet; de minsta är förstorade så att de går att klicka på.",
        "en": "A circle's area is proportional to population; the smallest are enlarged so that they can be clicked.",
    },
    "legend_ring": {
        "fi": "Kahden ohjelman kaupungilla on toisen ohjelman värinen reunus.",
        "sv": "En stad i två program har en kant i det andra programmets färg.",
        "en": "A city in two programmes has a ring in the second programme's colour.",
    },
    "no_cities": {
        "fi": "Yksikään kaupunki ei vastaa rajauksia. Valitse ohjelma tai toinen maakunta.",
        "sv": "Ingen stad motsvarar filtren. Välj ett program eller ett annat landskap.",
        "en": "No city matches the filters. Tick a programme or choose another region.",
    },
    # City details
    "details": {"fi": "Kaupungin tiedot", "sv": "Om staden", "en": "City details"},
    "details_prompt": {
        "fi": "Napsauta kaupunkia kartalla tai hae sitä nimellä.",
        "sv": "Klicka på en stad på kartan eller sök den med namn.",
        "en": "Click a city on the map or find it by name.",
    },
    "name_fi": {"fi": "Nimi suomeksi", "sv": "Namn på finska", "en": "Finnish name"},
    "name_sv": {"fi": "Nimi ruotsiksi", "sv": "Namn på svenska", "en": "Swedish name"},
    "municipality_number": {"fi": "Kuntanumero", "sv": "Kommunnummer", "en": "Municipality number"},
    "population": {"fi": "Asukasluku", "sv": "Invånarantal", "en": "Population"},
    "population_value": {"fi": "{value} ({date})", "sv": "{value} ({date})", "en": "{value} ({date})"},
    "source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "member_of": {"fi": "Kumppanuusohjelmat", "sv": "Partnerskapsprogram", "en": "Partnership programmes"},
    "membership_source": {"fi": "Jäsenyyden lähde", "sv": "Källa för medlemskapet", "en": "Source of membership"},
    "undated": {"fi": "päiväys ei tiedossa", "sv": "datum okänt", "en": "date not known"},
    "hidden_by_filters": {
        "fi": "Kaupunki ei näy kartalla nykyisillä rajauksilla.",
        "sv": "Staden syns inte på kartan med de nuvarande filtren.",
        "en": "The city is not on the map with the current filters.",
    },
    "clear_city": {"fi": "Sulje kaupungin tiedot", "sv": "Stäng", "en": "Close the city details"},
    # Visible cities table
    "table_heading": {"fi": "Kartalla näkyvät kaupungit", "sv": "Städerna på kartan", "en": "Cities on the map"},
    "col_city": {"fi": "Kaupunki", "sv": "Stad", "en": "City"},
    "col_region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "col_population": {"fi": "Asukasluku", "sv": "Invånarantal", "en": "Population"},
    "col_programmes": {"fi": "Ohjelmat", "sv": "Program", "en": "Programmes"},
    "col_number": {"fi": "Kuntanumero", "sv": "Kommunnummer", "en": "Municipality number"},
    "col_name_fi": {"fi": "Nimi suomeksi", "sv": "Namn på finska", "en": "Finnish name"},
    "col_name_sv": {"fi": "Nimi ruotsiksi", "sv": "Namn på svenska", "en": "Swedish name"},
    "col_population_date": {"fi": "Asukasluvun päivä", "sv": "Datum för invånarantalet", "en": "Population date"},
    # Programmes
    "programme_panels": {
        "fi": "Ohjelmat ja niiden periaatteet",
        "sv": "Programmen och deras principer",
        "en": "The programmes and their principles",
    },
    "principles": {"fi": "Periaatteet", "sv": "Principer", "en": "Principles"},
    "elements": {"fi": "Kolme kokonaisuutta", "sv": "Tre helheter", "en": "Three elements"},
    "themes": {"fi": "Teemat", "sv": "Teman", "en": "Themes"},
    "no_themes": {
        "fi": "Teemoja ei löytynyt julkisista lähteistä.",
        "sv": "Inga teman hittades i offentliga källor.",
        "en": "No themes were found in public sources.",
    },
    "timeline": {"fi": "Vaiheet", "sv": "Skeden", "en": "Milestones"},
    "members": {"fi": "Jäsenkaupungit", "sv": "Medlemsstäder", "en": "Member cities"},
    "member_count": {"fi": "Kaupunkeja", "sv": "Städer", "en": "Cities"},
    "population_covered": {"fi": "Asukkaita yhteensä", "sv": "Invånare sammanlagt", "en": "Population covered"},
    "official_page": {"fi": "Virallinen sivu", "sv": "Officiell sida", "en": "Official page"},
    "sources": {"fi": "Lähteet", "sv": "Källor", "en": "Sources"},
    "name_translated": {
        "fi": "Nimi on kpmapin oma käännös; virallista nimeä tällä kielellä ei löytynyt.",
        "sv": "Namnet är kpmaps egen översättning; inget officiellt namn på svenska hittades.",
        "en": "The name is kpmap's own translation; no official name in this language was found.",
    },
    "partial_list": {
        "fi": "Luettelo on vajaa: kartalla on {confirmed} kaupunkia, jotka julkiset lähteet vahvistavat, "
        "mutta {holder} lukee verkostoon {total} kaupunkia. Täydellistä luetteloa pitää {holder}:",
        "sv": "Listan är ofullständig: kartan visar de {confirmed} städer som offentliga källor bekräftar, "
        "men {holder} räknar {total} städer i nätverket. Den fullständiga listan förs av {holder}:",
        "en": "This list is partial: the map shows the {confirmed} towns that public sources confirm, but "
        "{holder} counts {total} in the network. {holder} keeps the full list:",
    },
    "compare_intro": {
        "fi": "Ohjelmat ({programmes}) rinnakkain: jäsenet, asukkaat, periaatteet, teemat ja vaiheet.",
        "sv": "Programmen ({programmes}) sida vid sida: medlemmar, invånare, principer, teman och skeden.",
        "en": "The programmes ({programmes}) side by side: members, population, principles, themes and milestones.",
    },
    "common_ground": {
        "fi": "Kaikki kumppanuudet ovat kaupunkilähtöisiä: ne perustuvat kaupunkien omiin avauksiin ja "
        "verkostoihin sekä valtion ja kaupunkien reiluun kumppanuuteen.",
        "sv": "Alla partnerskap utgår från städerna: de bygger på städernas egna initiativ och nätverk och på "
        "ett rättvist partnerskap mellan staten och städerna.",
        "en": "Every partnership is city-driven: it starts from the cities' own initiatives and networks and "
        "rests on a fair partnership between the state and the cities.",
    },
    # Downloads
    "downloads": {"fi": "Lataa aineisto", "sv": "Ladda ner data", "en": "Download the data"},
    "downloads_with_map": {
        "fi": "Lataa aineisto tai kartta",
        "sv": "Ladda ner data eller kartan",
        "en": "Download the data or the map",
    },
    "download_visible_csv": {
        "fi": "Näkyvät kaupungit (CSV)",
        "sv": "Städerna på kartan (CSV)",
        "en": "Cities on the map (CSV)",
    },
    "download_visible_geojson": {
        "fi": "Näkyvät kaupungit (GeoJSON)",
        "sv": "Städerna på kartan (GeoJSON)",
        "en": "Cities on the map (GeoJSON)",
    },
    "download_all_csv": {"fi": "Kaikki kaupungit (CSV)", "sv": "Alla städer (CSV)", "en": "All cities (CSV)"},
    "download_all_geojson": {
        "fi": "Kaikki kaupungit (GeoJSON)",
        "sv": "Alla städer (GeoJSON)",
        "en": "All cities (GeoJSON)",
    },
    "download_note": {
        "fi": "CSV on UTF-8-muotoinen (BOM), ja se aukeaa taulukko-ohjelmaan ääkköset oikein.",
        "sv": "CSV-filen är i UTF-8 (med BOM) och öppnas med å, ä och ö rätt i kalkylprogram.",
        "en": "The CSV is UTF-8 with a byte-order mark, so spreadsheets show å, ä and ö correctly.",
    },
    # Data page
    "data_heading": {"fi": "Aineisto ja lähteet", "sv": "Data och källor", "en": "Data and sources"},
    "data_intro": {
        "fi": "Kaikki kaupungit ja jäsenyydet lähteineen. Taulukot voi järjestää sarakeotsikosta.",
        "sv": "Alla städer och medlemskap med källor. Tabellerna kan sorteras via kolumnrubrikerna.",
        "en": "Every city and membership with its source. Sort the tables by clicking a column heading.",
    },
    "cities_table": {"fi": "Kaupungit", "sv": "Städer", "en": "Cities"},
    "memberships_table": {"fi": "Jäsenyydet", "sv": "Medlemskap", "en": "Memberships"},
    "col_programme": {"fi": "Ohjelma", "sv": "Program", "en": "Programme"},
    "col_source_url": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "col_source_date": {"fi": "Lähteen päiväys", "sv": "Källans datum", "en": "Source date"},
    "col_source_note": {"fi": "Mitä lähde kertoo", "sv": "Vad källan visar", "en": "What the source shows"},
    "sources_heading": {"fi": "Lähteet ja lisenssit", "sv": "Källor och licenser", "en": "Sources and licences"},
    "source_membership": {
        "fi": "Neljän nimetyn ohjelman jäsenet: työ- ja elinkeinoministeriö (TEM), sivu ”Temaattiset kumppanuudet”.",
        "sv": "Medlemmarna i de fyra namngivna programmen: arbets- och näringsministeriet (TEM), sidan "
        "”Temaattiset kumppanuudet”.",
        "en": "Members of the four named programmes: the Ministry of Economic Affairs and Employment (TEM), "
        "page “Temaattiset kumppanuudet”.",
    },
    "source_regional": {
        "fi": "Seutukaupungit: jokainen kaupunki omalla lähteellään (jäsenyystaulukko yllä).",
        "sv": "Regionstäderna: varje stad med sin egen källa (tabellen över medlemskap ovan).",
        "en": "Regional towns: each town with its own source (the memberships table above).",
    },
    "source_geonames": {
        "fi": "Kuntien keskipisteet: GeoNames, lisenssi CC BY 4.0.",
        "sv": "Kommunernas mittpunkter: GeoNames, licens CC BY 4.0.",
        "en": "Municipality centre points: GeoNames, licence CC BY 4.0.",
    },
    "source_population": {
        "fi": "Asukasluvut {date}: Tilastokeskus, StatFin-taulukko 11re (Väestö 31.12.), vuoden 2025 lopulliset "
        "luvut, taulukko päivitetty 1.4.2026; lisenssi CC BY 4.0. Luvut on luettu sanatarkasta kopiosta "
        "Tilastokeskuksen PxWeb-viennistä, eikä niitä ole vielä tarkistettu Tilastokeskuksen omalta sivustolta.",
        "sv": "Invånarantal {date}: Statistikcentralen, StatFin-tabell 11re (Befolkning 31.12.), slutliga "
        "siffror för 2025, tabellen uppdaterad 1.4.2026; licens CC BY 4.0. Siffrorna är lästa ur en ordagrann "
        "kopia av Statistikcentralens PxWeb-export och ännu inte kontrollerade på Statistikcentralens egen webbplats.",
        "en": "Population {date}: Statistics Finland, StatFin table 11re (Population 31 Dec), final figures for "
        "2025, table updated 1 Apr 2026; licence CC BY 4.0. The figures were read from a verbatim copy of "
        "Statistics Finland's PxWeb export and are not yet checked on Statistics Finland's own site.",
    },
    "source_finland": {
        "fi": "Koko Suomen asukasluku {date}: {population} (sama taulukko). Osuudet Suomen väestöstä lasketaan siitä.",
        "sv": "Hela Finlands invånarantal {date}: {population} (samma tabell). Andelarna av Finlands befolkning "
        "räknas på det.",
        "en": "Finland's population on {date}: {population} (same table). Shares of Finland's population are "
        "counted from it.",
    },
    "source_areas": {
        "fi": "Kuntarajat: Tilastokeskus, kuntapohjaiset tilastointialueet 2025 (1:4 500 000), lisenssi CC BY 4.0; "
        "pohjana Maanmittauslaitoksen aineisto. Muokattu: ominaisuudet nimetty uudelleen, maakunnat ja ääriviiva "
        "johdettu kunnista.",
        "sv": "Kommungränser: Statistikcentralen, kommunbaserade statistikområden 2025 (1:4 500 000), licens "
        "CC BY 4.0; baserade på Lantmäteriverkets data. Ändrade: egenskaperna omdöpta, landskapen och konturen "
        "härledda ur kommunerna.",
        "en": "Municipal boundaries: Statistics Finland, municipality-based statistical units 2025 (1:4,500,000), "
        "licence CC BY 4.0; based on National Land Survey of Finland data. Modified: attributes renamed, regions "
        "and outline derived from the municipalities.",
    },
    "source_texts": {
        "fi": "Ohjelmien kuvaukset ovat kpmapin omaa tekstiä lähteiden tiedoista.",
        "sv": "Programbeskrivningarna är kpmaps egen text utifrån källornas uppgifter.",
        "en": "The programme descriptions are kpmap's own wording of the facts in the sources.",
    },
    "source_tiles": {
        "fi": "Taustakartta: {attribution}.",
        "sv": "Bakgrundskarta: {attribution}.",
        "en": "Basemap: {attribution}.",
    },
    "data_dates": {"fi": "Aineiston päiväykset", "sv": "Datum för uppgifterna", "en": "Dates of the data"},
    "data_dates_text": {
        "fi": "Asukasluvut: {population_dates}. Jäsenyyksien lähteet: {first}–{last}.",
        "sv": "Invånarantal: {population_dates}. Källor för medlemskapen: {first}–{last}.",
        "en": "Population: {population_dates}. Membership sources: {first} to {last}.",
    },
    "updating_heading": {
        "fi": "Miten aineisto päivitetään",
        "sv": "Hur uppgifterna uppdateras",
        "en": "How the data is updated",
    },
    "updating_text": {
        "fi": "Aineisto on kansiossa data/: kaupungit (cities.geojson), jäsenyydet lähteineen (partnerships.csv), "
        "ohjelmat (programmes.toml), Suomen asukasluku (finland.toml) sekä kuntien, maakuntien ja Suomen rajat "
        "(GeoJSON). Muutosten jälkeen komento alla tarkistaa ne ja kertoo jokaisesta virheestä tiedoston, "
        "rivin ja kentän.",
        "sv": "Uppgifterna finns i mappen data/: städerna (cities.geojson), medlemskapen med källor "
        "(partnerships.csv), programmen (programmes.toml), Finlands invånarantal (finland.toml) samt gränserna "
        "för kommunerna, landskapen och Finland (GeoJSON). Efter ändringar kontrollerar kommandot nedan dem och "
        "anger fil, rad och fält för varje fel.",
        "en": "The data is kept in the data/ folder: the cities (cities.geojson), the memberships with their "
        "sources (partnerships.csv), the programmes (programmes.toml), Finland's population (finland.toml) and "
        "the boundaries of the municipalities, regions and Finland (GeoJSON). After a change, the command below "
        "checks them and names the file, row and field of every problem.",
    },
    # Messages
    "ignored_param": {
        "fi": "Osoitteen arvoa {param}={value} ei tunnistettu, joten se ohitettiin.",
        "sv": "Värdet {param}={value} i adressen kändes inte igen och ignorerades.",
        "en": "The address value {param}={value} was not recognised and was ignored.",
    },
    "data_error": {
        "fi": "Aineistossa on virheitä, joten sivua ei voi näyttää. Korjaa nämä kohdat:",
        "sv": "Uppgifterna innehåller fel, så sidan kan inte visas. Rätta följande:",
        "en": "The data has errors, so the page cannot be shown. Please fix these:",
    },
    # The map as a picture (kpmap.picture) and its downloads
    "picture_areas": {
        "fi": "Ohjelmaan kuuluvat kunnat on väritetty ohjelman värillä; ohuet viivat ovat kuntien ja "
        "paksummat maakuntien rajoja.",
        "sv": "Kommuner i ett program är färgade i programmets färg; tunna linjer är kommungränser, "
        "tjockare landskapsgränser.",
        "en": "Member municipalities are filled in their programme's colour; thin lines are municipal "
        "borders, thicker ones regional borders.",
    },
    "picture_two_programmes": {
        "fi": "Kahden ohjelman kunta: ensimmäisen ohjelman väri, toisen ohjelman värinen viivoitus.",
        "sv": "Kommun i två program: det första programmets färg med streck i det andra programmets färg.",
        "en": "A municipality in two programmes: the first programme's colour, hatched in the second's.",
    },
    "picture_size": {
        "fi": "Ympyrän pinta-ala on suhteessa asukaslukuun; pienimmät on suurennettu näkyviksi.",
        "sv": "Cirkelns yta motsvarar invånarantalet; de minsta är förstorade så att de syns.",
        "en": "A circle's area is proportional to population; the smallest are enlarged to stay visible.",
    },
    "picture_credits": {
        "fi": "Kuntarajat ja asukasluvut: Tilastokeskus, CC BY 4.0 (kuntarajojen pohjana Maanmittauslaitoksen "
        "aineisto; muokattu). Kuntien keskipisteet: GeoNames, CC BY 4.0. Ohjelmien jäsenet: työ- ja "
        "elinkeinoministeriö (TEM) ja muut julkiset lähteet. Kartta: kpmap.",
        "sv": "Kommungränser och invånarantal: Statistikcentralen, CC BY 4.0 (gränserna bygger på "
        "Lantmäteriverkets data; bearbetade). Kommunernas mittpunkter: GeoNames, CC BY 4.0. Programmens "
        "medlemmar: arbets- och näringsministeriet (TEM) och andra offentliga källor. Karta: kpmap.",
        "en": "Municipal borders and population: Statistics Finland, CC BY 4.0 (borders based on National "
        "Land Survey of Finland data; modified). Municipality centre points: GeoNames, CC BY 4.0. Programme "
        "members: Ministry of Economic Affairs and Employment (TEM) and other public sources. Map: kpmap.",
    },
    "download_map_note": {
        "fi": "Kartta sellaisena kuin se on nyt rajattu, tulostettavana kuvana (PNG) tai muokattavana "
        "vektorikuvana, jonka tekstejä voi muuttaa (SVG).",
        "sv": "Kartan så som den är filtrerad nu, som bild för utskrift (PNG) eller som vektorbild vars "
        "texter går att ändra (SVG).",
        "en": "The map as it is filtered now, as an image for print (PNG) or as a vector image whose "
        "words can be edited (SVG).",
    },
    "download_map_png": {"fi": "Lataa kartta (PNG)", "sv": "Ladda ner kartan (PNG)", "en": "Download the map (PNG)"},
    "download_map_svg": {"fi": "Lataa kartta (SVG)", "sv": "Ladda ner kartan (SVG)", "en": "Download the map (SVG)"},
    # The static site (kpmap.site): texts that only it shows
    "site_map_summary_areas": {
        "fi": "Kartalla on {cities}. Kunnan väri kertoo kumppanuusohjelman.",
        "sv": "Kartan visar {cities}; kommunens färg anger partnerskapsprogrammet.",
        "en": "The map shows {cities}; a municipality's colour shows its partnership programme.",
    },
    "site_show": {"fi": "Esitystapa", "sv": "Visning", "en": "Display"},
    "site_show_areas": {"fi": "Kuntien alueet", "sv": "Kommunernas områden", "en": "Municipality areas"},
    "site_show_circles": {
        "fi": "Pallot asukasluvun mukaan",
        "sv": "Cirklar efter invånarantal",
        "en": "Circles by population",
    },
    "site_source_areas": {
        "fi": "Kuntien ja maakuntien rajat: Tilastokeskus, lisenssi CC BY 4.0.",
        "sv": "Kommun- och landskapsgränser: Statistikcentralen, licens CC BY 4.0.",
        "en": "Municipal and regional borders: Statistics Finland, licence CC BY 4.0.",
    },
    "site_source_regional": {
        "fi": "Seutukaupungit: jokainen kaupunki omalla lähteellään (kaupungin tiedoissa).",
        "sv": "Regionstäderna: varje stad med sin egen källa (i stadens uppgifter).",
        "en": "Regional towns: each town with its own source (in the town's details).",
    },
    "site_map_label": {
        "fi": "Kartta kumppanuuskaupungeista",
        "sv": "Karta över partnerskapsstäderna",
        "en": "Map of the partnership cities",
    },
    "site_select_city": {"fi": "Näytä", "sv": "Visa", "en": "Show"},
    "site_no_match": {
        "fi": "Kaupunkia ”{name}” ei löytynyt.",
        "sv": "Ingen stad ”{name}” hittades.",
        "en": "No city “{name}” was found.",
    },
    "site_open_full": {"fi": "Avaa koko kartta", "sv": "Öppna hela kartan", "en": "Open the full map"},
    "site_skip_to_table": {
        "fi": "Siirry kaupunkitaulukkoon",
        "sv": "Hoppa till tabellen över städerna",
        "en": "Skip to the table of cities",
    },
    "site_notices": {"fi": "Ilmoitukset", "sv": "Meddelanden", "en": "Notices"},
}


# Texts that count something, each with a form for one and a form for any other number: Finnish,
# Swedish and English all take the singular for exactly 1 (1 kaupunki, 2 kaupunkia). {count} is the
# number, formatted for the language by `tn`.
PLURAL_FORMS = ("one", "other")
COUNTED: dict[str, dict[Lang, dict[str, str]]] = {
    "n_cities": {
        "fi": {"one": "{count} kaupunki", "other": "{count} kaupunkia"},
        "sv": {"one": "{count} stad", "other": "{count} städer"},
        "en": {"one": "{count} city", "other": "{count} cities"},
    },
    "n_inhabitants": {
        "fi": {"one": "{count} asukas", "other": "{count} asukasta"},
        "sv": {"one": "{count} invånare", "other": "{count} invånare"},
        "en": {"one": "{count} inhabitant", "other": "{count} inhabitants"},
    },
    "n_programmes": {
        "fi": {"one": "{count} ohjelma", "other": "{count} ohjelmaa"},
        "sv": {"one": "{count} program", "other": "{count} program"},
        "en": {"one": "{count} programme", "other": "{count} programmes"},
    },
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for key in lang, with {placeholders} filled in."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def plural_form(count: int) -> str:
    """The form a count takes in fi, sv and en: 'one' for exactly 1, 'other' for any other number."""
    return "one" if count == 1 else "other"


def tn(key: str, count: int, lang: Lang) -> str:
    """A counted text: '1 kaupunki', '2 kaupunkia', '5 652 881 asukasta'."""
    return COUNTED[key][lang][plural_form(count)].format(count=number(count, lang))


def number(value: int, lang: Lang) -> str:
    """694392 -> '694 392' in Finnish and Swedish (narrow no-break space), '694,392' in English."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", "\u202f")


def percent(part: int, whole: int, lang: Lang) -> str:
    """A share with one decimal: '12,3 %' in Finnish and Swedish, '12.3%' in English."""
    value = f"{100 * part / whole:.1f}" if whole else "0.0"
    return f"{value}%" if lang == "en" else f"{value.replace('.', ',')}\u00a0%"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date(iso: str, lang: Lang) -> str:
    """'2025-12-31' -> '31.12.2025' (fi, sv) or '31 Dec 2025' (en); '2024-05' and '2024' likewise."""
    parts = [int(p) for p in iso.split("-")]
    if lang == "en":
        year, *rest = parts
        month = [_MONTHS_EN[rest[0] - 1]] if rest else []
        return " ".join([*(str(d) for d in rest[1:]), *month, str(year)])
    return ".".join(str(p) for p in reversed(parts)) if len(parts) == 3 else "/".join(str(p) for p in reversed(parts))
