#!/usr/bin/env python3
"""Lists class names in comments and docs that no longer resolve (run from the repository root).

Looks at {@link}/{@linkplain}/@see targets, CamelCase words and org.sgae.… names in the comments of every Java
source and .k/.h kernel, and at `backticked` CamelCase names and org.sgae.… names in Markdown. A qualified name
must name an existing package, or a class in the package it names. A name resolves when the repository declares a type of that
name, a Java source imports it, or the JDK has it (pass a file with one JDK simple name per line as argv[1]; it
can be made with a few lines of Java over the jrt:/ file system). What is left is printed for a human to judge:
product names (PyTorch, OpenCL) and words such as ReLU show up too.
"""
import os
import re
import sys

SKIP_DIRS = {'.git', 'target', 'node_modules'}
DECL = re.compile(r'\b(?:class|interface|enum|record|@interface)\s+([A-Z]\w*)')
C_STRUCT = re.compile(r'}\s*([A-Z]\w*)\s*;|\bstruct\s+([A-Z]\w*)')
IMPORT = re.compile(r'^import\s+(?:static\s+)?[\w.]*?\.([A-Z]\w*)(?:\.\w+)*\s*;', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
LINK = re.compile(r'\{@link(?:plain)?\s+([\w.]+)|@see\s+([\w.]+)')
CAMEL = re.compile(r'(?<![\w.#/-])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?![\w(])')
BACKTICK = re.compile(r'`([^`\n]+)`')
PACKAGE = re.compile(r'^package\s+([\w.]+)\s*;', re.M)
QUALIFIED = re.compile(r'\borg\.sgae(?:\.\w+)+')


def sources(exts):
    for dirpath, dirnames, filenames in os.walk('.'):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for f in filenames:
            if f.endswith(exts):
                yield os.path.join(dirpath, f)


def read(path):
    with open(path, encoding='utf-8', errors='replace') as fh:
        return fh.read()


def main():
    known = set()
    if len(sys.argv) > 1:
        known |= set(read(sys.argv[1]).split())
    java = {p: read(p) for p in sources(('.java', '.java.txt'))}
    for text in java.values():
        known |= set(DECL.findall(text)) | set(IMPORT.findall(text))
    packages, types = set(), set()
    for text in java.values():
        m = PACKAGE.search(text)
        if m:
            packages.add(m.group(1))
            types |= {m.group(1) + '.' + n for n in DECL.findall(text)}
    kernels = {p: read(p) for p in sources(('.k', '.h'))}
    for text in kernels.values():
        known |= {a or b for a, b in C_STRUCT.findall(text)}
    missing = {}

    def check_qualified(path, name):
        parts = name.split('.')
        i = next((k for k, part in enumerate(parts) if part[:1].isupper()), len(parts))
        pkg, cls = '.'.join(parts[:i]), parts[i] if i < len(parts) else None
        if (cls and pkg + '.' + cls not in types) or (not cls and pkg not in packages
                                                         and not any(q.startswith(pkg + '.') for q in packages)):
            missing.setdefault(name, set()).add(path)

    def check(path, name):
        simple = name.split('#')[0]
        simple = next((s for s in reversed(simple.split('.')) if s[:1].isupper()), None) if '.' in simple else simple
        if simple and simple[0].isupper() and simple not in known:
            missing.setdefault(simple, set()).add(path)

    for p, text in list(java.items()) + list(kernels.items()):
        for c in COMMENT.findall(text):
            for a, b in LINK.findall(c):
                check(p, a or b)
            for w in CAMEL.findall(c):
                check(p, w)
            for q in QUALIFIED.findall(c):
                check_qualified(p, q)
    for p in sources(('.md',)):
        text = read(p)
        for span in BACKTICK.findall(text):
            for w in CAMEL.findall(span):
                check(p, w)
        for q in QUALIFIED.findall(text):
            check_qualified(p, q)
    for name in sorted(missing):
        print(name + ': ' + ', '.join(sorted(missing[name])))


if __name__ == '__main__':
    main()
