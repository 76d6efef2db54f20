"""Ashby Moor, the fictional English market town the demo content describes.

Plain data, read by demo/content.py; groups are keyed by their slug. Postcodes use the unused
"AM" area; phone numbers are in Ofcom's range for drama (01632 960xxx);
e-mail addresses and websites are on example.org. Events say which weekday
and which weeks (relative to the current week) they fall on, so the demo makes
sense whatever day it is built.
"""

TOWN = "Ashby Moor"
OPERATOR = "Ashby Moor Council for Voluntary Service"

# name, slug, latitude, longitude
AREAS = [
    ("Town Centre", "town-centre", "52.706100", "-1.398200"),
    ("Moor Side", "moor-side", "52.714800", "-1.384900"),
    ("Westfield", "westfield", "52.703900", "-1.418600"),
    ("Brook End", "brook-end", "52.697300", "-1.392700"),
    ("Hollins Park", "hollins-park", "52.711200", "-1.409300"),
    ("Saxon Hill", "saxon-hill", "52.693800", "-1.375600"),
]

TOPICS = [
    ("Food", "food"),
    ("Health and wellbeing", "health-and-wellbeing"),
    ("Older people", "older-people"),
    ("Children and families", "children-and-families"),
    ("Sport and exercise", "sport"),
    ("Arts and culture", "arts-and-culture"),
    ("Environment", "environment"),
    ("Learning and languages", "learning-and-languages"),
    ("Money and advice", "money-and-advice"),
    ("Faith", "faith"),
]

ACCESS_FEATURES = [
    ("Step-free access", "step-free"),
    ("Hearing loop", "hearing-loop"),
    ("Accessible toilet", "accessible-toilet"),
    ("British Sign Language", "bsl"),
    ("Quiet or relaxed session", "quiet-session"),
    ("Large print", "large-print"),
    ("Parking nearby", "parking"),
    ("Baby changing", "baby-changing"),
]

VENUES = [
    {
        "key": "st-wilfrids",
        "name": "St Wilfrid's Church Hall",
        "address": "Church Lane\nAshby Moor",
        "postcode": "AM1 1DW",
        "area": "town-centre",
        "position": ("52.706800", "-1.397100"),
        "access": ["step-free", "hearing-loop", "accessible-toilet", "baby-changing"],
        "notes": "The hall is behind the church; use the side gate on Church Lane. "
        "Level entrance and a ramp to the garden.",
    },
    {
        "key": "library",
        "name": "Ashby Moor Library",
        "address": "12 Market Street\nAshby Moor",
        "postcode": "AM1 1AB",
        "area": "town-centre",
        "position": ("52.705600", "-1.399000"),
        "access": [
            "step-free",
            "hearing-loop",
            "accessible-toilet",
            "large-print",
            "baby-changing",
        ],
        "notes": "Lift to the first-floor meeting room. Buses 4 and 12 stop outside.",
    },
    {
        "key": "westfield-centre",
        "name": "Westfield Community Centre",
        "address": "40 Westfield Road\nAshby Moor",
        "postcode": "AM2 4QT",
        "area": "westfield",
        "position": ("52.704200", "-1.417900"),
        "access": ["step-free", "accessible-toilet", "parking", "baby-changing"],
        "notes": "Free car park at the back with two blue-badge spaces.",
    },
    {
        "key": "leisure-centre",
        "name": "Moor Side Leisure Centre",
        "address": "Stamford Way\nMoor Side\nAshby Moor",
        "postcode": "AM3 2LS",
        "area": "moor-side",
        "position": ("52.715300", "-1.386000"),
        "access": ["step-free", "accessible-toilet", "parking", "hearing-loop", "baby-changing"],
        "notes": "Ask at reception for the pitch and hall bookings.",
    },
    {
        "key": "teapot",
        "name": "The Teapot Café",
        "address": "7 Bridge Street\nAshby Moor",
        "postcode": "AM1 1HT",
        "area": "town-centre",
        "position": ("52.706900", "-1.400300"),
        "access": ["step-free", "quiet-session"],
        "notes": "One small step at the door; staff bring out a ramp if you ask.",
    },
    {
        "key": "pavilion",
        "name": "Hollins Park Pavilion",
        "address": "Hollins Park\nPark Road\nAshby Moor",
        "postcode": "AM4 3PP",
        "area": "hollins-park",
        "position": ("52.711700", "-1.410400"),
        "access": ["step-free", "accessible-toilet", "parking"],
        "notes": "By the bowling green; the car park is off Park Road.",
    },
    {
        "key": "al-noor",
        "name": "Al-Noor Mosque Community Room",
        "address": "18 Victoria Street\nAshby Moor",
        "postcode": "AM2 5NV",
        "area": "brook-end",
        "position": ("52.698100", "-1.394400"),
        "access": ["step-free", "accessible-toilet"],
        "notes": "The community room has its own entrance on Albert Street. "
        "Everyone is welcome; please take your shoes off in the prayer hall only.",
    },
    {
        "key": "brook-end-methodist",
        "name": "Brook End Methodist Church",
        "address": "3 Mill Lane\nBrook End\nAshby Moor",
        "postcode": "AM2 6MB",
        "area": "brook-end",
        "position": ("52.696500", "-1.391200"),
        "access": ["step-free", "hearing-loop", "accessible-toilet"],
        "notes": "Use the Mill Lane door for the schoolroom.",
    },
    {
        "key": "saxon-hill-school",
        "name": "Saxon Hill Primary School Hall",
        "address": "Saxon Road\nSaxon Hill\nAshby Moor",
        "postcode": "AM5 2SH",
        "area": "saxon-hill",
        "position": ("52.694400", "-1.376800"),
        "access": ["step-free", "accessible-toilet", "parking"],
        "notes": "Enter by the playground gate on Saxon Road at weekends.",
    },
    {
        "key": "old-fire-station",
        "name": "The Old Fire Station Arts Centre",
        "address": "Wharf Street\nAshby Moor",
        "postcode": "AM1 2FS",
        "area": "town-centre",
        "position": ("52.704700", "-1.396100"),
        "access": ["step-free", "hearing-loop", "accessible-toilet", "quiet-session"],
        "notes": "The studio is on the ground floor; the gallery has a lift.",
    },
    {
        "key": "allotments",
        "name": "Moor Side Allotments",
        "address": "Gorse Lane\nMoor Side\nAshby Moor",
        "postcode": "AM3 4GL",
        "area": "moor-side",
        "position": ("52.717000", "-1.381800"),
        "access": ["parking"],
        "notes": "Grass and gravel paths; the main path to the shed is firm and level.",
    },
    {
        "key": "scout-hut",
        "name": "Saxon Hill Scout Hut",
        "address": "Beacon Close\nSaxon Hill\nAshby Moor",
        "postcode": "AM5 3BC",
        "area": "saxon-hill",
        "position": ("52.692600", "-1.373900"),
        "access": ["step-free", "accessible-toilet"],
        "notes": "At the end of Beacon Close, next to the playing field.",
    },
]


