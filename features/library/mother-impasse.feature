Feature: Flowers on her birthday (mother-impasse)
  A client rehearses visiting their mother Ama after three months of stand-off, without running the old argument again.

  Scenario: Answering the day, sitting in the quiet, and finding the fear under the criticism
    Given the scenario "mother-impasse"
    When I choose "simple-wish"
    Then Ama's charge is 4
    And the tone feedback says "You answered the day instead."
    When I choose "silence"
    Then the timing is rated good
    And the nonverbal feedback says "Taking the chair she cleared for you is a small yes in itself."
    When I choose "lonely"
    Then the flag "heard_lonely" is set
    And "name-pattern" is offered
    When I play "name-pattern, wednesdays"
    Then the openness meter is 8
    And the session ends in "new-start"

  Scenario: Biting back on the doorstep and rebutting the old charge
    Given the scenario "mother-impasse"
    When I choose "bite-back"
    Then Ama's charge is 7
    And the charge feedback says "before you were even inside"
    When I choose "rebut"
    Then Ama's charge is 9
    And the old_script meter is 3
    And the session ends in "same-old-row"
    And the overall score is 0

  Scenario: 'I hear you' with an eye-roll, then naming the loop while she is still hot
    Given the scenario "mother-impasse"
    When I play "bite-back, i-hear-you"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "She will believe the phone, not the words."
    And Ama's charge is 8
    And "name-the-loop" is offered
    When I choose "name-the-loop"
    Then Ama's charge is 7
    And the charge feedback says "while she is still hot, even good words bounce off"
    And the session ends in "frozen"

  Scenario: Fixing her loneliness too soon, then taking it back
    Given the scenario "mother-impasse"
    When I play "simple-wish, silence, fix-it"
    Then the timing is rated poor
    And the timing feedback says "Advice before the feeling has been heard is premature."
    And I am at "brushed"
    When I choose "take-back"
    Then I am at "she-pauses"
    And "name-pattern" is not offered
    When I choose "curious"
    Then "both-needs" is not offered
    When I choose "wednesdays"
    Then the session ends in "cautious-yes"

  Scenario: Calling her fear dramatic, then repairing before you leave
    Given the scenario "mother-impasse"
    When I play "simple-wish, answer-care, curious, bit-dramatic"
    Then the tone is rated poor
    And the tone feedback says "She has just told you her deepest fear and it was called dramatic."
    When I choose "repair"
    Then Ama's charge is 3
    And the session ends in "door-ajar"
