Feature: Flowers on her birthday (mother-impasse)
  A client rehearses visiting their mother Ama after three months of stand-off, without
  running the old argument again, and says what they need as well as hearing what she needs.
  A place at the table (the positive ending) needs both expectations said: hers and yours.

  Scenario: Answering the day, sitting in the quiet, and putting both needs on the table
    Given the scenario "mother-impasse"
    When I choose "simple-wish"
    Then Ama's charge is 4
    And the charge is rated good
    And the tone feedback says "You answered the day instead."
    When I choose "silence"
    Then the timing is rated good
    And the charge is rated good
    And the nonverbal feedback says "Taking the chair she cleared for you is a small yes in itself."
    When I choose "lonely"
    Then the flag "heard_lonely" is set
    And "name-pattern" is offered
    When I play "name-pattern, wednesdays"
    Then I am at "her-yes"
    When I choose "say-need"
    Then the flag "said_need" is set
    And the tone feedback says "this is a deal, not a concession"
    And the openness meter is 9
    And the session ends in "new-start"
    And the overall score is 100

  Scenario: Offering Wednesdays without saying what you need is a cautious yes, not a new start
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
    Then I am at "her-yes"
    When I choose "just-yes"
    Then the tone feedback says "you've assumed she knows how the comments land"
    And the flag "said_need" is not set
    And the session ends in "cautious-yes"

  Scenario: The need as a half-joke
    Given the scenario "mother-impasse"
    When I play "simple-wish, answer-care, curious, wednesdays, hint"
    Then the tone is rated mixed
    And the tone feedback says "She'll probably take it as a joke."
    And the session ends in "cautious-yes"

  Scenario: The right request with a pointed finger, then mending how it was said
    Given the scenario "mother-impasse"
    When I play "simple-wish, answer-care, curious, wednesdays"
    And I choose "say-need" in a critical tone with pointing
    Then the tone is rated poor
    And the nonverbal is rated poor
    And Ama's charge is 5
    And the charge feedback says "sounds like a condition for seeing them"
    And I am at "bristles"
    When I choose "own-tone"
    Then Ama's charge is 3
    And the tone feedback says "You repaired the way it was said and kept the need."
    And the session ends in "new-start"

  Scenario: "I've missed you" said flatly, looking away, lands as a prepared line
    Given the scenario "mother-impasse"
    When I choose "simple-wish"
    And I choose "answer-care" in a flat tone with look_away
    Then the tone is rated poor
    And the nonverbal is rated poor
    And the charge feedback says "sounds like a line you prepared"
    And I am at "old-ground"

  Scenario: Biting back on the doorstep and rebutting the old charge
    Given the scenario "mother-impasse"
    When I choose "bite-back"
    Then Ama's charge is 7
    And the charge feedback says "before you were even inside"
    When I choose "rebut"
    Then Ama's charge is 9
    And the charge is rated poor
    And the charge feedback says "The counter-attack tipped her over. Ama is flooded (charge 9, flooding at 8)"
    And the old_script meter is 3
    And the session ends in "same-old-row"

  Scenario: Stepping out with folded arms stays in the fight
    Given the scenario "mother-impasse"
    When I choose "bite-back"
    And I choose "step-out" in a calm tone with arms_crossed
    Then the nonverbal is rated poor
    And the charge feedback says "the way they were said stayed in it"
    And I am at "cold-silence"
    When I choose "repair"
    Then the session ends in "door-ajar"

  Scenario: 'I hear you' to end it, then naming the loop while she is still flooded
    Given the scenario "mother-impasse"
    When I play "bite-back, i-hear-you"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "She will believe your eyes, not the words."
    And Ama's charge is 8
    And the charge feedback says "Ama is flooded"
    And "name-the-loop" is offered
    When I choose "name-the-loop"
    Then Ama's charge is 7
    And the charge feedback says "She was past hearing anything when you said it"
    And the session ends in "frozen"

  Scenario: Reassuring away her fear, then repairing before you leave
    Given the scenario "mother-impasse"
    When I play "simple-wish, answer-care, curious, bit-dramatic"
    Then the tone is rated mixed
    And the tone feedback says "the fear she has just risked telling you isn't real"
    And the charge is rated poor
    When I choose "repair"
    Then Ama's charge is 3
    And the charge is rated good
    And the session ends in "door-ajar"
