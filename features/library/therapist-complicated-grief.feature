Feature: The fence, the tomatoes, and Lucía (therapist-complicated-grief)
  A trainee helps Rafael, widowed fourteen months, say the anger and guilt he keeps behind the fence.

  Scenario: Following Rafael back to Lucía, a silence, and room for the anger
    Given the scenario "therapist-complicated-grief"
    When I choose "door-back"
    Then Rafael's charge is 5
    And the charge feedback says "it is still well below flooding"
    When I choose "silence"
    Then the timing is rated good
    And the charge feedback says "He is gathering himself to say something hard."
    And I am at "doctor"
    When I choose "stay-anger"
    Then Rafael's charge is 7
    And the flag "named_anger" is set
    And the tone feedback says "You named the anger without flinching"
    When I choose "both-true"
    Then "link-stuck" is offered
    When I choose "link-stuck"
    Then the trust meter is 10
    And the session ends in "whole-picture"
    And the overall score is 100

  Scenario: Asking Rafael for more while he is flooded
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, stubborn-how, stay-anger"
    Then Rafael's charge is 8
    And the charge feedback says "at 8 he is flooded"
    And I am at "flooded"
    When I choose "push-on"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "He can't take in a question right now."
    And the session ends in "too-much"

  Scenario: Telling Rafael it is time to move on
    Given the scenario "therapist-complicated-grief"
    When I choose "move-on"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "tells him the grief is overdue"
    And the openness meter is 0
    And "reopen" is offered
    When I choose "accept"
    Then the timing feedback says "going along with the fence ends the session where it started"
    And the session ends in "closed-door"

  Scenario: A glance at the phone while Rafael tells you the hardest thing, then a repair
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, silence, mixed-glance"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Kind words with an eye on the clock are a mixed message"
    And the trust meter is 4
    When I choose "repair"
    Then the tone feedback says "turns a rupture into a moment of trust"
    And the flag "named_anger" is set
    When I play "both-true, photos"
    Then the session ends in "whole-picture"
