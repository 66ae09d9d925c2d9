"""The words of the demo newsroom: the seed page's stories, the people, sections and pictures.

The seed page is ``shared/seeds/000_403746959bcb0950.txt`` (a Kyiv Independent article page).
Its text is kept verbatim, straight and curly apostrophes included, so the demo looks like the
page it copies.
"""

import datetime
import html
import zoneinfo
from dataclasses import dataclass

from django.utils.text import slugify

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


@dataclass(frozen=True)
class SectionSpec:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class AuthorSpec:
    name: str
    role: str
    bio: str
    portrait_color: tuple[int, int, int]
    is_desk: bool = False

    @property
    def slug(self):
        return slugify(self.name)

    @property
    def initials(self):
        if self.is_desk:
            return "KI"
        return "".join(word[0] for word in self.name.split()[:2]).upper()


@dataclass(frozen=True)
class PictureSpec:
    """A picture drawn by ``pictures.landscape``; its alt text and credit find it on re-runs."""

    key: str
    alt_text: str
    caption: str
    credit: str
    motif: str
    sky: tuple[int, int, int]
    ground: tuple[int, int, int]


@dataclass(frozen=True)
class StorySpec:
    """A hand-written story.

    Exactly one of the timing fields applies: a fixed ``published_at``, ``published_ago`` (fixed
    when the story is first created, so a re-run does not move it) or ``scheduled_in`` (the desk's
    queue, pushed forward again once its time has passed so the queue never runs dry).
    """

    headline: str
    section: str
    byline: tuple[str, ...]
    paragraphs: tuple[str, ...]
    dek: str = ""
    tags: tuple[str, ...] = ()
    picture: str = ""
    status: str = "published"
    published_at: datetime.datetime | None = None
    published_ago: datetime.timedelta | None = None
    scheduled_in: datetime.timedelta | None = None

    @property
    def slug(self):
        return slugify(self.headline)


def paragraphs_html(paragraphs):
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


SECTIONS = [
    SectionSpec(
        "News Feed",
        "news-feed",
        "The latest news from Ukraine and the world, as it happens.",
    ),
    SectionSpec(
        "Ukraine",
        "ukraine",
        "Reporting from across Ukraine: the front line, the home front and the people in between.",
    ),
    SectionSpec(
        "World",
        "world",
        "Ukraine’s allies, Russia’s partners, and the diplomacy of the war.",
    ),
    SectionSpec(
        "Business",
        "business",
        "Ukraine’s wartime economy: trade, energy, banking and reconstruction.",
    ),
    SectionSpec(
        "Opinion",
        "opinion",
        "Argument and analysis from our columnists and guest writers.",
    ),
    SectionSpec(
        "Culture",
        "culture",
        "Books, film, theater and the arts in a country at war.",
    ),
]

TAG_NAMES = [
    "North Korea", "Russia", "Labor", "Sanctions", "War", "Drones", "Missile strikes",
    "Air defense", "Energy", "Kharkiv", "Odesa", "Zaporizhzhia", "Nikopol", "Kherson", "Dnipro",
    "Economy", "Agriculture", "Exports", "Banking", "European Union", "United States", "NATO",
    "Military aid", "Prisoner exchange", "Humanitarian aid", "Reconstruction", "Kremlin",
    "Iran", "China", "Black Sea", "Cinema", "Literature", "Theater",
]  # fmt: skip

