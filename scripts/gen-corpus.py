#!/usr/bin/env python3
"""Writes N articles generated from the demo series into OUT: every copy of the 18 demo
articles renames the main characters and the series ("Vesper Tide 0", "Vesper Tide 1", ...),
so that stories differ and each copy is a series of its own (18 articles per series).
Used by the ingest and scale benchmarks.

  gen-corpus.py OUT N
"""
import glob
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
files = sorted(glob.glob("examples/vesper-tide/*/*.txt") + glob.glob("examples/vesper-tide/*/*.md") + glob.glob("examples/vesper-tide/*/*.html"))
names = [("Marisol", "Maren"), ("Tobias", "Teodor"), ("Edda", "Ilse"), ("Strand", "Strom"), ("Morrow", "Marlow"), ("Pell", "Pim")]
i = 0
while i < n:
    k = i // len(files)
    for f in files:
        if i >= n:
            break
        text = open(f, encoding="utf-8").read().replace("Vesper Tide", f"Vesper Tide {k}")
        for a, b in names:
            text = text.replace(a, f"{b}{chr(97 + k % 26)}")
        ext = os.path.splitext(f)[1]
        with open(os.path.join(out, f"{i:06d}{ext}"), "w", encoding="utf-8") as fh:
            fh.write(text)
        i += 1
