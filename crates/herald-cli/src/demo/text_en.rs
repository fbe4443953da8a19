//! English text of the demo site. Every entry is parallel to the same entry
//! in `text_fa` and `text_ar`. All places, people and events are invented.

use herald_core::Direction;
use herald_core::calendar::{Calendar, Digits};

use super::{Bank, Page};

pub(crate) static BANK: Bank = Bank {
    code: "en",
    name: "English",
    direction: Direction::Ltr,
    calendar: Calendar::Gregorian,
    digits: Digits::Latin,
    date_format: "{month} {d}, {y}",
    site_name: "The Lantern Post",
    tagline: "Independent news and civic voices from the Tarrow Valley",
    read_more: "Read more",
    kind_labels: ["News", "Photo reports", "Videos", "Opinion"],
    places: [
        "Kelmar",
        "Sorin",
        "Nareh",
        "Belvan",
        "Miravel",
        "Osterby",
        "Castelmora",
        "Lindgrove",
    ],
    titles: [
        (
            "{p} reservoir reaches its highest spring level in a decade",
            "The reservoir above {p} has filled to its highest spring level in ten years, after a wet winter in the hills.",
        ),
        (
            "Volunteers map every stream in {p} for a new water atlas",
            "A group of volunteers has spent the past three months walking every stream in {p} with notebooks, maps and water-testing kits.",
        ),
        (
            "{p} households asked to cut garden watering during dry spell",
            "The municipal water office has asked households in {p} to water their gardens only in the early morning or late evening until the dry spell ends.",
        ),
        (
            "How {p} farmers are adapting to shorter winters",
            "Farmers around {p} say the winters are getting shorter, and they are changing what they plant and when.",
        ),
        (
            "CLIMA-7 sensors to track heat in {p} neighbourhoods",
            "Thirty small CLIMA-7 sensors will be fixed to lamp posts across {p} this summer to record temperatures street by street.",
        ),
        (
            "Opinion: {p} needs shade, not more asphalt",
            "Every summer, the same streets in {p} turn into ovens, and every summer we promise to do something about it.",
        ),
        (
            "Storks return to the {p} wetlands after a twelve-year absence",
            "Storks have been seen nesting again in the wetlands south of {p} for the first time in twelve years.",
        ),
        (
            "In pictures: the night-time moth count in {p}",
            "On three warm nights this month, volunteers in {p} hung white sheets and lamps in their gardens to count the moths that came to visit.",
        ),
        (
            "Hedgehog tunnels planned under two {p} roads",
            "The council in {p} has approved two small tunnels that will let hedgehogs cross busy roads safely.",
        ),
        (
            "{p} river clean-up collects two tonnes of litter",
            "More than two hundred volunteers spent Saturday morning pulling litter out of the river in {p}.",
        ),
        (
            "Recycling rates in {p} rise for the third year running",
            "Households in {p} recycled a larger share of their waste last year than ever before, according to new figures from the town hall.",
        ),
        (
            "New tree nursery in {p} will supply schools and parks",
            "A new tree nursery on the edge of {p} will grow thousands of young trees for school yards and public parks.",
        ),
        (
            "{p} school opens its library to the whole neighbourhood",
            "A primary school in {p} has opened its library to everyone who lives in the neighbourhood, not only its pupils.",
        ),
        (
            "After-school science club in {p} doubles in size",
            "The after-school science club in {p} started with twelve children; this term more than two dozen have signed up.",
        ),
        (
            "Watch: pupils in {p} build a weather station",
            "Pupils at a school in {p} have built their own weather station from kits, spare parts and a great deal of patience.",
        ),
        (
            "Teachers in {p} propose a safer bike route to school",
            "A group of teachers in {p} wants more children to ride bicycles to school, and has drawn up a plan to make it safe.",
        ),
        (
            "{p} clinic extends evening hours for working families",
            "The clinic in {p} will now stay open until eight in the evening on three days a week, so that working parents can bring their children after work.",
        ),
        (
            "Walking groups in {p} attract all ages",
            "Every Wednesday morning, a group of walkers gathers in front of the town hall in {p}, and the group keeps growing.",
        ),
        (
            "Free eye tests for older residents in {p} this month",
            "Residents of {p} over sixty can have their eyes tested for free at the community centre throughout this month.",
        ),
        (
            "{p} housing cooperative lays the first stone of forty homes",
            "Members of a housing cooperative in {p} laid the first stone of forty new homes on Friday, after six years of planning.",
        ),
        (
            "Renters in {p} form an association to share repair costs",
            "Tenants in several buildings in {p} have formed an association to share the cost of repairs and speak with one voice to landlords.",
        ),
        (
            "Opinion: empty shops in {p} could become homes",
            "Walk down the main street of {p} and count the empty shop windows; then imagine the families who could live behind them.",
        ),
        (
            "In pictures: neighbours in {p} turn an empty lot into a shared garden",
            "A patch of waste ground in {p} that sat empty for years has become a shared garden, thanks to the people who live around it.",
        ),
        (
            "{p} community kitchen serves its ten-thousandth meal",
            "The community kitchen in {p} served its ten-thousandth meal this week, three years after it opened in a borrowed school hall.",
        ),
        (
            "The {p} farmers market moves indoors for the winter",
            "The farmers market in {p} will move into the old covered hall for the winter months, its organisers announced.",
        ),
        (
            "Small businesses in {p} share one delivery van",
            "Five small businesses in {p} have started sharing a single electric van for their deliveries.",
        ),
        (
            "{p} repair café saves hundreds of appliances from the tip",
            "Toasters, lamps, radios and bicycles: the volunteers at the repair café in {p} have fixed hundreds of them this year.",
        ),
        (
            "Three questions about the {p} budget for 2026",
            "The town council of {p} will vote on its 2026 budget next month. Here are three questions worth asking before it does.",
        ),
        (
            "Solar roofs on {p} warehouses cut power bills",
            "Owners of three warehouses in {p} installed solar panels on their roofs last year, and their electricity bills have fallen sharply.",
        ),
        (
            "Amateur astronomers in {p} spot a rare comet",
            "A group of amateur astronomers in {p} photographed a faint comet low in the western sky last week.",
        ),
        (
            "A {p} lab is testing seeds that need less water",
            "Researchers at a small laboratory in {p} are testing seeds of wheat and lentils that can grow with less water.",
        ),
        (
            "Watch: a night under dark skies above {p}",
            "On a clear night, far from the street lights, the sky above {p} is full of stars. Our video team spent a whole night watching it.",
        ),
        (
            "Women in science: the {p} geologist who reads old riverbeds",
            "For twenty years, a geologist from {p} has been reading the layers of old riverbeds like the pages of a history book.",
        ),
        (
            "{p} students win a regional robotics prize with a STEM project",
            "A team of secondary school students from {p} has won a regional robotics prize with a STEM project that sorts recyclable waste.",
        ),
        (
            "{p} library lends out telescopes and seed packets",
            "Alongside books, the public library in {p} now lends out small telescopes and packets of vegetable seeds.",
        ),
        (
            "Book festival in {p} puts local writers on stage",
            "The book festival in {p} gave the stage to local writers this year, with readings in three languages.",
        ),
        (
            "In pictures: the lantern parade in {p}",
            "Hundreds of paper lanterns lit up the streets of {p} on Saturday evening for the town's annual parade.",
        ),
        (
            "Old mill in {p} reopens as a cultural centre",
            "The old water mill in {p}, closed for decades, has reopened as a cultural centre.",
        ),
        (
            "Watch: the {p} youth choir rehearses for its first tour",
            "The youth choir of {p} is preparing for its first tour, with concerts in three towns of the valley.",
        ),
        (
            "{p} council publishes every contract online",
            "The council of {p} has begun publishing all of its contracts online, with the amount, the supplier and the date of signing.",
        ),
        (
            "Residents of {p} vote on how to spend a small-projects fund",
            "Residents of {p} will decide how to spend a small fund set aside for neighbourhood projects.",
        ),
        (
            "Opinion: public meetings in {p} should be held in the evening",
            "Council meetings in {p} start at two in the afternoon, when most people who have a job cannot attend.",
        ),
        (
            "New bus line links {p} to the valley hospital",
            "A new bus line now links {p} with the valley hospital, cutting the journey for patients and visitors.",
        ),
        (
            "{p} cycling lanes: what changed after one year?",
            "A year after protected cycling lanes were painted on the main roads of {p}, we asked cyclists, drivers and shopkeepers what has changed.",
        ),
        (
            "GreenMap app shows where to recycle in {p}",
            "A free app called GreenMap now shows residents of {p} where to take glass, batteries, clothes and old electronics.",
        ),
        (
            "Watch: how {p} brought its old canal back to life",
            "The old canal in {p} was a dry ditch full of rubbish five years ago. Today it carries water again.",
        ),
        (
            "Opinion: {p} should protect its last meadows",
            "The meadows on the northern edge of {p} are among the last of their kind in the valley, and they deserve protection.",
        ),
        (
            "{p} air-quality readings improve after traffic changes",
            "Air quality readings in central {p} have improved since the market square was closed to through traffic.",
        ),
    ],
    area_sentences: [
        [
            "Water levels in the reservoir are measured every morning by a small team from the municipal works department.",
            "Hydrologists say the spring melt began about two weeks earlier than the long-term average.",
            "Along the riverbank, volunteers have planted willows to hold the soil in place during floods.",
            "The town's new heat map shows that streets without trees can be several degrees warmer on summer afternoons.",
            "Birdwatchers have recorded more than sixty species in the wetlands since the start of the year.",
            "Local schools have each adopted a section of the stream and check its water quality once a month.",
            "Recycling bins for glass and metal in the town centre are now emptied twice a week.",
            "*Small changes add up*, the environmental officer reminded residents at the last public meeting.",
            "The parks department plans to replace thirsty lawns with native grasses that need little watering.",
            "Farmers upstream have agreed to leave a strip of wild flowers along the edge of every field.",
        ],
        [
            "The neighbourhood centre in {p} is open six days a week and runs almost entirely on volunteer time.",
            "Parents say the new evening timetable makes it easier to combine work and family life.",
            "The school library now stays open until seven, and adults can borrow books with the same card as their children.",
            "Nurses from the clinic visit the village halls once a month to check blood pressure and answer questions.",
            "According to the tenants' association, rents in the town have risen faster than wages over the past five years.",
            "The cooperative model lets members share the cost of land, building and maintenance.",
            "Older residents were among the first to sign up, and many of them brought their grandchildren along.",
            "Teachers say that pupils who take part in outdoor lessons concentrate better in class.",
            "A rota of volunteers cooks lunch every weekday with vegetables donated by local growers.",
            "The organisers hope the project will help newcomers to {p} feel at home more quickly.",
        ],
        [
            "Shop owners in {p} say customers have returned since the market square was closed to cars.",
            "The market now has forty-two stalls, more than half of them run by families from the surrounding villages.",
            "By sharing a single van, the businesses expect to save on fuel and on parking fines.",
            "The repair café is open on the first Saturday of every month, and all of its fixers are volunteers.",
            "The solar panels on the warehouse roofs now cover most of the electricity they use during the day.",
            "The town's budget for next year sets aside a modest sum for projects proposed by residents.",
            "Economists at the regional college describe the local economy as *small but remarkably resilient*.",
            "Young people who train as electricians and plumbers rarely have to leave {p} to find work.",
            "A cooperative bakery that opened last spring now employs eleven people.",
            "Traders are asking for clearer rules on street stalls and a simpler permit process.",
        ],
        [
            "The observation was confirmed by two other groups of amateur astronomers in the valley.",
            "Researchers at the regional college are testing varieties of wheat and lentils that need less water.",
            "The robotics team spent four months designing a machine that sorts recyclable waste.",
            "Dark-sky rules adopted by {p} keep street lights low and pointed towards the ground.",
            "The geologist has spent twenty years reading the layers of old riverbeds for signs of past floods.",
            "The students collect the data themselves and publish it on the school website every week.",
            "A new telescope, bought with small donations from residents, has been installed on the library roof.",
            "The scientists stress that the results are preliminary and must be repeated over several seasons.",
            "Visitors to the open day could look at pond water under a microscope and talk with the researchers.",
            "The project is part of a wider effort to interest more girls in science and engineering.",
        ],
        [
            "The old mill on the edge of {p} has been restored with the help of local builders and craftspeople.",
            "The lantern parade has been held every autumn for as long as anyone in {p} can remember.",
            "On the festival's opening night, writers from the valley read from their new books in three languages.",
            "The youth choir rehearses twice a week in the hall of the primary school.",
            "Entry to most of the events is free, and this year the programme is printed in large type.",
            "The library's local history collection includes photographs donated by dozens of families.",
            "Musicians, painters and bakers shared the same courtyard for the whole weekend.",
            "Children spent the afternoon making paper lanterns with the help of two retired teachers.",
            "The cultural centre will host exhibitions, concerts and a weekly film night.",
            "The organisers say the aim is to celebrate the many languages and traditions of {p}.",
        ],
        [
            "The council of {p} meets on the second Tuesday of every month, and its meetings are open to the public.",
            "All contracts above a small threshold are now published online within a week of signing.",
            "Residents can submit proposals online, or on paper at the town hall, until the end of the month.",
            "The new bus line runs every thirty minutes on weekdays and every hour at weekends.",
            "Cyclists say the protected lanes feel safer, though some drivers complain about the loss of parking spaces.",
            "Several councillors have asked for an independent review of the results after the first year.",
            "The mayor's office says it will answer every written question within fifteen working days.",
            "A group of residents has started attending every council meeting and publishing short notes about it.",
            "Campaigners argue that evening meetings would allow many more working people to take part.",
            "The transport plan will be discussed again at a public hearing next month.",
        ],
    ],
    generic: [
        "The project began with a handful of residents and has grown steadily since then.",
        "Not everyone is convinced, and some residents have raised concerns about the cost.",
        "The organisers say they will publish a full report at the end of the year.",
        "Local officials welcomed the initiative and promised to review it in six months.",
        "Anyone who wants to take part can sign up at the town hall or on the municipal website.",
        "The idea came from a public meeting held in {p} last autumn.",
        "Similar schemes in neighbouring towns have produced mixed results so far.",
        "Funding comes from a mix of small donations, a municipal grant and membership fees.",
        "**The next meeting is open to everyone**, and no registration is needed.",
        "We will follow the story and report back as the work continues.",
        "For many families in {p}, the change has already made daily life a little easier.",
        "The work is expected to be finished before the summer holidays begin.",
        "Residents who spoke to The Lantern Post described the mood as cautiously hopeful.",
        "Volunteers say the hardest part is keeping people involved once the first enthusiasm fades.",
        "Critics say the plan is sensible but should have been discussed with residents earlier.",
        "The organisers thanked the dozens of people who gave up their weekends for the project.",
        "Details of the timetable are posted on the notice board outside the town hall.",
        "Similar questions have been raised in other towns of the Tarrow Valley.",
        "If it is funded, a second phase would extend the project to the neighbouring villages.",
        "Everyone we spoke to agreed on one thing: the town should keep talking about it.",
    ],
    headings: [
        "What happens next",
        "Background",
        "What residents say",
        "The numbers",
        "How to take part",
        "A closer look",
        "Questions that remain",
        "Behind the project",
        "A long road",
        "Looking ahead",
    ],
    lists: [
        (
            "The plan includes:",
            [
                "new measuring points along the river",
                "native trees for every school yard",
                "a clean-up day every month",
                "a public map of water readings",
                "advice for households on saving water",
            ],
        ),
        (
            "What the programme offers:",
            [
                "free evening sessions twice a week",
                "help with forms and applications",
                "activities for children and teenagers",
                "a lending shelf for books and tools",
                "home visits for residents who cannot travel",
            ],
        ),
        (
            "What traders are asking for:",
            [
                "simpler permits for street stalls",
                "shared storage near the market",
                "better signs for visitors",
                "lower fees in the first year",
                "a regular meeting with the council",
            ],
        ),
        (
            "What the students measured:",
            [
                "air temperature and humidity",
                "rainfall and wind speed",
                "the number of clear nights each month",
                "water quality in the stream",
                "noise levels near the main road",
            ],
        ),
        (
            "Highlights of the programme:",
            [
                "readings by local writers",
                "an exhibition of old photographs",
                "concerts in the courtyard",
                "workshops for children",
                "a film night every Friday",
            ],
        ),
        (
            "The main proposals:",
            [
                "council meetings in the evening",
                "every contract published online",
                "a small-projects fund chosen by residents",
                "a written answer to every question",
                "live notes from every meeting",
            ],
        ),
    ],
    quotes: [
        (
            "“We did not expect so many people to come on a rainy Saturday.”",
            "Aida Sorensen, volunteer coordinator",
        ),
        (
            "“Every measurement tells us a little more about how the river is changing.”",
            "Karim Nouri, hydrologist",
        ),
        (
            "“For the first time, I feel that the council is listening to us.”",
            "Mina Laurent, resident",
        ),
        (
            "“It is not a big project, but it is ours.”",
            "Jonas Hale, shop owner",
        ),
        (
            "“Children learn fastest when they can touch and build things themselves.”",
            "Leyla Demir, science teacher",
        ),
        (
            "“We want the town to be a place where young people choose to stay.”",
            "Tomas Reiner, town councillor",
        ),
        (
            "“Good information is the first thing any community needs.”",
            "Nora Vale, librarian",
        ),
        (
            "“The valley has always been a meeting place of languages.”",
            "Samir Aziz, festival organiser",
        ),
    ],
    footnotes: [
        "Figures provided by the organisers; they have not been independently verified.",
        "The municipal office confirmed the dates but did not comment on the costs.",
        "An earlier version of this article gave the wrong opening hours; they have been corrected.",
        "Based on the readings published on the municipal open-data portal.",
    ],
    deks: [
        [
            "A look at how {p} cares for its rivers, trees and wild places, and what residents can do to help.",
            "What the latest measurements say about water and weather in {p}, explained in plain words.",
        ],
        [
            "Schools, clinics and neighbours in {p} are trying new ways to support one another.",
            "A short report on a local project that began with a few volunteers and now reaches hundreds of families.",
        ],
        [
            "Traders and makers in {p} explain how they are adapting, and what they ask of the council.",
            "Small steps, shared costs: how local businesses in {p} are getting through a difficult year.",
        ],
        [
            "Students, amateurs and researchers in {p} share what they have been measuring and why it matters.",
            "Curiosity and patient work: a science story from the Tarrow Valley.",
        ],
        [
            "Music, books and old buildings: a weekend of culture in {p}.",
            "How the people of {p} keep old traditions alive and start new ones.",
        ],
        [
            "How decisions are made in {p}, and how residents can take part.",
            "A closer look at a council decision and what it means for daily life in {p}.",
        ],
    ],
    table: [
        "Participation by town, according to the organisers:",
        "Town",
        "Participants",
        "Change on last year",
    ],
    change: ("+{n}%", "−{n}%"),
    read_also: "Read also:",
    topics: [
        (
            "Environment",
            "Rivers, trees, wildlife and the climate of the Tarrow Valley.",
        ),
        (
            "Water",
            "Reservoirs, streams, drought and the way the towns share their water.",
        ),
        (
            "Climate",
            "Heat, rain and how the towns of the valley are adapting to a changing climate.",
        ),
        (
            "Wildlife",
            "Birds, insects and the wild places that shelter them.",
        ),
        (
            "Community",
            "Neighbours, volunteers and the services that hold the towns together.",
        ),
        ("Education", "Schools, libraries and learning at every age."),
        ("Health", "Clinics, public health and everyday wellbeing."),
        (
            "Housing",
            "Homes, rents, cooperatives and the right to a decent place to live.",
        ),
        (
            "Economy",
            "Markets, small businesses, jobs and public budgets.",
        ),
        (
            "Science",
            "Research, discovery and the curious people of the valley.",
        ),
        ("Culture", "Festivals, music, heritage and the arts."),
        ("Books", "Writers, libraries and reading."),
        (
            "Civic life",
            "Councils, public meetings, transport and how residents take part in decisions.",
        ),
    ],
    tags: [
        "Rivers",
        "Drought",
        "Recycling",
        "Cycling",
        "Public transport",
        "Schools",
        "Libraries",
        "Volunteers",
        "Town council",
        "Budget",
        "Small business",
        "Farmers market",
        "Solar energy",
        "Air quality",
        "Heritage",
        "Festivals",
        "Youth",
        "Open data",
        "Parks",
        "Cooperatives",
        "Astronomy",
        "Birds",
        "Trees",
        "Public health",
        "Women in science",
    ],
    welcome: Page {
        title: "The Lantern Post now publishes in English, Persian and Arabic with Herald",
        body: "Welcome to The Lantern Post, an independent newsroom covering civic life, the environment and culture in the towns of the Tarrow Valley.

From today our reporting appears in three languages. Each section has its own editors, topics and calendar: the Persian pages show dates in the Solar Hijri calendar, and the Persian and Arabic sections read from right to left.

## What you will find here

- news from Kelmar, Sorin, Nareh and their neighbours
- photo reports and short videos
- opinion pieces by residents and campaigners

The towns, people and events on this site are all invented; they were written to demonstrate the Herald publishing system. *Enjoy browsing.*",
    },
    about: Page {
        title: "About",
        body: "**The Lantern Post** is an independent, non-profit newsroom serving the towns of the Tarrow Valley: Kelmar, Sorin, Nareh, Belvan, Miravel, Osterby, Castelmora and Lindgrove.

We report on the things that shape daily life — water and weather, schools and clinics, markets and housing, councils and public meetings — and we publish every story we can in English, Persian and Arabic, the three languages most spoken in the valley.

## What we believe

- Everyone has the right to clear, accurate information about their town.
- Residents should be able to take part in the decisions that affect them.
- A local newsroom should listen as much as it speaks.

The Lantern Post is paid for by its readers and by small grants from community foundations. We do not accept advertising from political parties.

*The Lantern Post is a fictional organisation: the towns, people and events on this site were invented to demonstrate the Herald publishing system.*",
    },
    team: Page {
        title: "Team",
        body: "The Lantern Post is made by a small team of editors and reporters, helped by dozens of volunteer correspondents across the valley.

- **Maryam Karimi** — founding editor
- **Daniel Osei** — science and environment editor
- **Sara Haddad** — editor of the Arabic section
- **Reza Tavakoli** — reporter, housing and local councils
- **Lina Farrow** — photographer and video producer
- **Nadia Rahimi** — reporter, health and youth

Would you like to write for us? We welcome story ideas from residents of every town: see our [contact page](/en/contact/).",
    },
    contact: Page {
        title: "Contact",
        body: "We read every message, even when we cannot answer them all.

## Write to us

- News tips and story ideas: tips@example.org
- Corrections: corrections@example.org
- Everything else: hello@example.org

## Visit us

Our small newsroom is at 14 Mill Lane, Kelmar, above the repair café. Visitors are welcome on Tuesday and Thursday afternoons.

If you are sending us sensitive information, please tell us first how you would like us to contact you.",
    },
    support: Page {
        title: "Support us",
        body: "The Lantern Post is free to read and always will be. It is paid for by readers who believe that every town deserves reliable local news.

## How you can help

1. **Become a member** with a small monthly contribution.
2. **Volunteer** as a correspondent, translator or photographer.
3. **Share our reporting** with your neighbours.

Every contribution, however small, helps us keep reporting in three languages. Members receive a short monthly letter from the editors and are invited to our open newsroom evenings.

*This is a demo site: there is no real way to donate here.*",
    },
};