KATERYNA_HODUNOVA = AuthorSpec(
    name="Kateryna Hodunova",
    role="News Editor",
    bio=(
        "Kateryna Hodunova is a News Editor at the Kyiv Independent. She previously worked as a "
        "sports journalist in several Ukrainian outlets and was the deputy chief editor at "
        "Suspilne Sport. Kateryna covered the 2022 Olympics in Beijing and was included in the "
        "Special Mentions list at the AIPS Sport Media Awards. She holds a bachelor's degree in "
        "political journalism from Taras Shevchenko University and a master's degree in political "
        "science from the National University of Kyiv-Mohyla Academy."
    ),
    portrait_color=(52, 88, 140),
)
IGNATIUS_IVLEV_YORKE = AuthorSpec(
    name="Ignatius Ivlev-Yorke",
    role="Contributor",
    bio="Ignatius Ivlev-Yorke is a contributor to the Kyiv Independent, reporting from southern "
    "Ukraine.",
    portrait_color=(96, 112, 72),
)
NEWS_DESK = AuthorSpec(
    name="The Kyiv Independent news desk",
    role="",
    bio="The Kyiv Independent news desk covers breaking news from Ukraine and the world around "
    "the clock.",
    portrait_color=(24, 32, 48),
    is_desk=True,
)
# The people below are invented for the demo; the three above appear on the seed page.
STAFF = [
    AuthorSpec(
        "Olena Marchenko",
        "Reporter",
        "Olena Marchenko is a reporter covering front-line cities in eastern and southern "
        "Ukraine. She previously worked for regional media in Zaporizhzhia.",
        (150, 72, 60),
    ),
    AuthorSpec(
        "Taras Bondarenko",
        "Senior Reporter",
        "Taras Bondarenko is a senior reporter covering the war and Ukraine’s defense industry.",
        (60, 110, 120),
    ),
    AuthorSpec(
        "Yulia Tkachenko",
        "Reporter",
        "Yulia Tkachenko is a reporter on the news desk. She covers Kyiv, its people and its "
        "city hall.",
        (120, 84, 140),
    ),
    AuthorSpec(
        "Andrii Hnatiuk",
        "Foreign Affairs Reporter",
        "Andrii Hnatiuk covers Ukraine’s foreign policy, the European Union and NATO from Kyiv "
        "and Brussels.",
        (70, 90, 160),
    ),
    AuthorSpec(
        "Iryna Kravets",
        "Business Reporter",
        "Iryna Kravets is a business reporter covering energy, agriculture and trade.",
        (170, 120, 50),
    ),
    AuthorSpec(
        "Dmytro Savchuk",
        "Business Editor",
        "Dmytro Savchuk edits the business section. He spent a decade covering banking and "
        "public finance.",
        (80, 120, 80),
    ),
    AuthorSpec(
        "Sofia Lytvyn",
        "Culture Reporter",
        "Sofia Lytvyn writes about books, film and theater, and about the artists who keep working "
        "through the war.",
        (160, 70, 110),
    ),
    AuthorSpec(
        "Marta Ostapenko",
        "Opinion Editor",
        "Marta Ostapenko is the opinion editor. She commissions and edits columns and op-eds.",
        (100, 100, 100),
    ),
    AuthorSpec(
        "Natalia Pavlenko",
        "Columnist",
        "Natalia Pavlenko is a columnist writing about European security and Ukraine’s path to "
        "the EU.",
        (130, 96, 70),
    ),
    AuthorSpec(
        "Oleh Rudenko",
        "Deputy Chief Editor",
        "Oleh Rudenko is the deputy chief editor, overseeing coverage of the war and diplomacy.",
        (50, 70, 90),
    ),
]
AUTHORS = [KATERYNA_HODUNOVA, IGNATIUS_IVLEV_YORKE, NEWS_DESK, *STAFF]
# The journalist demo login writes as this person, so the desk queue holds "their" drafts.
JOURNALIST_PROFILE = "olena-marchenko"

