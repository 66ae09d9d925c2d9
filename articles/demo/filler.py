"""Filler stories that make the demo feed deep enough to page through, composed from templates.

Story ``n`` comes from a random generator seeded with ``n`` alone. Its headline, and so its slug,
is the same however many stories are asked for and whenever the loader runs, which is how a
re-run finds it; only dates in its body follow its publish time.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils.text import slugify

from articles.demo.content import KYIV, NEWS_DESK, TAG_NAMES, paragraphs_html


@dataclass(frozen=True)
class Template:
    headline: str
    dek: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    pictures: tuple[str, ...]


@dataclass(frozen=True)
class FillerStory:
    slug: str
    headline: str
    dek: str
    body: str
    section: str
    byline: tuple[str, ...]
    tags: tuple[str, ...]
    picture: str
    published_at: datetime.datetime


SECTION_WEIGHTS = {
    "news-feed": 40,
    "ukraine": 18,
    "world": 14,
    "business": 12,
    "opinion": 8,
    "culture": 8,
}
SECTION_WRITERS = {
    "news-feed": (
        "kateryna-hodunova",
        NEWS_DESK.slug,
        "yulia-tkachenko",
        "olena-marchenko",
        "andrii-hnatiuk",
    ),
    "ukraine": ("olena-marchenko", "taras-bondarenko", "yulia-tkachenko", "oleh-rudenko"),
    "world": ("andrii-hnatiuk", "taras-bondarenko", "oleh-rudenko"),
    "business": ("iryna-kravets", "dmytro-savchuk"),
    "opinion": ("natalia-pavlenko", "marta-ostapenko"),
    "culture": ("sofia-lytvyn", "yulia-tkachenko"),
}
SHARE_WITH_COAUTHOR = 0.15
SHARE_WITH_PICTURE = 0.85
# A newsroom publishes a couple of dozen stories a day: a small demo spreads over four weeks, a
# large one over as many days as that pace needs.
FILLER_MIN_DAYS = 28
FILLER_PER_DAY = 20

CITIES = [
    ("Kharkiv", "Kharkiv Oblast"),
    ("Zaporizhzhia", "Zaporizhzhia Oblast"),
    ("Odesa", "Odesa Oblast"),
    ("Dnipro", "Dnipropetrovsk Oblast"),
    ("Nikopol", "Dnipropetrovsk Oblast"),
    ("Kryvyi Rih", "Dnipropetrovsk Oblast"),
    ("Kherson", "Kherson Oblast"),
    ("Mykolaiv", "Mykolaiv Oblast"),
    ("Sumy", "Sumy Oblast"),
    ("Chernihiv", "Chernihiv Oblast"),
    ("Poltava", "Poltava Oblast"),
]
PARTNERS = [
    "Germany", "France", "the Netherlands", "Sweden", "Denmark", "Norway", "Finland", "Canada",
    "Japan", "Poland", "the Czech Republic", "Lithuania",
]  # fmt: skip
CITY_TAGS = {city for city, _ in CITIES} & set(TAG_NAMES)
FESTIVALS = ["Berlin", "Rotterdam", "Karlovy Vary", "Locarno", "Tallinn", "Sarajevo"]
AP_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

TEMPLATES = {
    "news-feed": [
        Template(
            "Russian drone attack on {city} injures {injured}, authorities say",
            "Russia launched {drones} drones against Ukraine overnight; air defenses downed or "
            "jammed {drones_down} of them, the Air Force said.",
            (
                "A Russian drone attack on {city} overnight injured {injured_people}, including "
                "a child, regional authorities reported {on_date}.",
                "Drones struck a residential area of the city shortly after midnight, damaging an "
                "apartment building, several private houses and cars, the head of the {oblast} "
                "military administration said.",
                "Emergency workers put out a fire on the upper floors of the apartment building "
                "and evacuated its residents, the State Emergency Service said. The injured were "
                "taken to hospital in moderate condition.",
                "Across the country, Russia launched {drones} attack drones and decoys overnight, "
                "Ukraine’s Air Force reported. Air defenses shot down or jammed {drones_down} of "
                "them.",
            ),
            ("Drones", "Air defense", "War", "Russia"),
            ("strike-aftermath", "city-at-dusk"),
        ),
        Template(
            "Russian attacks kill {killed}, injure {injured} in {oblast} over past day",
            "Russian forces struck the region {strikes} times with artillery, drones and guided "
            "aerial bombs, the regional governor said.",
            (
                "Russian attacks against {oblast} killed {killed_people} and injured "
                "{injured_people} over the past day, regional authorities reported {on_date}.",
                "Russian forces carried out {strikes} strikes on the region’s settlements using "
                "artillery, drones and guided aerial bombs, damaging homes, a school and power "
                "lines.",
                "Front-line communities in the region have been shelled almost daily for months. "
                "Local authorities have urged families with children to evacuate to safer areas.",
            ),
            ("War", "Russia"),
            ("strike-aftermath", "city-at-dusk", "training-ground"),
        ),
        Template(
            "Ukraine brings home {prisoners} prisoners of war in latest exchange with Russia",
            "Many of those released had been held in captivity since 2022, the Coordination "
            "Headquarters for the Treatment of Prisoners of War said.",
            (
                "Ukraine brought home {prisoners} soldiers and civilians in a prisoner exchange "
                "with Russia {on_date}, the Coordination Headquarters for the Treatment of "
                "Prisoners of War said.",
                "Among those released are soldiers of the Armed Forces, border guards and National "
                "Guard members. Many had been held in Russian captivity since the first months of "
                "the full-scale invasion.",
                "The exchange was mediated by the United Arab Emirates, according to the "
                "headquarters. The released prisoners will receive medical and psychological care "
                "before they are reunited with their families.",
                "Prisoners returning from Russia have repeatedly described torture, starvation "
                "and the denial of medical care, accounts documented by the United Nations Human "
                "Rights Monitoring Mission in Ukraine.",
            ),
            ("Prisoner exchange", "War", "Humanitarian aid"),
            ("city-at-dusk", "dnipro-river"),
        ),
        Template(
            "{Country} announces new military aid package for Ukraine worth ${amount} million",
            "The package includes air defense interceptors, artillery ammunition and funding for "
            "drones made in Ukraine.",
            (
                "{Country} will provide Ukraine with a new military aid package worth ${amount} "
                "million, its Defense Ministry announced {on_date}.",
                "The package includes interceptor missiles for air defense systems, artillery "
                "ammunition and funding for drones produced by Ukrainian manufacturers, the "
                "ministry said.",
                "Kyiv has urged its partners to invest directly in Ukraine’s defense industry, "
                "arguing that Ukrainian factories can produce weapons faster and more cheaply than "
                "they can be delivered from abroad.",
            ),
            ("Military aid", "Air defense", "Drones"),
            ("training-ground", "brussels"),
        ),
        Template(
            "Russian missile strike on energy facility leaves thousands without power in {oblast}",
            "Engineers began repairs as soon as the air raid alert ended, the regional power "
            "company said.",
            (
                "A Russian missile strike damaged an energy facility in {oblast} overnight, "
                "leaving thousands of households without electricity, regional authorities said "
                "{on_date}.",
                "Hospitals and water utilities switched to backup generators. Power engineers "
                "began repairs as soon as the air raid alert ended and expect to restore supply "
                "within {hours} hours.",
                "Russia has attacked Ukraine’s power plants, substations and gas production "
                "facilities throughout the full-scale invasion, with the heaviest strikes coming "
                "ahead of winter.",
            ),
            ("Energy", "Missile strikes", "War"),
            ("power-lines", "city-at-dusk"),
        ),
    ],
    "ukraine": [
        Template(
            "In {city}, life goes on under daily air raid alerts",
            "Schools move underground, businesses keep generators running, and volunteers fill "
            "the gaps the war leaves behind.",
            (
                "The first air raid alert in {city} usually sounds before breakfast. On a bad day, "
                "residents spend {hours} hours under alert.",
                "Most of the city’s schools now teach at least part of the week in shelters, and "
                "shops, cafes and hairdressers keep generators humming on the pavement for the "
                "next blackout.",
                "Volunteers deliver food and medicine to older residents who can no longer reach "
                "the shops, and patch up windows blown out by the latest strike.",
                "Local officials say the city’s population has partly recovered since the first "
                "months of the full-scale invasion, as families return despite the risk.",
            ),
            ("War", "Humanitarian aid"),
            ("city-at-dusk", "strike-aftermath"),
        ),
        Template(
            "How Ukraine’s drone makers are racing to stay ahead of Russian jamming",
            "Every few weeks, the front line changes what a drone needs to survive.",
            (
                "In a workshop whose location cannot be disclosed for security reasons, engineers "
                "test a new radio module against the jamming Russian forces use along the front.",
                "Electronic warfare has turned drone production into a race: a design that works "
                "in spring can be useless by summer. Manufacturers update their software and "
                "radios in weeks rather than years.",
                "Ukraine’s government has simplified the rules for arms makers and buys drones "
                "from hundreds of small companies, many of which did not exist before 2022.",
            ),
            ("Drones", "War", "Military aid"),
            ("training-ground", "steel-plant"),
        ),
        Template(
            "Clearing mines in {oblast}: a slow, dangerous job that will take decades",
            "Deminers check every meter of farmland before it can be sown again.",
            (
                "Deminers in {oblast} work in lines, a step apart, sweeping the ground with metal "
                "detectors. A single field can take them weeks.",
                "Ukraine is among the most heavily mined countries in the world, according to the "
                "government, with vast areas of farmland and forest still to be checked.",
                "Farmers cannot wait that long. Some hire private demining companies; others, "
                "against official advice, plough their fields themselves.",
            ),
            ("Agriculture", "Reconstruction", "War"),
            ("sunflowers", "training-ground"),
        ),
        Template(
            "Volunteers in {city} race to repair homes damaged by Russian strikes before winter",
            "Roofs, windows and heating come first, the organizers say.",
            (
                "Volunteers in {city} have repaired dozens of homes damaged by Russian strikes "
                "this autumn, racing to finish before the first frost.",
                "They replace windows, patch roofs and fix heating, often within days of an "
                "attack, with money raised from donors in Ukraine and abroad.",
                "The city administration says it is compensating homeowners through a state "
                "program, but the paperwork takes months that families do not have.",
            ),
            ("Reconstruction", "Humanitarian aid"),
            ("city-at-dusk", "strike-aftermath"),
        ),
        Template(
            "Doctors in {city} keep a hospital running through blackouts and shelling",
            "Surgeons operate by generator light, and the maternity ward has moved to the "
            "basement.",
            (
                "When the power goes out at the regional hospital in {city}, the generators start "
                "within seconds. The surgeons no longer stop operating when the lights flicker.",
                "The hospital has moved its maternity ward and intensive care unit to the "
                "basement, where patients are safer from drones and missiles.",
                "Many doctors left the city in 2022. Those who stayed work longer shifts and train "
                "younger colleagues, some of whom came from other regions to help.",
                "The hospital has been hit twice since the start of the full-scale invasion, its "
                "director said. Both times, it reopened within days.",
            ),
            ("Humanitarian aid", "War", "Energy"),
            ("city-at-dusk", "power-lines"),
        ),
    ],
    "world": [
        Template(
            "EU sanctions {tankers} more tankers in Russia’s shadow fleet",
            "The listing also covers the companies that manage and insure the ships.",
            (
                "European Union foreign ministers agreed {on_date} to sanction {tankers} more "
                "tankers from the fleet that carries Russian oil in spite of the G7 price cap.",
                "Ukraine has called for sanctions on the fleet for years, arguing that oil revenue "
                "is what allows the Kremlin to keep financing the war.",
                "The listed vessels will be barred from EU ports and from European services such "
                "as insurance, repairs and financing.",
            ),
            ("Sanctions", "European Union", "Russia", "Black Sea"),
            ("brussels", "port"),
        ),
        Template(
            "{Country} pledges more air defense for Ukraine at NATO meeting",
            "Defense ministers met as Russia stepped up its strikes on Ukraine’s energy system.",
            (
                "Defense ministers from NATO countries pledged more air defense systems and "
                "interceptor missiles for Ukraine at a meeting {on_date}.",
                "{Country} said it would deliver additional launchers before the end of the year, "
                "while several allies offered to fund production of interceptors in Europe.",
                "Kyiv says air defense remains its most urgent need as Russia launches hundreds of "
                "drones and missiles at a time against cities and power plants.",
            ),
            ("NATO", "Air defense", "Military aid"),
            ("brussels", "training-ground"),
        ),
        Template(
            "North Korea sends {containers} more containers of munitions to Russia, Seoul says",
            "South Korean intelligence says the shipments continued through {month}.",
            (
                "North Korea shipped about {containers} more containers of artillery shells and "
                "missiles to Russia in {month}, South Korea’s intelligence service told lawmakers "
                "{on_date}.",
                "The shipments travel by sea and by rail, according to the briefing, and are paid "
                "for with food, fuel and military technology.",
                "Pyongyang and Moscow signed a mutual defense treaty in June 2024. North Korean "
                "troops have since fought alongside Russian forces.",
            ),
            ("North Korea", "Russia", "War", "Kremlin"),
            ("port", "steel-plant"),
        ),
        Template(
            "{Country} to train Ukrainian pilots and aircraft technicians",
            "The program will run for at least two years, the Defense Ministry said.",
            (
                "{Country} will train Ukrainian pilots and aircraft technicians under a new "
                "program, its Defense Ministry announced {on_date}.",
                "The first group will begin training in the coming months, the ministry said, "
                "without disclosing numbers for security reasons.",
                "Ukraine’s Air Force has been expanding its fleet of Western-made aircraft and "
                "needs crews and engineers to keep it flying.",
            ),
            ("Military aid", "NATO"),
            ("training-ground", "brussels"),
        ),
    ],
    "business": [
        Template(
            "Ukraine’s grain exports rise {pct}% as Black Sea corridor holds",
            "Most of the grain left through the ports of Odesa Oblast.",
            (
                "Ukraine exported {pct}% more grain in {month} than a month earlier, the "
                "Agriculture Ministry reported {on_date}.",
                "Most shipments left through the ports of Odesa Oblast, which have operated "
                "through a corridor along the Black Sea coast since 2023 despite Russian attacks "
                "on port infrastructure.",
                "Traders say insurance costs remain the main obstacle for shipowners, while "
                "farmers complain that logistics eat up most of their margins.",
            ),
            ("Agriculture", "Exports", "Black Sea", "Economy"),
            ("port", "sunflowers"),
        ),
        Template(
            "National Bank of Ukraine keeps key policy rate at {rate}%",
            "The central bank said it would keep monetary conditions tight to bring inflation "
            "down.",
            (
                "The National Bank of Ukraine kept its key policy rate at {rate}% {on_date}, "
                "saying inflation remained above its target.",
                "Annual inflation slowed to {inflation}% in {month}, according to the State "
                "Statistics Service, as food prices stabilized after the harvest.",
                "The central bank said risks remained high, including further attacks on energy "
                "infrastructure and uncertainty about the timing of international financing.",
            ),
            ("Banking", "Economy"),
            ("city-at-dusk", "brussels"),
        ),
        Template(
            "Ukrainian IT exports hold at ${amount} million a month despite blackouts",
            "Companies have moved staff and servers, but few clients have left.",
            (
                "Ukraine’s IT companies exported services worth ${amount} million in {month}, "
                "the industry association said {on_date}.",
                "Firms have spread their teams across several cities, bought generators and "
                "satellite internet terminals, and moved servers abroad to keep working through "
                "blackouts.",
                "Mobilization and emigration remain the industry’s biggest worries, the "
                "association said.",
            ),
            ("Economy", "Exports"),
            ("city-at-dusk", "power-lines"),
        ),
        Template(
            "Russia’s oil revenues fall {pct}% year-on-year as sanctions bite",
            "Lower prices and tighter enforcement of the price cap are squeezing the Kremlin’s "
            "budget.",
            (
                "Russia’s oil and gas revenues fell {pct}% year-on-year in {month}, according to "
                "Finance Ministry data published {on_date}.",
                "Analysts attribute the decline to lower global prices, a stronger ruble and "
                "tighter enforcement of Western sanctions on the tankers that carry Russian oil.",
                "Energy exports remain the Kremlin’s main source of income and pay for a large "
                "part of its military spending.",
            ),
            ("Sanctions", "Russia", "Energy", "Kremlin"),
            ("steel-plant", "port"),
        ),
    ],
    "opinion": [
        Template(
            "Opinion: Europe’s security begins on Ukraine’s front line",
            "What happens in {oblast} will decide what happens in the Baltic states.",
            (
                "Europe still talks about the war in Ukraine as if it were happening somewhere "
                "else. It is not.",
                "Every drone shot down over {city} is a drone that will not be tested against "
                "NATO’s air defenses tomorrow. Every month Ukraine holds the line is a month "
                "Europe gains to rebuild its own armies.",
                "The question is not whether Europe can afford to help Ukraine. It is whether it "
                "can afford the alternative.",
            ),
            ("European Union", "NATO", "War"),
            ("brussels", "training-ground"),
        ),
        Template(
            "Opinion: Sanctions work, but only when they are enforced",
            "The loopholes are well known. Closing them is a matter of will.",
            (
                "Three years of sanctions have not stopped Russia’s war. That is not an argument "
                "against sanctions; it is an argument for enforcing them.",
                "Western components still reach Russian factories through intermediaries, and "
                "Russian oil still reaches the market on tankers nobody will admit to insuring.",
                "Governments know the companies involved. They should start fining them.",
            ),
            ("Sanctions", "Russia", "European Union", "United States"),
            ("port", "steel-plant"),
        ),
        Template(
            "Opinion: Rebuilding Ukraine must start with its people, not its buildings",
            "Reconstruction plans count bridges and power plants. They should count teachers.",
            (
                "Conferences on Ukraine’s reconstruction produce long lists of bridges, roads and "
                "power plants to rebuild. They say far less about the people who will rebuild "
                "them.",
                "Millions of Ukrainians have left the country since 2022. Every year the war "
                "continues, fewer of them will come back.",
                "The best reconstruction plan is one that gives them a reason to return: schools, "
                "hospitals, jobs, and courts they can trust.",
            ),
            ("Reconstruction", "Economy"),
            ("city-at-dusk", "dnipro-river"),
        ),
        Template(
            "Opinion: We must not get used to the attacks on {city}",
            "Every strike on a city far from the capitals is one headline less. That is the point.",
            (
                "Another night, another attack on {city}. By morning, the news has moved on.",
                "This is how a war of attrition works: not only against soldiers and power plants, "
                "but against attention. Each attack is a little less shocking than the last, and a "
                "little easier to ignore.",
                "The people of {city} cannot ignore it. Neither should the rest of us.",
            ),
            ("War", "Drones", "Missile strikes"),
            ("strike-aftermath", "city-at-dusk"),
        ),
        Template(
            "Opinion: Ukraine’s grid is Europe’s front line this winter",
            "Protecting substations is cheaper than rebuilding them.",
            (
                "Russia’s strikes on Ukraine’s power system follow a pattern: wait for the cold, "
                "then hit the substations that keep the heating on.",
                "Ukraine’s engineers have become the best in the world at repairing a grid under "
                "fire. They should not have to keep proving it.",
                "Air defense, spare transformers and concrete shelters for substations cost far "
                "less than another winter of emergency repairs.",
            ),
            ("Energy", "Air defense", "European Union"),
            ("power-lines",),
        ),
    ],
    "culture": [
        Template(
            "Theaters in {city} play to full houses despite air raid sirens",
            "Performances now start earlier and pause when the alert sounds.",
            (
                "Tickets for the main theaters in {city} sell out weeks in advance, even though "
                "any performance can be interrupted by an air raid alert.",
                "When the siren sounds, actors and audience walk down to the shelter together, "
                "and the play resumes when the alert is over. Curfew means the curtain now rises "
                "in the afternoon.",
                "Directors say audiences come for more than entertainment: for a few hours, the "
                "theater is a place where the war is present but not in charge.",
            ),
            ("Theater", "War"),
            ("stage",),
        ),
        Template(
            "Documentary about {city} wins award at {festival} film festival",
            "The film follows a family that refused to leave its home near the front line.",
            (
                "A Ukrainian documentary about life in {city} won an award at the {festival} film "
                "festival, the organizers announced {on_date}.",
                "Filmed over two years, it follows a family that refused to leave its home despite "
                "constant shelling.",
                "Ukrainian films have been regulars at European festivals since 2022, with "
                "documentaries about the war winning several major awards.",
            ),
            ("Cinema", "War"),
            ("stage", "city-at-dusk"),
        ),
        Template(
            "Lviv book forum draws record crowds as publishers adapt to war",
            "Paper costs more and print runs are smaller, but readers keep coming.",
            (
                "The book forum in Lviv drew record attendance this year, its organizers said "
                "{on_date}.",
                "Ukrainian publishers have struggled with the destruction of a major printing "
                "house in Kharkiv by a Russian missile strike in 2024, higher paper prices and "
                "shrinking print runs.",
                "Yet demand for books in Ukrainian keeps growing, they say, particularly for "
                "history and for translations of foreign fiction.",
            ),
            ("Literature", "Kharkiv"),
            ("bookshelves",),
        ),
        Template(
            "Museum in {city} reopens after repairing damage from Russian strike",
            "Windows, roof and a hall of the permanent exhibition had to be rebuilt.",
            (
                "The regional museum in {city} reopened to visitors {on_date} after months of "
                "repairs to damage caused by a Russian strike.",
                "The blast shattered windows and damaged the roof and one of the halls of the "
                "permanent exhibition. Most of the collection had been moved to safety in 2022.",
                "Staff say the museum will show only part of its collection for now, and will "
                "close during air raid alerts.",
            ),
            ("Reconstruction", "War"),
            ("stage", "city-at-dusk"),
        ),
    ],
}

# Context paragraphs a reporter adds below the news; a few are drawn for each story, so reading
# times vary the way they do on a real feed.
BACKGROUND = {
    "news-feed": (
        "Russia launched its full-scale invasion of Ukraine on Feb. 24, 2022. Since then, Russian "
        "forces have struck Ukrainian cities almost every night with drones, missiles and guided "
        "aerial bombs, killing thousands of civilians according to the United Nations.",
        "The Kyiv Independent could not immediately verify the claims.",
        "Russia has repeatedly denied targeting civilians, despite attacks on residential areas, "
        "hospitals and schools documented by Ukrainian prosecutors and international monitors.",
        "Ukraine’s Air Force reports the number of drones and missiles launched by Russia each "
        "morning. Decoy drones without warheads are used to exhaust Ukrainian air defenses and to "
        "map their positions for later strikes.",
        "Regional authorities urge residents to stay in shelters until the air raid alert is over "
        "and to avoid sharing photos or videos of the places that were hit, which can help Russian "
        "forces adjust their fire.",
        "Air raid alerts sounded in most of Ukraine’s regions during the night. In Kyiv, "
        "residents spent several hours in shelters and metro stations, which have served as "
        "bomb shelters since the first days of the full-scale invasion.",
        "Attacks on cities far from the front line are meant to wear down civilians and to force "
        "Ukraine to spread its limited air defenses thin, military analysts say. Ukraine has "
        "asked its partners for more systems and for the missiles they fire.",
        "Ukrainian prosecutors have opened criminal investigations into the attacks, which they "
        "classify as war crimes. Evidence is shared with the International Criminal Court, which "
        "has issued arrest warrants for several Russian officials.",
    ),
    "ukraine": (
        "Russia launched its full-scale invasion of Ukraine on Feb. 24, 2022. Millions of "
        "Ukrainians have been displaced inside the country and abroad, and many towns near the "
        "front line have lost most of their pre-war population.",
        "The names of some people in this story are withheld for their safety.",
        "Local authorities say they need more help from the central government and from "
        "international partners to keep schools, hospitals and utilities running, as the war "
        "drains their budgets and their staff.",
        "Surveys by sociologists show that most Ukrainians still expect to return to the homes "
        "they left once the fighting stops, but the share of those who plan to stay where they "
        "moved has been growing every year.",
        "Volunteer groups, funded mostly by small donations from Ukrainians at home and abroad, "
        "have filled many of the gaps left by the state since the first weeks of the invasion: "
        "buying vehicles and equipment, evacuating civilians and rebuilding homes.",
        "Ukraine’s government has promised to compensate owners of homes damaged or destroyed by "
        "Russian attacks. Applications are filed through the state’s online services portal, but "
        "many of those affected say the process is slow.",
        "Ukraine introduced martial law on Feb. 24, 2022. It has been extended by parliament every "
        "few months since, which also means that elections cannot be held and that most men "
        "between 18 and 60 cannot leave the country.",
        "Businesses in front-line regions have adapted as best they can: shops sell from shipping "
        "containers, cafes keep opening hours short, and factories have moved production lines "
        "further west, often with government support.",
    ),
    "world": (
        "Ukraine’s partners have provided military, financial and humanitarian aid since the "
        "start of the full-scale invasion in February 2022. European countries together have "
        "become the largest source of that aid.",
        "The Kremlin has repeatedly called Western aid to Ukraine an obstacle to peace, while "
        "Russian officials have threatened countries that supply long-range weapons with "
        "retaliation.",
        "Diplomats say the question of how to use Russian central bank assets frozen in the West "
        "remains one of the most difficult issues among Ukraine’s allies.",
        "Ukraine applied for membership of the European Union days after the full-scale invasion "
        "began. It was granted candidate status in June 2022, and accession talks formally opened "
        "two years later.",
        "Ukraine’s allies meet regularly in the Ukraine Defense Contact Group, known as the "
        "Ramstein format after the U.S. air base in Germany where it first met in April 2022, to "
        "coordinate deliveries of weapons and ammunition.",
        "Sanctions imposed since 2022 have cut Russia off from most Western technology and "
        "financial markets, but Moscow has found ways around many of them through third "
        "countries, according to Western officials and independent researchers.",
        "Western governments have repeatedly said that any settlement must be acceptable to "
        "Ukraine, while Moscow has demanded that Kyiv give up territory and abandon its ambition "
        "to join NATO, conditions Ukraine has rejected.",
        "Military aid announcements are often made at the same time as deliveries, or after "
        "them, so as not to give Russia advance warning of the weapons Ukraine is about to "
        "receive.",
    ),
    "business": (
        "Ukraine’s economy shrank by almost a third in 2022 and has been growing slowly since, "
        "held back by attacks on energy infrastructure and a shortage of workers.",
        "International partners cover a large share of Ukraine’s budget deficit, allowing the "
        "government to spend most of its own revenue on defense.",
        "Businesses name the security situation, power outages and the shortage of qualified "
        "workers as their main problems in regular surveys by the central bank, ahead of taxes "
        "and access to credit.",
        "War-risk insurance, backed by international development banks, has become one of the "
        "main conditions foreign investors set before putting money into Ukrainian factories, "
        "ports and warehouses.",
        "The National Bank of Ukraine has kept the hryvnia stable with a managed exchange rate "
        "since 2023, intervening on the currency market with reserves built up from international "
        "aid.",
        "Exporters say the Black Sea corridor has become the backbone of Ukraine’s trade, carrying "
        "grain, metals and other bulk goods that used to travel by rail to the country’s western "
        "borders.",
        "Ukraine’s government has made supporting domestic production a priority, offering cheap "
        "loans and grants to small businesses and promising to cut red tape for manufacturers "
        "who move their factories away from the front line.",
        "Economists warn that the shortage of workers is likely to remain the main constraint on "
        "growth after the war, as millions of Ukrainians who left the country may decide to "
        "stay abroad.",
    ),
    "opinion": (
        "It is tempting, after more than three years of war, to treat every new attack as part of "
        "the background. That temptation is exactly what the Kremlin is counting on.",
        "Ukraine’s partners have made many promises since 2022. The ones that mattered were those "
        "that arrived on time.",
        "None of this is cheap, and none of it is simple. But the cost of doing nothing has "
        "already been paid once, in February 2022, and Europe should not want to pay it again.",
        "There is no shortcut to the end of this war, and anyone who promises one should be asked "
        "what it would cost, and who would pay.",
    ),
    "culture": (
        "Russian strikes have damaged or destroyed hundreds of cultural sites in Ukraine since "
        "2022, according to the Culture Ministry, from village churches to museums and theaters.",
        "Artists, writers and musicians are among the many Ukrainians who have joined the armed "
        "forces. Several well-known cultural figures have been killed at the front.",
        "Interest in Ukrainian history and culture has grown sharply since the full-scale "
        "invasion, as many Ukrainians turned away from Russian-language books, films and music.",
        "Cultural institutions in front-line regions have moved many of their events online or "
        "to shelters, and several have toured Europe to raise money for repairs and for the "
        "army.",
        "Since 2022, Ukrainian publishers, film studios and theaters have relied increasingly on "
        "grants from European foundations and on crowdfunding from their audiences, as state "
        "funding for culture has been cut to pay for defense.",
    ),
}
SIGN_OFF = {
    "opinion": "The views expressed in the op-ed section are the authors’ own and do not "
    "necessarily reflect those of the editors.",
}
MAX_BACKGROUND_PARAGRAPHS = 6


def filler_published_at(n, *, count, newest_at):
    """Story ``n`` of ``count`` goes out at an irregular time, older as ``n`` grows."""
    span = datetime.timedelta(days=max(FILLER_MIN_DAYS, count / FILLER_PER_DAY))
    jitter = random.Random(f"newsroom-demo-filler-time-{n}").uniform(0.05, 0.95)
    return newest_at - span * (n + jitter) / count


def filler_story(n, *, published_at):
    rng = random.Random(f"newsroom-demo-filler-{n}")
    section = rng.choices(list(SECTION_WEIGHTS), weights=list(SECTION_WEIGHTS.values()))[0]
    template = rng.choice(TEMPLATES[section])
    words = _story_words(rng, published_at)
    headline = template.headline.format(**words)
    background = BACKGROUND[section]
    paragraphs = [paragraph.format(**words) for paragraph in template.paragraphs]
    paragraphs += rng.sample(
        background, k=rng.randint(1, min(MAX_BACKGROUND_PARAGRAPHS, len(background)))
    )
    if section in SIGN_OFF:
        paragraphs.append(SIGN_OFF[section])
    tags = list(template.tags)
    if words["city"] in CITY_TAGS and "{city}" in template.headline:
        tags.append(words["city"])
    picture = rng.choice(template.pictures) if rng.random() < SHARE_WITH_PICTURE else ""
    return FillerStory(
        slug=f"{slugify(headline)[:200]}-{n}",
        headline=headline,
        dek=template.dek.format(**words),
        body=paragraphs_html(paragraphs),
        section=section,
        byline=_byline(rng, SECTION_WRITERS[section]),
        tags=tuple(tags),
        picture=picture,
        published_at=published_at,
    )


def _byline(rng, writers):
    first = rng.choice(writers)
    # A desk signs alone; a person sometimes shares the story with a colleague.
    if first == NEWS_DESK.slug or rng.random() >= SHARE_WITH_COAUTHOR:
        return (first,)
    colleagues = [slug for slug in writers if slug not in (first, NEWS_DESK.slug)]
    return (first, rng.choice(colleagues)) if colleagues else (first,)


def _story_words(rng, published_at):
    local = published_at.astimezone(KYIV)
    city, oblast = rng.choice(CITIES)
    country = rng.choice(PARTNERS)
    drones = rng.randrange(40, 180)
    injured = rng.randint(2, 14)
    killed = rng.randint(1, 4)
    return {
        "city": city,
        "oblast": oblast,
        "country": country,
        "Country": country[0].upper() + country[1:],
        "festival": rng.choice(FESTIVALS),
        "on_date": f"on {AP_MONTHS[local.month - 1]} {local.day}",
        "month": MONTHS[(local.month - 2) % 12],
        "injured": injured,
        "injured_people": _people(injured),
        "killed": killed,
        "killed_people": _people(killed),
        "drones": drones,
        "drones_down": drones - rng.randint(4, 25),
        "strikes": rng.randrange(120, 640),
        "tankers": rng.randrange(40, 190),
        "containers": rng.randrange(800, 4000, 100),
        "prisoners": rng.randrange(84, 390),
        "amount": rng.randrange(40, 900, 10),
        "hours": rng.randint(3, 11),
        "pct": f"{rng.uniform(2, 28):.1f}",
        "rate": f"{rng.choice([13.5, 14, 14.5, 15, 15.5, 16]):g}",
        "inflation": f"{rng.uniform(7, 15):.1f}",
    }


def _people(count):
    # Newsroom style spells out numbers below ten.
    if count == 1:
        return "one person"
    return f"{NUMBER_WORDS[count] if count < 10 else count} people"
