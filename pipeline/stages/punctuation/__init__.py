"""The punctuation stage: repairs to punctuation marks, quote marks and the spaces around them.

Each rule is a small pure function over the text left by the rules before it, and
``RuleStage("punctuation")`` runs them in the order they are registered: the order of the
imports below, and within a module the order its rules are defined in. The order matters
(the README's rule list and ``run_to_fixpoint`` follow it):

- ``lines``: lines that are not the article (junk marks, page boilerplate), first, so that
  nothing repairs a line that is then deleted;
- ``spacing``: commas and the spaces around , ; : . ? !, early, since the rules after them
  read each paragraph's final spacing;
- ``stops``: doubled and stray full stops;
- ``doubled_words``: doubled words and articles (with ``phrasal_verbs``);
- ``ellipsis``: a bracketed ellipsis glued to its word;
- ``quote_rules``: the quote-mark rules, last, since they read the whole text's quotations
  (the scanner they share is ``quotes``).

``common`` holds what several of these modules use. Importing the package registers the rules.
"""

# ruff: noqa: I001  (the rule modules' import order is the order their rules run in)

from pipeline.stages.punctuation import lines  # noqa: F401  (registers its rules: keep this order)
from pipeline.stages.punctuation import spacing  # noqa: F401
from pipeline.stages.punctuation import stops  # noqa: F401
from pipeline.stages.punctuation import doubled_words  # noqa: F401
from pipeline.stages.punctuation import ellipsis  # noqa: F401
from pipeline.stages.punctuation import quote_rules  # noqa: F401