PICTURES = [
    PictureSpec(
        "pyongyang",
        "Kim Jong Un and Vladimir Putin walk side by side after Putin's arrival in Pyongyang.",
        "North Korea's leader Kim Jong Un (L) walks with Russian President Vladimir Putin shortly "
        "after Putin's arrival in Pyongyang, North Korea early on June 19, 2024.",
        "Gavriil Grigorov / POOL / AFP",
        "skyline",
        (38, 52, 96),
        (214, 132, 98),
    ),
    PictureSpec(
        "nikopol-rescuers",
        "Rescuers in helmets and body armor put out a fire in a private house in Nikopol.",
        "Rescuers from the State Emergency Service put out a fire after a Russian drone strike in "
        "Nikopol, Dnipropetrovsk Oblast.",
        "Ignatius Ivlev-Yorke / The Kyiv Independent",
        "smoke",
        (70, 64, 70),
        (196, 110, 60),
    ),
    PictureSpec(
        "strike-aftermath",
        "Firefighters on a ladder spray water on the burning upper floors of an apartment block.",
        "Firefighters work at the site of a Russian drone strike on a residential building.",
        "State Emergency Service of Ukraine",
        "smoke",
        (54, 58, 74),
        (220, 140, 70),
    ),
    PictureSpec(
        "city-at-dusk",
        "Apartment blocks with a few lit windows under a dark blue evening sky.",
        "A residential neighborhood at dusk during an air raid alert.",
        "Staff photographer",
        "skyline",
        (18, 30, 66),
        (92, 110, 160),
    ),
    PictureSpec(
        "sunflowers",
        "A field of sunflowers stretching to the horizon under a pale summer sky.",
        "Sunflower fields in southern Ukraine before the harvest.",
        "Staff photographer",
        "fields",
        (140, 180, 214),
        (222, 178, 40),
    ),
    PictureSpec(
        "port",
        "Cargo ships anchored off a port with cranes on the shore.",
        "Cargo ships wait to enter the port of Odesa.",
        "Staff photographer",
        "sea",
        (160, 190, 210),
        (30, 70, 110),
    ),
    PictureSpec(
        "steel-plant",
        "Chimneys of a steel plant releasing smoke against an orange evening sky.",
        "A steel plant at sunset.",
        "Staff photographer",
        "industry",
        (230, 150, 80),
        (60, 40, 50),
    ),
    PictureSpec(
        "power-lines",
        "High-voltage power lines and pylons crossing a snowy field.",
        "Power lines near a thermal power plant repeatedly targeted by Russian attacks.",
        "Staff photographer",
        "pylons",
        (170, 186, 204),
        (226, 230, 236),
    ),
    PictureSpec(
        "brussels",
        "Flags in front of a glass office building in Brussels.",
        "The European Commission’s Berlaymont building in Brussels.",
        "Staff photographer",
        "skyline",
        (86, 128, 186),
        (200, 214, 230),
    ),
    PictureSpec(
        "training-ground",
        "Soldiers in camouflage walk across a muddy field toward a tree line.",
        "Ukrainian soldiers at a training ground in the east of the country.",
        "Staff photographer",
        "fields",
        (120, 130, 120),
        (86, 78, 52),
    ),
    PictureSpec(
        "dnipro-river",
        "The wide Dnipro River at dawn, with mist over the water.",
        "The Dnipro River at dawn.",
        "Staff photographer",
        "sea",
        (236, 190, 150),
        (70, 96, 120),
    ),
    PictureSpec(
        "stage",
        "An empty theater stage lit by two spotlights before a performance.",
        "The stage of a Kyiv theater before an evening performance.",
        "Staff photographer",
        "stage",
        (20, 14, 24),
        (120, 28, 40),
    ),
    PictureSpec(
        "bookshelves",
        "Shelves of colorful books at a book fair stand.",
        "Books on display at a book fair in Lviv.",
        "Staff photographer",
        "books",
        (230, 222, 206),
        (120, 90, 60),
    ),
]

