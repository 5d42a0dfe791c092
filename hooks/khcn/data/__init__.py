"""Reading and checking editors' files in `data/`: strict YAML, field types, models, references, the loaded site."""
