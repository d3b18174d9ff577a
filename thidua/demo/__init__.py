"""Demo and scale data: plain Python modules, no models.

- ``names``: realistic Vietnamese names (family names by real frequency, gendered middle and given names, a few
  ethnic-minority names) and place names, drawn from a seeded ``random.Random`` so every run is the same.
- ``positions``: the staff of each kind of unit (chức vụ, đối tượng, direct-worker flag, leader flag).
- ``haiphong``: the map of Hải Phòng in 2021 (the city, its departments, 7 quận and 8 huyện with their real
  phường, xã and thị trấn, mass organisations, media, enterprises, clusters, demo accounts).
- ``seed``: ``thidua seed_demo`` as a list of idempotent steps; later issues append their own steps.
- ``bulk``: fast inserts (COPY on PostgreSQL, batched INSERTs on SQLite) with ids allocated up front.
- ``province``: ``thidua gen_province``, a synthetic province of any size for benchmarks.
"""
