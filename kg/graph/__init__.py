"""The graph layer: RDF mapping, store, queries, exports."""
