#!/usr/bin/env python3
"""Tallies a corpus run (a TRX file of HostileCorpusTests.Case) per class: cases, clean, not clean.

tally.py RUN.trx [OTHER.trx]   with two files, prints clean before and after side by side.
"""
import re, sys, xml.etree.ElementTree as ET

def tally(path):
    ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
    root = ET.parse(path).getroot()
    per = {}
    for r in root.iter("{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}UnitTestResult"):
        m = re.search(r'class: "([^"]+)", name: "(.*?)"(?:···)?\)', r.get("testName"))
        if not m:
            continue
        c = per.setdefault(m.group(1), [0, 0])
        c[0] += 1
        c[1] += r.get("outcome") == "Passed"
    return per

runs = [tally(p) for p in sys.argv[1:]]
classes = sorted(set().union(*runs))
head = "| class | cases | " + " | ".join(f"clean ({p.split('/')[-1]})" for p in sys.argv[1:]) + " |"
print(head)
print("|" + "---|" * (2 + len(runs)))
tot = [0] * (1 + len(runs))
for c in classes:
    n = max(r.get(c, [0, 0])[0] for r in runs)
    cells = [str(r.get(c, [0, 0])[1]) for r in runs]
    tot[0] += n
    for i, r in enumerate(runs):
        tot[i + 1] += r.get(c, [0, 0])[1]
    print(f"| {c} | {n} | " + " | ".join(cells) + " |")
print(f"| **all** | {tot[0]} | " + " | ".join(str(t) for t in tot[1:]) + " |")
