"""How the catalog looks as JSON, and what editors may send.

fields: the pieces the others share; frameworks: the framework list, detail and
write; catalog: categories, use cases, features, sources and usage figures;
framework_rows: advantages, disadvantages, feature support and relations;
compare: the side-by-side comparison; package_facts: what the package index
says about a framework's package.
"""