SEED_ARTICLE = StorySpec(
    headline=(
        "North Korea sends nearly 15,000 migrants to Russia to cover labor market shortage, "
        "WSJ reports"
    ),
    section="news-feed",
    byline=(KATERYNA_HODUNOVA.slug,),
    tags=("North Korea", "Russia", "Labor", "Sanctions", "War"),
    picture="pyongyang",
    published_at=datetime.datetime(2025, 5, 5, 14, 47, tzinfo=KYIV),
    paragraphs=(
        "North Korea sent about 15,000 labor migrants to Russia to cover the labor market "
        "shortage in the country, the Wall Street Journal (WSJ) reported on May 5, citing South "
        "Korean intelligence.",
        "The move represents an apparent violation of United Nations Security Council "
        "resolutions passed in the wake of North Korea's intercontinental ballistic missile "
        "(ICBM) tests.",
        "North Korea has been one of Russia's staunchest supporters since the start of the "
        "full-scale war. The economic and military cooperation has only deepened, and the two "
        "countries ratified a mutual defense treaty in November.",
        "The lack of workers in Russia is due to heavy losses in the country's war against "
        "Ukraine, low birth rates, and the fleeing of citizens abroad, the WSJ reported, citing "
        "Western estimates.",
        "By 2030, the country's labor shortage could reach 2.4 million people, compared to the "
        "current 1.5 million, according to the Russian Labor Ministry.",
        "To compensate, Russia has begun to attract workers from the allied country, who are now "
        "mostly working in the Far East. In the meantime, the Russian authorities hope that North "
        "Korean workers will soon appear in large cities in other regions.",
        "Russian employers value North Korean workers because they are willing to work 12 hours "
        "for low wages and do not complain about working conditions, according to the media.",
        "Many North Korean workers came to Russia on student visas. In 2024, North Korean "
        "nationals crossed the Russian border 7,887 times, allegedly to study, the Russian "
        "independent outlet Mediazona reported on Feb. 4, citing the Border Services of the "
        "Russian Federal Security Service. This is the largest number since 2019.",
        "The number of students from North Korea began to grow in the third quarter of 2024, "
        "according to Mediazona. Meanwhile, in April 2024, the Russian Education Ministry "
        "reported that nearly 130 students from North Korea were studying in the country at that "
        "time.",
        "Apart from workers, North Korea sends its military and weapons to Russia. In 2024, "
        "12,000 North Korean troops arrived in Russia to participate in the war against Ukraine, "
        "and in 2025, another 3,000 arrived, according to South Korean intelligence.",
        "Around 600 North Korean soldiers have been killed while fighting alongside Russian "
        "forces, South Korean lawmaker Lee Seong-kweun said on April 30, citing briefings from "
        "the country's National Intelligence Service.",
    ),
)

RUSSIAS_ALLIES = StorySpec(
    headline="Who are Russia’s allies, and can Kremlin’s war machine survive without them?",
    section="ukraine",
    byline=("taras-bondarenko",),
    dek=(
        "More than three years since the start of Moscow’s full-scale invasion of Ukraine, "
        "Russia’s defense industry has adapted to a new normal. Despite a web of international "
        "sanctions designed to cripple military production, factories across the country have "
        "been able to keep building bullets and shells, drones and military vehicles."
    ),
    tags=("Russia", "Kremlin", "Sanctions", "North Korea", "Iran", "China", "War"),
    picture="steel-plant",
    published_at=datetime.datetime(2025, 5, 1, 18, 5, tzinfo=KYIV),
    paragraphs=(
        "That resilience has not come from Russia alone. A small circle of partners, some openly "
        "allied with the Kremlin and others insisting on their neutrality, has supplied the "
        "weapons, components and money that keep Moscow’s war machine running.",
        "North Korea has become the most direct of them. Pyongyang has shipped millions of "
        "artillery shells and ballistic missiles to Russia, according to Ukrainian and South "
        "Korean intelligence, and has sent thousands of its soldiers to fight in Russia’s Kursk "
        "Oblast. In June 2024, the two countries signed a mutual defense treaty in Pyongyang.",
        "Iran supplied the Shahed attack drones that Russia has launched against Ukrainian cities "
        "since the autumn of 2022. Moscow has since moved production of the drones to a plant in "
        "the Alabuga special economic zone in Tatarstan, where it builds its own version under "
        "the name Geran-2.",
        "China has refused to supply weapons directly, but it has become Russia’s main source of "
        "machine tools, microelectronics and other dual-use goods, Western officials say. Trade "
        "between the two countries reached record levels after 2022, and Chinese-made components "
        "have been found in Russian drones and missiles recovered in Ukraine.",
        "Belarus let Russian troops use its territory to launch the attack on Kyiv in February "
        "2022 and continues to host Russian forces. Its factories also supply parts for Russian "
        "military vehicles and optics.",
        "Others have helped in less visible ways. Intermediaries in Central Asia, the South "
        "Caucasus and the Middle East have re-exported Western-made components that Russia can "
        "no longer buy directly, while a shadow fleet of aging tankers carries Russian oil past "
        "the price cap set by the G7.",
        "None of these partners is indispensable on its own, analysts say, but together they "
        "have given Russia enough to sustain the war at its current intensity. Cutting those "
        "supply lines depends less on new sanctions than on enforcing the ones already in place, "
        "and on whether Western governments are prepared to penalize the companies and banks "
        "that help Russia get around them.",
    ),
)

