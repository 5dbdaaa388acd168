"""The record of processing activities a federation's centres start with when the federation
has not written its own template. This is data in the federation's language (like the
default skills), not interface text to translate."""

from __future__ import annotations

from shared_apps.ropa.contracts import ProcessingActivityDefault as Activity

SECURITY = {
    "nb": "Egen database per sentral, tilgang etter rolle, tofaktorinnlogging for ledere, "
    "revisjonslogg over hvem som så og endret personopplysninger.",
    "da": "Egen database pr. center, adgang efter rolle, totrinslogin for ledere, "
    "revisionslog over hvem der så og ændrede personoplysninger.",
    "en": "A database schema per centre, access by role, two-factor sign-in for managers, an "
    "audit log of who viewed and changed personal data.",
}

DEFAULTS: dict[str, tuple[Activity, ...]] = {
    "nb": (
        Activity(
            name="Frivilligadministrasjon",
            purpose="Registrere frivillige, koble dem med oppdrag og aktiviteter, føre timer.",
            legal_basis="Samtykke (art. 6 nr. 1 a) og berettiget interesse (art. 6 nr. 1 f).",
            data_subjects="Frivillige",
            data_categories="Navn, kontaktopplysninger, fødselsdato, språk, ferdigheter, "
            "tilgjengelighet, timer, at politiattest er sett, taushetserklæring.",
            recipients="Ingen utenfor sentralen. Anonyme tall til forbundet og kommunen.",
            retention="Til den frivillige slutter; inaktive frivillige anonymiseres etter 24 "
            "måneder og et varsel. At politiattest er sett beholdes.",
            security_measures=SECURITY["nb"],
        ),
        Activity(
            name="Hjelpeforespørsler og oppfølging",
            purpose="Ta imot forespørsler om hjelp, finne en frivillig og følge opp.",
            legal_basis="Uttrykkelig samtykke for helseopplysninger (art. 9 nr. 2 a), ellers "
            "samtykke (art. 6 nr. 1 a).",
            data_subjects="Deltakere (de som får hjelp)",
            data_categories="Navn, telefon, adresse, aldersgruppe, hva det trengs hjelp til, "
            "oppfølgingsnotater; målgrupper bare med samtykke.",
            recipients="Den frivillige som hjelper.",
            retention="Avsluttede forespørsler anonymiseres etter 5 år og beholdes bare som "
            "statistikk.",
            security_measures=SECURITY["nb"],
        ),
        Activity(
            name="Brukerkontoer og revisjonslogg",
            purpose="Innlogging, roller og sporbarhet for hvem som gjorde hva.",
            legal_basis="Berettiget interesse (art. 6 nr. 1 f) og rettslig forpliktelse (art. 32).",
            data_subjects="Ansatte, koordinatorer og frivillige med innlogging",
            data_categories="E-postadresse, navn, rolle, innlogginger og handlinger.",
            recipients="Driftsleverandøren av plattformen (databehandler).",
            retention="Så lenge kontoen finnes; kontoen kan slettes av personen selv.",
            security_measures=SECURITY["nb"],
        ),
    ),
    "da": (
        Activity(
            name="Frivilligadministration",
            purpose="Registrere frivillige, koble dem med opgaver og aktiviteter, føre timer.",
            legal_basis="Samtykke (art. 6, stk. 1, litra a) og legitim interesse (art. 6, stk. "
            "1, litra f).",
            data_subjects="Frivillige",
            data_categories="Navn, kontaktoplysninger, fødselsdato, sprog, kompetencer, "
            "tilgængelighed, timer, at børneattest er set, tavshedserklæring.",
            recipients="Ingen uden for centret. Anonyme tal til landsforeningen og kommunen.",
            retention="Indtil den frivillige stopper; inaktive frivillige anonymiseres efter 24 "
            "måneder og en påmindelse. At børneattest er set, gemmes.",
            security_measures=SECURITY["da"],
        ),
        Activity(
            name="Opgaver og opfølgning",
            purpose="Modtage henvendelser om hjælp, finde en frivillig og følge op.",
            legal_basis="Udtrykkeligt samtykke til helbredsoplysninger (art. 9, stk. 2, litra "
            "a), ellers samtykke (art. 6, stk. 1, litra a).",
            data_subjects="Borgere, der får hjælp",
            data_categories="Navn, telefon, adresse, aldersgruppe, hvad der er brug for hjælp "
            "til, opfølgningsnotater; målgrupper kun med samtykke.",
            recipients="Den frivillige, der hjælper.",
            retention="Afsluttede opgaver anonymiseres efter 5 år og gemmes kun som statistik.",
            security_measures=SECURITY["da"],
        ),
        Activity(
            name="Brugerkonti og revisionslog",
            purpose="Login, roller og sporbarhed af hvem der gjorde hvad.",
            legal_basis="Legitim interesse (art. 6, stk. 1, litra f) og retlig forpligtelse "
            "(art. 32).",
            data_subjects="Ansatte, koordinatorer og frivillige med login",
            data_categories="E-mailadresse, navn, rolle, login og handlinger.",
            recipients="Platformens driftsleverandør (databehandler).",
            retention="Så længe kontoen findes; personen kan selv slette kontoen.",
            security_measures=SECURITY["da"],
        ),
    ),
    "en": (
        Activity(
            name="Volunteer administration",
            purpose="Register volunteers, match them with help requests and activities, log hours.",
            legal_basis="Consent (art. 6(1)(a)) and legitimate interest (art. 6(1)(f)).",
            data_subjects="Volunteers",
            data_categories="Name, contact details, date of birth, languages, skills, "
            "availability, hours, that a police certificate was seen, confidentiality "
            "declaration.",
            recipients="No one outside the centre. Anonymous figures to the federation and "
            "municipality.",
            retention="Until the volunteer stops; inactive volunteers are anonymised after 24 "
            "months and a reminder. That a police certificate was seen is kept.",
            security_measures=SECURITY["en"],
        ),
        Activity(
            name="Help requests and follow-up",
            purpose="Take requests for help, find a volunteer and follow up.",
            legal_basis="Explicit consent for health data (art. 9(2)(a)), otherwise consent "
            "(art. 6(1)(a)).",
            data_subjects="Participants (the people helped)",
            data_categories="Name, phone, address, age band, what help is needed, follow-up "
            "notes; target groups only with consent.",
            recipients="The volunteer who helps.",
            retention="Closed requests are anonymised after 5 years and kept only as statistics.",
            security_measures=SECURITY["en"],
        ),
        Activity(
            name="Accounts and audit log",
            purpose="Sign-in, roles, and a record of who did what.",
            legal_basis="Legitimate interest (art. 6(1)(f)) and legal obligation (art. 32).",
            data_subjects="Staff, coordinators and volunteers who sign in",
            data_categories="E-mail address, name, role, sign-ins and actions.",
            recipients="The platform's operator (processor).",
            retention="As long as the account exists; the person can erase it themselves.",
            security_measures=SECURITY["en"],
        ),
    ),
}
