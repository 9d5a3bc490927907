"""The programme's courses as plain data: texts, lessons, toetsen and sessions.

Written for Dutch professionals at language level B1. Facts are kept general on purpose: no
statistics and no phone numbers, organisations are named so learners look up current contact
details themselves. courses/demo.py turns this into published Wagtail pages.

StreamField values are lists of (block_type, value); the small helpers below keep the shape of
each block in one place.
"""

# ---------------------------------------------------------------------------------------------
# Block helpers
# ---------------------------------------------------------------------------------------------


def paragraph(html: str) -> tuple:
    return ("paragraph", html)


def callout(kind: str, title: str, html: str) -> tuple:
    """kind: signaal, tip or let-op."""
    return ("callout", {"kind": kind, "title": title, "text": html})


def case(title: str, situation: str, question: str, model_answer: str) -> tuple:
    return (
        "case",
        {
            "title": title,
            "situation": situation,
            "question": question,
            "model_answer": model_answer,
        },
    )


def reflection(question: str, help_text: str = "") -> tuple:
    return ("reflection", {"question": question, "help_text": help_text})


def option(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "is_correct": correct, "feedback": feedback}


def check(question: str, options: list[dict], *, multiple: bool = False) -> tuple:
    return ("knowledge_check", {"question": question, "multiple": multiple, "options": options})


def single(prompt: str, options: list[dict], explanation: str) -> tuple:
    return (
        "question",
        {"kind": "single", "prompt": prompt, "options": options, "explanation": explanation},
    )


def multiple(prompt: str, options: list[dict], explanation: str) -> tuple:
    return (
        "question",
        {"kind": "multiple", "prompt": prompt, "options": options, "explanation": explanation},
    )


def true_false(
    prompt: str, *, true: bool, feedback_true: str, feedback_false: str, explanation: str
) -> tuple:
    """A statement; `true` says whether it is right. Options are always Waar, Niet waar."""
    return (
        "question",
        {
            "kind": "true_false",
            "prompt": prompt,
            "options": [
                option("Waar", true, feedback_true),
                option("Niet waar", not true, feedback_false),
            ],
            "explanation": explanation,
        },
    )


def lesson(slug: str, title: str, intro: str, minutes: int, body: list) -> dict:
    return {"slug": slug, "title": title, "intro": intro, "minutes": minutes, "body": body}


def toets(title: str, intro: str, questions: list, *, max_attempts: int | None = 3) -> dict:
    return {
        "slug": "eindtoets",
        "title": title,
        "intro": intro,
        "pass_mark_percent": 70,
        "max_attempts": max_attempts,
        "questions": questions,
    }


# ---------------------------------------------------------------------------------------------
# Shared building blocks: texts that several courses use in the same words
# ---------------------------------------------------------------------------------------------

WHAT_IS_TRAFFICKING = paragraph(
    "<h2>Wat is mensenhandel?</h2>"
    "<p>Mensenhandel is strafbaar volgens artikel 273f van het Wetboek van Strafrecht (Sr). "
    "Bij volwassenen gaat het om drie onderdelen die samen voorkomen:</p>"
    "<ul>"
    "<li><b>Een handeling:</b> iemand werven, vervoeren, overbrengen, huisvesten of opnemen.</li>"
    "<li><b>Een middel:</b> bijvoorbeeld dwang, geweld, dreiging, misleiding, of misbruik maken "
    "van iemands kwetsbare positie (zoals schulden, verslaving, een verstandelijke beperking of "
    "geen verblijfsvergunning).</li>"
    "<li><b>Een doel:</b> uitbuiting. De dader wil voordeel halen uit het werk, de seks of de "
    "criminele activiteiten van het slachtoffer.</li>"
    "</ul>"
    "<p>Bij <b>minderjarigen</b> (jonger dan 18) is geen middel nodig. Wie een kind werft, "
    "vervoert of huisvest met het doel het uit te buiten, pleegt al mensenhandel. Een kind kan "
    "dus nooit 'vrijwillig' instemmen met uitbuiting.</p>"
    "<p>De wet wordt gemoderniseerd (wetsvoorstel Wet modernisering en uitbreiding "
    "strafbaarstelling mensenhandel). De kern, uitbuiting van een ander, blijft hetzelfde. Lees "
    "de actuele wettekst op wetten.overheid.nl.</p>"
)

FORMS_OF_EXPLOITATION = paragraph(
    "<h2>Vormen van uitbuiting</h2>"
    "<ul>"
    "<li><b>Seksuele uitbuiting:</b> iemand wordt gedwongen of misleid om seks te hebben met "
    "anderen, in de prostitutie of daarbuiten, of om seksuele beelden te maken. De dader "
    "verdient eraan.</li>"
    "<li><b>Arbeidsuitbuiting:</b> iemand werkt onder zeer slechte omstandigheden en kan niet "
    "weg: veel te lange dagen, (bijna) geen loon, schulden bij de werkgever, geen eigen "
    "paspoort. Denk aan land- en tuinbouw, distributiecentra, bouw, schoonmaak, horeca, "
    "nagelstudio's en huishoudelijk werk.</li>"
    "<li><b>Criminele uitbuiting:</b> iemand wordt gedwongen om strafbare feiten te plegen "
    "voor een ander, zoals drugs vervoeren of verkopen, winkeldiefstal, zakkenrollen, of zijn "
    "bankrekening laten gebruiken (geldezel).</li>"
    "<li><b>Gedwongen orgaanverwijdering:</b> iemand wordt gedwongen of misleid om een orgaan "
    "af te staan. Dit komt weinig voor, maar hoort wel bij mensenhandel.</li>"
    "</ul>"
)

NON_PUNISHMENT = paragraph(
    "<h2>Het non-punishmentbeginsel</h2>"
    "<p>Slachtoffers van mensenhandel plegen soms zelf strafbare feiten, omdat de dader hen "
    "daartoe dwingt: drugs vervoeren, stelen, met een vals paspoort reizen of illegaal werken. "
    "Het <b>non-punishmentbeginsel</b> zegt dat slachtoffers niet gestraft moeten worden voor "
    "strafbare feiten die zij als direct gevolg van hun uitbuiting hebben gepleegd.</p>"
    "<p>Dit beginsel komt uit internationale afspraken (het Verdrag van de Raad van Europa "
    "inzake bestrijding van mensenhandel en de Europese richtlijn over mensenhandel). In "
    "Nederland werkt het Openbaar Ministerie het uit in de Aanwijzing mensenhandel: slachtoffers "
    "worden beschermd tegen vervolging voor strafbare feiten waartoe zij zijn gedwongen. De "
    "officier van justitie kan dus besluiten een slachtoffer niet te vervolgen.</p>"
    "<p>Voor u als professional betekent dit: kijk bij iemand die strafbare feiten pleegt ook "
    "naar de vraag <i>waarom</i>. Wie een 'dader' ziet, mist soms een slachtoffer.</p>"
)

WHO_DOES_WHAT = paragraph(
    "<h2>Wie doet wat?</h2>"
    "<ul>"
    "<li><b>Aandachtsfunctionaris mensenhandel:</b> het aanspreekpunt binnen uw eigen "
    "organisatie. Bespreek een signaal eerst met deze collega.</li>"
    "<li><b>Veilig Thuis:</b> het advies- en meldpunt huiselijk geweld en kindermishandeling. "
    "U kunt er advies vragen en een melding doen, ook over uitbuiting van een minderjarige.</li>"
    "<li><b>Zorgcoördinator mensenhandel:</b> regelt in de regio zorg, opvang en begeleiding "
    "voor (vermoedelijke) slachtoffers en is vraagbaak voor professionals.</li>"
    "<li><b>CoMensha:</b> het landelijk coördinatiecentrum tegen mensenhandel. CoMensha "
    "registreert (vermoedelijke) slachtoffers, zodat er een landelijk beeld is, en helpt bij "
    "het vinden van opvang. Politie, Koninklijke Marechaussee en Arbeidsinspectie melden "
    "slachtoffers verplicht aan; andere professionals kunnen dat ook doen, met toestemming van "
    "het slachtoffer (of, bij jonge kinderen, van de ouders of voogd).</li>"
    "<li><b>Politie (AVIM):</b> de afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel "
    "onderzoekt mensenhandel. Een slachtoffer kan hier aangifte doen. Is er acuut gevaar, bel "
    "dan 112.</li>"
    "<li><b>Meld Misdaad Anoniem:</b> hier kan iedereen anoniem informatie over een misdrijf "
    "doorgeven.</li>"
    "<li><b>Ketenregisseur mensenhandel:</b> werkt voor de gemeente(n) en houdt regie op de "
    "regionale aanpak: zorgt dat partners elkaar kennen en dat afspraken werken.</li>"
    "</ul>"
)

MELDCODE = paragraph(
    "<h2>De Meldcode huiselijk geweld en kindermishandeling</h2>"
    "<p>Uitbuiting van een minderjarige is een vorm van kindermishandeling. Werkt u met "
    "kinderen, dan volgt u de meldcode van uw organisatie. Die heeft vijf stappen:</p>"
    "<ol>"
    "<li>Breng de signalen in kaart en leg ze vast (feiten, geen interpretaties).</li>"
    "<li>Overleg met een collega of de aandachtsfunctionaris en vraag zo nodig advies aan Veilig "
    "Thuis.</li>"
    "<li>Ga in gesprek met de jongere (en, als dat veilig is, met de ouders).</li>"
    "<li>Weeg het geweld: gebruik het afwegingskader van uw beroepsgroep.</li>"
    "<li>Beslis: is een melding bij Veilig Thuis nodig, en kunt u zelf (ook) hulp bieden of "
    "organiseren?</li>"
    "</ol>"
    "<p>Bij acute of structurele onveiligheid meldt u altijd bij Veilig Thuis. Bij direct "
    "gevaar belt u 112.</p>"
)


# ---------------------------------------------------------------------------------------------
# Opfriscursus signaleren van uitbuiting
# ---------------------------------------------------------------------------------------------