def event(title, summary, day, time, minutes, weeks, **extra):
    """An event idea: weekday (0 is Monday), start time, length, and the weeks
    (relative to this week) it happens in. Several weeks make several dated
    sessions, each its own event page. ``repeat={...}`` makes one recurring
    page starting in the first week: EventPage recurrence fields, plus "nth"
    (start on the nth such weekday of the month) and "skip_month" (exclude
    that month's dates)."""
    return {
        "title": title,
        "summary": summary,
        "day": day,
        "time": time,
        "minutes": minutes,
        "weeks": weeks,
        **extra,
    }


def news(title, summary, days_ago, paragraphs, **extra):
    return {
        "title": title,
        "summary": summary,
        "days_ago": days_ago,
        "paragraphs": paragraphs,
        **extra,
    }


GROUPS = [
    {
        "name": "Ashby Moor Repair Café",
        "slug": "ashby-moor-repair-cafe",
        "kind": "community",
        "summary": "Bring your broken things and we'll fix them with you, for free.",
        "description": [
            "Volunteer fixers mend toasters, lamps, bikes, clothes, jewellery and laptops "
            "once a month. You stay with your item and learn how it was mended.",
            "Repairs are free; tea and cake are by donation. We can't promise to fix "
            "everything, but we fix about two things in three.",
        ],
        "topics": ["environment"],
        "areas": ["town-centre", "brook-end"],
        "venue": "st-wilfrids",
        "meeting_times": "First Saturday of the month, 10am to 1pm (not in August)",
        "languages": ["en"],
        "access": ["step-free", "accessible-toilet"],
        "volunteers": "We need fixers with any skill, and people to welcome visitors "
        "and make tea. Come along and ask for Janet.",
        "links": [("facebook", "https://www.facebook.com/ashbymoorrepaircafe")],
        "events": [
            event(
                "Repair café",
                "Bring your broken household items and mend them with our volunteer fixers.",
                5,
                "10:00",
                180,
                [-3],
                image=True,
                text="Last entry 12.30. Please bring any parts or chargers you have.",
                repeat={"repeat": "monthly-weekday", "nth": 1, "skip_month": 8},
            ),
        ],
        "news": [
            news(
                "We fixed our 1,000th item",
                "A 1970s record player became the thousandth thing mended at the repair café.",
                20,
                [
                    "Our volunteers have now mended a thousand things since we started in "
                    "2019: that's about four tonnes kept out of landfill.",
                    "Thank you to everyone who brought something along, and to St Wilfrid's "
                    "for the hall.",
                ],
                image=True,
            ),
        ],
    },
    {
        "name": "Ashby Moor Food Bank",
        "slug": "ashby-moor-food-bank",
        "kind": "charity",
        "charity_number": "1182734",
        "summary": "Emergency food parcels and a friendly welcome for anyone struggling.",
        "description": [
            "We give three days of nutritionally balanced food to local people in crisis. "
            "You can be referred by your GP, school, Citizens Advice or housing officer, "
            "or call us and we will help you get a referral.",
            "Our advisers can also help with benefits, energy bills and debt while you "
            "have a cup of tea.",
        ],
        "topics": ["food", "money-and-advice"],
        "areas": ["brook-end", "westfield", "town-centre"],
        "venue": "brook-end-methodist",
        "meeting_times": "Mondays and Thursdays, 11am to 2pm",
        "languages": ["en", "pl", "ur"],
        "access": ["step-free", "hearing-loop", "accessible-toilet"],
        "volunteers": "Drivers with their own car, warehouse sorters and welcome "
        "volunteers. Training is given.",
        "links": [
            ("facebook", "https://www.facebook.com/ashbymoorfoodbank"),
            ("instagram", "https://www.instagram.com/ashbymoorfoodbank"),
        ],
        "website": True,
        "events": [
            event(
                "Food bank open session",
                "Collect a food parcel and talk to an adviser about money worries.",
                0,
                "11:00",
                180,
                [-2, 3],
                text="No need to book. If you don't have a referral yet, come anyway "
                "and we'll sort one out with you.",
            ),
            event(
                "Volunteer welcome evening",
                "Find out how you can help at the food bank: sorting, driving or welcoming.",
                2,
                "18:30",
                90,
                [3],
                booking=True,
            ),
        ],
        "news": [
            news(
                "School holidays: what the food bank needs most",
                "Tinned fish, long-life milk, cereal and toiletries are running low.",
                12,
                [
                    "Demand always rises in the school holidays. Our shelves are low on "
                    "tinned fish, long-life milk, breakfast cereal, tinned fruit and toiletries.",
                    "You can leave donations in the trolley at the Market Street "
                    "supermarket, or at the church on Mondays and Thursdays.",
                ],
            ),
        ],
    },
    {
        "name": "Westfield Warm Space",
        "slug": "westfield-warm-space",
        "kind": "community",
        "summary": "A warm, friendly room with hot drinks, soup and company, free.",
        "description": [
            "Come in from the cold, charge your phone, read the paper, play a game of "
            "cards or just sit and chat. Soup and a roll from 12 o'clock.",
            "Everyone is welcome and nobody will ask why you've come.",
        ],
        "topics": ["older-people", "food", "health-and-wellbeing"],
        "areas": ["westfield"],
        "venue": "westfield-centre",
        "meeting_times": "Tuesdays and Fridays, 10am to 3pm",
        "languages": ["en", "ro"],
        "access": ["step-free", "accessible-toilet", "parking"],
        "volunteers": "Soup makers and chatty people wanted for a morning a week.",
        "links": [("whatsapp", "https://chat.whatsapp.com/ExampleWestfieldWarmSpace")],
        "events": [
            event(
                "Warm Space with soup",
                "A warm room, hot drinks, soup at noon and good company. Free.",
                1,
                "10:00",
                300,
                [-1],
                repeat={"repeat": "weekly", "repeat_days": "TU,FR"},
            ),
            event(
                "Games afternoon at the Warm Space",
                "Dominoes, cards and board games, with tea and biscuits.",
                4,
                "13:00",
                120,
                [2],
            ),
        ],
        "news": [
            news(
                "Warm Space open two days a week",
                "We are now open on Fridays as well as Tuesdays, thanks to new volunteers.",
                27,
                ["Six new volunteers mean we can open on Fridays too, from 10am to 3pm."],
            ),
        ],
    },
    {
        "name": "Polish Saturday School",
        "slug": "polish-saturday-school",
        "kind": "community",
        "summary": "Polska Szkoła Sobotnia: Polish language, history and culture for ages 4 to 16.",
        "description": [
            "Our teachers help children of Polish families read and write in Polish and "
            "prepare for GCSE and A level Polish.",
            "Zapraszamy wszystkie dzieci w wieku od 4 do 16 lat. Parents can have a coffee "
            "in the hall while they wait.",
        ],
        "topics": ["children-and-families", "learning-and-languages"],
        "areas": ["saxon-hill", "moor-side", "westfield"],
        "venue": "saxon-hill-school",
        "meeting_times": "Saturdays in term time, 9.30am to 1pm",
        "languages": ["pl", "en"],
        "access": ["step-free", "accessible-toilet", "parking"],
        "links": [("facebook", "https://www.facebook.com/szkolaashbymoor")],
        "website": True,
        "events": [
            event(
                "Open morning for new families",
                "See the classes, meet the teachers and enrol for next term.",
                5,
                "10:00",
                120,
                [2],
                audience="families",
                image=True,
            ),
            event(
                "Polish folk dance workshop",
                "Learn the krakowiak with our dance teacher. For children and parents.",
                5,
                "11:30",
                90,
                [-2, 6],
                audience="families",
                price="£3 per family",
            ),
        ],
        "news": [
            news(
                "Our pupils' Polish exam results",
                "All eleven of our GCSE pupils passed, seven with grade 7 or above.",
                75,
                ["Gratulacje! Our pupils sat GCSE Polish this year and every one passed."],
            ),
        ],
    },
    {
        "name": "Urdu Women's Sewing Circle",
        "slug": "urdu-womens-sewing-circle",
        "kind": "informal",
        "summary": "Women sewing, chatting and sharing skills in Urdu, Punjabi and English.",
        "description": [
            "We meet every week to sew, knit and embroider together, and to make friends. "
            "Beginners are very welcome; we have machines you can use.",
            "Women only. Children under five can come with their mums.",
        ],
        "topics": ["arts-and-culture", "health-and-wellbeing"],
        "areas": ["brook-end"],
        "venue": "al-noor",
        "meeting_times": "Wednesdays, 10.30am to 12.30pm",
        "languages": ["ur", "pa", "en"],
        "access": ["step-free", "accessible-toilet"],
        "links": [("whatsapp", "https://chat.whatsapp.com/ExampleSewingCircle")],
        "events": [
            event(
                "Sewing circle: make a tote bag",
                "Sew a simple tote bag from donated fabric. Machines and thread provided.",
                2,
                "10:30",
                120,
                [-1, 4],
                audience="adults",
            ),
        ],
        "news": [
            news(
                "Our quilt goes on show at the library",
                "The sewing circle's friendship quilt hangs in the library all month.",
                18,
                ["Forty women each sewed a square about where they were born."],
                image=True,
            ),
        ],
    },
    {
        "name": "Walking Football Over-50s",
        "slug": "walking-football-over-50s",
        "kind": "informal",
        "summary": "Football at walking pace for men and women over 50. No running!",
        "description": [
            "A gentle, friendly game on the indoor pitch. Good for your heart, your knees "
            "and your spirits. All abilities; no kit needed, just trainers.",
        ],
        "topics": ["sport", "older-people", "health-and-wellbeing"],
        "areas": ["moor-side", "hollins-park"],
        "venue": "leisure-centre",
        "meeting_times": "Thursdays, 2pm to 3pm",
        "languages": ["en"],
        "access": ["step-free", "accessible-toilet", "parking"],
        "events": [
            event(
                "Walking football",
                "An hour of friendly walking football. All abilities welcome.",
                3,
                "14:00",
                60,
                [-3, 4],
                price="£3",
            ),
        ],
        "news": [
            news(
                "Walking football team wins first tournament",
                "Our mixed team won the county over-50s walking football cup.",
                48,
                ["Not bad for a team that only started last year. New players welcome."],
            ),
        ],
    },
    {
        "name": "Little Acorns Parent and Toddler Group",
        "slug": "little-acorns-parent-and-toddler-group",
        "kind": "community",
        "summary": "Play, songs and a cuppa for babies, toddlers and their grown-ups.",
        "description": [
            "Toys, messy play, a story and singing time for children from birth to four, "
            "and a chance for parents and carers to chat over a hot drink.",
        ],
        "topics": ["children-and-families"],
        "areas": ["town-centre"],
        "venue": "st-wilfrids",
        "meeting_times": "Tuesdays in term time, 9.30am to 11.30am",
        "languages": ["en"],
        "access": ["step-free", "baby-changing", "accessible-toilet"],
        "volunteers": "Help us set out toys and make drinks, one morning a month.",
        "links": [("facebook", "https://www.facebook.com/littleacornsashbymoor")],
        "events": [
            event(
                "Little Acorns stay and play",
                "Toys, messy play and songs for under-fives and their grown-ups.",
                1,
                "09:30",
                120,
                [-2, 3],
                audience="families",
                price="£1.50 per family",
            ),
        ],
        "news": [
            news(
                "New sensory toys, thanks to your donations",
                "Money from our jumble sale bought a sensory play corner.",
                70,
                ["The new corner has lights, textures and soft play for babies."],
            ),
        ],
    },
    {
        "name": "English Conversation Club",
        "slug": "english-conversation-club",
        "kind": "community",
        "summary": "Practise speaking English in a relaxed group, with volunteers to help.",
        "description": [
            "For anyone learning English, at any level. We talk about everyday things: "
            "shopping, the doctor's, school letters, the weather (of course).",
            "Free, no need to book. Bring a friend.",
        ],
        "topics": ["learning-and-languages"],
        "areas": ["town-centre", "brook-end", "westfield"],
        "venue": "library",
        "meeting_times": "Mondays, 6pm to 7.30pm",
        "languages": ["en", "ar", "uk", "pl", "ro", "zh-hans"],
        "access": ["step-free", "hearing-loop", "accessible-toilet"],
        "volunteers": "Friendly English speakers to lead a table. No teaching experience needed.",
        "online": True,
        "events": [
            event(
                "Conversation club",
                "Relaxed English speaking practice at every level.",
                0,
                "18:00",
                90,
                [-2],
                audience="adults",
                repeat={"repeat": "fortnightly", "repeat_count": 12},
            ),
            event(
                "Conversation club online",
                "Practise English from home on a video call.",
                3,
                "19:00",
                60,
                [2],
                online=True,
                audience="adults",
            ),
        ],
        "news": [
            news(
                "Conversation club now online too",
                "A Thursday evening session on video for people who can't come in person.",
                33,
                ["Ask us for the link; it's the same every week."],
            ),
        ],
    },
    {
        "name": "Ashby Moor Men's Shed",
        "slug": "ashby-moor-mens-shed",
        "kind": "charity",
        "charity_number": "1176502",
        "summary": "A workshop where men (and women) make, mend and chat, shoulder to shoulder.",
        "description": [
            "Our shed at the allotments has woodworking tools, a lathe and a kettle. "
            "Members build bird boxes, benches for the park and toys for the nursery.",
            "Come and have a look round before you join. Membership is £10 a year.",
        ],
        "topics": ["health-and-wellbeing", "older-people"],
        "areas": ["moor-side"],
        "venue": "allotments",
        "meeting_times": "Wednesdays and Saturdays, 10am to 3pm",
        "languages": ["en"],
        "access": ["parking"],
        "volunteers": "We need a treasurer, and anyone who can teach basic woodwork.",
        "events": [
            event(
                "Men's Shed open day",
                "Look round the workshop, try the lathe and have a brew.",
                5,
                "10:00",
                240,
                [3],
                image=True,
            ),
            event(
                "Bird box building",
                "Build a bird box to take home. Tools and wood provided.",
                2,
                "10:00",
                150,
                [-2, 5],
                price="£5 for materials",
            ),
        ],
        "news": [
            news(
                "New benches for Hollins Park",
                "Shed members built and installed four oak benches by the pond.",
                40,
                [
                    "After six months of work, four new benches are in place around the "
                    "pond in Hollins Park, made from a fallen oak.",
                    "Thanks to the Friends of Hollins Park for the wood.",
                ],
                image=True,
            ),
        ],
    },
    {
        "name": "Moor Side Allotment Society",
        "slug": "moor-side-allotment-society",
        "kind": "community",
        "summary": "Growing our own on 84 plots, with a seed swap and a shop for members.",
        "description": [
            "Plots and half plots for rent to anyone in Ashby Moor. The waiting list is "
            "about a year; we also have shared beds for beginners.",
        ],
        "topics": ["environment", "food"],
        "areas": ["moor-side", "saxon-hill"],
        "venue": "allotments",
        "meeting_times": "Trading hut open Sundays, 10am to 12pm",
        "languages": ["en"],
        "access": ["parking"],
        "links": [("instagram", "https://www.instagram.com/moorsideplots")],
        "events": [
            event(
                "Seed and plant swap",
                "Bring spare seeds and seedlings, take some home.",
                6,
                "10:00",
                120,
                [5],
                image=True,
            ),
        ],
        "news": [
            news(
                "Half plots available now",
                "Four half plots are free for new growers this season.",
                30,
                ["Four half plots on the east side have come free. Ask at the trading hut."],
            ),
        ],
    },
    {
        "name": "Saxon Hill Youth Club",
        "slug": "saxon-hill-youth-club",
        "kind": "charity",
        "charity_number": "1159841",
        "summary": "Games, sport, cooking and trips for young people aged 11 to 18.",
        "description": [
            "A safe, fun place to hang out with friends, with trained youth workers. "
            "Pool, table tennis, a games console, cooking and day trips in the holidays.",
            "50p a session. Tuck shop.",
        ],
        "topics": ["children-and-families", "sport"],
        "areas": ["saxon-hill", "moor-side"],
        "venue": "scout-hut",
        "meeting_times": "Mondays and Wednesdays, 6.30pm to 9pm",
        "languages": ["en"],
        "access": ["step-free", "accessible-toilet"],
        "volunteers": "Volunteers over 18 with a DBS check (we arrange it).",
        "links": [
            ("instagram", "https://www.instagram.com/saxonhillyouth"),
            ("tiktok", "https://www.tiktok.com/@saxonhillyouth"),
        ],
        "events": [
            event(
                "Youth club night",
                "Pool, table tennis, games and cooking for 11 to 18 year olds.",
                0,
                "18:30",
                150,
                [-1, 4],
                audience="young-people",
                price="50p",
            ),
            event(
                "Cook-off challenge",
                "Teams cook a two-course meal on a budget. Judges' decision is final.",
                2,
                "18:30",
                150,
                [1],
                audience="young-people",
                image=True,
            ),
        ],
        "news": [
            news(
                "Youth club wins community award",
                "The club was named youth project of the year by the county council.",
                55,
                ["Our young people collected the award at County Hall in front of 200 guests."],
            ),
        ],
    },
    {
        "name": "Forget-Me-Not Dementia Café",
        "slug": "forget-me-not-dementia-cafe",
        "kind": "community",
        "summary": "A relaxed café afternoon for people living with dementia and their carers.",
        "description": [
            "Tea, cake, music and gentle activities in a quiet, friendly room. Carers can "
            "talk to a dementia adviser from the Alzheimer's support service.",
        ],
        "topics": ["health-and-wellbeing", "older-people"],
        "areas": ["town-centre", "brook-end"],
        "venue": "teapot",
        "meeting_times": "First and third Thursday of the month, 2pm to 4pm",
        "languages": ["en"],
        "access": ["step-free", "quiet-session", "large-print"],
        "volunteers": "Befrienders to chat and serve tea; training in dementia awareness given.",
        "events": [
            event(
                "Dementia café",
                "Tea, cake, music and company for people with dementia and their carers.",
                3,
                "14:00",
                120,
                [-2, 3],
            ),
            event(
                "Singing for the brain",
                "Familiar songs and gentle warm-ups, led by a music therapist.",
                3,
                "14:00",
                90,
                [7],
                image=True,
            ),
        ],
        "news": [
            news(
                "Dementia-friendly shops on Bridge Street",
                "Eight shops have trained their staff to be dementia friendly.",
                58,
                ["Look for the forget-me-not sticker in the window."],
            ),
        ],
    },
    {
        "name": "Ashby Moor Community Choir",
        "slug": "ashby-moor-community-choir",
        "kind": "community",
        "summary": "A friendly choir that sings pop, folk and gospel. No auditions.",
        "description": [
            "We sing in harmony, learn by ear and perform a few times a year. You don't "
            "need to read music; just come and sing.",
        ],
        "topics": ["arts-and-culture"],
        "areas": ["brook-end", "town-centre"],
        "venue": "brook-end-methodist",
        "meeting_times": "Wednesdays, 7.30pm to 9pm",
        "languages": ["en"],
        "access": ["step-free", "hearing-loop", "accessible-toilet"],
        "links": [
            ("facebook", "https://www.facebook.com/ashbymoorchoir"),
            ("youtube", "https://www.youtube.com/@ashbymoorchoir"),
        ],
        "website": True,
        "events": [
            event(
                "Choir rehearsal",
                "Weekly rehearsal. New singers welcome any week.",
                2,
                "19:30",
                90,
                [1],
                price="£4, first session free",
            ),
            event(
                "Community choir concert",
                "The community choir sings pop, folk and gospel, with the Saxon Hill school choir.",
                5,
                "19:00",
                120,
                [6],
                price="£8, under-16s free",
                booking=True,
                image=True,
            ),
        ],
        "news": [
            news(
                "Tickets on sale for our concert",
                "Our next concert is at Brook End Methodist Church; tickets are £8.",
                6,
                ["Join us for an evening of songs old and new. Under-16s go free."],
            ),
        ],
    },
    {
        "name": "Brook End Litter Pickers",
        "slug": "brook-end-litter-pickers",
        "kind": "informal",
        "summary": "Neighbours keeping Brook End tidy, one Sunday morning a month.",
        "description": [
            "We supply pickers, bags, gloves and hi-vis. Meet in the church car park; we "
            "finish with a coffee. Children welcome with an adult.",
        ],
        "topics": ["environment"],
        "areas": ["brook-end"],
        "venue": "brook-end-methodist",
        "meeting_times": "Last Sunday of the month, 10am to 12pm",
        "languages": ["en"],
        "access": [],
        "volunteers": "Anyone can come. No need to sign up.",
        "links": [("facebook", "https://www.facebook.com/groups/brookendlitterpickers")],
        "events": [
            event(
                "Community litter pick",
                "Help tidy the brook path and Mill Lane. Equipment provided.",
                6,
                "10:00",
                120,
                [-4, 4],
            ),
        ],
        "news": [
            news(
                "62 bags collected in the big clean-up",
                "Forty volunteers cleared the brook path and two shopping trolleys.",
                45,
                ["A record turnout: thank you all. The council collected the bags on Monday."],
                image=True,
            ),
        ],
    },
    {
        "name": "Ashby Moor Refugee Welcome",
        "slug": "ashby-moor-refugee-welcome",
        "kind": "charity",
        "charity_number": "1190417",
        "summary": "Friendship, advice and practical help for refugees and people seeking asylum.",
        "description": [
            "We help new arrivals settle in: registering with a GP, finding school places, "
            "English classes, bikes, and a friendly face.",
            "Our drop-in has interpreters for Arabic and Ukrainian most weeks.",
        ],
        "topics": ["money-and-advice", "learning-and-languages"],
        "areas": ["westfield", "town-centre", "brook-end"],
        "venue": "westfield-centre",
        "meeting_times": "Fridays, 10am to 1pm",
        "languages": ["en", "ar", "uk"],
        "access": ["step-free", "accessible-toilet", "parking"],
        "volunteers": "Befrienders, drivers and people who speak Arabic, Pashto or Tigrinya.",
        "website": True,
        "events": [
            event(
                "Welcome drop-in",
                "Advice, English practice and a hot lunch for refugees and asylum seekers.",
                4,
                "10:00",
                180,
                [-2, 3],
            ),
            event(
                "Shared supper",
                "A bring-a-dish supper with food from Syria, Ukraine, Sudan and Ashby Moor.",
                5,
                "18:00",
                150,
                [4],
                image=True,
            ),
        ],
        "news": [
            news(
                "Bikes for new arrivals",
                "Twenty donated bikes have been serviced and given to families.",
                25,
                ["Thanks to the repair café for servicing every bike."],
            ),
        ],
    },
    {
        "name": "Moorlands Credit Union Help Point",
        "slug": "moorlands-credit-union-help-point",
        "kind": "community",
        "summary": "Save a little, borrow fairly and get help with budgeting.",
        "description": [
            "Open an account, pay in, or talk about a loan at a fair rate. Volunteers can "
            "help you plan a budget and check you are getting every benefit you are due.",
        ],
        "topics": ["money-and-advice"],
        "areas": ["town-centre", "westfield"],
        "venue": "library",
        "meeting_times": "Wednesdays, 10am to 12pm",
        "languages": ["en", "pl"],
        "access": ["step-free", "hearing-loop", "large-print"],
        "website": True,
        "events": [
            event(
                "Money help drop-in",
                "Save, borrow fairly and get help with a budget. Bring ID to open an account.",
                2,
                "10:00",
                120,
                [-1, 5],
            ),
        ],
        "news": [],
    },
    {
        "name": "Hollins Park parkrun Volunteers",
        "slug": "hollins-park-parkrun-volunteers",
        "kind": "informal",
        "summary": "The people who marshal, time and scan at the Saturday 5k in Hollins Park.",
        "description": [
            "The Hollins Park 5k is free, weekly and for everyone: walk, jog or run. It "
            "needs about 20 volunteers a week; volunteering counts as taking part.",
        ],
        "topics": ["sport", "health-and-wellbeing"],
        "areas": ["hollins-park"],
        "venue": "pavilion",
        "meeting_times": "Saturdays, 8.30am (run starts at 9am)",
        "languages": ["en"],
        "access": ["accessible-toilet", "parking"],
        "volunteers": "Marshals, timekeepers, barcode scanners and tail walkers.",
        "links": [("facebook", "https://www.facebook.com/hollinspark5k")],
        "events": [
            event(
                "Volunteer briefing and first-timers' welcome",
                "New to the Saturday 5k? Hear how it works before the start.",
                5,
                "08:40",
                20,
                [2],
            ),
        ],
        "news": [
            news(
                "Our 300th Saturday 5k",
                "Two hundred and forty people walked, jogged and ran our 300th event.",
                11,
                ["Cake was served at the pavilion afterwards. Thank you, volunteers."],
                image=True,
            ),
        ],
    },
    {
        "name": "Ashby Moor Chess Club",
        "slug": "ashby-moor-chess-club",
        "kind": "community",
        "summary": "Casual and league chess for all ages and strengths.",
        "description": [
            "Beginners' coaching from 7pm, then casual games. We run two teams in the "
            "county league.",
        ],
        "topics": ["learning-and-languages"],
        "areas": ["town-centre"],
        "venue": "old-fire-station",
        "meeting_times": "Tuesdays, 7pm to 10pm",
        "languages": ["en"],
        "access": ["step-free", "accessible-toilet"],
        "online": True,
        "links": [("other", "https://lichess.org/team/ashby-moor-chess-club-example")],
        "events": [
            event(
                "Club night",
                "Coaching for beginners, then friendly games.",
                1,
                "19:00",
                180,
                [-2],
                price="£2",
            ),
            event(
                "Rapidplay tournament",
                "Five rounds of 15-minute games. Prizes for juniors.",
                5,
                "10:00",
                420,
                [5],
                price="£10, juniors £5",
                booking=True,
            ),
        ],
        "news": [
            news(
                "Junior chess starts in the library",
                "Free coaching for 8 to 14 year olds in the school holidays.",
                23,
                ["Sessions are on Wednesday mornings; boards provided."],
            ),
        ],
    },
    {
        "name": "Al-Noor Community Kitchen",
        "slug": "al-noor-community-kitchen",
        "kind": "charity",
        "charity_number": "1168233",
        "summary": "A free hot meal every Friday for anyone, whatever their faith.",
        "description": [
            "Volunteers from the mosque cook a hot, halal meal and serve it in the "
            "community room. Everyone sits down together. Takeaway portions for people "
            "who can't stay.",
        ],
        "topics": ["food", "faith"],
        "areas": ["brook-end", "town-centre"],
        "venue": "al-noor",
        "meeting_times": "Fridays, 5pm to 7pm",
        "languages": ["en", "ur", "ar", "bn"],
        "access": ["step-free", "accessible-toilet"],
        "volunteers": "Cooks, servers and washers-up.",
        "events": [
            event(
                "Friday community meal",
                "A free, hot halal meal for anyone. Sit in or take away.",
                4,
                "17:00",
                120,
                [-3, 4],
            ),
            event(
                "Open mosque day",
                "Tours of the mosque, questions answered, tea and samosas.",
                6,
                "11:00",
                240,
                [3],
                image=True,
            ),
        ],
        "news": [
            news(
                "10,000 meals served",
                "The Friday kitchen has served its ten-thousandth meal since 2020.",
                60,
                ["Thank you to every volunteer and every local shop that gave food."],
            ),
        ],
    },
    {
        "name": "Ashby Moor Talking Newspaper",
        "slug": "ashby-moor-talking-newspaper",
        "kind": "charity",
        "charity_number": "1023115",
        "summary": "Local news read aloud and sent free to blind and partially sighted people.",
        "description": [
            "Every week our readers record the local news on a USB stick or a podcast. "
            "Free for anyone who finds it hard to read print.",
        ],
        "topics": ["older-people", "health-and-wellbeing"],
        "areas": ["town-centre", "moor-side", "westfield", "brook-end", "saxon-hill"],
        "venue": "library",
        "meeting_times": "Recording on Thursday evenings",
        "languages": ["en"],
        "access": ["large-print", "hearing-loop"],
        "volunteers": "Readers with clear voices and an editor.",
        "online": True,
        "events": [
            event(
                "Readers' audition evening",
                "Try reading a news story into the microphone. No experience needed.",
                3,
                "18:30",
                90,
                [4],
            ),
        ],
        "news": [],
    },
    {
        "name": "Westfield Wellbeing Walks",
        "slug": "westfield-wellbeing-walks",
        "kind": "informal",
        "summary": "Free, gentle group walks of about an hour, with a cuppa afterwards.",
        "description": [
            "Led walks on flat paths around Westfield and Hollins Park. Walk at your own "
            "pace; a back marker makes sure nobody is left behind.",
        ],
        "topics": ["health-and-wellbeing", "sport", "older-people"],
        "areas": ["westfield", "hollins-park"],
        "venue": "westfield-centre",
        "meeting_times": "Mondays, 10.30am",
        "languages": ["en"],
        "access": ["parking"],
        "events": [
            event(
                "Wellbeing walk",
                "A gentle one-hour walk on flat paths, then tea at the centre.",
                0,
                "10:30",
                75,
                [-3, 5],
            ),
        ],
        "news": [],
    },
    {
        "name": "Ashby Moor Ukrainian Community",
        "slug": "ashby-moor-ukrainian-community",
        "kind": "community",
        "summary": "Українська громада: support, culture and friendship for Ukrainians in town.",
        "description": [
            "A meeting place for Ukrainian families and their hosts. Help with paperwork, "
            "a Saturday club for children, and celebrations of Ukrainian festivals.",
        ],
        "topics": ["children-and-families", "arts-and-culture"],
        "areas": ["westfield", "town-centre"],
        "venue": "westfield-centre",
        "meeting_times": "Saturdays, 11am to 2pm",
        "languages": ["uk", "en"],
        "access": ["step-free", "accessible-toilet", "parking"],
        "links": [("telegram", "https://t.me/ashbymoorukraine_example")],
        "events": [
            event(
                "Ukrainian Saturday club",
                "Crafts, songs and games in Ukrainian for children aged 4 to 12.",
                5,
                "11:00",
                120,
                [-2, 3],
                audience="children",
            ),
        ],
        "news": [
            news(
                "Ukrainian embroidery day in the town square",
                "Ukrainian families marked Vyshyvanka, embroidered shirt day, with songs.",
                84,
                ["Thank you to everyone who came and wore something embroidered."],
            ),
        ],
    },
    {
        "name": "Ashby Moor Advice Network",
        "slug": "ashby-moor-advice-network",
        "kind": "charity",
        "charity_number": "1101588",
        "summary": "Free, confidential advice on benefits, debt, housing and work.",
        "description": [
            "Trained advisers help you understand your rights and your options. Drop in, "
            "or phone to book a longer appointment.",
        ],
        "topics": ["money-and-advice"],
        "areas": ["town-centre", "westfield", "brook-end", "moor-side"],
        "venue": "library",
        "meeting_times": "Tuesdays and Thursdays, 9.30am to 12.30pm",
        "languages": ["en", "pl", "ur", "bfi"],
        "access": ["step-free", "hearing-loop", "bsl", "accessible-toilet"],
        "volunteers": "Train as a volunteer adviser: six weeks, one day a week.",
        "website": True,
        "events": [
            event(
                "Advice drop-in",
                "Free advice on benefits, debt, housing and work. No appointment needed.",
                1,
                "09:30",
                180,
                [-1, 4],
            ),
            event(
                "Energy bills workshop",
                "How to read your bill, switch tariffs and get help with arrears.",
                3,
                "18:00",
                90,
                [1],
                online="hybrid",
            ),
        ],
        "news": [
            news(
                "Changes to Universal Credit: what you need to know",
                "Some people on older benefits are being moved to Universal Credit.",
                14,
                [
                    "If you get a letter about moving to Universal Credit, don't ignore it: "
                    "you have three months to claim.",
                    "Drop in and we will help you with the claim.",
                ],
            ),
        ],
    },
    {
        "name": "Old Fire Station Arts Collective",
        "slug": "old-fire-station-arts-collective",
        "kind": "community",
        "summary": "Local artists running workshops, exhibitions and open studios.",
        "description": [
            "We run drawing, printmaking and pottery workshops for adults and children, "
            "and the gallery shows local work every month.",
        ],
        "topics": ["arts-and-culture"],
        "areas": ["town-centre"],
        "venue": "old-fire-station",
        "meeting_times": "Studios open Thursday to Sunday",
        "languages": ["en"],
        "access": ["step-free", "hearing-loop", "accessible-toilet", "quiet-session"],
        "links": [
            ("instagram", "https://www.instagram.com/oldfirestationarts"),
            ("mastodon", "https://mastodon.art/@oldfirestation_example"),
        ],
        "website": True,
        "events": [
            event(
                "Life drawing",
                "Untutored life drawing with a model. Bring your own materials.",
                3,
                "19:00",
                120,
                [-2, 6],
                audience="adults",
                price="£8",
            ),
            event(
                "Family printmaking",
                "Make prints with leaves and lino. For ages 5 and up with an adult.",
                6,
                "14:00",
                120,
                [3],
                audience="families",
                price="£4 per child",
                booking=True,
                image=True,
            ),
            event(
                "Relaxed gallery opening",
                "A quiet, relaxed opening of the local artists' exhibition.",
                4,
                "17:30",
                120,
                [4],
            ),
        ],
        "news": [
            news(
                "Open studios weekend",
                "Twenty artists open their studios to the public this month.",
                9,
                ["Pick up a map at the gallery and visit studios across town."],
                image=True,
            ),
        ],
    },
    {
        "name": "Bangla Elders Circle",
        "slug": "bangla-elders-circle",
        "kind": "community",
        "summary": "A weekly social for Bangladeshi elders, with chair exercise and health talks.",
        "description": [
            "Tea, chat and gentle chair exercise in Bengali and Sylheti, with a monthly "
            "talk from a health worker.",
        ],
        "topics": ["older-people", "health-and-wellbeing", "faith"],
        "areas": ["brook-end"],
        "venue": "al-noor",
        "meeting_times": "Sundays, 2pm to 4pm",
        "languages": ["bn", "en"],
        "access": ["step-free", "accessible-toilet"],
        "events": [
            event(
                "Elders' social and chair exercise",
                "Tea, chat and gentle chair exercise in Bengali.",
                6,
                "14:00",
                120,
                [-1, 5],
                audience="older-people",
            ),
        ],
        "news": [],
    },
]

