"""Word lists for reading chat prose beside a link: which words end a job title, which mark a person talking.

Data, not logic: `lines.py` uses them. ROLE_WORDS and PERSON_WORDS are folded words (lower case, no accents or
apostrophes, as `titles.fold` makes them), matched whole; the phrase lists are matched as written, case aside, at a
word boundary. Add an entry here when a real message shows it is missing, and a labelled message to
tests/data/identify-messages.yml with it.
"""

from __future__ import annotations

# fmt: off
# Nouns that end (or head) many job titles: a short text holding one reads as a title even when the guide has no
# specimen for it ("Senior Rust Developer"). Short forms count too; the title vocabulary also expands "eng", "mgr".
ROLE_WORDS = frozenset(
    {
        # the usual heads of tech and office titles
        "engineer", "developer", "programmer", "manager", "designer", "scientist", "analyst", "architect", "lead",
        "director", "officer", "recruiter", "writer", "advocate", "owner", "master", "consultant", "specialist",
        "coordinator", "administrator", "intern", "executive", "representative", "head", "chief", "president",
        "vp", "associate", "assistant", "accountant", "auditor", "controller", "editor", "researcher", "technician",
        "tester", "strategist", "marketer", "evangelist", "generalist", "partner", "principal", "fellow", "apprentice",
        "trainee", "operator", "planner", "producer", "artist", "animator", "illustrator", "copywriter", "translator",
        "instructor", "trainer", "teacher", "tutor", "coach", "counsel", "lawyer", "attorney", "paralegal",
        "economist", "statistician", "mathematician", "physicist", "chemist", "biologist", "investigator",
        "inspector", "agent", "buyer", "banker", "broker", "underwriter", "actuary", "treasurer", "secretary",
        "receptionist", "clerk", "ambassador", "steward", "nurse", "physician", "pharmacist", "therapist",
        "technologist", "modeler", "modeller", "curator", "librarian", "mechanic", "electrician", "chef",
        "supervisor", "superintendent", "foreman", "hacker", "maintainer", "committer", "devops", "sre", "swe",
        "sde", "sdet", "dba", "qa", "pm", "tpm", "po", "ae", "sdr", "bdr", "csm", "cto", "ceo", "cfo", "coo", "cio",
        "ciso", "cpo", "cmo", "eng", "dev", "mgr", "admin", "rep", "dir", "exec",
        # a few heads of titles in the languages teams greet in
        "ingenieur", "ingeniero", "ingegnere", "engenheiro", "entwickler", "developpeur", "desarrollador",
        "sviluppatore", "desenvolvedor", "analista", "gerente", "responsable", "leiter", "berater", "praktikant",
        "stagiaire", "becario",
    }
)

# Words of a person talking to people: a text holding one is a sentence about the link, not the role's title.
PERSON_WORDS = frozenset(
    {
        "i", "im", "ive", "id", "me", "my", "mine", "we", "weve", "us", "our", "ours", "you", "youre", "youve",
        "your", "yours", "u", "ur", "yall", "anyone", "anybody", "someone", "somebody", "everyone", "everybody",
        "folks", "guys",
    }
)

# Greetings and addresses that open a message ("Hi team, ...", "Hola equipo! ..."); dropped from the start of a
# line's text when punctuation follows them.
GREETINGS = (
    "hi", "hey", "hello", "hiya", "howdy", "yo", "morning", "good morning", "afternoon", "good afternoon",
    "evening", "good evening", "greetings", "hola", "buenos dias", "buenas", "bonjour", "salut", "coucou", "hallo",
    "moin", "servus", "guten morgen", "guten tag", "ciao", "buongiorno", "ola", "oi", "bom dia", "hej", "hoi",
    "namaste", "merhaba", "privet", "fyi", "ps", "cc", "heads up", "psst", "team", "all", "everyone", "folks",
    "friends", "people", "y'all", "yall", "there", "equipo", "todos", "a todos", "equipe", "équipe", "tous",
    "à tous", "a tous", "tout le monde", "zusammen", "leute", "buenos días", "olá",
)

# Short forms that end in a full stop inside a title ("Sr. Data Engineer"): that stop does not end a sentence.
DOTTED_SHORT_FORMS = frozenset(
    {"sr", "jr", "snr", "jnr", "dr", "mr", "mrs", "ms", "st", "vs", "inc", "co", "ltd", "corp", "eng", "mgr", "dept",
     "assoc", "asst", "exec", "dir", "approx", "no", "e.g", "i.e", "etc"}
)

# Calls to action and announcements before or after a title ("Apply here: <link>", "Data Scientist - apply now").
CALLS = (
    "apply here", "apply now", "apply today", "apply", "applications", "link here", "link", "here", "below",
    "details here", "details", "more info", "info", "jd", "job description", "check it out", "check this out",
    "have a look", "take a look", "see", "via", "is hiring", "are hiring", "now hiring", "we're hiring",
    "were hiring", "hiring", "open role", "open roles", "new role", "role", "opening", "new opening", "openings",
    "position", "job", "posting", "job posting", "job post", "listing", "job ad",
)
# fmt: on

# fmt: off
# Openings that point at the link ("Check out this Data Engineer role"): dropped from a title's start.
POINTERS = (
    "check out", "check out this", "checkout", "have a look at", "take a look at", "look at", "sharing", "sharing this",
    "reposting", "passing along", "passing on", "psa",
)

# Words that join the links of one line ("Data Engineer <a> and Staff Engineer <b>"): dropped from a title's start.
CONNECTORS = ("and", "or", "also", "plus", "as well as", "and also", "und", "et", "y", "oder", "ou", "&", "+")

# Announcements in the languages teams write in ("on recrute un Data Scientist"): read like "hiring", so what follows
# them is the title (titles.py reads "Acme is hiring a X in Y" as X).
ANNOUNCEMENTS = (
    "looking for", "is looking for", "are looking for", "we're looking for", "we are looking for", "seeking",
    "searching for", "on the lookout for", "hiring for", "is hiring", "are hiring", "we're hiring", "now hiring",
    "on recrute", "recrute", "nous recrutons", "recrutons", "wir suchen",
    "sucht", "suchen", "buscamos", "busca", "estamos buscando", "estamos contratando", "contratando", "cerchiamo",
    "stiamo cercando", "we zoeken", "zoekt", "vi söker", "söker", "vi søger", "søger",
)
# Articles that may follow an announcement before the title ("wir suchen eine Data Scientist"); after a bare
# "hiring" one is required, so that "Hiring Manager" stays a title.
ARTICLES = (
    "a", "an", "one", "new", "a new", "our next", "un", "une", "un nouveau", "une nouvelle", "ein", "eine", "einen",
    "einen neuen", "eine neue", "una", "uno", "um", "uma", "een", "en", "ett", "el", "la", "le",
)
# fmt: on