NIKOPOL = StorySpec(
    headline="A day with Nikopol’s emergency responders under relentless Russian fire",
    section="ukraine",
    byline=(IGNATIUS_IVLEV_YORKE.slug,),
    dek=(
        "The Kyiv Independent’s contributor Ignatius Ivlev-Yorke spent a day with a mobile team "
        "from the State Emergency Service in Nikopol in the south of Ukraine as they responded to "
        "relentless drone, artillery, and mortar strikes from Russian forces just across the "
        "Dnipro River. Nikopol is located across from the Russian-occupied Zaporizhzhia Nuclear "
        "Power Plant in the city of Enerhodar."
    ),
    tags=("Nikopol", "Zaporizhzhia", "Drones", "War", "Humanitarian aid"),
    picture="nikopol-rescuers",
    published_ago=datetime.timedelta(minutes=20),
    paragraphs=(
        "Nikopol sits on the northern bank of the Dnipro River, a few kilometers from Russian "
        "positions on the opposite shore. Since Russian forces occupied the Zaporizhzhia Nuclear "
        "Power Plant in Enerhodar in March 2022, the city has been shelled almost every day.",
        "Attacks come with little warning. Drones, artillery and mortars reach the city within "
        "seconds, and the air raid sirens often sound only after the first explosions.",
        "A mobile team from the State Emergency Service spends each shift on call, responding to "
        "fires in houses, cars and power lines. Rescuers wear helmets and body armor on every "
        "call: Russian drones sometimes return to strike the same place once emergency workers "
        "arrive.",
        "On the day the Kyiv Independent accompanied the team, the calls came from early morning "
        "until well after dark: a burning private house, a damaged gas pipe, a car set on fire "
        "by a first-person-view drone on an empty street.",
        "Much of Nikopol’s pre-war population has left. Those who remain are mostly older "
        "residents, people caring for relatives, and workers at the city’s utilities and "
        "hospitals, who depend on the emergency responders more than ever.",
        "Between calls, the rescuers repair their vehicles, check their equipment and rest in "
        "shifts, ready to leave again within a minute of the next alert.",
    ),
)

