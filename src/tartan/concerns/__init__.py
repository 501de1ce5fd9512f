"""The third-party disclosure protocol for worries about an authority's children's services.

Section 4 of the 2023-24 South East memorandum, as code without Django: who approaches whom
(``posts``), which parts of a conversation may travel further (``parts``), the route a worry
takes with who may make each move (``route``), and what each person in it may see
(``visibility``). The web service stores worries and calls these; it never re-decides them.
"""
