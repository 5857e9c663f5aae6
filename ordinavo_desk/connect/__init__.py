"""Connect layer: the httpx client of Ordinavo Connect v1 and the review extension."""