# The desk's queue: work in every state a journalist or editor acts on.
DESK_QUEUE = [
    StorySpec(
        headline="Kyiv city council weighs plan to build a bomb shelter at every school",
        section="ukraine",
        byline=("olena-marchenko",),
        status="draft",
        dek="Dozens of schools still teach online because their shelters are too small.",
        tags=("War", "Reconstruction"),
        paragraphs=(
            "Kyiv’s city council is considering a plan to build or expand a bomb shelter at "
            "every public school in the capital, council members said this week.",
            "[TK: number of schools without an adequate shelter — waiting for the education "
            "department to confirm.]",
            "Parents say online classes cannot replace school. [TK: quote from the parents’ "
            "association.]",
        ),
    ),
    StorySpec(
        headline="How farmers in Kharkiv Oblast are clearing mines from their fields",
        section="business",
        byline=("olena-marchenko", "iryna-kravets"),
        status="draft",
        tags=("Agriculture", "Kharkiv", "Reconstruction"),
        picture="sunflowers",
        paragraphs=(
            "Before he can sow a single seed, a farmer in Kharkiv Oblast must first find out "
            "whether his fields will explode.",
            "[TK: interview with the deminers from the State Emergency Service.]",
        ),
    ),
    StorySpec(
        headline="Grid repairs ahead of winter are behind schedule, power engineers warn",
        section="business",
        byline=("olena-marchenko",),
        status="in_review",
        dek="Engineers say a shortage of transformers, not of people, is slowing the work down.",
        tags=("Energy", "Missile strikes", "Reconstruction"),
        picture="power-lines",
        paragraphs=(
            "Repairs to Ukraine’s power grid are running behind schedule ahead of the heating "
            "season, engineers at regional power companies say.",
            "Russian missile and drone attacks have damaged substations across the country. "
            "Replacing a large transformer can take months, because few factories in Europe "
            "make them.",
            "The Energy Ministry says it has asked partners to speed up deliveries of equipment "
            "and to help protect substations with concrete shelters.",
        ),
    ),
    StorySpec(
        headline="Evacuated paintings return to the walls of Kharkiv’s art museum",
        section="culture",
        byline=("sofia-lytvyn",),
        status="in_review",
        dek="Part of the collection was hidden for three years. Now visitors can see it again.",
        tags=("Kharkiv", "War"),
        picture="stage",
        paragraphs=(
            "For three years, the walls of the Kharkiv Art Museum stood almost bare.",
            "Curators took most of the collection down and hid it in the first weeks of the "
            "full-scale invasion, as Russian artillery shelled the city center.",
            "This month, a selection of paintings returned to the halls for a small exhibition, "
            "open on weekdays until the first air raid alert of the day.",
        ),
    ),
    StorySpec(
        headline="Explainer: What the EU’s new sanctions package means for Russia’s shadow fleet",
        section="world",
        byline=("andrii-hnatiuk",),
        dek="More tankers, more ports and, for the first time, the companies that insure them.",
        tags=("Sanctions", "European Union", "Russia", "Black Sea"),
        picture="port",
        scheduled_in=datetime.timedelta(hours=3),
        paragraphs=(
            "The European Union’s new sanctions package goes after the aging tankers that carry "
            "Russian oil around the world in spite of the G7 price cap.",
            "Ships on the list can no longer enter EU ports or receive services from European "
            "companies, from insurance to repairs.",
            "The package also targets companies in third countries that help Russia buy the "
            "tankers in the first place.",
        ),
    ),
    StorySpec(
        headline="Opinion: Europe can afford to fund Ukraine’s defense. It cannot afford not to",
        section="opinion",
        byline=("natalia-pavlenko",),
        dek="The cost of supporting Ukraine is counted in billions. The cost of its defeat would "
        "not be.",
        tags=("European Union", "Military aid", "NATO"),
        picture="brussels",
        scheduled_in=datetime.timedelta(days=1),
        paragraphs=(
            "Every budget debate in Europe now contains a version of the same question: how long "
            "can we keep paying for Ukraine’s war?",
            "It is the wrong question. The money Europe spends on Ukraine’s defense is a fraction "
            "of what it would have to spend on its own if Russia were to win.",
            "Ukraine is not asking Europe to fight for it. It is asking for the means to keep "
            "fighting, and for the patience to see it through.",
        ),
    ),
]
