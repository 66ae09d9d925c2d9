"""The filler stories' words: a pool of distinct stories per section, the background paragraphs a
reporter adds below them, and sign-offs.

Each template is one story of a newsroom's week; ``filler.py`` draws every one of them once before
any comes back, and fills in its places, numbers and dates.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    headline: str
    dek: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    pictures: tuple[str, ...]


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
        Template(
            "Foreign minister of {country} visits Kyiv, discusses air defense with Zelensky",
            "The two governments also signed an agreement on rebuilding schools and hospitals.",
            (
                "The foreign minister of {country} met President Volodymyr Zelensky in Kyiv "
                "{on_date}, the President’s Office said, with air defense at the top of the "
                "agenda.",
                "The two governments signed an agreement under which {country} will fund the "
                "repair of schools and hospitals damaged by Russian strikes.",
                "The visit was not announced in advance for security reasons. Foreign officials "
                "usually reach Kyiv by overnight train from Poland.",
            ),
            ("Air defense", "Reconstruction", "Military aid"),
            ("brussels", "city-at-dusk"),
        ),
        Template(
            "Ukrainian drones hit oil refinery deep inside Russia, General Staff says",
            "A fire broke out at the refinery after the attack, according to local officials.",
            (
                "Ukrainian long-range drones struck an oil refinery in Russia’s Saratov Oblast "
                "overnight, Ukraine’s General Staff said {on_date}.",
                "Russian officials in the region reported a fire at an industrial site and said "
                "air defenses had shot down several drones. They did not report casualties.",
                "Ukraine has repeatedly targeted Russia’s oil industry, which it says supplies "
                "fuel to the army and pays for the war.",
            ),
            ("Drones", "Energy", "Russia"),
            ("steel-plant", "power-lines"),
        ),
        Template(
            "Russia launches {drones} drones, {missiles} missiles at Ukraine in overnight attack",
            "Energy facilities in several regions were among the targets, the Air Force said.",
            (
                "Russia attacked Ukraine overnight with {drones} drones and {missiles} missiles, "
                "Ukraine’s Air Force said {on_date}. Air defenses shot down or jammed "
                "{drones_down} of the drones.",
                "Energy facilities in several regions were hit, the Energy Ministry said, and "
                "grid operator Ukrenergo introduced emergency power outages in the morning.",
                "President Volodymyr Zelensky again called on Ukraine’s partners to speed up "
                "deliveries of interceptor missiles.",
            ),
            ("Drones", "Missile strikes", "Air defense", "Energy"),
            ("power-lines", "city-at-dusk"),
        ),
        Template(
            "Kharkiv hit by guided aerial bombs for third day in a row, governor says",
            "A residential building and a kindergarten were damaged, though no one was inside.",
            (
                "Russian forces dropped guided aerial bombs on Kharkiv for the third day in a row "
                "{on_date}, injuring {injured_people}, the regional governor said.",
                "One of the bombs hit the courtyard of a residential building; another damaged a "
                "kindergarten that has been closed since 2022.",
                "Ukraine’s second-largest city lies about 30 kilometers from the Russian border, "
                "within reach of bombs launched from aircraft flying over Russian territory.",
            ),
            ("Kharkiv", "War", "Missile strikes"),
            ("strike-aftermath", "city-at-dusk"),
        ),
        Template(
            "Drone attack on Odesa damages port infrastructure and a grain terminal",
            "The port kept working, the Infrastructure Ministry said.",
            (
                "Russian drones struck port infrastructure in Odesa overnight, damaging a grain "
                "terminal and several warehouses, the regional governor said {on_date}.",
                "No one was injured. The port continued to load ships, according to the "
                "Infrastructure Ministry.",
                "Russia has repeatedly attacked the ports of Odesa Oblast, through which most of "
                "Ukraine’s grain exports leave the country.",
            ),
            ("Odesa", "Black Sea", "Drones", "Exports"),
            ("port",),
        ),
        Template(
            "Zaporizhzhia nuclear plant briefly loses its last external power line, IAEA says",
            "Diesel generators kept the plant’s cooling systems running for several hours.",
            (
                "The Russian-occupied Zaporizhzhia Nuclear Power Plant lost its last external "
                "power line for several hours, the International Atomic Energy Agency said "
                "{on_date}.",
                "Diesel generators powered the cooling systems of the plant’s six shut-down "
                "reactors until the line was restored, the agency said.",
                "The IAEA has kept a team of experts at the plant since 2022 and has repeatedly "
                "warned of the risk of a nuclear accident.",
            ),
            ("Zaporizhzhia", "Energy", "War"),
            ("power-lines", "dnipro-river"),
        ),
        Template(
            "Parliament extends martial law and general mobilization for another 90 days",
            "The extension was backed by a large majority of lawmakers.",
            (
                "Ukraine’s parliament voted {on_date} to extend martial law and general "
                "mobilization for another 90 days.",
                "The extension was proposed by President Volodymyr Zelensky and backed by a large "
                "majority of lawmakers.",
                "Under martial law, elections cannot be held, and most men aged 18 to 60 cannot "
                "leave the country.",
            ),
            ("War",),
            ("city-at-dusk",),
        ),
        Template(
            "Ukraine brings back {children} children taken to Russia and occupied territories",
            "Some of the children had been separated from their families for more than two years.",
            (
                "Ukraine has brought back {children} children who had been deported to Russia or "
                "held in occupied territories, the Ombudsman’s Office said {on_date}.",
                "Some of them had been separated from their families for more than two years. "
                "Their return was arranged with the help of intermediaries, the office said, "
                "without giving details.",
                "Ukraine says it has identified about 20,000 children deported by Russia since "
                "the start of the full-scale invasion.",
            ),
            ("Humanitarian aid", "War", "Russia"),
            ("city-at-dusk", "dnipro-river"),
        ),
        Template(
            "Russia claims capture of village in Donetsk Oblast; Ukraine says fighting goes on",
            "Ukraine’s military said its troops were still holding positions in the village.",
            (
                "Russia’s Defense Ministry claimed {on_date} that its troops had captured a "
                "village in Donetsk Oblast.",
                "Ukraine’s military said its forces were still holding positions there and that "
                "fighting was continuing. The claim could not be independently verified.",
                "Russian forces have been advancing slowly in Donetsk Oblast for months, at the "
                "cost of heavy losses, according to Ukrainian and Western estimates.",
            ),
            ("War", "Russia", "Kremlin"),
            ("training-ground",),
        ),
        Template(
            "Kherson residents urged to leave riverside districts as Russian shelling intensifies",
            "Buses will take those who want to leave to safer parts of the region.",
            (
                "Authorities in Kherson urged residents of districts along the Dnipro River to "
                "evacuate {on_date}, after days of intensified Russian shelling.",
                "Free buses will take those who want to leave to safer parts of the region, and "
                "volunteers will help older residents with their belongings.",
                "Russian forces on the opposite bank of the river shell the city every day, using "
                "artillery and small drones that hunt cars and pedestrians.",
            ),
            ("Kherson", "War", "Humanitarian aid"),
            ("dnipro-river", "strike-aftermath"),
        ),
        Template(
            "Power outage schedules return in {oblast} after strikes on the grid",
            "Households will be without electricity for up to {hours} hours a day.",
            (
                "Households in {oblast} will have their power cut on a schedule again after "
                "Russian strikes damaged the region’s grid, the regional power company said "
                "{on_date}.",
                "Outages will last up to {hours} hours a day until repairs are finished. "
                "Hospitals and water utilities are exempt.",
                "Ukrainians have learned to live with schedules published each evening by their "
                "power companies, planning cooking, laundry and work around them.",
            ),
            ("Energy", "Missile strikes"),
            ("power-lines",),
        ),
        Template(
            "SBU detains suspected Russian agent accused of spotting targets in {city}",
            "The suspect faces life in prison if convicted of treason.",
            (
                "Ukraine’s Security Service (SBU) detained a resident of {city} suspected of "
                "passing the locations of military and energy facilities to Russian intelligence, "
                "the agency said {on_date}.",
                "According to the SBU, the suspect was recruited through a messaging app and paid "
                "in cryptocurrency.",
                "The suspect has been charged with treason and faces life in prison if convicted.",
            ),
            ("War", "Russia"),
            ("city-at-dusk",),
        ),
        Template(
            "Russia now makes most of its Shahed-type drones at home, Ukrainian intelligence says",
            "A factory in Tatarstan has increased production several times over, the agency says.",
            (
                "Russia now produces most of the Iranian-designed Shahed-type attack drones it "
                "launches at Ukraine, Ukraine’s military intelligence agency said {on_date}.",
                "A factory in Russia’s Republic of Tatarstan has increased its output several "
                "times over since production began there, according to the agency.",
                "Iran denies supplying Russia with weapons for use against Ukraine.",
            ),
            ("Drones", "Iran", "Russia"),
            ("steel-plant",),
        ),
        Template(
            "China rejects Ukrainian report that Chinese parts are found in Russian drones",
            "Beijing says it controls exports of dual-use goods strictly.",
            (
                "China’s Foreign Ministry rejected a Ukrainian intelligence report that Chinese-"
                "made components had been found in Russian drones shot down over Ukraine.",
                "Beijing says it controls exports of dual-use goods strictly and is not a party to "
                "the war.",
                "Kyiv has asked its partners to sanction the companies that supply the parts, many "
                "of them registered in third countries.",
            ),
            ("China", "Drones", "Sanctions"),
            ("port", "steel-plant"),
        ),
        Template(
            "Trains between Kyiv and {city} run again after repairs to damaged tracks",
            "Ukrainian Railways restored the line less than a day after the attack.",
            (
                "Trains between Kyiv and {city} are running again after repairs to a section of "
                "track damaged by a Russian strike, Ukrainian Railways said {on_date}.",
                "Repair crews restored the line less than a day after the attack. Some trains "
                "were delayed by several hours.",
                "The railways have carried millions of evacuees since 2022 and remain the main "
                "way to travel around the country, as Ukraine’s airspace stays closed.",
            ),
            ("Reconstruction", "War"),
            ("city-at-dusk", "dnipro-river"),
        ),
        Template(
            "Government sends draft budget to parliament with defense taking most spending",
            "Partners’ aid is expected to cover the deficit, the Finance Ministry said.",
            (
                "The Cabinet of Ministers approved the draft state budget for next year and sent "
                "it to parliament {on_date}.",
                "More than half of all spending will go to defense and security, according to the "
                "Finance Ministry. Salaries for soldiers are the largest single item.",
                "Financing from international partners is expected to cover the deficit, the "
                "ministry said.",
            ),
            ("Economy", "Military aid"),
            ("city-at-dusk", "brussels"),
        ),
        Template(
            "Russian drone hits civilian bus in {oblast}, killing {killed}",
            "The bus was carrying workers to a local factory, officials said.",
            (
                "A Russian drone struck a civilian bus in {oblast} {on_date}, killing "
                "{killed_people} and injuring {injured_people}, regional authorities said.",
                "The bus was carrying workers to a local factory when it was hit, according to the "
                "regional military administration.",
                "Russian forces have increasingly used small drones against civilian vehicles in "
                "front-line areas, according to the United Nations Human Rights Monitoring Mission "
                "in Ukraine.",
            ),
            ("Drones", "War"),
            ("strike-aftermath",),
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
        Template(
            "In a village near the front line, the last shop stays open",
            "Its owner drives to the city for supplies twice a week, dodging drones on the way.",
            (
                "The village in {oblast} has lost most of its residents since 2022. Its only shop "
                "has stayed open, selling bread, tinned food and batteries.",
                "Twice a week its owner drives to the nearest city for supplies, along a road "
                "watched by Russian drones. She says she keeps going because the older residents "
                "who stayed have nowhere else to buy food.",
                "The shop also serves as a post office, a pharmacy pickup point and the place "
                "where the village hears the news.",
            ),
            ("War", "Humanitarian aid"),
            ("sunflowers", "city-at-dusk"),
        ),
        Template(
            "Veterans go back to university as Ukraine expands grants for former soldiers",
            "Thousands of former soldiers have applied for the state program this year.",
            (
                "Ukraine’s Education Ministry said {on_date} that thousands of veterans had "
                "applied for state grants covering university tuition this year.",
                "Universities in {city} and other cities have opened counseling centers for "
                "veterans and adapted their timetables for those who combine studies with "
                "rehabilitation.",
                "Veterans’ groups say the grants help, but that many former soldiers still "
                "struggle to find work that matches their experience.",
            ),
            ("War", "Economy"),
            ("bookshelves", "city-at-dusk"),
        ),
        Template(
            "Inside the school in {city} that moved underground",
            "Lessons continue during air raid alerts in a shelter built for 400 pupils.",
            (
                "The school in {city} now teaches in a shelter built for 400 pupils, three meters "
                "below the playground.",
                "Lessons go on during air raid alerts, which used to send children running down "
                "the stairs several times a day. Teachers say the pupils are calmer and learn "
                "more.",
                "The regional authorities plan to build more underground schools, financed partly "
                "by international donors.",
            ),
            ("War", "Reconstruction"),
            ("city-at-dusk",),
        ),
        Template(
            "Farmers in {oblast} bring in the harvest within range of Russian drones",
            "Some fields near the front line have been left unsown for a third year.",
            (
                "Farmers in {oblast} are bringing in the harvest within range of Russian drones, "
                "working at dawn and dusk when the risk is lower.",
                "Combines have been hit in the fields, and some farms have fitted their machines "
                "with drone jammers. Fields closest to the front line have been left unsown.",
                "Agriculture remains one of Ukraine’s main sources of export revenue despite the "
                "losses.",
            ),
            ("Agriculture", "Drones", "War"),
            ("sunflowers",),
        ),
        Template(
            "Dnipro’s volunteer kitchens feed families who fled the front",
            "Volunteers cook about 2,000 meals a day in a former school canteen.",
            (
                "In a former school canteen in Dnipro, volunteers cook about 2,000 meals a day for "
                "families who fled towns near the front line.",
                "Most of the food is donated by local businesses and farmers; the volunteers buy "
                "the rest with money raised online.",
                "Dnipro has become a hub for evacuees from Donetsk and Zaporizhzhia oblasts, many "
                "of whom arrive with little more than a suitcase.",
            ),
            ("Dnipro", "Humanitarian aid"),
            ("dnipro-river", "city-at-dusk"),
        ),
        Template(
            "Rescuers in {city} train new recruits as strikes stretch emergency crews",
            "Crews often return to a site for a second strike on the same target.",
            (
                "The State Emergency Service in {city} is training a new group of rescuers after "
                "months of Russian strikes stretched its crews.",
                "Rescuers say the most dangerous part of the job is the second strike, when Russia "
                "hits the same place again after emergency workers arrive.",
                "Dozens of Ukrainian rescuers have been killed on duty since the start of the "
                "full-scale invasion, according to the service.",
            ),
            ("Humanitarian aid", "War", "Missile strikes"),
            ("strike-aftermath",),
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
        Template(
            "North Korean troops are fighting in Russia’s Kursk Oblast, Seoul’s spy agency says",
            "South Korea says the soldiers have suffered heavy losses.",
            (
                "North Korean troops are fighting alongside Russian forces in Russia’s Kursk "
                "Oblast, South Korea’s National Intelligence Service told lawmakers {on_date}.",
                "The soldiers have suffered heavy losses, the agency said, in part because they "
                "had no experience of drone warfare.",
                "Pyongyang and Moscow signed a mutual defense treaty in 2024. Ukraine says North "
                "Korea has also supplied millions of artillery shells.",
            ),
            ("North Korea", "Russia", "War"),
            ("training-ground",),
        ),
        Template(
            "EU sanctions North Korean officials over arms transfers to Russia",
            "The listing also covers Russian companies that arranged the shipments.",
            (
                "The European Union imposed sanctions {on_date} on North Korean officials "
                "responsible for supplying weapons and troops to Russia.",
                "The listing also covers Russian companies accused of arranging the shipments of "
                "shells and missiles by sea and rail.",
                "Those listed are barred from entering the EU, and their assets in the bloc are "
                "frozen.",
            ),
            ("North Korea", "Sanctions", "European Union"),
            ("brussels",),
        ),
        Template(
            "Poland to build air defense shield along its borders with Ukraine and Belarus",
            "The system is meant to stop drones and missiles that stray into Polish airspace.",
            (
                "Poland will build a layered air defense system along its borders with Ukraine and "
                "Belarus, its Defense Ministry said {on_date}.",
                "The system is meant to stop drones and missiles that stray into Polish airspace "
                "during Russian attacks on western Ukraine.",
                "Poland has become one of NATO’s biggest spenders on defense relative to the size "
                "of its economy.",
            ),
            ("NATO", "Air defense"),
            ("training-ground", "brussels"),
        ),
        Template(
            "U.S. senators visit Kyiv and promise continued support for Ukraine",
            "The delegation met President Volodymyr Zelensky and visited a hospital.",
            (
                "A bipartisan delegation of U.S. senators visited Kyiv {on_date}, meeting "
                "President Volodymyr Zelensky and visiting a hospital treating wounded soldiers.",
                "The senators said they would push for continued military and economic support "
                "for Ukraine.",
                "The United States remains one of Ukraine’s largest suppliers of weapons, "
                "including the Patriot air defense systems that protect Kyiv.",
            ),
            ("United States", "Military aid"),
            ("brussels", "city-at-dusk"),
        ),
        Template(
            "{Country} pledges ${amount} million to repair Ukraine’s power grid",
            "The money will buy transformers and protect substations from drone attacks.",
            (
                "{Country} will contribute ${amount} million to the Ukraine Energy Support Fund, "
                "its government announced {on_date}.",
                "The money will buy transformers and other equipment, and pay for shelters that "
                "protect substations from drone debris.",
                "Russia has targeted Ukraine’s energy system with hundreds of missiles and drones "
                "since 2022.",
            ),
            ("Energy", "Reconstruction"),
            ("power-lines", "brussels"),
        ),
        Template(
            "China’s special envoy tours European capitals; Kyiv wants more than words",
            "Ukrainian officials say Beijing could use its influence on Moscow.",
            (
                "China’s special envoy for Eurasian affairs began a tour of European capitals "
                "{on_date}, saying Beijing wanted to help bring about peace talks.",
                "Ukrainian officials said China could use its influence on Moscow, its largest "
                "trading partner, but had so far declined to do so.",
                "Western governments have accused Chinese companies of supplying components that "
                "Russia uses to build weapons, which Beijing denies.",
            ),
            ("China", "Kremlin", "European Union"),
            ("brussels",),
        ),
        Template(
            "Moldova summons Russian ambassador after drone crashes on its territory",
            "The drone came down in a field during a Russian attack on southern Ukraine.",
            (
                "Moldova summoned Russia’s ambassador {on_date} after a drone crashed in a field "
                "on its territory during a Russian attack on southern Ukraine.",
                "No one was hurt. Moldovan officials said the drone was of the Shahed type that "
                "Russia launches at Ukrainian cities along the Danube.",
                "Drones have strayed into Moldova, Romania and Poland several times since the "
                "start of the full-scale invasion.",
            ),
            ("Drones", "Russia"),
            ("dnipro-river", "port"),
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
        Template(
            "Short of workers, Ukrainian employers train women for jobs once held by men",
            "Mines, steelworks and trucking firms are among those recruiting.",
            (
                "Ukrainian companies short of workers are training women to drive trucks, operate "
                "cranes and work underground in mines, employers’ associations said {on_date}.",
                "Mobilization and emigration have left businesses across the country short of "
                "staff, according to central bank surveys.",
                "Ukraine scrapped a Soviet-era list of jobs closed to women in 2017, but few "
                "took up such work until the war.",
            ),
            ("Labor", "Economy"),
            ("steel-plant",),
        ),
        Template(
            "Russia’s labor shortage pushes up wages as factories compete for workers",
            "Defense plants pay the most, drawing workers away from civilian industries.",
            (
                "Wages in Russia are rising as factories compete for a shrinking pool of workers, "
                "according to official data released {on_date}.",
                "Defense plants pay the most and have drawn workers away from civilian "
                "industries, economists say.",
                "Russian officials have turned to workers from Central Asia and, according to "
                "South Korean intelligence, North Korea to fill the gap.",
            ),
            ("Labor", "Russia", "Economy"),
            ("steel-plant", "power-lines"),
        ),
        Template(
            "Ukrainian Railways orders new locomotives as freight to the EU grows",
            "The company is also building more track to the width used in Europe.",
            (
                "Ukrainian Railways has ordered new locomotives as freight traffic to the "
                "European Union keeps growing, the company said {on_date}.",
                "It is also laying more track of the narrower gauge used in most of Europe, so "
                "that goods no longer have to be reloaded at the border.",
                "Rail became Ukraine’s main route to European markets when Russia blockaded its "
                "Black Sea ports in 2022.",
            ),
            ("Exports", "European Union", "Economy"),
            ("port", "city-at-dusk"),
        ),
        Template(
            "Ukrainian steelmakers cut output as fighting nears coking coal mine",
            "Without the coal, mills will have to import more expensive supplies.",
            (
                "Ukrainian steelmakers are cutting output as fighting approaches the country’s "
                "only mine producing coking coal, an industry association said {on_date}.",
                "Without the coal, the mills will have to import more expensive supplies, making "
                "their steel less competitive abroad.",
                "Steel was one of Ukraine’s largest exports before the full-scale invasion, which "
                "destroyed the two biggest steelworks in Mariupol.",
            ),
            ("Economy", "Exports", "War"),
            ("steel-plant",),
        ),
        Template(
            "War-risk insurance for ships calling at Odesa gets cheaper",
            "Brokers say rates have fallen as the Black Sea corridor kept working all year.",
            (
                "The cost of war-risk insurance for ships calling at the ports of Odesa Oblast "
                "has fallen, brokers said {on_date}.",
                "The corridor along the Black Sea coast has kept working despite Russian attacks "
                "on port infrastructure, reassuring shipowners and insurers.",
                "A state-backed insurance program with international partners also covers some "
                "of the risk.",
            ),
            ("Black Sea", "Exports", "Odesa"),
            ("port",),
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
        Template(
            "Opinion: North Korean workers are the Kremlin’s newest war resource",
            "Every worker Pyongyang sends frees a Russian for the front.",
            (
                "Moscow does not advertise the North Korean laborers arriving in its factories "
                "and building sites. It does not need to: every one of them frees a Russian for "
                "the army.",
                "Sending workers abroad breaks United Nations sanctions that Russia itself voted "
                "for. That is the point: the Kremlin no longer pretends to respect them.",
                "Europe should treat the labor trade as what it is, another supply line for the "
                "war, and sanction those who run it.",
            ),
            ("North Korea", "Labor", "Russia", "Sanctions"),
            ("steel-plant",),
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
        Template(
            "Ukrainian band’s song recorded in a bomb shelter tops European charts",
            "The band donates its royalties to a hospital in its home city.",
            (
                "A song by a Ukrainian rock band, recorded in a bomb shelter in {city}, has "
                "topped streaming charts in several European countries.",
                "The band donates its royalties to the hospital in its home city, where two of "
                "its members’ parents work.",
                "Ukrainian musicians have toured Europe since 2022, raising money for the army and "
                "for rebuilding.",
            ),
            ("War",),
            ("stage",),
        ),
        Template(
            "Kyiv’s National Opera stages its first new production since the invasion",
            "Performances end early enough for audiences to get home before curfew.",
            (
                "The National Opera of Ukraine presented its first new production since the "
                "full-scale invasion {on_date}, to a sold-out house in Kyiv.",
                "Performances start in the afternoon and end early enough for the audience to get "
                "home before curfew. When an air raid alert sounds, the show moves to the shelter "
                "or stops.",
                "Several of the company’s musicians and dancers serve in the army; others have "
                "joined from theaters in occupied cities.",
            ),
            ("Theater",),
            ("stage",),
        ),
        Template(
            "Ukrainian novels in translation find new readers across Europe",
            "Publishers in {country} and elsewhere have doubled their Ukrainian lists.",
            (
                "Publishers in {country} and elsewhere in Europe are translating more Ukrainian "
                "fiction than ever, the Ukrainian Book Institute said {on_date}.",
                "War novels and memoirs sell best, but publishers say readers are also discovering "
                "Ukrainian classics.",
                "The institute pays part of the translation costs through a program funded by "
                "the state.",
            ),
            ("Literature", "European Union"),
            ("bookshelves",),
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
