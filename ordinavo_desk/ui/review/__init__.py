"""The review workspace: the selected item beside its candidates, the decisions."""