# Events organised by the site's operator, under the what's on page.
HUB_EVENTS = [
    event(
        "Community groups fair",
        "Meet forty local groups, find something to join and sign up to volunteer.",
        5,
        "10:00",
        300,
        [3],
        venue="leisure-centre",
        image=True,
        topics=["health-and-wellbeing", "arts-and-culture", "sport"],
    ),
    event(
        "Funding surgery for community groups",
        "One-to-one help with grant applications from the CVS funding adviser.",
        2,
        "14:00",
        180,
        [4],
        venue="library",
        booking=True,
        topics=["money-and-advice"],
    ),
    event(
        "Safeguarding basics for volunteers",
        "A free two-hour online course for anyone volunteering with children or adults.",
        1,
        "18:30",
        120,
        [2],
        online=True,
        booking=True,
        audience="adults",
    ),
    event(
        "Volunteers' celebration tea",
        "Afternoon tea to thank Ashby Moor's volunteers. Everyone who volunteers is invited.",
        6,
        "15:00",
        120,
        [-3],
        venue="old-fire-station",
    ),
    event(
        "Community fun day",
        "Music, food stalls, sport taster sessions and games for all ages.",
        5,
        "11:00",
        360,
        [7],
        venue="leisure-centre",
        image=True,
        topics=["arts-and-culture", "sport", "food", "children-and-families"],
        audience="families",
    ),
    event(
        "Get online: tablet and phone help",
        "Bring your phone or tablet; volunteers help with e-mail, video calls and apps.",
        4,
        "10:00",
        120,
        [-2, 5],
        venue="library",
        audience="older-people",
        topics=["older-people", "learning-and-languages"],
    ),
]

