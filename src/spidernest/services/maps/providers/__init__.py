"""The three ways SpiderMaps gets listings.

Google's own app endpoint over plain HTTP, the Maps web page in Chromium, and the official
Places API (Text Search, New).
"""
