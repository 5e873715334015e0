Feature: Telling the successful one (job-loss-sibling)
  A client rehearses telling their older sister Inês about losing their job, and asking for support rather than a plan.

  Scenario: Saying it straight, asking to be heard, and a quiet moment that lets her open up
    Given the scenario "job-loss-sibling"
    When I choose "straight"
    Then the tone feedback says "Saying the hard fact first stops her guessing"
    When I choose "hear-me"
    Then Inês's charge is 2
    And the listening meter is 6
    When I choose "true-thing"
    Then the tone feedback says "Letting her see the shame, not just the facts, is what lets her come close."
    When I choose "stay-quiet"
    Then the timing is rated good
    And the timing feedback says "leaves room for her to say something real back"
    When I choose "ask-support"
    Then the listening meter is 10
    And the session ends in "side-by-side"

  Scenario: An old dig, then the golden child
    Given the scenario "job-loss-sibling"
    When I choose "dig"
    Then the tone is rated poor
    And the flag "compared" is set
    When I choose "golden-child"
    Then Inês's charge is 8
    And the charge feedback says "Old comparisons heat things up faster than almost anything."
    And the session ends in "cold-exit"
    And the overall score is 0

  Scenario: A light voice with restless hands, then going along with the plan
    Given the scenario "job-loss-sibling"
    When I choose "deflect"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Inês will believe the hands"
    And the timing feedback says "that was the easiest way in you'll get"
    When I play "ask-first, go-along"
    Then the tone feedback says "she will keep fixing because you told her fixing is what you want"
    When I play "spreadsheet-later, brave-version"
    Then the timing is rated poor
    And the nonverbal feedback says "is hard to believe; it tells her to leave it alone"
    When I choose "thanks-fine"
    Then the session ends in "project-plan"

  Scenario: Snapping at her help, then repairing with the real feeling
    Given the scenario "job-loss-sibling"
    When I play "straight, stop-fixing"
    Then the timing is rated poor
    And Inês's charge is 6
    And the flag "compared" is set
    When I choose "sorry"
    Then Inês's charge is 3
    And the tone feedback says "naming the real feeling, embarrassment, takes the fight out of the room"
    And I am at "open-up"
    When I play "true-thing, anyway-marco"
    Then the timing feedback says "This was the closest moment of the conversation."
    And "sorry-golden" is offered
