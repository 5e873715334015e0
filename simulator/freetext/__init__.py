"""Free mode: the learner types a reply in their own words, understood on their own machine.

Nothing here runs, or is imported, unless free mode is used: ``embedder`` loads the
sentence-embedding model that ships in the WordLlama wheel, ``match`` finds the authored
choice a typed reply means (or says it is unsure, or that it did not understand),
``words`` notices what the words themselves do (explainably, naming the words), and
``terminal`` and ``command`` wire these to ``ipt-sim play --free`` and ``ipt-sim match``.
No network is used at any point.
"""
