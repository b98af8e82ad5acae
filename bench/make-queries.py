#!/usr/bin/env python3
"""Writes bench/queries.txt: the fixed 200 searches of `make bench` (single words, irregular
plurals, phrases, boolean queries, prefixes, multi-word), typical of an NMIRF secretariat."""
words = """women children torture education health violence discrimination disabilities migrants
refugees trafficking police prison detention journalists defenders freedom expression assembly
association religion minorities indigenous roma poverty housing water food land employment labour
corruption impunity justice judiciary courts elections parliament ombudsman institution nhri
convention protocol ratify ratification cedaw crc cat icescr iccpr crpd disappearance execution
death penalty abolish moratorium juvenile girls boys marriage domestic sexual orientation gender
identity lgbt hiv aids birth registration statelessness asylum displaced environment climate
development cooperation assistance training awareness plan strategy legislation law reform amend
criminalize decriminalize penal code constitution budget media internet privacy sanitation older
nationality slavery""".split()
words = list(dict.fromkeys(words))[:100]
plurals = ["woman", "child", "right", "man", "men", "person", "persons", "laws", "court", "girl"]
phrases = ['"domestic violence"', '"death penalty"', '"human rights defenders"', '"freedom of expression"',
           '"national human rights institution"', '"optional protocol"', '"birth registration"',
           '"female genital mutilation"', '"child labour"', '"rule of law"', '"sexual orientation"',
           '"persons with disabilities"', '"indigenous peoples"', '"access to justice"',
           '"universal periodic review"', '"special procedures"', '"standing invitation"',
           '"juvenile justice"', '"corporal punishment"', '"hate speech"']
booleans = ["women AND violence", "children AND education", "torture OR ill-treatment",
            "police AND torture", "death AND penalty NOT abolish", "women AND (employment OR labour)",
            "girls AND education", "migrants OR refugees", "disabilities AND education",
            "journalists AND protection", "roma AND discrimination", "prison AND conditions",
            "trafficking AND women", "children AND labour", "health AND water", "elections AND freedom",
            "corruption AND judiciary", "lgbt OR sexual", "poverty AND children", "indigenous AND land",
            "violence NOT domestic", "marriage AND girls", "ratify AND convention",
            "defenders OR journalists", "detention AND juvenile", "freedom AND religion",
            "women AND parliament", "education OR training", "housing AND eviction", "asylum AND detention"]
prefixes = ["discriminat*", "educat*", "tortur*", "ratif*", "child*", "traffick*", "disab*", "elect*",
            "journalist*", "prison*", "indigen*", "migra*", "religio*", "corrupt*", "violen*",
            "protect*", "legisla*", "implement*", "investig*", "prosecut*"]
multi = ["women rights", "children rights", "access education", "right food", "violence women girls",
         "national plan action", "treaty bodies reports", "cooperate special procedures",
         "independence judiciary", "freedom press", "minimum age criminal responsibility",
         "female genital", "forced labour", "child marriage", "human rights education",
         "enforced disappearances convention", "independent institution paris principles",
         "prison overcrowding", "police brutality", "hate crimes"]
queries = words + plurals + phrases + booleans + prefixes + multi
assert len(queries) == 200, len(queries)
open(__file__.replace("make-queries.py", "queries.txt"), "w").write("\n".join(queries) + "\n")
