"""Domain layer: immutable models, enums, ids and errors. No I/O, no Qt."""
