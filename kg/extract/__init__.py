"""Extraction stages, in the order data flows: mentions (gazetteer_match, organizations, names,
people), coreference (coref), events (triggers, arguments, modality, sources, targets, on the
low layer in clause), facts and time; ner and camel_ner tag names for CoNLL and with camel-tools."""
