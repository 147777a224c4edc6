"""Arabic text handling: normalization with offsets, sentences, tokens, clitics."""