# Hub news, under the news page.
HUB_NEWS = [
    news(
        "Welcome to the Ashby Moor Noticeboard",
        "One place for every community group, event and piece of local news in town.",
        88,
        [
            "The noticeboard is run by the Council for Voluntary Service for everyone in "
            "Ashby Moor. Any group can list itself and its events for free.",
            "Volunteers from each group keep their own page up to date; our moderators "
            "check everything before it goes live.",
        ],
        image=True,
    ),
    news(
        "Small grants for community groups: apply by the end of the month",
        "Grants of up to £1,000 for groups that bring neighbours together.",
        21,
        ["The Ashby Moor Community Fund is open. Our funding adviser can help you apply."],
        topics=["money-and-advice"],
    ),
    news(
        "Warm spaces across town",
        "Six warm, welcoming spaces are open across Ashby Moor, free for everyone.",
        80,
        ["Find them on the what's on page under 'older people' and 'food'."],
        topics=["older-people", "health-and-wellbeing"],
    ),
    news(
        "Bus 12 timetable change",
        "From next month the number 12 runs every 20 minutes until 7pm.",
        16,
        ["The change means later buses from Westfield and Saxon Hill to the town centre."],
    ),
    news(
        "Thank you, volunteers",
        "Over 1,200 people volunteer with groups listed on this site.",
        35,
        ["We counted the volunteers our groups told us about: 1,214. Thank you all."],
        image=True,
    ),
    news(
        "New: add your group's events in your own language",
        "Groups can now write event details in Polish, Urdu, Arabic and more.",
        4,
        ["Ask us if you'd like help adding a translation."],
        topics=["learning-and-languages"],
    ),
    news(
        "Library opening hours extended",
        "Ashby Moor Library now opens until 7pm on Mondays and Thursdays.",
        50,
        ["The longer hours make room for evening clubs and quiet study."],
        topics=["learning-and-languages"],
    ),
    news(
        "Hollins Park play area reopens",
        "The refurbished play area has accessible swings and a sensory garden.",
        66,
        ["The Friends of Hollins Park raised £40,000 for the new equipment."],
        image=True,
        topics=["children-and-families"],
    ),
    news(
        "Have your say on the town centre plan",
        "The council wants to hear from residents about Market Street's future.",
        2,
        ["Drop-in sessions are at the library; you can also reply online."],
    ),
]

# The home page's featured groups, in order: a charity, a community group and
# an informal group at least.
FEATURED_GROUPS = [
    "ashby-moor-repair-cafe",
    "ashby-moor-food-bank",
    "westfield-warm-space",
    "english-conversation-club",
    "walking-football-over-50s",
    "old-fire-station-arts-collective",
]

# Search promotions: what moderators pin for a common search.
# (query, slug of the page pinned, description shown with it)
SEARCH_PROMOTIONS = [
    (
        "warm space",
        "warm-spaces-across-town",
        "Every warm space in Ashby Moor: free, with hot drinks and company.",
    ),
    (
        "food bank",
        "ashby-moor-food-bank",
        "Emergency food, and how to get a voucher or give food.",
    ),
]
