Feature: The drawer that sticks (talking-to-dad)
  A client rehearses sharing their grief with their father six months after their mum died.

  Scenario: Walking through the door he opens, then going first with your own grief
    Given the scenario "talking-to-dad"
    When I choose "hear-her"
    Then Dad's charge is 4
    And the charge is rated good
    And the charge feedback says "he's nowhere near his limit"
    When I choose "share-own"
    Then the flag "shared_own" is set
    And the tone feedback says "You went first, so he doesn't have to."
    And "both-miss" is offered
    When I choose "both-miss"
    Then the closeness meter is 7
    And the session ends in "shared"
    And the overall score is 100

  Scenario: A side-by-side start and a silence after the laugh
    Given the scenario "talking-to-dad"
    When I play "lend-hand, yellow"
    Then Dad's charge is 1
    When I choose "quiet"
    Then the timing is rated good
    And the timing feedback says "He fills it himself."
    When I choose "me-neither"
    Then the session ends in "shared"

  Scenario: Pushing him to talk, then arguing, and he walks out
    Given the scenario "talking-to-dad"
    When I choose "talk-now"
    Then the timing is rated poor
    And the tone feedback says "'you can't keep avoiding it' is an accusation"
    And Dad's charge is 5
    When I choose "argue"
    Then Dad's charge is 8
    And the charge is rated poor
    And the charge feedback says "His charge hit 8, past the point where he can hear anything at all."
    And the session ends in "walked-off"
    And the overall score is 0

  Scenario: A sigh and an eye-roll under kind words
    Given the scenario "talking-to-dad"
    When I play "lend-hand, how-really"
    Then the timing is rated mixed
    When I choose "mixed-fine"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "That's a mixed message, and he'll believe the eye-roll, not the words."
    And Dad's charge is 5
    And I am at "deflect-hard"
    When I choose "sit-quiet"
    Then I am at "sundays"
    And "both-miss" is not offered

  Scenario: Answering about work at length, then watching the match in silence
    Given the scenario "talking-to-dad"
    When I play "lend-hand, cupboards"
    Then the timing is rated poor
    And the timing feedback says "it skips over missing her"
    When I play "answer-work, just-watch"
    Then the nonverbal feedback says "Checking your phone adds a little more distance between you."
    And the closeness meter is 0
    And the session ends in "unspoken"
