"""The knowledge-base loader: fixtures/*.yaml into the catalog, case-study and questionnaire
tables (``manage.py load_knowledge_base``), and ``manage.py generate_scale_data``.

Its own small app because it writes every other app's data: it sits above catalog, casestudies and
decisions, and nothing imports it except tests and its commands.
"""
