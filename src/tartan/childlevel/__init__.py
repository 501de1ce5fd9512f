"""Child-level data: the CIN census and SSDA903, turned into the quarterly return.

- ``cin_reader`` and ``ssda903_reader`` read the DfE's two child-level formats, streaming and
  with findings (``findings``) rather than crashes;
- ``compute`` works out every item of the return by the definitions of docs/childlevel.md
  (``cin_items``, ``cla_items``, ``adoption_items``, with ``workdays`` for the timeliness);
- ``synthetic`` writes realistic synthetic files whose return is a chosen one;
- ``pseudonyms``, ``purposes`` and ``erasure`` make pseudonymised, minimised extracts and keep
  erased children from coming back.

The library never imports Django: the web service calls it.
"""