OPFRISCURSUS = {
    "code": "opfriscursus-signaleren",
    "title": "Opfriscursus signaleren van uitbuiting",
    "summary": (
        "Een korte opfrissing voor wie eerder een basiscursus volgde, zoals BUIT-basis of "
        "Mensenhandel herkennen voor reclasseringswerkers. U frist de vormen en signalen van "
        "uitbuiting op, oefent met nieuwe casussen en checkt of u weet wie u in uw regio "
        "inschakelt."
    ),
    "objectives": [
        "U herkent opnieuw de signalen van seksuele, arbeids- en criminele uitbuiting, bij "
        "jongeren en volwassenen.",
        "U herkent hoe werving via sociale media en chat-apps verloopt.",
        "U past het non-punishmentbeginsel toe in uw eigen werk.",
        "U weet wie u in uw organisatie en regio inschakelt bij een signaal.",
    ],
    "audience_functions": ["professional-kinderen", "reclasseringswerker"],
    "audience_professions": ["jeugdprofessional", "reclasseringswerker", "leerkracht"],
    "format": "elearning",
    "level": "opfris",
    "study_time_minutes": 60,
    "certificate_validity_months": 24,
    "lessons": [
        lesson(
            "vormen-en-signalen-opnieuw",
            "Vormen en signalen, opnieuw bekeken",
            "Een snelle herhaling van wat mensenhandel is en welke signalen u kunt zien.",
            20,
            [
                paragraph(
                    "<p>In de basiscursus leerde u wat uitbuiting is en hoe u het herkent. In "
                    "de praktijk zakt kennis weg, en daders veranderen hun werkwijze. Deze les "
                    "zet de kern op een rij.</p>"
                ),
                WHAT_IS_TRAFFICKING,
                FORMS_OF_EXPLOITATION,
                callout(
                    "signaal",
                    "Signalen die bij alle vormen voorkomen",
                    "<ul>"
                    "<li>Iemand heeft geen eigen identiteitsbewijs of bankpas; een ander "
                    "beheert die.</li>"
                    "<li>Iemand woont op het werkadres of in huisvesting die de werkgever of "
                    "'vriend' regelt.</li>"
                    "<li>Iemand heeft een schuld bij de persoon voor wie hij werkt.</li>"
                    "<li>Iemand wordt gebracht en gehaald, praat niet vrijuit of laat een "
                    "ander het woord doen.</li>"
                    "<li>Iemand is bang, moe, heeft onverklaarde verwondingen of weet niet op "
                    "welk adres hij is.</li>"
                    "</ul>",
                ),
                case(
                    "Piotr in de kas",
                    "<p>U bent wijkteammedewerker. Piotr (34) komt bij u met een "
                    "zorgverzekeringsvraag. Hij werkt in een kas, maar weet niet wie zijn "
                    "werkgever precies is. Het uitzendbureau houdt zijn paspoort 'voor de "
                    "administratie'. Hij woont met tien mannen in een huis van het "
                    "uitzendbureau, en de huur en 'vervoerskosten' gaan van zijn loon af. Hij "
                    "zegt dat hij nog geld schuldig is voor de reis naar Nederland.</p>",
                    "Welke signalen van arbeidsuitbuiting ziet u, en wat doet u?",
                    "<p>Signalen: paspoort afgenomen, huisvesting afhankelijk van de "
                    "werkgever, inhoudingen op het loon, een schuld voor de reis en onduidelijk "
                    "wie de werkgever is. Niet elk slecht werk is uitbuiting, maar deze "
                    "combinatie is zorgelijk. Bespreek het met de aandachtsfunctionaris en "
                    "vraag de zorgcoördinator mensenhandel in uw regio om advies. Informeer "
                    "Piotr over zijn rechten en over hulp; hij kan ook zelf contact opnemen "
                    "met CoMensha of de politie.</p>",
                ),
                check(
                    "Welk signaal komt bij alle vormen van uitbuiting voor?",
                    [
                        option(
                            "Iemand heeft geen eigen identiteitsbewijs; een ander beheert het.",
                            True,
                            "Juist. Controle over papieren maakt iemand afhankelijk.",
                        ),
                        option(
                            "Iemand werkt in de land- en tuinbouw.",
                            False,
                            "Werken in een sector is op zichzelf geen signaal.",
                        ),
                        option(
                            "Iemand spreekt geen Nederlands.",
                            False,
                            "Dat maakt iemand kwetsbaarder, maar is op zichzelf geen signaal.",
                        ),
                    ],
                ),
                reflection(
                    "Welke signalen uit deze les kwam u het afgelopen jaar tegen in uw werk, en "
                    "wat deed u ermee?",
                ),
            ],
        ),
        lesson(
            "werving-online",
            "Werving via sociale media",
            "Hoe daders online contact leggen en hoe u daar met jongeren en cliënten over praat.",
            20,
            [
                paragraph(
                    "<p>Werving gebeurt steeds vaker online. Daders zoeken contact via sociale "
                    "media, chat-apps en games. Ze plaatsen berichten over 'snel geld', "
                    "bieden een baan of een modellenklus aan, of beginnen een vriendschap of "
                    "relatie. Een gesprek verhuist vaak snel naar een app met verdwijnende "
                    "berichten.</p>"
                ),
                callout(
                    "signaal",
                    "Online signalen",
                    "<ul>"
                    "<li>Berichten als 'geld verdienen met je bankrekening' of 'even iets "
                    "wegbrengen, goed betaald'.</li>"
                    "<li>Een onbekende die veel complimenten geeft en snel om foto's "
                    "vraagt.</li>"
                    "<li>Een jongere die bang is dat beelden worden verspreid "
                    "(sextortion).</li>"
                    "<li>Vacatures met een hoog loon zonder eisen, en vervoer en huisvesting "
                    "'inbegrepen'.</li>"
                    "</ul>",
                ),
                callout(
                    "tip",
                    "Praat over online leven zoals over de rest van het leven",
                    "<p>Vraag met wie iemand online contact heeft, wat daar leuk aan is en of "
                    "er wel eens iets vervelends gebeurt. Wie nieuwsgierig is in plaats van "
                    "verbiedt, hoort meer. Leg uit dat iemand die chantage meemaakt geen "
                    "schuld heeft en hulp kan krijgen, ook bij de politie.</p>",
                ),
                case(
                    "Het bericht van Amira",
                    "<p>Amira (17) laat u een bericht zien dat ze via een app kreeg: 'Hey "
                    "mooie, wil je 300 euro per avond verdienen? Alleen gezellig mee naar "
                    "feestjes. Niemand hoeft het te weten.' Ze lacht erom, maar vraagt ook of "
                    "het 'echt zo erg is'.</p>",
                    "Hoe reageert u?",
                    "<p>Waardeer dat ze het laat zien. Leg rustig uit dat dit een bekende "
                    "manier is om meisjes te werven voor seksuele uitbuiting: veel geld, "
                    "'alleen gezellig', en geheimhouding. Adviseer haar niet te reageren, "
                    "het account te blokkeren en een schermafbeelding te bewaren. Vraag of ze "
                    "vaker zulke berichten krijgt en of iemand in haar omgeving zulke "
                    "aanbiedingen heeft aangenomen. Bespreek het met de "
                    "aandachtsfunctionaris.</p>",
                ),
                reflection(
                    "Welke apps en platforms gebruiken de jongeren of cliënten met wie u "
                    "werkt? Weet u hoe daar contact gelegd wordt?",
                ),
                check(
                    "Een jongere krijgt het bericht 'Verdien snel geld met je bankrekening'. Wat "
                    "is dit meestal?",
                    [
                        option(
                            "Werving als geldezel.",
                            True,
                            "Juist. Criminelen laten geld via de rekening van de jongere lopen; "
                            "de jongere raakt zelf in de problemen.",
                        ),
                        option(
                            "Een gewone bijbaan.",
                            False,
                            "Niet juist. Een gewone werkgever vraagt niet om uw bankrekening.",
                        ),
                        option(
                            "Een onschuldige grap.",
                            False,
                            "Niet juist. Zulke berichten zijn een bekende manier van werven.",
                        ),
                    ],
                ),
            ],
        ),
        lesson(
            "handelen-in-uw-regio",
            "Handelen: wie schakelt u in?",
            "U checkt of u de route van signaal naar hulp nog kent, en past het "
            "non-punishmentbeginsel toe.",
            20,
            [
                WHO_DOES_WHAT,
                NON_PUNISHMENT,
                callout(
                    "let-op",
                    "Minderjarig? Volg de meldcode",
                    "<p>Gaat het om iemand jonger dan 18, dan volgt u de Meldcode huiselijk "
                    "geweld en kindermishandeling van uw organisatie. Bij twijfel vraagt u "
                    "advies aan Veilig Thuis.</p>",
                ),
                case(
                    "Kevin en de hennepkwekerij",
                    "<p>Kevin (19) staat onder toezicht van de reclassering na een "
                    "veroordeling voor het verzorgen van een hennepkwekerij. Hij vertelt dat "
                    "hij er 'moest wonen' om de planten te verzorgen, niet weg mocht en dat de "
                    "eigenaar hem had gezegd dat hij een schuld moest afbetalen.</p>",
                    "Wat betekent dit voor uw begeleiding van Kevin?",
                    "<p>Kevin vertelt over signalen van criminele uitbuiting: wonen op de "
                    "werkplek, niet weg mogen, een schuld afbetalen. Neem dit serieus, leg het "
                    "vast en bespreek het met de aandachtsfunctionaris. Vraag de "
                    "zorgcoördinator om advies over hulp. Kevin kan bij de politie aangifte "
                    "doen van uitbuiting. Zijn verhaal kan ook van belang zijn voor zijn "
                    "eigen strafzaak en voor het non-punishmentbeginsel.</p>",
                ),
                check(
                    "Welke organisatie registreert (vermoedelijke) slachtoffers van mensenhandel "
                    "in Nederland?",
                    [
                        option("CoMensha.", True, "Juist."),
                        option(
                            "Veilig Thuis.",
                            False,
                            "Veilig Thuis is het meldpunt voor huiselijk geweld en "
                            "kindermishandeling.",
                        ),
                        option(
                            "Meld Misdaad Anoniem.",
                            False,
                            "Daar kunt u anoniem informatie over misdrijven doorgeven.",
                        ),
                    ],
                ),
                reflection(
                    "Wie is in uw regio de zorgcoördinator mensenhandel? Staan de gegevens in uw "
                    "telefoon?",
                    "Weet u het niet, vraag het dan aan de aandachtsfunctionaris of zoek het op "
                    "bij uw gemeente.",
                ),
            ],
        ),
    ],
    "toets": toets(
        "Toets opfriscursus",
        "Acht vragen. U hebt 70% goed nodig.",
        [
            true_false(
                "Bij een minderjarige is geen dwang of misleiding nodig om van mensenhandel te "
                "spreken.",
                true=True,
                feedback_true="Juist.",
                feedback_false="Niet juist. Bij minderjarigen is het doel van uitbuiting genoeg.",
                explanation="Een kind kan niet instemmen met uitbuiting.",
            ),
            multiple(
                "Welke signalen kunnen wijzen op arbeidsuitbuiting? Kies alle juiste antwoorden.",
                [
                    option("De werkgever bewaart het paspoort.", True, "Juist."),
                    option(
                        "De werknemer woont in een huis van de werkgever en de huur gaat van "
                        "het loon af.",
                        True,
                        "Juist, zeker in combinatie met andere signalen.",
                    ),
                    option(
                        "De werknemer heeft een schuld bij de ronselaar voor de reis.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "De werknemer werkt via een uitzendbureau.",
                        False,
                        "Dat is op zichzelf geen signaal.",
                    ),
                ],
                "Afhankelijkheid van de werkgever voor papieren, wonen en geld is een kernsignaal.",
            ),
            single(
                "Een jongere krijgt via een app het aanbod '300 euro per avond, alleen "
                "gezellig mee naar feestjes'. Wat is dit waarschijnlijk?",
                [
                    option(
                        "Werving voor seksuele uitbuiting.",
                        True,
                        "Juist. Veel geld, vaag werk en geheimhouding zijn kenmerkend.",
                    ),
                    option("Een gewone bijbaan in de horeca.", False, "Niet waarschijnlijk."),
                    option(
                        "Werving als geldezel.",
                        False,
                        "Bij geldezels gaat het om de bankrekening.",
                    ),
                ],
                "Werving begint vaak online met een aantrekkelijk aanbod.",
            ),
            true_false(
                "Het non-punishmentbeginsel betekent dat een slachtoffer van mensenhandel nooit "
                "kan worden vervolgd.",
                true=False,
                feedback_true="Niet juist. Het is geen automatische vrijstelling.",
                feedback_false="Juist. Het OM beoordeelt of het feit een direct gevolg van de "
                "uitbuiting was.",
                explanation="Slachtoffers moeten niet gestraft worden voor feiten die ze als "
                "direct gevolg van hun uitbuiting pleegden; het OM kan afzien van vervolging.",
            ),
            single(
                "Met wie bespreekt u een signaal van uitbuiting als eerste binnen uw eigen "
                "organisatie?",
                [
                    option("Met de aandachtsfunctionaris.", True, "Juist."),
                    option(
                        "Met de ketenregisseur.",
                        False,
                        "De ketenregisseur regisseert de regionale aanpak en behandelt geen "
                        "individuele signalen.",
                    ),
                    option(
                        "Met niemand, u belt direct de politie.",
                        False,
                        "Alleen bij acuut gevaar belt u direct 112.",
                    ),
                ],
                "De aandachtsfunctionaris kent de route in uw organisatie en regio.",
            ),
            single(
                "Wie regelt in de regio zorg en opvang voor (vermoedelijke) slachtoffers?",
                [
                    option("De zorgcoördinator mensenhandel.", True, "Juist."),
                    option("Meld Misdaad Anoniem.", False, "Niet juist."),
                    option("De werkgever van het slachtoffer.", False, "Niet juist."),
                ],
                "De zorgcoördinator is ook vraagbaak voor professionals met een signaal.",
            ),
            multiple(
                "Een jongere is bang dat een naaktfoto wordt verspreid. Wat adviseert u? Kies "
                "alle juiste antwoorden.",
                [
                    option(
                        "Niet betalen en niet op eisen ingaan.",
                        True,
                        "Juist. Betalen stopt de chantage meestal niet.",
                    ),
                    option(
                        "Bewijs bewaren, zoals schermafbeeldingen van berichten.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Er niets over zeggen, dan gaat het vanzelf over.",
                        False,
                        "Niet juist. Hulp zoeken is belangrijk.",
                    ),
                    option(
                        "Hulp vragen, bijvoorbeeld bij de politie.",
                        True,
                        "Juist. Sextortion is strafbaar.",
                    ),
                ],
                "De jongere heeft geen schuld. Volg bij minderjarigen ook de meldcode.",
            ),
            true_false(
                "Meld Misdaad Anoniem is de plek waar een slachtoffer aangifte doet.",
                true=False,
                feedback_true="Niet juist. Aangifte doet iemand bij de politie.",
                feedback_false="Juist. Bij Meld Misdaad Anoniem geeft iemand anoniem "
                "informatie door.",
                explanation="Aangifte van mensenhandel gaat via de politie (AVIM). Meld Misdaad "
                "Anoniem is voor anonieme tips.",
            ),
        ],
    ),
}


# ---------------------------------------------------------------------------------------------
# BUIT-basis: signaleren van seksuele en criminele uitbuiting van minderjarigen
# ---------------------------------------------------------------------------------------------

