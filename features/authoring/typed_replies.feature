Feature: Authors pin how typed replies are understood, in context

  A scenario with `free_text: true` lets the learner type a reply. An author's feature can
  say what free mode makes of a phrasing at a given moment (after the replies played so
  far, among the replies offered there), with the same matcher free mode uses. No bundled
  scenario offers typed replies yet, so this uses the format doc's example with
  `free_text: true` added.

  Background:
    Given the example scenario as "money.yaml" with "version: 1" replaced by "version: 1\nfree_text: true"
    And the scenario "money.yaml"

  Scenario: an author types a paraphrase and it is played as the reply it means
    When I type "This money thing is really worrying you, I can see it. Let's sit down and go through it together."
    Then the tone is rated good
    And the session ends in "renegotiating"

  Scenario: an author types nothing and it is the silence, where one is offered
    When I type ""
    Then I am at "escalation"
    And the timing is rated poor

  Scenario: an author checks what a phrasing would be taken as, without playing it
    Then typing "You bought a phone yourself!" is taken as "counter"
    And typing "" is taken as "silence"
    And I am at "doorway"

  Scenario: an author checks that unsure phrasings ask and unrelated ones are not understood
    Then typing "Calm down, let's look at it" asks which was meant
    And typing "What's for dinner tonight?" is not understood

  Scenario: an author checks phrasings in context, after the replies played so far
    When I type "You bought a phone yourself!"
    Then I am at "escalation"
    And typing "Wait, I don't want a fight, I want to know what frightens you." is taken as "follow"
    # no silence is offered here, so an empty reply means nothing
    And typing "" is not understood
    When I type "Wait, I don't want a fight, I want to know what frightens you."
    Then I am at "still-hot"
    And typing "I left you alone with it. I'm sorry." is taken as "own-it"
