"""Sandbox server: Connect v1 and the review extension on loopback, over uvicorn.

Uses domain, matching and its own store; never imported by ui.
"""