BUIT_BASIS = {
    "code": "buit-basis",
    "title": "BUIT-basis: signaleren van seksuele en criminele uitbuiting van minderjarigen",
    "summary": (
        "Leer signalen herkennen van seksuele en criminele uitbuiting bij kinderen en jongeren, "
        "zoals de pooierboymethode, online werving en jongeren die drugs vervoeren of hun "
        "bankrekening uitlenen. U weet daarna wat u met een signaal doet: bespreken, de meldcode "
        "volgen en samenwerken met Veilig Thuis en de zorgcoördinator."
    ),
    "objectives": [
        "U legt uit wanneer er sprake is van uitbuiting van een minderjarige, en waarom "
        "toestemming van de jongere daarbij niet telt.",
        "U herkent signalen van seksuele uitbuiting, waaronder de pooierboymethode en online "
        "werving via sociale media.",
        "U herkent signalen van criminele uitbuiting, zoals drugskoerier of geldezel zijn en "
        "schulden bij een 'vriend'.",
        "U weet welke stappen u zet met een signaal: vastleggen, bespreken met de "
        "aandachtsfunctionaris, de meldcode volgen en zo nodig Veilig Thuis inschakelen.",
        "U voert een eerste open gesprek met een jongere zonder te beschuldigen of geheimhouding "
        "te beloven.",
    ],
    "audience_functions": ["professional-kinderen"],
    "audience_professions": [
        "jeugdprofessional",
        "leerkracht",
        "wijkteammedewerker",
        "arts",
        "verpleegkundige",
    ],
    "format": "elearning",
    "level": "basis",
    "study_time_minutes": 120,
    "certificate_validity_months": 24,
    "refresher": "opfriscursus-signaleren",
    "accreditations": [("skj", "SKJ-DEMO-2025-001", 2)],
    "lessons": [
        lesson(
            "uitbuiting-van-minderjarigen",
            "Wat is uitbuiting van minderjarigen?",
            "U leert wat mensenhandel is, welke vormen van uitbuiting er zijn en waarom het bij "
            "kinderen en jongeren extra moeilijk te zien is.",
            25,
            [
                paragraph(
                    "<p>Kinderen en jongeren worden in Nederland uitgebuit. Soms door "
                    "volwassenen, soms door leeftijdsgenoten. Het gebeurt in grote steden en in "
                    "kleine dorpen, bij jongeren uit alle soorten gezinnen. U werkt met kinderen "
                    "en jongeren, dus u bent iemand die het kan opmerken.</p>"
                ),
                WHAT_IS_TRAFFICKING,
                callout(
                    "let-op",
                    "Een kind kan niet instemmen met uitbuiting",
                    "<p>Een jongere zegt misschien: 'Ik doe het zelf, niemand dwingt me.' Dat "
                    "verandert niets. Bij een minderjarige is geen dwang nodig om van "
                    "mensenhandel te spreken. Wie een jongere van 16 seks laat hebben met "
                    "anderen voor geld, of drugs laat vervoeren, buit die jongere uit.</p>",
                ),
                FORMS_OF_EXPLOITATION,
                paragraph(
                    "<h2>Waarom zien we het zo vaak niet?</h2>"
                    "<ul>"
                    "<li>Jongeren zien zichzelf meestal niet als slachtoffer. Ze voelen zich "
                    "verliefd, loyaal of schuldig, of ze zijn trots op het geld.</li>"
                    "<li>Daders zorgen dat de jongere zwijgt: met cadeaus, schulden, "
                    "chantage met beelden of dreigen met geweld tegen familie.</li>"
                    "<li>Signalen lijken op 'gewoon puberaal gedrag': spijbelen, geheimzinnig "
                    "doen, nieuwe vrienden.</li>"
                    "<li>Professionals twijfelen en wachten tot ze het zeker weten. Zekerheid "
                    "hoeft u niet te hebben om een signaal te bespreken.</li>"
                    "</ul>"
                ),
                case(
                    "Mila, 15 jaar",
                    "<p>Mila (15) zit bij u op school. Ze heeft sinds een paar maanden een "
                    "vriend van 21. Ze vertelt trots dat ze soms 'voor hem' met vrienden van "
                    "hem meegaat naar feestjes in een hotel, en dat ze daar geld voor krijgt. "
                    "'Het is mijn eigen keuze,' zegt ze.</p>",
                    "Is hier sprake van mogelijke uitbuiting, ook al zegt Mila dat het haar "
                    "eigen keuze is? Wat is uw eerste stap?",
                    "<p>Ja. Mila is minderjarig, dus haar 'keuze' doet er juridisch niet toe. "
                    "Een veel oudere vriend, hotels, 'vrienden van hem' en geld zijn sterke "
                    "signalen van seksuele uitbuiting. Uw eerste stap: leg vast wat u hoorde, in "
                    "haar eigen woorden, en bespreek het dezelfde dag met de "
                    "aandachtsfunctionaris van uw school. Samen volgt u de meldcode en vraagt "
                    "u zo nodig advies aan Veilig Thuis.</p>",
                ),
                reflection(
                    "Denk aan de jongeren met wie u werkt. Bij welk gedrag zou u nu eerder aan "
                    "uitbuiting denken dan voor deze les?",
                    "U hoeft uw antwoord met niemand te delen. Schrijf het op voor uzelf.",
                ),
                check(
                    "Welke uitspraak over uitbuiting van minderjarigen klopt?",
                    [
                        option(
                            "Er is pas sprake van mensenhandel als de jongere gedwongen wordt.",
                            False,
                            "Niet juist. Bij minderjarigen is geen dwangmiddel nodig.",
                        ),
                        option(
                            "Bij een minderjarige is geen dwang, geweld of misleiding nodig om "
                            "van mensenhandel te spreken.",
                            True,
                            "Juist. Het doel van uitbuiting is genoeg; toestemming van de "
                            "jongere telt niet.",
                        ),
                        option(
                            "Als de jongere zelf geld verdient, is het geen uitbuiting.",
                            False,
                            "Niet juist. Ook als een jongere een deel van het geld krijgt, kan "
                            "het uitbuiting zijn.",
                        ),
                    ],
                ),
            ],
        ),
        lesson(
            "signalen-seksuele-uitbuiting",
            "Signalen van seksuele uitbuiting",
            "U leert hoe daders jongeren werven, via de pooierboymethode en online, en welke "
            "signalen u kunt zien.",
            30,
            [
                paragraph(
                    "<h2>De pooierboymethode</h2>"
                    "<p>Vroeger sprak men van 'loverboys'. Dat woord klinkt te lief: het gaat "
                    "om pooiers die jongeren bewust inpalmen. Daarom spreken we van "
                    "<b>pooierboys</b>. Ze werken vaak in stappen:</p>"
                    "<ol>"
                    "<li><b>Inpalmen:</b> veel aandacht, complimenten, cadeaus (een telefoon, "
                    "kleding), de jongere voelt zich gezien.</li>"
                    "<li><b>Afhankelijk maken en isoleren:</b> de dader zet de jongere op tegen "
                    "ouders, vrienden en school. Hij wordt de enige die 'echt om haar "
                    "geeft'.</li>"
                    "<li><b>Uitbuiten:</b> de dader vraagt 'een gunst' (seks met een vriend), "
                    "maakt beelden, bouwt een schuld op of dreigt. Daarna volgt seks met "
                    "anderen voor geld.</li>"
                    "</ol>"
                    "<p>Slachtoffers zijn vaak meisjes, maar ook jongens worden slachtoffer, en "
                    "daders zijn niet altijd mannen. Jongeren met een licht verstandelijke "
                    "beperking, jongeren in de jeugdzorg en jongeren die weglopen lopen meer "
                    "risico.</p>"
                ),
                paragraph(
                    "<h2>Online werving</h2>"
                    "<p>Veel contact begint online, via sociale media, chat-apps en games. "
                    "Daders sturen berichten naar veel jongeren tegelijk, bieden 'snel geld' of "
                    "een modellenklus aan, of vragen om een naaktfoto en gebruiken die daarna om "
                    "te chanteren (sextortion). Ook advertenties voor seks met jongeren staan "
                    "online, vaak verstopt achter gewone woorden.</p>"
                ),
                callout(
                    "signaal",
                    "Signalen van seksuele uitbuiting bij jongeren",
                    "<ul>"
                    "<li>Een (veel) oudere vriend of nieuwe 'vrienden' met auto's en geld.</li>"
                    "<li>Dure spullen, nieuwe kleding of een tweede telefoon zonder "
                    "verklaring.</li>"
                    "<li>Spijbelen, weglopen, 's nachts wegblijven, onbekende adressen of "
                    "hotels.</li>"
                    "<li>Geheimzinnig en angstig telefoongebruik, steeds gebeld worden.</li>"
                    "<li>Terugtrekken van familie en oude vrienden.</li>"
                    "<li>Seksueel overdreven gedrag, soa's of zwangerschap, middelengebruik.</li>"
                    "<li>Een tatoeage met een naam of teken die de jongere niet kan "
                    "uitleggen.</li>"
                    "</ul>"
                    "<p>Eén signaal zegt weinig. Let op combinaties en veranderingen.</p>",
                ),
                case(
                    "Jesse, 16 jaar",
                    "<p>Jesse (16) woont in een woongroep. Hij heeft sinds kort veel contact "
                    "via een app met een man die hij 'een vriend van het gamen' noemt. Hij heeft "
                    "opeens nieuwe sneakers en zegt dat hij 'soms wat klusjes doet'. Een "
                    "groepsgenoot vertelt dat Jesse een foto van zichzelf heeft gestuurd en nu "
                    "bang is dat die 'overal komt te staan'.</p>",
                    "Welke signalen ziet u, en waarom is het belangrijk om ook bij jongens aan "
                    "seksuele uitbuiting te denken?",
                    "<p>Signalen: online contact met een onbekende volwassene, onverklaarde "
                    "cadeaus, vage 'klusjes', en mogelijk chantage met een beeld (sextortion). "
                    "Jongens worden minder vaak herkend als slachtoffer, omdat professionals "
                    "vooral aan meisjes denken en jongens er zelf nog minder over praten. "
                    "Bespreek het met de aandachtsfunctionaris, volg de meldcode en help Jesse "
                    "het beeld te laten verwijderen; de politie kan bij sextortion helpen.</p>",
                ),
                reflection(
                    "Hoe praat u met jongeren over online contacten, zonder dat het als een "
                    "verhoor voelt?",
                ),
                check(
                    "Welke signalen passen bij de pooierboymethode? Kies alle juiste antwoorden.",
                    [
                        option(
                            "De jongere heeft een veel oudere vriend die haar veel cadeaus geeft.",
                            True,
                            "Juist. Inpalmen met aandacht en cadeaus is vaak de eerste stap.",
                        ),
                        option(
                            "De jongere trekt zich terug van familie en oude vrienden.",
                            True,
                            "Juist. Isoleren maakt de jongere afhankelijk van de dader.",
                        ),
                        option(
                            "De jongere heeft een bijbaan in de supermarkt en koopt daar kleding "
                            "van.",
                            False,
                            "Dit is een gewone verklaring voor nieuwe spullen en geen signaal "
                            "op zich.",
                        ),
                        option(
                            "De jongere blijft 's nachts weg en noemt onbekende adressen.",
                            True,
                            "Juist. Weglopen en onbekende adressen zijn belangrijke signalen.",
                        ),
                    ],
                    multiple=True,
                ),
            ],
        ),
        lesson(
            "signalen-criminele-uitbuiting",
            "Signalen van criminele uitbuiting",
            "U leert hoe jongeren worden ingezet als drugskoerier, geldezel of voor andere "
            "strafbare feiten, en waarom het non-punishmentbeginsel ertoe doet.",
            30,
            [
                paragraph(
                    "<h2>Hoe werkt criminele uitbuiting?</h2>"
                    "<p>Criminelen zetten jongeren in omdat zij minder opvallen en goedkoop "
                    "zijn. Jongeren worden bijvoorbeeld:</p>"
                    "<ul>"
                    "<li><b>drugskoerier:</b> ze brengen drugs naar klanten of naar andere "
                    "steden, of bewaren drugs thuis;</li>"
                    "<li><b>geldezel:</b> ze 'verhuren' hun bankrekening of pinpas, of halen "
                    "geld op; vaak via een bericht op sociale media met 'snel geld "
                    "verdienen';</li>"
                    "<li><b>uitvoerder:</b> ze stelen, doen inbraken, staan op de uitkijk of "
                    "plegen geweld in opdracht.</li>"
                    "</ul>"
                    "<p>De werving begint vaak klein en aantrekkelijk: geld, aanzien, "
                    "erbij horen. Daarna volgt de val: de jongere 'raakt' drugs of geld kwijt "
                    "(soms in een nep-overval die de daders zelf regelen) en heeft dan een "
                    "schuld. Met die schuld en met bedreigingen houden de daders de jongere "
                    "vast.</p>"
                ),
                callout(
                    "signaal",
                    "Signalen van criminele uitbuiting",
                    "<ul>"
                    "<li>Geld, dure kleding of spullen die niet passen bij de situatie.</li>"
                    "<li>Meerdere telefoons, steeds gebeld worden, op elk moment weg "
                    "moeten.</li>"
                    "<li>Reizen naar andere steden zonder duidelijke reden, treinkaartjes.</li>"
                    "<li>Schulden bij 'vrienden', angst, slecht slapen, onverklaarde "
                    "verwondingen.</li>"
                    "<li>Schoolverzuim, nieuwe oudere contacten, drugsgebruik.</li>"
                    "<li>Pinpas of bankrekening 'uitgeleend', of plotselinge transacties.</li>"
                    "</ul>",
                ),
                NON_PUNISHMENT,
                callout(
                    "let-op",
                    "Dader en slachtoffer tegelijk",
                    "<p>Een jongere die drugs verkoopt, kan tegelijk slachtoffer zijn van "
                    "uitbuiting. Benoem het strafbare gedrag, maar vraag ook: wie verdient "
                    "hieraan, en kan deze jongere er zelf mee stoppen?</p>",
                ),
                case(
                    "Daan, 16 jaar",
                    "<p>Daan (16) verzuimt steeds vaker van school. Hij draagt sinds kort dure "
                    "kleding en heeft twee telefoons. Tijdens een gesprek gaat een telefoon "
                    "drie keer; hij wordt zichtbaar zenuwachtig. Hij zegt dat hij 'iemand nog "
                    "geld schuldig is' en dat hij zijn pinpas 'even heeft uitgeleend aan een "
                    "vriend'.</p>",
                    "Welke signalen van criminele uitbuiting ziet u en wat doet u als eerste?",
                    "<p>Signalen: verzuim, onverklaarde dure kleding, twee telefoons, steeds "
                    "gebeld worden, angst, een schuld en een uitgeleende pinpas (mogelijk "
                    "geldezel). Leg de signalen feitelijk vast en bespreek ze met de "
                    "aandachtsfunctionaris. Volg de meldcode: Daan is minderjarig. Vraag "
                    "advies aan Veilig Thuis. Is Daan in direct gevaar, bel dan 112. Praat met "
                    "Daan over zijn veiligheid, zonder te beschuldigen.</p>",
                ),
                check(
                    "Een jongere wordt opgepakt met drugs die hij voor een ander vervoerde. Wat "
                    "zegt het non-punishmentbeginsel?",
                    [
                        option(
                            "Dat de jongere altijd vrijuit gaat.",
                            False,
                            "Niet juist. Het beginsel geeft geen automatische vrijspraak; het OM "
                            "beoordeelt de situatie.",
                        ),
                        option(
                            "Dat slachtoffers niet gestraft moeten worden voor strafbare feiten "
                            "die ze als direct gevolg van hun uitbuiting pleegden.",
                            True,
                            "Juist. Daarom is het belangrijk dat signalen van uitbuiting op tijd "
                            "bekend zijn.",
                        ),
                        option(
                            "Dat alleen volwassenen kunnen worden vervolgd.",
                            False,
                            "Niet juist. Ook jongeren vanaf 12 jaar kunnen worden vervolgd.",
                        ),
                    ],
                ),
                reflection(
                    "Hoe reageert u nu als een jongere iets strafbaars doet? Welke vraag kunt u "
                    "voortaan stellen om ook uitbuiting te zien?",
                ),
            ],
        ),
        lesson(
            "wat-doe-je-met-een-signaal",
            "Wat doet u met een signaal?",
            "U leert welke stappen u zet: vastleggen, bespreken, de meldcode volgen en een goed "
            "gesprek voeren met de jongere.",
            25,
            [
                paragraph(
                    "<p>U hoeft niet zeker te weten dat een jongere wordt uitgebuit. Uw taak "
                    "is signaleren en handelen volgens de afspraken, niet bewijzen. Het "
                    "onderzoek doen anderen, zoals Veilig Thuis en de politie.</p>"
                ),
                MELDCODE,
                WHO_DOES_WHAT,
                callout(
                    "tip",
                    "Zo voert u een eerste gesprek",
                    "<ul>"
                    "<li>Kies een rustige plek en tijd; zorg dat de jongere niet wordt "
                    "meegeluisterd (ook niet via de telefoon).</li>"
                    "<li>Benoem wat u ziet, zonder oordeel: 'Ik zie dat je vaak weg bent en "
                    "dat je er moe uitziet. Ik maak me zorgen.'</li>"
                    "<li>Stel open vragen: wie, wat, waar. Vermijd 'waarom'-vragen; die "
                    "klinken als een verwijt.</li>"
                    "<li>Beloof geen geheimhouding. Zeg eerlijk met wie u het bespreekt en "
                    "waarom.</li>"
                    "<li>Verwacht geen verhaal in één keer. Houd contact; vertrouwen kost "
                    "tijd.</li>"
                    "</ul>",
                ),
                case(
                    "Een moeder aan de telefoon",
                    "<p>De moeder van Sara (14) belt u als mentor. Sara is het afgelopen "
                    "weekend twee nachten weggebleven. Ze kwam terug met een nieuwe telefoon en "
                    "wil niet zeggen waar ze was. Moeder vraagt u het 'niet groot te maken', "
                    "want Sara heeft haar laten beloven niets te zeggen.</p>",
                    "Wat doet u met dit telefoontje?",
                    "<p>Neem de zorg van moeder serieus en leg vast wat zij vertelt. Leg uit dat "
                    "u dit niet geheim kunt houden omdat het om Sara's veiligheid gaat. "
                    "Bespreek het met de aandachtsfunctionaris en volg de meldcode. Vraag "
                    "advies aan Veilig Thuis: weglopen, een nieuwe telefoon en geheimhouding "
                    "zijn samen een zorgelijk beeld. Moeder kan ook zelf advies vragen aan "
                    "Veilig Thuis.</p>",
                ),
                reflection(
                    "Weet u wie in uw organisatie de aandachtsfunctionaris is en hoe u die "
                    "bereikt? Zo niet: zoek het vandaag op.",
                ),
                check(
                    "U hebt een vermoeden van uitbuiting bij een leerling van 14. Wat doet u "
                    "als eerste?",
                    [
                        option(
                            "Ik wacht tot ik meer bewijs heb.",
                            False,
                            "Niet juist. U hoeft geen bewijs te hebben om een signaal te "
                            "bespreken.",
                        ),
                        option(
                            "Ik leg de signalen vast en bespreek ze met de aandachtsfunctionaris.",
                            True,
                            "Juist. Dit zijn de eerste stappen van de meldcode.",
                        ),
                        option(
                            "Ik confronteer de vriend van de leerling.",
                            False,
                            "Niet juist. Dat kan de leerling in gevaar brengen.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "toets": toets(
        "Eindtoets BUIT-basis",
        "Tien vragen over de lessen. U hebt 70% goed nodig en u mag de toets drie keer doen.",
        [
            single(
                "Wanneer is er bij een minderjarige sprake van mensenhandel?",
                [
                    option(
                        "Alleen als er geweld of dreiging is gebruikt.",
                        False,
                        "Bij minderjarigen is geen dwangmiddel nodig.",
                    ),
                    option(
                        "Als iemand de jongere werft, vervoert of huisvest met het doel om "
                        "hem of haar uit te buiten.",
                        True,
                        "Juist: handeling en doel zijn genoeg.",
                    ),
                    option(
                        "Alleen als de jongere naar een ander land is gebracht.",
                        False,
                        "Mensenhandel kan ook helemaal binnen Nederland plaatsvinden.",
                    ),
                ],
                "Bij minderjarigen is geen middel (dwang, misleiding) nodig; een kind kan niet "
                "instemmen met uitbuiting.",
            ),
            multiple(
                "Welke signalen kunnen wijzen op seksuele uitbuiting van een jongere? Kies alle "
                "juiste antwoorden.",
                [
                    option("Een veel oudere vriend met een auto en geld.", True, "Juist."),
                    option(
                        "Een tweede telefoon waarover de jongere geheimzinnig doet.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "De jongere sport drie keer per week.",
                        False,
                        "Dit is geen signaal van uitbuiting.",
                    ),
                    option(
                        "Hotelkaartjes of onbekende adressen waar de jongere 's nachts is.",
                        True,
                        "Juist.",
                    ),
                ],
                "Let op combinaties van signalen en op veranderingen in gedrag.",
            ),
            true_false(
                "Het woord 'pooierboy' wordt gebruikt omdat 'loverboy' te onschuldig klinkt "
                "voor wat de dader doet.",
                true=True,
                feedback_true="Juist. Het gaat om pooiers die jongeren bewust uitbuiten.",
                feedback_false="Niet juist. 'Loverboy' verbloemt dat het om uitbuiting gaat.",
                explanation="Pooierboys palmen jongeren in, maken ze afhankelijk en buiten ze "
                "dan uit.",
            ),
            single(
                "Een jongen krijgt via sociale media het aanbod om '500 euro te verdienen met "
                "je bankrekening'. Waarvoor wordt hij waarschijnlijk geworven?",
                [
                    option(
                        "Als geldezel.",
                        True,
                        "Juist. Criminelen laten geld via zijn rekening lopen.",
                    ),
                    option("Als drugskoerier.", False, "Hier gaat het om zijn bankrekening."),
                    option(
                        "Voor een gewone bijbaan.",
                        False,
                        "Een gewone werkgever vraagt niet om uw bankrekening te gebruiken.",
                    ),
                ],
                "Geldezels worden vaak online geworven met 'snel geld'. Ze raken daarna zelf in "
                "de problemen, zoals schulden en een strafzaak.",
            ),
            true_false(
                "Jongeren die worden uitgebuit, zien zichzelf meestal direct als slachtoffer.",
                true=False,
                feedback_true="Niet juist. De meeste jongeren zien zichzelf niet zo.",
                feedback_false="Juist. Ze voelen zich vaak verliefd, loyaal of schuldig.",
                explanation="Omdat jongeren zichzelf vaak niet als slachtoffer zien, is het "
                "signaleren door professionals zo belangrijk.",
            ),
            multiple(
                "Hoe houden daders van criminele uitbuiting een jongere vaak vast? Kies alle "
                "juiste antwoorden.",
                [
                    option(
                        "Met een schuld, bijvoorbeeld na een 'verloren' lading drugs.",
                        True,
                        "Juist. Soms regelen daders die 'beroving' zelf.",
                    ),
                    option("Met bedreigingen, ook tegen familie.", True, "Juist."),
                    option(
                        "Met een arbeidscontract bij een uitzendbureau.",
                        False,
                        "Dat is geen middel van criminele uitbuiting.",
                    ),
                ],
                "Schulden en dreiging zorgen ervoor dat een jongere niet meer durft te stoppen.",
            ),
            single(
                "Wat zegt het non-punishmentbeginsel?",
                [
                    option(
                        "Slachtoffers moeten niet gestraft worden voor strafbare feiten die ze "
                        "als direct gevolg van hun uitbuiting pleegden.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Minderjarigen kunnen nooit worden gestraft.",
                        False,
                        "Niet juist. Jongeren vanaf 12 jaar kunnen worden vervolgd.",
                    ),
                    option(
                        "Daders van mensenhandel krijgen een lagere straf als ze bekennen.",
                        False,
                        "Dit heeft niets met het beginsel te maken.",
                    ),
                ],
                "Het Openbaar Ministerie kan besluiten een slachtoffer niet te vervolgen. "
                "Daarvoor moeten de signalen van uitbuiting wel bekend zijn.",
            ),
            single(
                "Wat is de eerste stap van de Meldcode huiselijk geweld en kindermishandeling?",
                [
                    option("Melden bij de politie.", False, "Dit is geen stap van de meldcode."),
                    option(
                        "Signalen in kaart brengen en vastleggen.",
                        True,
                        "Juist. Leg feiten vast, geen interpretaties.",
                    ),
                    option(
                        "Het geweld wegen met het afwegingskader.",
                        False,
                        "Dat is stap 4.",
                    ),
                ],
                "De vijf stappen: signalen vastleggen, collegiaal overleggen (en zo nodig "
                "Veilig Thuis raadplegen), gesprek met de cliënt, wegen, en beslissen over "
                "melden en hulp.",
            ),
            true_false(
                "Als een jongere u vraagt iets geheim te houden, belooft u dat, zodat het "
                "vertrouwen blijft.",
                true=False,
                feedback_true="Niet juist. Een belofte die u niet kunt houden, schaadt het "
                "vertrouwen juist.",
                feedback_false="Juist. Zeg eerlijk met wie u het bespreekt en waarom.",
                explanation="Bij zorgen over veiligheid moet u met anderen overleggen. Leg dat "
                "vooraf uit.",
            ),
            single(
                "Wie kunt u om advies vragen als u twijfelt over signalen van uitbuiting bij een "
                "minderjarige?",
                [
                    option(
                        "Veilig Thuis.",
                        True,
                        "Juist. Veilig Thuis geeft advies en neemt meldingen aan.",
                    ),
                    option(
                        "De vriend van de jongere.",
                        False,
                        "Niet doen: dat kan de jongere in gevaar brengen.",
                    ),
                    option(
                        "Niemand; u moet eerst zeker zijn.",
                        False,
                        "Niet juist. U hoeft niet zeker te zijn om advies te vragen.",
                    ),
                ],
                "Bespreek het ook met de aandachtsfunctionaris in uw organisatie.",
            ),
        ],
    ),
}


# ---------------------------------------------------------------------------------------------
# Mensenhandel herkennen voor reclasseringswerkers
# ---------------------------------------------------------------------------------------------

RECLASSERING = {
    "code": "reclassering-mensenhandel",
    "title": "Mensenhandel herkennen voor reclasseringswerkers",
    "summary": (
        "Uw cliënt kan dader van mensenhandel zijn, slachtoffer, of allebei. In deze e-learning "
        "leert u signalen van uitbuiting herkennen in advies, toezicht en werkstraffen, het "
        "non-punishmentbeginsel toepassen en een signaal op de juiste plek neerleggen."
    ),
    "objectives": [
        "U legt uit wat mensenhandel is en welke vormen van uitbuiting er zijn.",
        "U herkent signalen van seksuele, arbeids- en criminele uitbuiting bij volwassen cliënten.",
        "U herkent wanneer een cliënt die verdachte of veroordeelde is, ook slachtoffer kan zijn, "
        "en u weet wat het non-punishmentbeginsel inhoudt.",
        "U beschrijft signalen feitelijk in een adviesrapport of toezichtsverslag.",
        "U weet met wie u een signaal bespreekt: aandachtsfunctionaris, zorgcoördinator, "
        "politie of CoMensha.",
    ],
    "audience_functions": ["reclasseringswerker"],
    "audience_professions": ["reclasseringswerker"],
    "format": "elearning",
    "level": "basis",
    "study_time_minutes": 90,
    "certificate_validity_months": 24,
    "refresher": "opfriscursus-signaleren",
    "accreditations": [("registerplein", "RP-DEMO-2025-014", 3)],
    "lessons": [
        lesson(
            "mensenhandel-en-de-reclassering",
            "Mensenhandel en de reclassering",
            "Wat mensenhandel is en waarom u het in uw werk tegenkomt.",
            20,
            [
                paragraph(
                    "<p>Als reclasseringswerker spreekt u mensen vaak en langdurig: voor een "
                    "adviesrapport, tijdens toezicht of bij een werkstraf. U hoort meer over "
                    "hun leven dan veel andere professionals. Daardoor bent u goed in staat om "
                    "uitbuiting te zien, ook als die niet de reden is dat u de cliënt "
                    "spreekt.</p>"
                ),
                WHAT_IS_TRAFFICKING,
                FORMS_OF_EXPLOITATION,
                callout(
                    "let-op",
                    "Dader, slachtoffer of allebei",
                    "<p>Uw cliënt kan veroordeeld zijn voor mensenhandel. Hij kan ook "
                    "slachtoffer zijn: iemand die gedwongen drugs vervoerde, in een "
                    "hennepkwekerij werkte of winkeldiefstallen pleegde voor een ander. En "
                    "soms is iemand eerst slachtoffer en later zelf dader geworden. Houd alle "
                    "drie de mogelijkheden open.</p>",
                ),
                reflection(
                    "Denk aan uw caseload. Bij welke cliënt heeft u wel eens gedacht: hier "
                    "zit iemand achter?",
                ),
                check(
                    "Welke drie onderdelen horen bij mensenhandel van een volwassene?",
                    [
                        option(
                            "Een handeling, een middel en het doel van uitbuiting.",
                            True,
                            "Juist. Bijvoorbeeld werven (handeling), misleiden (middel) en "
                            "seksuele uitbuiting (doel).",
                        ),
                        option(
                            "Grensoverschrijding, geweld en winst.",
                            False,
                            "Niet juist. Mensenhandel kan zonder grensoverschrijding en zonder "
                            "fysiek geweld.",
                        ),
                        option(
                            "Een slachtoffer, een aangifte en een veroordeling.",
                            False,
                            "Niet juist. Er is sprake van mensenhandel, ook als er (nog) geen "
                            "aangifte is.",
                        ),
                    ],
                ),
                case(
                    "Adviesgesprek met Jordy",
                    "<p>Jordy (20) is aangehouden in de trein met een pakket drugs. In het "
                    "adviesgesprek zegt hij eerst dat het 'voor zichzelf' was. Later vertelt hij "
                    "dat hij een eerder pakket 'kwijtraakte' en sindsdien een schuld heeft bij "
                    "'een paar jongens'. Hij wil niet zeggen wie dat zijn.</p>",
                    "Welke mogelijkheden houdt u open, en wat doet u in dit gesprek?",
                    "<p>Jordy kan dader zijn, slachtoffer van criminele uitbuiting, of allebei. "
                    "Een 'kwijtgeraakt' pakket en een schuld zijn bekende signalen. Vraag door "
                    "zonder te beschuldigen: voor wie vervoerde hij, wat kreeg hij ervoor, kon "
                    "hij weigeren? Leg vast wat hij vertelt en bespreek het met de "
                    "aandachtsfunctionaris. Neem de signalen feitelijk op in uw advies, zodat het "
                    "OM ze kan meewegen.</p>",
                ),
            ],
        ),
        lesson(
            "signalen-bij-uw-client",
            "Signalen bij uw cliënt",
            "Welke signalen u in gesprekken, huisbezoeken en bij werkstraffen kunt zien.",
            25,
            [
                callout(
                    "signaal",
                    "Signalen van seksuele uitbuiting",
                    "<ul>"
                    "<li>De cliënt werkt in de prostitutie, maar weet niet waar, of een ander "
                    "regelt klanten, advertenties en geld.</li>"
                    "<li>Een partner of 'vriend' is altijd in de buurt, ook bij "
                    "afspraken.</li>"
                    "<li>Wisselende verblijfsadressen, hotels, geen eigen telefoon.</li>"
                    "</ul>",
                ),
                callout(
                    "signaal",
                    "Signalen van arbeidsuitbuiting",
                    "<ul>"
                    "<li>Geen eigen ID: de werkgever of een tussenpersoon beheert het "
                    "paspoort.</li>"
                    "<li>Wonen op het werkadres of in huisvesting van de werkgever.</li>"
                    "<li>Lange dagen, weinig of geen loon, inhoudingen voor huur, vervoer of "
                    "boetes.</li>"
                    "<li>Een schuld bij de werkgever of ronselaar, bijvoorbeeld voor de "
                    "reis.</li>"
                    "</ul>",
                ),
                callout(
                    "signaal",
                    "Signalen van criminele uitbuiting",
                    "<ul>"
                    "<li>De cliënt pleegt feiten waar hij zelf weinig aan verdient, zoals "
                    "drugs vervoeren, een hennepkwekerij verzorgen of winkeldiefstal in "
                    "opdracht.</li>"
                    "<li>Er is een schuld bij 'de mensen voor wie hij werkt'.</li>"
                    "<li>De cliënt is bang om te praten, of om zijn afspraken te missen omdat "
                    "'ze' hem nodig hebben.</li>"
                    "<li>Kwetsbaarheid: verslaving, een licht verstandelijke beperking, "
                    "dakloosheid, geen verblijfsvergunning.</li>"
                    "</ul>",
                ),
                paragraph(
                    "<p>Gedwongen orgaanverwijdering komt zelden voor. Let op als een cliënt "
                    "vertelt over een operatie in het buitenland om een schuld af te lossen, "
                    "of een litteken heeft dat hij niet wil of kan verklaren.</p>"
                ),
                case(
                    "Werkstraf van Tomasz",
                    "<p>Tomasz (28) moet een werkstraf doen voor rijden zonder rijbewijs. Hij "
                    "komt steeds te laat of niet. Hij zegt dat zijn 'baas' hem niet laat gaan: "
                    "hij werkt zes dagen per week in een distributiecentrum en woont in een "
                    "huis van dezelfde baas. Zijn paspoort ligt 'bij kantoor'. Hij krijgt, "
                    "zegt hij, 'wat overblijft na de huur'.</p>",
                    "Welke signalen ziet u, en wat is uw volgende stap?",
                    "<p>Signalen van arbeidsuitbuiting: paspoort niet in eigen bezit, wonen bij "
                    "de werkgever, lange weken, loon na inhoudingen onduidelijk, en hij mag "
                    "niet weg voor zijn werkstraf. Behandel het verzuim niet alleen als "
                    "regelovertreding. Leg de signalen vast en bespreek ze met de "
                    "aandachtsfunctionaris of uw werkbegeleider. Vraag de zorgcoördinator om "
                    "advies over hulp en bespreek met Tomasz of hij met de politie wil "
                    "praten.</p>",
                ),
                check(
                    "Welke signalen wijzen op arbeidsuitbuiting? Kies alle juiste antwoorden.",
                    [
                        option("De werkgever bewaart het paspoort.", True, "Juist."),
                        option(
                            "De cliënt woont in een huis van de werkgever en de huur gaat van "
                            "het loon af.",
                            True,
                            "Juist. Afhankelijkheid voor wonen en werk is een belangrijk signaal.",
                        ),
                        option(
                            "De cliënt werkt in ploegendienst met een contract.",
                            False,
                            "Dat is op zichzelf geen signaal.",
                        ),
                    ],
                    multiple=True,
                ),
                reflection(
                    "Bij welke vorm van uitbuiting vindt u het het lastigst om signalen te "
                    "herkennen bij uw cliënten? Waarom?",
                ),
            ],
        ),
        lesson(
            "slachtoffer-en-verdachte",
            "Slachtoffer en verdachte tegelijk",
            "Het non-punishmentbeginsel, en hoe u signalen in een adviesrapport beschrijft.",
            25,
            [
                NON_PUNISHMENT,
                paragraph(
                    "<h2>Signalen in uw adviesrapport</h2>"
                    "<p>In een adviesrapport of voortgangsverslag kunt u signalen van "
                    "uitbuiting beschrijven. Zo kunnen de officier van justitie en de rechter "
                    "ermee rekening houden. Let daarbij op:</p>"
                    "<ul>"
                    "<li>Beschrijf feiten en uitspraken van de cliënt, geen conclusies: 'Cliënt "
                    "vertelt dat hij het huis niet mocht verlaten', niet 'cliënt is "
                    "slachtoffer'.</li>"
                    "<li>Geef aan welke vervolgstappen zijn gezet, zoals contact met de "
                    "zorgcoördinator.</li>"
                    "<li>Denk aan de veiligheid van de cliënt: wie leest het rapport mee, en "
                    "kan de cliënt in gevaar komen als medeverdachten het lezen? Overleg bij "
                    "twijfel met uw leidinggevende of de aandachtsfunctionaris.</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    "Vraag door op het 'waarom'",
                    "<p>Bij een cliënt die drugs vervoerde: vraag voor wie, wat hij eraan "
                    "verdiende, of hij had kunnen weigeren en wat er was gebeurd als hij "
                    "weigerde. Zulke vragen maken uitbuiting zichtbaar zonder dat u het woord "
                    "hoeft te noemen.</p>",
                ),
                case(
                    "Adviesrapport over Sandra",
                    "<p>Sandra (23) is verdachte van het openen van bankrekeningen die voor "
                    "oplichting zijn gebruikt. In het gesprek vertelt ze dat haar vriend haar "
                    "pas en codes heeft, dat ze geen eigen geld heeft en dat hij dreigde haar "
                    "naaktfoto's te verspreiden als ze niet meewerkte.</p>",
                    "Wat neemt u op in het adviesrapport, en wat doet u verder?",
                    "<p>Beschrijf feitelijk wat Sandra vertelt: haar vriend beheert pas en "
                    "codes, ze heeft geen eigen geld en ze is bedreigd met verspreiding van "
                    "beelden. Geef aan dat dit signalen zijn van mogelijke (criminele) "
                    "uitbuiting, zodat het OM het non-punishmentbeginsel kan meewegen. "
                    "Bespreek met Sandra haar veiligheid en de mogelijkheid van aangifte bij "
                    "de politie, en schakel de aandachtsfunctionaris en de zorgcoördinator "
                    "in.</p>",
                ),
                check(
                    "Hoe beschrijft u een signaal van uitbuiting in een adviesrapport?",
                    [
                        option(
                            "Met feiten en uitspraken van de cliënt, zonder conclusie.",
                            True,
                            "Juist. Zo blijft het rapport controleerbaar.",
                        ),
                        option(
                            "Met de conclusie dat de cliënt slachtoffer is.",
                            False,
                            "Niet juist. Dat vaststellen is niet aan u.",
                        ),
                        option(
                            "Niet: signalen horen niet in een rapport.",
                            False,
                            "Niet juist. Signalen helpen het OM en de rechter om het "
                            "non-punishmentbeginsel mee te wegen.",
                        ),
                    ],
                ),
                reflection(
                    "Denk aan uw laatste adviesrapport. Was er ruimte geweest om signalen van "
                    "uitbuiting te beschrijven? Hoe had u dat gedaan?",
                ),
            ],
        ),
        lesson(
            "wat-doet-u-met-een-signaal",
            "Wat doet u met een signaal?",
            "De route van signaal naar hulp en veiligheid, en wie u daarbij inschakelt.",
            20,
            [
                paragraph(
                    "<p>U hoeft niet te bewijzen dat er sprake is van mensenhandel. Uw taak is "
                    "het signaal serieus nemen, vastleggen en bespreken. Het onderzoek doet de "
                    "politie.</p>"
                    "<ol>"
                    "<li>Leg vast wat u ziet en hoort, in de woorden van de cliënt.</li>"
                    "<li>Bespreek het met de aandachtsfunctionaris mensenhandel of uw "
                    "werkbegeleider.</li>"
                    "<li>Vraag de zorgcoördinator mensenhandel in de regio om advies over zorg "
                    "en opvang.</li>"
                    "<li>Bespreek met de cliënt of hij met de politie (AVIM) wil praten of "
                    "aangifte wil doen.</li>"
                    "<li>Is er acuut gevaar, bel dan 112.</li>"
                    "</ol>"
                ),
                WHO_DOES_WHAT,
                callout(
                    "let-op",
                    "Zonder verblijfsvergunning",
                    "<p>Een slachtoffer zonder verblijfsrecht is vaak bang om uitgezet te "
                    "worden. Er is een speciale verblijfsregeling voor slachtoffers van "
                    "mensenhandel, met bedenktijd om na te denken over aangifte. De politie "
                    "en de zorgcoördinator informeren het slachtoffer hierover.</p>",
                ),
                case(
                    "Een cliënt in toezicht",
                    "<p>Mo (31) staat onder toezicht. Hij vertelt dat hij voor zijn oom in een "
                    "autowasstraat werkt, twaalf uur per dag, voor 'kost en inwoning'. Hij "
                    "wil er niets mee: 'Het is familie.'</p>",
                    "Wat doet u, als Mo zelf geen hulp wil?",
                    "<p>Leg vast wat Mo vertelt en bespreek het met de aandachtsfunctionaris. "
                    "Geef Mo informatie over zijn rechten en over waar hij terechtkan, zodat "
                    "hij weet dat er hulp is als hij die later wil. Blijf het onderwerp "
                    "terugbrengen in gesprekken. Vraag de zorgcoördinator om advies. Als u "
                    "anderen in gevaar ziet, of als er aanwijzingen zijn voor een groter "
                    "netwerk, bespreek dan met de aandachtsfunctionaris of informatie naar de "
                    "politie moet, binnen de regels van uw beroepsgeheim.</p>",
                ),
                reflection(
                    "Welke afspraken heeft uw team over het bespreken van signalen van "
                    "mensenhandel? Weet u wie de zorgcoördinator in uw regio is?",
                ),
                check(
                    "Uw cliënt vertelt tijdens een afspraak dat hij wordt bedreigd en vandaag "
                    "niet terug naar huis durft. Wat doet u?",
                    [
                        option(
                            "Ik bespreek het bij de volgende afspraak verder.",
                            False,
                            "Niet juist. Hier is mogelijk acuut gevaar; dat kan niet wachten.",
                        ),
                        option(
                            "Ik schat samen met hem de veiligheid in en bel bij acuut gevaar 112; "
                            "daarna schakel ik de aandachtsfunctionaris en de zorgcoördinator in.",
                            True,
                            "Juist. Eerst veiligheid, dan de route naar hulp en opvang.",
                        ),
                        option(
                            "Ik stuur een e-mail aan de zorgcoördinator en sluit de afspraak af.",
                            False,
                            "Niet juist. Bij acuut gevaar is een e-mail te traag.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "toets": toets(
        "Eindtoets reclassering en mensenhandel",
        "Negen vragen. U hebt 70% goed nodig en u mag de toets drie keer doen.",
        [
            single(
                "In welk artikel van het Wetboek van Strafrecht staat mensenhandel?",
                [
                    option("Artikel 273f Sr.", True, "Juist."),
                    option("Artikel 300 Sr.", False, "Dat artikel gaat over mishandeling."),
                    option("Artikel 310 Sr.", False, "Dat artikel gaat over diefstal."),
                ],
                "Artikel 273f Sr beschrijft de handelingen, middelen en vormen van uitbuiting.",
            ),
            multiple(
                "Welke vormen van uitbuiting vallen onder mensenhandel? Kies alle juiste "
                "antwoorden.",
                [
                    option("Seksuele uitbuiting.", True, "Juist."),
                    option("Arbeidsuitbuiting.", True, "Juist."),
                    option("Criminele uitbuiting.", True, "Juist."),
                    option("Gedwongen orgaanverwijdering.", True, "Juist."),
                    option(
                        "Slecht werkgeverschap zonder dwang of afhankelijkheid.",
                        False,
                        "Slecht werk is niet altijd uitbuiting; dan zijn andere regels van "
                        "toepassing.",
                    ),
                ],
                "De vier hoofdvormen zijn seksuele uitbuiting, arbeidsuitbuiting, criminele "
                "uitbuiting en gedwongen orgaanverwijdering.",
            ),
            true_false(
                "Een cliënt die veroordeeld is voor drugshandel, kan tegelijk slachtoffer zijn "
                "van mensenhandel.",
                true=True,
                feedback_true="Juist. Hij kan gedwongen zijn om drugs te vervoeren of te verkopen.",
                feedback_false="Niet juist. Dader en slachtoffer kunnen samenvallen.",
                explanation="Criminele uitbuiting maakt van slachtoffers verdachten. Houd beide "
                "mogelijkheden open.",
            ),
            single(
                "Een cliënt verzuimt zijn werkstraf omdat zijn werkgever hem niet laat gaan. Hij "
                "woont bij de werkgever en heeft zijn paspoort niet. Wat doet u als eerste?",
                [
                    option(
                        "Ik meld het verzuim bij het OM en sluit het dossier.",
                        False,
                        "Zo mist u mogelijk een slachtoffer van arbeidsuitbuiting.",
                    ),
                    option(
                        "Ik leg de signalen vast en bespreek ze met de aandachtsfunctionaris.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Ik bel de werkgever om te vragen of het klopt.",
                        False,
                        "Niet doen: dat kan de cliënt in gevaar brengen.",
                    ),
                ],
                "Signalen van arbeidsuitbuiting: geen eigen ID, wonen bij de werkgever, niet "
                "vrij kunnen gaan.",
            ),
            true_false(
                "Het non-punishmentbeginsel betekent dat een slachtoffer van mensenhandel altijd "
                "vrijuit gaat, ook voor feiten die niets met de uitbuiting te maken hebben.",
                true=False,
                feedback_true="Niet juist. Het gaat alleen om feiten die een direct gevolg van de "
                "uitbuiting zijn.",
                feedback_false="Juist. Het beginsel geldt voor feiten waartoe iemand als "
                "slachtoffer werd gedwongen.",
                explanation="Het OM kan afzien van vervolging van slachtoffers voor feiten die "
                "zij als direct gevolg van hun uitbuiting pleegden (Aanwijzing mensenhandel).",
            ),
            single(
                "Hoe beschrijft u signalen van uitbuiting in een adviesrapport?",
                [
                    option(
                        "Feitelijk, met uitspraken van de cliënt, zonder conclusie.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Als vaststaand feit: 'cliënt is slachtoffer van mensenhandel'.",
                        False,
                        "Dat is niet aan u om vast te stellen.",
                    ),
                    option(
                        "Alleen als de cliënt aangifte heeft gedaan.",
                        False,
                        "Signalen zijn ook zonder aangifte van belang.",
                    ),
                ],
                "Let ook op de veiligheid van de cliënt als anderen het rapport kunnen lezen.",
            ),
            multiple(
                "Welke signalen kunnen op criminele uitbuiting wijzen? Kies alle juiste "
                "antwoorden.",
                [
                    option(
                        "De cliënt heeft een schuld bij 'de mensen voor wie hij werkt'.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "De cliënt verzorgde een hennepkwekerij en moest daar wonen.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "De cliënt verdiende zelf veel aan zijn eigen drugshandel en kon "
                        "stoppen wanneer hij wilde.",
                        False,
                        "Zonder dwang of afhankelijkheid wijst dit niet op uitbuiting.",
                    ),
                ],
                "Let op schulden, angst, weinig eigen verdienste en niet kunnen stoppen.",
            ),
            single(
                "Wie regelt in de regio zorg en opvang voor een (vermoedelijk) slachtoffer?",
                [
                    option("De zorgcoördinator mensenhandel.", True, "Juist."),
                    option(
                        "De ketenregisseur.",
                        False,
                        "De ketenregisseur houdt regie op de regionale aanpak, niet op "
                        "individuele zorg.",
                    ),
                    option("Meld Misdaad Anoniem.", False, "Niet juist."),
                ],
                "De zorgcoördinator is ook uw vraagbaak bij een signaal.",
            ),
            true_false(
                "Een slachtoffer zonder verblijfsvergunning kan bedenktijd krijgen om na te "
                "denken over aangifte.",
                true=True,
                feedback_true="Juist.",
                feedback_false="Niet juist. Er is een verblijfsregeling voor slachtoffers van "
                "mensenhandel, met bedenktijd.",
                explanation="De politie en de zorgcoördinator informeren slachtoffers over de "
                "verblijfsregeling mensenhandel.",
            ),
        ],
    ),
}


# ---------------------------------------------------------------------------------------------
# Verdiepende training mensenhandel minderjarigen (klassikaal)
# ---------------------------------------------------------------------------------------------

VERDIEPING_MINDERJARIGEN = {
    "code": "verdieping-minderjarigen",
    "title": "Verdiepende training mensenhandel minderjarigen",
    "summary": (
        "Een dag training in een kleine groep voor professionals die contactpersoon "
        "mensenhandel minderjarigen worden in hun organisatie. U oefent met lastige casussen, "
        "gesprekken met jongeren en ouders, en de samenwerking met Veilig Thuis, politie en de "
        "zorgcoördinator. Twee korte voorbereidende lessen helpen u op weg. U rondt de training "
        "af door aanwezig te zijn op de trainingsdag."
    ),
    "objectives": [
        "U adviseert collega's bij signalen van seksuele en criminele uitbuiting van "
        "minderjarigen.",
        "U voert een gesprek met een jongere en met ouders over vermoedens van uitbuiting, ook "
        "als de jongere ontkent.",
        "U weegt signalen met het afwegingskader van de meldcode en beslist over een melding "
        "bij Veilig Thuis.",
        "U kent de rol van politie, Veilig Thuis, de zorgcoördinator en CoMensha en weet wie u "
        "wanneer inschakelt.",
        "U zorgt voor veiligheid en vervolghulp, zoals gespecialiseerde opvang.",
    ],
    "audience_functions": ["professional-kinderen", "contactpersoon-minderjarigen"],
    "audience_professions": [
        "jeugdprofessional",
        "wijkteammedewerker",
        "maatschappelijk-werker",
        "verpleegkundige",
    ],
    "format": "klassikaal",
    "level": "verdieping",
    "study_time_minutes": 420,
    "certificate_validity_months": 36,
    "requires_all_lessons": False,
    "requires_all_tests": False,
    "requires_session_attendance": True,
    "enrolment_mode": "goedkeuring",
    "grants_function": "contactpersoon-minderjarigen",
    "accreditations": [("registerplein", "RP-DEMO-2025-021", 6), ("skj", "SKJ-DEMO-2025-002", 6)],
    "lessons": [
        lesson(
            "voorbereiding-uw-rol",
            "Voorbereiding: uw rol als contactpersoon",
            "Wat er van een contactpersoon mensenhandel minderjarigen wordt verwacht.",
            20,
            [
                paragraph(
                    "<p>Als contactpersoon mensenhandel minderjarigen bent u het aanspreekpunt "
                    "voor collega's die zich zorgen maken over een jongere. U hoeft niet alles "
                    "zelf te doen. U helpt collega's om signalen te wegen, de meldcode te "
                    "volgen en de juiste partners in te schakelen.</p>"
                    "<h2>Uw taken</h2>"
                    "<ul>"
                    "<li>Collega's adviseren bij signalen en meedenken over het gesprek met "
                    "de jongere.</li>"
                    "<li>Zorgen dat signalen worden vastgelegd en de meldcode wordt "
                    "gevolgd.</li>"
                    "<li>Contact houden met Veilig Thuis, de zorgcoördinator mensenhandel en, "
                    "waar nodig, de politie.</li>"
                    "<li>Kennis in uw team op peil houden, bijvoorbeeld door casussen te "
                    "bespreken.</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    "Zorg dat collega's u kunnen vinden",
                    "<p>Een contactpersoon die niemand kent, wordt niet gebeld. Stel u voor in "
                    "het teamoverleg, zet uw naam op intranet en spreek af hoe collega's u "
                    "bereiken als het spoed heeft.</p>",
                ),
                reflection(
                    "Wat heeft u nodig van uw leidinggevende om deze rol goed te kunnen "
                    "uitvoeren (tijd, mandaat, overleg)?",
                    "Neem uw antwoord mee naar de trainingsdag.",
                ),
            ],
        ),
        lesson(
            "voorbereiding-casus",
            "Voorbereiding: een casus uit uw praktijk",
            "U bereidt een (geanonimiseerde) casus voor die we op de trainingsdag bespreken.",
            25,
            [
                paragraph(
                    "<p>Op de trainingsdag werken we met casussen uit de praktijk van de "
                    "deelnemers. Kies een situatie waarin u of een collega twijfelde over "
                    "uitbuiting van een minderjarige. Maak de casus anoniem: geen namen, geen "
                    "woonplaats, geen herkenbare details.</p>"
                    "<h2>Beschrijf kort</h2>"
                    "<ul>"
                    "<li>Welke signalen zag u, en sinds wanneer?</li>"
                    "<li>Wat is er gedaan, en door wie?</li>"
                    "<li>Waar liep u tegenaan: twijfel, een ontkennende jongere, ouders, "
                    "samenwerking?</li>"
                    "</ul>"
                ),
                MELDCODE,
                callout(
                    "let-op",
                    "Privacy",
                    "<p>Neem geen dossierstukken mee naar de training. Een korte beschrijving "
                    "in eigen woorden is genoeg.</p>",
                ),
                case(
                    "Oefencasus: Romy ontkent",
                    "<p>Romy (15) loopt regelmatig weg uit de gesloten jeugdhulp. Na elke "
                    "keer heeft ze nieuwe kleding en geld. Een groepsleider zag haar in een "
                    "auto stappen bij een man van rond de dertig. Romy zegt: 'Dat is mijn "
                    "vriend, hij zorgt voor me. Jullie snappen er niks van.'</p>",
                    "Hoe gaat u verder als Romy ontkent dat er iets aan de hand is?",
                    "<p>Ontkenning is bij uitbuiting heel gewoon en is geen reden om te "
                    "stoppen. Leg de signalen vast (weglopen, geld en kleding, een veel oudere "
                    "man). Houd contact met Romy zonder haar vriend af te vallen, want dan "
                    "sluit ze zich af. Weeg de signalen met het afwegingskader: hier is sprake "
                    "van ernstige onveiligheid, dus een melding bij Veilig Thuis ligt voor de "
                    "hand. Deel wat u weet over de man en zijn auto met de politie, "
                    "bijvoorbeeld bij de vermissingsmelding als Romy weer wegloopt, volgens de "
                    "afspraken in uw organisatie.</p>",
                ),
            ],
        ),
    ],
}


# ---------------------------------------------------------------------------------------------
# Basistraining ketenregisseur mensenhandel (blended)
# ---------------------------------------------------------------------------------------------

KETENREGISSEUR = {
    "code": "basistraining-ketenregisseur",
    "title": "Basistraining ketenregisseur mensenhandel",
    "summary": (
        "Voor (nieuwe) ketenregisseurs mensenhandel bij gemeenten. In vier online lessen leert u "
        "wat mensenhandel is, hoe de keten in uw regio werkt en welke instrumenten de gemeente "
        "heeft. Op de trainingsdag werkt u met collega-ketenregisseurs aan uw eigen regionale "
        "aanpak. U rondt af met de lessen, de toets en uw aanwezigheid op de trainingsdag."
    ),
    "objectives": [
        "U beschrijft uw rol als ketenregisseur: regie op de regionale aanpak, niet op "
        "individuele casussen.",
        "U kent de partners in de keten en hun taken, zoals de zorgcoördinator, "
        "aandachtsfunctionarissen, politie, Veilig Thuis, het RIEC en CoMensha.",
        "U benoemt welke instrumenten de gemeente heeft op het gebied van zorg, veiligheid en "
        "bestuurlijke aanpak.",
        "U stelt met uw partners regionale afspraken op en volgt of ze werken.",
    ],
    "audience_functions": ["ketenregisseur"],
    "audience_professions": ["beleidsmedewerker"],
    "format": "blended",
    "level": "basis",
    "study_time_minutes": 540,
    "requires_all_lessons": True,
    "requires_all_tests": True,
    "requires_session_attendance": True,
    "enrolment_mode": "uitnodiging",
    "lessons": [
        lesson(
            "rol-van-de-ketenregisseur",
            "De rol van de ketenregisseur",
            "Wat een ketenregisseur doet, en wat niet.",
            30,
            [
                paragraph(
                    "<p>Mensenhandel raakt aan zorg, veiligheid, werk, inkomen en "
                    "huisvesting. Geen enkele organisatie kan het alleen aanpakken. Daarom "
                    "wijzen gemeenten in de regio iemand aan die de regie voert op de "
                    "samenwerking: de <b>ketenregisseur mensenhandel</b>.</p>"
                    "<h2>Wat doet een ketenregisseur?</h2>"
                    "<ul>"
                    "<li>Brengt in kaart wie in de regio een rol heeft en zorgt dat partners "
                    "elkaar kennen.</li>"
                    "<li>Maakt met de partners afspraken over signaleren, doorverwijzen, "
                    "opvang en informatie delen, en legt die vast in een regionale "
                    "aanpak.</li>"
                    "<li>Zorgt dat de aanpak in de gemeentelijke organisatie landt: bij "
                    "wijkteams, leerplicht, burgerzaken, handhaving en schuldhulp.</li>"
                    "<li>Signaleert knelpunten, bijvoorbeeld een tekort aan opvangplekken, en "
                    "agendeert ze bij bestuurders.</li>"
                    "<li>Volgt of de afspraken werken en of professionals getraind zijn.</li>"
                    "</ul>"
                ),
                callout(
                    "let-op",
                    "Regie op de aanpak, niet op de casus",
                    "<p>De ketenregisseur is geen casusregisseur. Zorg en opvang voor een "
                    "individueel slachtoffer regelt de <b>zorgcoördinator mensenhandel</b>. De "
                    "ketenregisseur zorgt dat het systeem werkt waarin de zorgcoördinator, "
                    "aandachtsfunctionarissen en anderen hun werk kunnen doen.</p>",
                ),
                case(
                    "Een telefoontje van een wijkteam",
                    "<p>U bent net begonnen als ketenregisseur. Een wijkteammedewerker belt u: "
                    "ze heeft een gezin met een vader die zegt dat hij zonder loon in een "
                    "autogarage werkt en daar ook slaapt. Wat moet ze doen?</p>",
                    "Hoe reageert u, gezien uw rol?",
                    "<p>U neemt de casus niet zelf over. U verwijst de medewerker naar de "
                    "aandachtsfunctionaris in haar team en naar de zorgcoördinator "
                    "mensenhandel, die advies geeft over hulp en opvang. Als ketenregisseur "
                    "noteert u wel wat dit zegt over de aanpak: weet het wijkteam de route? "
                    "Is er een aandachtsfunctionaris? Dat neemt u mee in uw afspraken met het "
                    "wijkteam.</p>",
                ),
                check(
                    "Wat hoort bij de taak van de ketenregisseur?",
                    [
                        option(
                            "Regionale afspraken maken met partners over signaleren en "
                            "doorverwijzen.",
                            True,
                            "Juist. Dat is de kern van de regierol.",
                        ),
                        option(
                            "Opvang regelen voor een individueel slachtoffer.",
                            False,
                            "Niet juist. Dat doet de zorgcoördinator mensenhandel.",
                        ),
                        option(
                            "Onderzoek doen naar daders.",
                            False,
                            "Niet juist. Opsporing is aan de politie en het OM.",
                        ),
                    ],
                ),
                reflection(
                    "Welke taken uit deze les doet u al? Welke taak pakt u als eerste op?",
                ),
            ],
        ),
        lesson(
            "mensenhandel-en-de-keten",
            "Mensenhandel en de keten",
            "De vormen van mensenhandel en de partners die samen de keten vormen.",
            30,
            [
                WHAT_IS_TRAFFICKING,
                FORMS_OF_EXPLOITATION,
                WHO_DOES_WHAT,
                paragraph(
                    "<h2>Meer partners in de regio</h2>"
                    "<ul>"
                    "<li><b>RIEC:</b> het Regionaal Informatie- en Expertisecentrum "
                    "ondersteunt de integrale, bestuurlijke aanpak van georganiseerde "
                    "criminaliteit, waaronder mensenhandel.</li>"
                    "<li><b>Openbaar Ministerie:</b> vervolgt daders en beslist over het "
                    "vervolgen van slachtoffers die strafbare feiten pleegden.</li>"
                    "<li><b>Nederlandse Arbeidsinspectie:</b> onderzoekt arbeidsuitbuiting en "
                    "misstanden op de werkvloer.</li>"
                    "<li><b>GGD en zorgaanbieders:</b> zien slachtoffers in de zorg, "
                    "bijvoorbeeld bij soa-spreekuren of op de spoedeisende hulp.</li>"
                    "<li><b>Opvang:</b> gespecialiseerde opvang voor slachtoffers, "
                    "bijvoorbeeld voor minderjarigen of voor mannen.</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    "Maak een ketenkaart",
                    "<p>Zet op één pagina wie in uw regio welke rol heeft, met naam en "
                    "bereikbaarheid. Deel die kaart met alle partners en houd hem actueel. "
                    "Neem uw eerste versie mee naar de trainingsdag.</p>",
                ),
                reflection(
                    "Welke partner in uw regio kent u nog niet persoonlijk? Wanneer plant u "
                    "een kennismaking?",
                ),
                check(
                    "Welke organisaties horen bij de regionale keten tegen mensenhandel? Kies "
                    "alle juiste antwoorden.",
                    [
                        option("De zorgcoördinator mensenhandel.", True, "Juist."),
                        option("Het RIEC.", True, "Juist."),
                        option("Veilig Thuis.", True, "Juist."),
                        option(
                            "De Belastingdienst als meldpunt voor slachtoffers.",
                            False,
                            "Niet juist. De Belastingdienst is geen meldpunt voor slachtoffers.",
                        ),
                    ],
                    multiple=True,
                ),
                case(
                    "Een signaal dat blijft liggen",
                    "<p>Een verpleegkundige van het soa-spreekuur van de GGD ziet een jonge vrouw "
                    "die steeds door dezelfde man wordt gebracht. Hij doet het woord en houdt "
                    "haar telefoon vast. De verpleegkundige maakt zich zorgen, maar weet niet wie "
                    "ze moet bellen. Er is bij de GGD geen aandachtsfunctionaris mensenhandel.</p>",
                    "Wat zegt dit over de keten in uw regio, en wat doet u als ketenregisseur?",
                    "<p>De GGD is een belangrijke vindplaats, maar hoort blijkbaar (nog) niet bij "
                    "de keten. Maak afspraken met de GGD: wijs een aandachtsfunctionaris aan, zet "
                    "de route op papier (zorgcoördinator mensenhandel voor advies, Veilig Thuis "
                    "bij minderjarigen of huiselijk geweld, politie bij acuut gevaar) en zorg dat "
                    "medewerkers getraind worden. Neem de GGD op in uw ketenkaart.</p>",
                ),
            ],
        ),
        lesson(
            "instrumenten-van-de-gemeente",
            "Instrumenten van de gemeente",
            "Wat de gemeente kan doen op het gebied van zorg, veiligheid en bestuurlijke aanpak.",
            30,
            [
                paragraph(
                    "<h2>Zorg en opvang</h2>"
                    "<p>Gemeenten zijn verantwoordelijk voor zorg en ondersteuning via de Wmo "
                    "en de Jeugdwet. Voor slachtoffers van mensenhandel betekent dat: "
                    "toegang tot opvang, begeleiding, huisvesting, inkomen en schuldhulp. "
                    "Slachtoffers hebben vaak op veel terreinen tegelijk hulp nodig. Goede "
                    "afspraken met de zorgcoördinator voorkomen dat ze van loket naar loket "
                    "gaan.</p>"
                    "<h2>Signaleren in de eigen organisatie</h2>"
                    "<p>Gemeentelijke medewerkers zien signalen die anderen missen:</p>"
                    "<ul>"
                    "<li>burgerzaken: veel inschrijvingen op één adres, of mensen die "
                    "telkens door dezelfde persoon worden begeleid;</li>"
                    "<li>leerplicht: jongeren die langdurig verzuimen of weglopen;</li>"
                    "<li>handhaving en toezicht: slechte huisvesting van arbeidsmigranten, "
                    "illegale prostitutie;</li>"
                    "<li>schuldhulp en inkomen: iemand die geen toegang heeft tot zijn eigen "
                    "bankrekening.</li>"
                    "</ul>"
                    "<h2>Bestuurlijke aanpak</h2>"
                    "<p>De gemeente heeft ook bestuurlijke instrumenten, zoals "
                    "vergunningseisen (bijvoorbeeld voor seksbedrijven), controles, de Wet "
                    "Bibob en het sluiten van panden door de burgemeester. Het RIEC helpt bij "
                    "de integrale aanpak van zulke zaken.</p>"
                ),
                callout(
                    "signaal",
                    "Signalen voor gemeentemedewerkers",
                    "<ul>"
                    "<li>Eén persoon die voor verschillende mensen afspraken maakt en het woord "
                    "doet.</li>"
                    "<li>Veel wisselende bewoners op één adres, vaak van hetzelfde "
                    "uitzendbureau.</li>"
                    "<li>Iemand die niet weet op welk adres hij woont, of geen eigen ID bij "
                    "zich heeft.</li>"
                    "</ul>",
                ),
                case(
                    "Twintig inschrijvingen op één adres",
                    "<p>Burgerzaken merkt dat er op een rijtjeshuis twintig mensen staan "
                    "ingeschreven. Een man van een uitzendbureau komt steeds met nieuwe "
                    "mensen langs en doet het woord. De medewerkers vragen zich af of dit hun "
                    "zaak is.</p>",
                    "Wat regelt u als ketenregisseur, zodat dit signaal voortaan goed wordt "
                    "opgepakt?",
                    "<p>Maak met burgerzaken afspraken over wat ze met zo'n signaal doen: "
                    "vastleggen en bespreken met een aandachtsfunctionaris binnen de gemeente, "
                    "die het signaal kan delen met handhaving, de Nederlandse Arbeidsinspectie "
                    "of via het RIEC. Zorg dat medewerkers getraind worden in signaleren en "
                    "dat de route op papier staat. Spreek ook af hoe u hoort wat er met "
                    "signalen gebeurt, zodat u kunt volgen of de afspraak werkt.</p>",
                ),
                check(
                    "Welke wet geeft de gemeente een basis voor zorg en ondersteuning aan "
                    "volwassen slachtoffers?",
                    [
                        option("De Wmo.", True, "Juist. Voor jongeren is dat de Jeugdwet."),
                        option(
                            "De Wet Bibob.",
                            False,
                            "Niet juist. De Wet Bibob gaat over integriteitsonderzoek bij "
                            "vergunningen en is een bestuurlijk instrument.",
                        ),
                        option(
                            "De Opiumwet.",
                            False,
                            "Niet juist. Die gaat over drugs.",
                        ),
                    ],
                ),
                reflection(
                    "Welke afdelingen van uw gemeente weten nog niet wat ze met een signaal van "
                    "mensenhandel moeten doen?",
                ),
            ],
        ),
        lesson(
            "regie-in-de-praktijk",
            "Regie in de praktijk",
            "Een regionale aanpak opstellen, afspraken maken en volgen of ze werken.",
            30,
            [
                paragraph(
                    "<h2>Een regionale aanpak in vijf stappen</h2>"
                    "<ol>"
                    "<li><b>Beeld:</b> wat weten partners over mensenhandel in de regio? "
                    "Gebruik signalen van partners, registraties en ervaringen van "
                    "professionals.</li>"
                    "<li><b>Netwerk:</b> wie doet mee, en wie is per organisatie het "
                    "aanspreekpunt (aandachtsfunctionaris)?</li>"
                    "<li><b>Afspraken:</b> over signaleren, doorverwijzen, opvang, "
                    "casusoverleg en informatie delen.</li>"
                    "<li><b>Deskundigheid:</b> welke professionals moeten getraind zijn, en "
                    "hoeveel zijn het al?</li>"
                    "<li><b>Volgen en bijstellen:</b> werken de afspraken? Wat zeggen de "
                    "cijfers en de ervaringen?</li>"
                    "</ol>"
                ),
                callout(
                    "tip",
                    "Gebruik de cijfers van dit leerplatform",
                    "<p>Op het leerplatform ziet u hoeveel professionals in uw regio een "
                    "training hebben afgerond. Gebruik die cijfers in uw overleg met partners "
                    "en bestuurders, bijvoorbeeld om te laten zien welke beroepsgroep nog "
                    "achterblijft.</p>",
                ),
                callout(
                    "let-op",
                    "Informatie delen",
                    "<p>Het delen van persoonsgegevens tussen partners vraagt een grondslag en "
                    "goede afspraken. Leg die vast in een samenwerkingsconvenant en betrek de "
                    "privacyfunctionarissen van de partners.</p>",
                ),
                case(
                    "Weinig signalen uit het onderwijs",
                    "<p>In uw regio komen bijna geen signalen van uitbuiting van minderjarigen "
                    "uit het voortgezet onderwijs, terwijl de politie wel zaken ziet waarbij "
                    "scholieren betrokken zijn.</p>",
                    "Wat kunt u als ketenregisseur doen?",
                    "<p>Ga in gesprek met scholen en het samenwerkingsverband: weten ze wat de "
                    "signalen zijn, hebben ze een aandachtsfunctionaris, kennen ze de route "
                    "via de meldcode en Veilig Thuis? Zorg dat docenten en mentoren een "
                    "basistraining volgen, zoals BUIT-basis, en volg hoeveel er getraind zijn. "
                    "Organiseer een kennismaking tussen scholen, de zorgcoördinator en de "
                    "politie. Kijk na een half jaar of het aantal signalen verandert.</p>",
                ),
                reflection(
                    "Welke afspraak in uw regio werkt nu het minst goed? Wat is een eerste "
                    "kleine stap om dat te verbeteren?",
                    "Neem uw antwoord mee naar de trainingsdag.",
                ),
                check(
                    "Wat helpt u om te volgen of de regionale aanpak werkt? Kies alle juiste "
                    "antwoorden.",
                    [
                        option(
                            "Het aantal getrainde professionals per beroepsgroep.",
                            True,
                            "Juist. Zo ziet u waar deskundigheid nog ontbreekt.",
                        ),
                        option(
                            "Ervaringen van partners met de afgesproken route.",
                            True,
                            "Juist. Cijfers en ervaringen samen geven het beste beeld.",
                        ),
                        option(
                            "De dossiers van individuele slachtoffers inzien.",
                            False,
                            "Niet juist. Dat is voor uw regierol niet nodig en niet zonder "
                            "grondslag toegestaan.",
                        ),
                    ],
                    multiple=True,
                ),
            ],
        ),
    ],
    "toets": toets(
        "Toets basistraining ketenregisseur",
        "Negen vragen over de online lessen. U hebt 70% goed nodig en u mag de toets drie keer "
        "doen.",
        [
            single(
                "Waar houdt de ketenregisseur mensenhandel regie op?",
                [
                    option(
                        "Op de regionale aanpak en de samenwerking tussen partners.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Op de zorg voor individuele slachtoffers.",
                        False,
                        "Dat is de taak van de zorgcoördinator.",
                    ),
                    option(
                        "Op het opsporingsonderzoek.",
                        False,
                        "Dat is de taak van politie en OM.",
                    ),
                ],
                "De ketenregisseur zorgt dat het systeem werkt; anderen doen het werk in de casus.",
            ),
            single(
                "Wie regelt zorg en opvang voor een individueel (vermoedelijk) slachtoffer?",
                [
                    option("De zorgcoördinator mensenhandel.", True, "Juist."),
                    option("De ketenregisseur.", False, "Niet juist."),
                    option("Het RIEC.", False, "Het RIEC ondersteunt de bestuurlijke aanpak."),
                ],
                "De zorgcoördinator is in de regio het aanspreekpunt voor zorg en opvang.",
            ),
            multiple(
                "Welke signalen kunnen gemeentemedewerkers tegenkomen? Kies alle juiste "
                "antwoorden.",
                [
                    option(
                        "Veel wisselende inschrijvingen op één adres.",
                        True,
                        "Juist (burgerzaken).",
                    ),
                    option(
                        "Iemand die geen toegang heeft tot zijn eigen bankrekening.",
                        True,
                        "Juist (schuldhulp, inkomen).",
                    ),
                    option(
                        "Een jongere die langdurig verzuimt en wegloopt.",
                        True,
                        "Juist (leerplicht).",
                    ),
                    option(
                        "Iemand die een paspoort aanvraagt voor een vakantie.",
                        False,
                        "Dat is geen signaal.",
                    ),
                ],
                "Signalen komen overal in de gemeentelijke organisatie binnen; afspraken "
                "zorgen dat ze niet blijven liggen.",
            ),
            true_false(
                "CoMensha registreert (vermoedelijke) slachtoffers van mensenhandel.",
                true=True,
                feedback_true="Juist.",
                feedback_false="Niet juist. CoMensha registreert slachtoffers en helpt bij opvang.",
                explanation="De registraties van CoMensha geven een landelijk beeld.",
            ),
            single(
                "Wat doet het RIEC?",
                [
                    option(
                        "Het ondersteunt de integrale en bestuurlijke aanpak van "
                        "georganiseerde criminaliteit, waaronder mensenhandel.",
                        True,
                        "Juist.",
                    ),
                    option("Het biedt opvang aan slachtoffers.", False, "Niet juist."),
                    option(
                        "Het is het meldpunt voor kindermishandeling.",
                        False,
                        "Dat is Veilig Thuis.",
                    ),
                ],
                "RIEC staat voor Regionaal Informatie- en Expertisecentrum.",
            ),
            multiple(
                "Welke instrumenten heeft de gemeente in de bestuurlijke aanpak? Kies alle "
                "juiste antwoorden.",
                [
                    option("Vergunningseisen, bijvoorbeeld voor seksbedrijven.", True, "Juist."),
                    option("Toepassing van de Wet Bibob.", True, "Juist."),
                    option(
                        "Een verdachte aanhouden en verhoren.",
                        False,
                        "Dat is een bevoegdheid van de politie.",
                    ),
                ],
                "Bestuurlijke instrumenten vullen de strafrechtelijke aanpak aan.",
            ),
            true_false(
                "Persoonsgegevens over slachtoffers mogen partners zonder afspraken vrij met "
                "elkaar delen, omdat het om hun veiligheid gaat.",
                true=False,
                feedback_true="Niet juist. Er is een grondslag en goede afspraken nodig.",
                feedback_false="Juist. Leg afspraken vast in een convenant.",
                explanation="Betrek de privacyfunctionarissen van de partners bij afspraken "
                "over informatie delen.",
            ),
            single(
                "Bij een minderjarige is voor mensenhandel geen dwangmiddel nodig. Welk "
                "gevolg heeft dat voor afspraken met scholen en jeugdhulp?",
                [
                    option(
                        "Signalen van uitbuiting van een jongere zijn ook serieus als de "
                        "jongere zegt dat het vrijwillig is.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Scholen hoeven alleen te melden als er geweld is.",
                        False,
                        "Niet juist.",
                    ),
                    option(
                        "Jongeren vallen buiten de regionale aanpak.",
                        False,
                        "Niet juist. Minderjarigen zijn een belangrijke doelgroep.",
                    ),
                ],
                "Scholen en jeugdhulp volgen de meldcode en kunnen advies vragen aan Veilig Thuis.",
            ),
            true_false(
                "Het aantal getrainde professionals per beroepsgroep helpt de ketenregisseur "
                "om te zien waar de aanpak nog achterblijft.",
                true=True,
                feedback_true="Juist.",
                feedback_false="Niet juist. Deskundigheid is een van de pijlers van de aanpak.",
                explanation="Gebruik de cijfers van het leerplatform in uw overleg met "
                "partners en bestuurders.",
            ),
        ],
    ),
}


# ---------------------------------------------------------------------------------------------
# Training aandachtsfunctionaris mensenhandel (e-learning)
# ---------------------------------------------------------------------------------------------

AANDACHTSFUNCTIONARIS = {
    "code": "training-aandachtsfunctionaris",
    "title": "Training aandachtsfunctionaris mensenhandel",
    "summary": (
        "Voor medewerkers die in hun organisatie aandachtsfunctionaris mensenhandel zijn of "
        "worden. U leert collega's adviseren bij signalen, signalen wegen, de route naar hulp "
        "bewaken en de kennis in uw organisatie op peil houden."
    ),
    "objectives": [
        "U beschrijft de taken van een aandachtsfunctionaris mensenhandel in uw organisatie.",
        "U weegt samen met een collega signalen van seksuele, arbeids- en criminele uitbuiting.",
        "U kent de route van signaal naar hulp, voor volwassenen en voor minderjarigen.",
        "U weet wanneer u de zorgcoördinator, Veilig Thuis, de politie of CoMensha inschakelt.",
        "U houdt rekening met beroepsgeheim en toestemming bij het delen van informatie.",
    ],
    "audience_functions": ["aandachtsfunctionaris"],
    "audience_professions": [
        "maatschappelijk-werker",
        "wijkteammedewerker",
        "jeugdprofessional",
        "verpleegkundige",
        "arts",
    ],
    "format": "elearning",
    "level": "basis",
    "study_time_minutes": 120,
    "certificate_validity_months": 24,
    "refresher": "opfriscursus-signaleren",
    "lessons": [
        lesson(
            "rol-aandachtsfunctionaris",
            "Uw rol als aandachtsfunctionaris",
            "Wat een aandachtsfunctionaris mensenhandel doet, en hoe u die rol in uw "
            "organisatie neerzet.",
            30,
            [
                paragraph(
                    "<p>De aandachtsfunctionaris mensenhandel is het aanspreekpunt voor "
                    "collega's die een signaal van uitbuiting zien. U bent geen specialist die "
                    "alle zaken zelf oppakt. U helpt collega's om goed te handelen, en u "
                    "zorgt dat uw organisatie weet wat ze moet doen.</p>"
                    "<h2>Uw taken</h2>"
                    "<ul>"
                    "<li><b>Vraagbaak:</b> collega's adviseren bij signalen en meedenken over "
                    "het gesprek met de cliënt.</li>"
                    "<li><b>Route bewaken:</b> zorgen dat signalen worden vastgelegd en dat de "
                    "juiste partners worden ingeschakeld.</li>"
                    "<li><b>Verbinden:</b> contact onderhouden met de zorgcoördinator "
                    "mensenhandel en de ketenregisseur in uw regio.</li>"
                    "<li><b>Deskundigheid:</b> zorgen dat collega's getraind zijn en signalen "
                    "kennen, bijvoorbeeld via casusbesprekingen.</li>"
                    "<li><b>Borgen:</b> mensenhandel een plek geven in de protocollen en de "
                    "meldcode van uw organisatie.</li>"
                    "</ul>"
                ),
                callout(
                    "tip",
                    "Maak het klein en concreet",
                    "<p>Zorg voor één pagina met de route: wat doet u bij een signaal, wie belt "
                    "u, wat legt u vast. Hang hem op, zet hem op intranet en loop hem één "
                    "keer per jaar door met uw team.</p>",
                ),
                case(
                    "Een collega twijfelt",
                    "<p>Een collega van de schuldhulpverlening komt bij u. Een cliënte (42) "
                    "heeft schulden op haar naam die ze niet kent. Haar partner beheert haar "
                    "bankpas, en ze komt nooit alleen naar afspraken. De collega zegt: 'Het is "
                    "vast gewoon een lastige relatie. Ik wil niet overdrijven.'</p>",
                    "Hoe helpt u uw collega verder?",
                    "<p>Neem de twijfel serieus en help de signalen op een rij te zetten: "
                    "schulden die ze niet kent, geen controle over haar eigen geld, nooit "
                    "alleen. Dat kan wijzen op huiselijk geweld en op uitbuiting (bijvoorbeeld "
                    "criminele uitbuiting, waarbij haar naam gebruikt wordt). Spreek af dat "
                    "de collega probeert de cliënte alleen te spreken, met open vragen. Vraag "
                    "samen advies aan de zorgcoördinator mensenhandel, en bij huiselijk "
                    "geweld aan Veilig Thuis.</p>",
                ),
                check(
                    "Wat is de belangrijkste taak van een aandachtsfunctionaris?",
                    [
                        option(
                            "Collega's adviseren en zorgen dat signalen op de juiste plek komen.",
                            True,
                            "Juist.",
                        ),
                        option(
                            "Zelf alle casussen met signalen van uitbuiting overnemen.",
                            False,
                            "Niet juist. U ondersteunt; de collega blijft vaak betrokken.",
                        ),
                        option(
                            "Onderzoek doen naar de daders.",
                            False,
                            "Niet juist. Dat doet de politie.",
                        ),
                    ],
                ),
                reflection(
                    "Hoe weten collega's in uw organisatie dat u de aandachtsfunctionaris bent, "
                    "en hoe ze u bereiken?",
                ),
            ],
        ),
        lesson(
            "signalen-wegen",
            "Signalen wegen",
            "Signalen per vorm van uitbuiting, en hoe u samen met een collega weegt.",
            30,
            [
                FORMS_OF_EXPLOITATION,
                callout(
                    "signaal",
                    "Kernsignalen",
                    "<ul>"
                    "<li>Iemand heeft geen eigen identiteitsbewijs, bankpas of telefoon.</li>"
                    "<li>Iemand woont op het werkadres of waar de werkgever of 'vriend' "
                    "bepaalt.</li>"
                    "<li>Iemand heeft een schuld bij degene voor wie hij werkt.</li>"
                    "<li>Iemand is niet vrij om te gaan en staan, wordt gebracht en "
                    "gehaald.</li>"
                    "<li>Bij jongeren: een veel oudere vriend, weglopen, onverklaarde spullen "
                    "en geld, meerdere telefoons, werving via sociale media.</li>"
                    "</ul>",
                ),
                paragraph(
                    "<h2>Zo weegt u</h2>"
                    "<ol>"
                    "<li>Zet de feiten op een rij: wat is gezien en gehoord, door wie, "
                    "wanneer?</li>"
                    "<li>Kijk naar combinaties: één signaal zegt weinig, meerdere signalen "
                    "samen zeggen veel.</li>"
                    "<li>Kijk naar kwetsbaarheid: een licht verstandelijke beperking, "
                    "verslaving, schulden, geen verblijfsvergunning, jong zijn.</li>"
                    "<li>Bedenk andere verklaringen, maar laat een signaal niet liggen omdat "
                    "er een andere verklaring <i>zou kunnen</i> zijn.</li>"
                    "<li>Leg vast wat u besluit en waarom.</li>"
                    "</ol>"
                ),
                case(
                    "Nagelstudio",
                    "<p>Een wijkverpleegkundige vertelt dat ze bij een cliënte thuis een jonge "
                    "vrouw ontmoette die in de nagelstudio beneden werkt. De vrouw slaapt in "
                    "een kamer achter de studio, spreekt geen Nederlands en kijkt steeds naar "
                    "de eigenaar voordat ze iets zegt.</p>",
                    "Welke signalen ziet u, en wat adviseert u de collega?",
                    "<p>Signalen: wonen op het werkadres, afhankelijk van de eigenaar, niet "
                    "vrij kunnen praten, taalbarrière. Dat zijn signalen van "
                    "arbeidsuitbuiting. Adviseer de collega te noteren wat ze zag, en het "
                    "signaal samen met de zorgcoördinator mensenhandel te bespreken. De "
                    "zorgcoördinator kan adviseren over contact met de politie of de "
                    "Nederlandse Arbeidsinspectie. Spreek de vrouw niet aan waar de eigenaar "
                    "bij is.</p>",
                ),
                check(
                    "Welke stappen helpen om signalen goed te wegen? Kies alle juiste antwoorden.",
                    [
                        option("Feiten op een rij zetten.", True, "Juist."),
                        option("Letten op combinaties van signalen.", True, "Juist."),
                        option(
                            "Een signaal laten liggen zodra er een andere verklaring mogelijk is.",
                            False,
                            "Niet juist. Een mogelijke andere verklaring is geen reden om "
                            "niets te doen.",
                        ),
                        option("Vastleggen wat u besluit en waarom.", True, "Juist."),
                    ],
                    multiple=True,
                ),
                reflection(
                    "Denk aan een keer dat u of een collega een signaal liet liggen omdat er 'ook "
                    "een andere verklaring' kon zijn. Wat weet u nu dat u toen had willen weten?",
                ),
            ],
        ),
        lesson(
            "van-signaal-naar-hulp",
            "Van signaal naar hulp",
            "De route voor volwassenen en voor minderjarigen, en wat u mag delen.",
            30,
            [
                paragraph(
                    "<h2>Volwassenen</h2>"
                    "<ul>"
                    "<li>Bespreek het signaal met de zorgcoördinator mensenhandel: die "
                    "adviseert en regelt zo nodig opvang en zorg.</li>"
                    "<li>Het slachtoffer kan aangifte doen of met de politie (AVIM) praten. Een "
                    "slachtoffer zonder verblijfsrecht kan bedenktijd krijgen om daarover na "
                    "te denken.</li>"
                    "<li>CoMensha registreert (vermoedelijke) slachtoffers en helpt bij het "
                    "vinden van opvang.</li>"
                    "<li>Is er acuut gevaar, bel 112.</li>"
                    "</ul>"
                    "<h2>Minderjarigen</h2>"
                    "<p>Uitbuiting van een minderjarige is kindermishandeling. Volg de Meldcode "
                    "huiselijk geweld en kindermishandeling en vraag advies aan Veilig Thuis. "
                    "Bij (vermoedens van) acute of structurele onveiligheid doet u een "
                    "melding.</p>"
                ),
                callout(
                    "let-op",
                    "Beroepsgeheim en toestemming",
                    "<p>Vraag de cliënt zo mogelijk toestemming voordat u informatie deelt. "
                    "Voor huiselijk geweld en kindermishandeling geeft de meldcode u een "
                    "meldrecht bij Veilig Thuis, ook zonder toestemming. In andere situaties "
                    "weegt u af of het delen van informatie nodig is om ernstig gevaar af te "
                    "wenden. Overleg bij twijfel met de privacyfunctionaris of een jurist van "
                    "uw organisatie, en leg uw afweging vast.</p>",
                ),
                NON_PUNISHMENT,
                case(
                    "Hij wil geen aangifte doen",
                    "<p>Een cliënt (24) vertelt dat hij maandenlang zonder loon in een "
                    "restaurant werkte en daar op zolder sliep. Hij is daar nu weg, maar de "
                    "eigenaar heeft zijn paspoort nog en stuurt dreigende berichten. Hij wil "
                    "geen aangifte doen, want hij is bang.</p>",
                    "Wat adviseert u de collega die deze cliënt begeleidt?",
                    "<p>Respecteer zijn keuze, maar laat het niet daarbij. Regel via de "
                    "zorgcoördinator mensenhandel advies over veiligheid, opvang en hulp. Leg "
                    "uit dat hij met de politie kan praten zonder direct aangifte te doen, en "
                    "dat hij bedenktijd kan krijgen als hij geen verblijfsrecht heeft. Bewaar "
                    "de dreigberichten. Bespreek met hem of hij aangemeld wil worden bij "
                    "CoMensha. Is er acuut gevaar, bel 112.</p>",
                ),
                reflection(
                    "Staat mensenhandel al in de meldcode of het protocol van uw organisatie? "
                    "Wat is er nodig om dat te regelen?",
                ),
                check(
                    "Een collega ziet sterke signalen van uitbuiting bij een meisje van 16, dat "
                    "niet wil dat iemand het weet. Mag de collega Veilig Thuis inschakelen?",
                    [
                        option(
                            "Ja. De meldcode geeft een meldrecht bij Veilig Thuis, ook zonder "
                            "toestemming.",
                            True,
                            "Juist. Vertel het meisje zo mogelijk wel vooraf wat u doet en waarom.",
                        ),
                        option(
                            "Nee, alleen met toestemming van het meisje.",
                            False,
                            "Niet juist. Bij kindermishandeling, waaronder uitbuiting, is er een "
                            "meldrecht.",
                        ),
                        option(
                            "Nee, alleen de politie mag dat.",
                            False,
                            "Niet juist. Iedere professional kan advies vragen en melden bij "
                            "Veilig Thuis.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "toets": toets(
        "Eindtoets aandachtsfunctionaris",
        "Acht vragen. U hebt 70% goed nodig en u mag de toets drie keer doen.",
        [
            single(
                "Wat doet een aandachtsfunctionaris mensenhandel?",
                [
                    option(
                        "Adviseert collega's en bewaakt de route van signaal naar hulp.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Voert de regie op de regionale aanpak.",
                        False,
                        "Dat doet de ketenregisseur.",
                    ),
                    option(
                        "Regelt opvang voor slachtoffers in de regio.",
                        False,
                        "Dat doet de zorgcoördinator.",
                    ),
                ],
                "De aandachtsfunctionaris werkt binnen de eigen organisatie.",
            ),
            multiple(
                "Welke signalen passen bij arbeidsuitbuiting? Kies alle juiste antwoorden.",
                [
                    option("Wonen op het werkadres.", True, "Juist."),
                    option("Geen eigen identiteitsbewijs.", True, "Juist."),
                    option("Een schuld bij de werkgever.", True, "Juist."),
                    option(
                        "Een tijdelijk contract.",
                        False,
                        "Dat is op zichzelf geen signaal.",
                    ),
                ],
                "Afhankelijkheid van de werkgever voor wonen, papieren en geld is een kernsignaal.",
            ),
            true_false(
                "Eén signaal is genoeg om te concluderen dat iemand slachtoffer is van "
                "mensenhandel.",
                true=False,
                feedback_true="Niet juist. Eén signaal zegt weinig.",
                feedback_false="Juist. Let op combinaties van signalen.",
                explanation="U stelt geen slachtofferschap vast; u weegt signalen en zorgt dat "
                "ze bij de juiste partner komen.",
            ),
            single(
                "Een collega ziet signalen van uitbuiting bij een meisje van 15. Welke route "
                "volgt zij?",
                [
                    option(
                        "De Meldcode huiselijk geweld en kindermishandeling, met zo nodig "
                        "advies van Veilig Thuis.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Geen: het meisje moet eerst zelf hulp vragen.",
                        False,
                        "Niet juist. Het initiatief ligt bij de professional.",
                    ),
                    option(
                        "Alleen registreren bij CoMensha.",
                        False,
                        "Niet juist. Bij minderjarigen volgt u de meldcode.",
                    ),
                ],
                "Uitbuiting van een minderjarige is kindermishandeling.",
            ),
            true_false(
                "De meldcode geeft professionals een meldrecht bij Veilig Thuis, ook zonder "
                "toestemming van de cliënt.",
                true=True,
                feedback_true="Juist.",
                feedback_false="Niet juist. Voor huiselijk geweld en kindermishandeling is "
                "er een meldrecht.",
                explanation="Vraag wel zo mogelijk eerst toestemming en leg uw afweging vast.",
            ),
            multiple(
                "Een volwassen slachtoffer wil geen aangifte doen. Wat kan wel? Kies alle "
                "juiste antwoorden.",
                [
                    option(
                        "Advies vragen aan de zorgcoördinator over veiligheid en opvang.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Uitleggen dat hij met de politie kan praten zonder direct aangifte "
                        "te doen.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Hem zonder zijn medeweten aangeven bij de werkgever.",
                        False,
                        "Niet doen: dat brengt hem in gevaar.",
                    ),
                ],
                "Respecteer de keuze van het slachtoffer, en zorg dat hij weet welke hulp er is.",
            ),
            single(
                "Wat is het non-punishmentbeginsel?",
                [
                    option(
                        "Slachtoffers moeten niet gestraft worden voor strafbare feiten die ze "
                        "als direct gevolg van hun uitbuiting pleegden.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Daders van mensenhandel krijgen geen straf als ze meewerken.",
                        False,
                        "Niet juist.",
                    ),
                    option(
                        "Professionals worden niet gestraft als ze een melding doen die "
                        "onterecht blijkt.",
                        False,
                        "Niet juist. Dat is iets anders.",
                    ),
                ],
                "Het OM kan besluiten een slachtoffer niet te vervolgen.",
            ),
            single(
                "Wat doet u als aandachtsfunctionaris om mensenhandel te borgen in uw organisatie?",
                [
                    option(
                        "Zorgen dat de route bij een signaal in de meldcode of het protocol "
                        "staat en dat collega's die kennen.",
                        True,
                        "Juist.",
                    ),
                    option(
                        "Alle signalen zelf afhandelen, zodat collega's er geen last van hebben.",
                        False,
                        "Niet juist. Collega's moeten zelf leren signaleren.",
                    ),
                    option(
                        "Wachten tot de ketenregisseur een protocol stuurt.",
                        False,
                        "Niet juist. Borgen in de eigen organisatie is uw taak.",
                    ),
                ],
                "Borging maakt de aanpak onafhankelijk van één persoon.",
            ),
        ],
    ),
}


# ---------------------------------------------------------------------------------------------
# Regionale samenwerking mensenhandel – basis en verdieping (klassikaal, per regio)
# ---------------------------------------------------------------------------------------------

REGIONAL_AUDIENCE = ["ketenregisseur", "aandachtsfunctionaris", "zorgcoordinator"]

REGIONAAL_BASIS = {
    "code": "regionale-samenwerking-basis",
    "title": "Regionale samenwerking mensenhandel – basis",
    "summary": (
        "Een bijeenkomst per regio voor ketenregisseurs, aandachtsfunctionarissen en "
        "zorgcoördinatoren. U leert elkaars rol kennen, zet samen de route van signaal naar "
        "hulp in uw regio op papier en oefent met een casus. U rondt af door aanwezig te zijn."
    ),
    "objectives": [
        "U kent de rol van de ketenregisseur, de aandachtsfunctionaris en de zorgcoördinator, "
        "en weet waar die elkaar raken.",
        "U kent de partners in uw eigen regio persoonlijk.",
        "U beschrijft samen de route van signaal naar hulp in uw regio.",
        "U weet hoe u een casus samen oppakt, van eerste signaal tot opvang.",
    ],
    "audience_functions": REGIONAL_AUDIENCE,
    "audience_professions": ["beleidsmedewerker", "zorgcoordinator", "maatschappelijk-werker"],
    "format": "klassikaal",
    "level": "basis",
    "study_time_minutes": 240,
    "requires_all_lessons": False,
    "requires_all_tests": False,
    "requires_session_attendance": True,
    "lessons": [
        lesson(
            "voorbereiding-rollen-in-de-regio",
            "Voorbereiding: rollen in de regio",
            "Een korte voorbereiding op de bijeenkomst: wie doet wat?",
            20,
            [
                paragraph(
                    "<p>Op de bijeenkomst zitten drie rollen aan tafel. Ze hebben elkaar "
                    "nodig:</p>"
                    "<ul>"
                    "<li><b>Ketenregisseur mensenhandel</b> (gemeente): houdt regie op de "
                    "regionale aanpak, maakt afspraken met partners en agendeert knelpunten "
                    "bij bestuurders.</li>"
                    "<li><b>Aandachtsfunctionaris mensenhandel</b> (in een organisatie, zoals "
                    "een wijkteam, zorgaanbieder of school): aanspreekpunt voor collega's met "
                    "een signaal.</li>"
                    "<li><b>Zorgcoördinator mensenhandel</b> (regio): regelt zorg, opvang en "
                    "begeleiding voor (vermoedelijke) slachtoffers en adviseert "
                    "professionals.</li>"
                    "</ul>"
                ),
                WHO_DOES_WHAT,
                callout(
                    "tip",
                    "Neem mee naar de bijeenkomst",
                    "<p>Schrijf op wie u belt als u morgen een signaal van uitbuiting krijgt, "
                    "en wat u dan verwacht. Op de bijeenkomst vergelijken we de antwoorden: "
                    "waar ze verschillen, zit werk voor de regio.</p>",
                ),
                reflection(
                    "Wanneer had u voor het laatst contact met de andere twee rollen in uw "
                    "regio, en waarover?",
                ),
            ],
        ),
    ],
}

REGIONAAL_VERDIEPING = {
    "code": "regionale-samenwerking-verdieping",
    "title": "Regionale samenwerking mensenhandel – verdieping",
    "summary": (
        "Voor regio's die de basis op orde hebben. Ketenregisseurs, aandachtsfunctionarissen en "
        "zorgcoördinatoren werken samen aan lastige thema's: informatie delen, casusoverleg "
        "tussen zorg en veiligheid, slachtoffers die geen hulp willen, en het volgen van de "
        "regionale aanpak. U rondt af door aanwezig te zijn."
    ),
    "objectives": [
        "U maakt afspraken over informatie delen tussen zorg en veiligheid, met aandacht voor "
        "privacy.",
        "U organiseert een casusoverleg waarin zorg en veiligheid samen beslissen.",
        "U weet hoe u verder gaat als een slachtoffer geen hulp of aangifte wil.",
        "U volgt met cijfers en ervaringen of de regionale aanpak werkt.",
    ],
    "audience_functions": REGIONAL_AUDIENCE,
    "audience_professions": ["beleidsmedewerker", "zorgcoordinator", "maatschappelijk-werker"],
    "format": "klassikaal",
    "level": "verdieping",
    "study_time_minutes": 300,
    "requires_all_lessons": False,
    "requires_all_tests": False,
    "requires_session_attendance": True,
    "enrolment_mode": "goedkeuring",
    "lessons": [
        lesson(
            "voorbereiding-knelpunt",
            "Voorbereiding: een knelpunt uit uw regio",
            "U kiest een knelpunt in de samenwerking dat we op de bijeenkomst uitwerken.",
            20,
            [
                paragraph(
                    "<p>De verdiepende bijeenkomst werkt met knelpunten uit de regio's zelf. "
                    "Kies vooraf één knelpunt. Voorbeelden:</p>"
                    "<ul>"
                    "<li>Partners weten niet welke informatie ze mogen delen, en delen daarom "
                    "niets.</li>"
                    "<li>Signalen uit het onderwijs of de arbeidsmigratie komen niet bij de "
                    "zorgcoördinator aan.</li>"
                    "<li>Er is geen passende opvang voor minderjarigen of voor mannen.</li>"
                    "<li>Een casusoverleg in het Zorg- en Veiligheidshuis blijft hangen in "
                    "informatie uitwisselen, zonder besluiten.</li>"
                    "</ul>"
                ),
                callout(
                    "let-op",
                    "Informatie delen vraagt een grondslag",
                    "<p>Persoonsgegevens delen tussen zorg en veiligheid mag niet zomaar. Er is "
                    "een grondslag nodig, zoals toestemming of een wettelijke taak, en goede "
                    "afspraken, bijvoorbeeld in een convenant. Neem de afspraken van uw regio "
                    "mee naar de bijeenkomst.</p>",
                ),
                case(
                    "Ze wil geen hulp",
                    "<p>Een vrouw (26) is door de politie uit een woning gehaald waar ze in "
                    "de prostitutie werd uitgebuit. Na twee dagen in de opvang vertrekt ze. "
                    "Ze zegt dat ze terug wil naar haar vriend.</p>",
                    "Wat kunnen de zorgcoördinator, de aandachtsfunctionaris van de "
                    "opvang en de ketenregisseur ieder doen?",
                    "<p>De zorgcoördinator houdt, als dat kan, contact met de vrouw en laat "
                    "weten dat ze altijd terug kan komen. De aandachtsfunctionaris van de "
                    "opvang bespreekt met het team wat er gebeurde en wat de opvang beter "
                    "passend had kunnen maken. De ketenregisseur verzamelt zulke ervaringen "
                    "en agendeert structurele knelpunten, zoals het ontbreken van passende "
                    "opvang, bij partners en bestuurders. Bij zorgen over acuut gevaar "
                    "stemmen zorg en politie samen af.</p>",
                ),
            ],
        ),
    ],
}


# ---------------------------------------------------------------------------------------------
# All courses, refreshers first so the courses they refresh can point at them
# ---------------------------------------------------------------------------------------------

COURSES = [
    OPFRISCURSUS,
    BUIT_BASIS,
    RECLASSERING,
    VERDIEPING_MINDERJARIGEN,
    KETENREGISSEUR,
    AANDACHTSFUNCTIONARIS,
    REGIONAAL_BASIS,
    REGIONAAL_VERDIEPING,
]

# ---------------------------------------------------------------------------------------------
# Classroom sessions, relative to today (Europe/Amsterdam): at least one in the past, so a
# trainer can mark attendance, and the rest in the coming weeks. Times are (hour, minute).
# ---------------------------------------------------------------------------------------------

SESSIONS = {
    "verdieping-minderjarigen": [
        {
            "title": "Trainingsdag Utrecht",
            "days_from_today": -14,
            "start": (9, 30),
            "end": (16, 30),
            "location": "Utrecht, vergaderlocatie bij station Utrecht Centraal",
            "capacity": 16,
        },
        {
            "title": "Trainingsdag Zwolle",
            "days_from_today": 10,
            "start": (9, 30),
            "end": (16, 30),
            "location": "Zwolle, vergaderlocatie in het centrum",
            "capacity": 16,
        },
        {
            "title": "Trainingsdag Eindhoven",
            "days_from_today": 24,
            "start": (9, 30),
            "end": (16, 30),
            "location": "Eindhoven, vergaderlocatie bij het station",
            "capacity": 14,
        },
        {
            "title": "Trainingsdag Amsterdam",
            "days_from_today": 52,
            "start": (9, 30),
            "end": (16, 30),
            "location": "Amsterdam, vergaderlocatie bij station Amsterdam Sloterdijk",
            "capacity": 18,
        },
    ],
    "basistraining-ketenregisseur": [
        {
            "title": "Trainingsdag ketenregisseurs – Utrecht",
            "days_from_today": -21,
            "start": (10, 0),
            "end": (16, 0),
            "location": "Utrecht, vergaderlocatie bij station Utrecht Centraal",
            "capacity": 20,
        },
        {
            "title": "Trainingsdag ketenregisseurs – Amsterdam",
            "days_from_today": 7,
            "start": (10, 0),
            "end": (16, 0),
            "location": "Amsterdam, vergaderlocatie bij station Amsterdam Zuid",
            "capacity": 20,
        },
        {
            "title": "Trainingsdag ketenregisseurs – online",
            "days_from_today": 30,
            "start": (9, 30),
            "end": (13, 0),
            "online_url": "https://meet.example.org/ketenregisseurs",
            "capacity": 12,
        },
    ],
    "regionale-samenwerking-basis": [
        {
            "title": "Regiobijeenkomst Midden-Nederland",
            "days_from_today": -7,
            "start": (13, 0),
            "end": (17, 0),
            "location": "Utrecht, stadskantoor",
            "capacity": 20,
        },
        {
            "title": "Regiobijeenkomst Oost-Nederland",
            "days_from_today": 14,
            "start": (13, 0),
            "end": (17, 0),
            "location": "Enschede, stadskantoor",
            "capacity": 20,
        },
    ],
    "regionale-samenwerking-verdieping": [
        {
            "title": "Verdiepingsbijeenkomst Amsterdam-Amstelland",
            "days_from_today": 35,
            "start": (9, 30),
            "end": (15, 0),
            "location": "Amsterdam, stadhuis",
            "capacity": 18,
        },
    ],
}
