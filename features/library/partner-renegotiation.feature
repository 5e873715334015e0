Feature: Since the night shifts (partner-renegotiation)
  A client rehearses asking their partner Tomás to renegotiate the load since he went on nights.
  The new deal (the positive ending) needs your own need said first, his cost acknowledged,
  and a specific trial with a check-in date.

  Scenario: Opening with your own need, a pause, and a specific deal with his wish in it
    Given the scenario "partner-renegotiation"
    When I choose "own-need"
    Then Tomás's charge is 3
    And the tone feedback says "without telling him that he is what's wrong"
    When I choose "let-it-land"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "he says what he really feels"
    When I choose "stay-with-it"
    Then the feels_heard meter is 6
    And the flag "acknowledged" is set
    When I play "honest-why, two-things"
    Then the clarity meter is 3
    When I choose "yes-and-dinner"
    Then the timing feedback says "turns a good talk into a change that lasts"
    And the session ends in "new-deal"
    And the overall score is 100

  Scenario: "I'm running on empty" said with folded arms is heard as a verdict, then repaired
    Given the scenario "partner-renegotiation"
    When I choose "own-need" in a calm tone with arms_crossed
    Then the nonverbal is rated poor
    And the charge feedback says "he hears a verdict"
    And I am at "hurt"
    When I choose "repair"
    Then Tomás's charge is 3
    And the flag "repaired" is set
    When I play "honest-why, two-things, yes-and-dinner"
    Then the session ends in "new-deal"

  Scenario: A charge sheet, sarcasm, and a parting shot
    Given the scenario "partner-renegotiation"
    When I choose "grievance-list"
    Then the tone is rated poor
    And the tone feedback says "lands as a charge sheet"
    And Tomás's charge is 6
    When I choose "double-down"
    Then Tomás's charge is 8
    And the charge is rated poor
    And the charge feedback says "Tomás is flooded"
    And I am at "standoff"
    When I choose "parting-shot"
    Then the session ends in "cold-war"

  Scenario: An apology with folded arms doesn't land, and the talk has to pause
    Given the scenario "partner-renegotiation"
    When I choose "grievance-list"
    And I choose "repair" in an apologetic tone with arms_crossed
    Then the nonverbal is rated poor
    And Tomás's charge is 6
    And I am at "standoff"
    When I choose "pause-and-return"
    Then Tomás's charge is 4
    And the session ends in "door-open"

  Scenario: 'You're a great dad, obviously' with folded arms, then a good pause
    Given the scenario "partner-renegotiation"
    When I play "grievance-list, kind-but-rolling"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "When words and body disagree, people believe the body."
    And Tomás's charge is 7
    And the charge feedback says "Tomás is flooded"
    When I choose "pause-and-return"
    Then Tomás's charge is 6
    And the charge feedback says "Flooding settles over hours, not in one sentence"
    And the tone feedback says "That's what a good pause sounds like."
    And the session ends in "door-open"

  Scenario: Brushing it off twice
    Given the scenario "partner-renegotiation"
    When I choose "brush-off"
    Then the timing is rated mixed
    And the nonverbal is rated poor
    When I choose "swallow-it"
    Then the timing feedback says "That was the easiest moment you'll get today."
    And the session ends in "unsaid"

  Scenario: Reassuring his hurt away leaves the deal without his side in it
    Given the scenario "partner-renegotiation"
    When I play "own-need, let-it-land, quick-reassure"
    Then the timing is rated poor
    And the flag "acknowledged" is not set
    When I play "honest-why, two-things, yes-and-dinner"
    Then the session ends in "vague-truce"

  Scenario: "Notice things without me asking", then "see how it goes"
    Given the scenario "partner-renegotiation"
    When I play "own-need, honour-nights, short-own, help-more"
    Then the tone is rated mixed
    And the tone feedback says "asks him to read your mind"
    When I choose "see-how-it-goes"
    Then the session ends in "vague-truce"

  Scenario: Handing over a rota too early, then drafting it together
    Given the scenario "partner-renegotiation"
    When I play "own-need, rota"
    Then the timing is rated poor
    And the timing feedback says "he'll argue with the paper instead of working with you"
    And the flag "rushed_plan" is set
    When I play "step-back, short-own"
    Then "rota-together" is offered
    When I choose "rota-together"
    Then the timing is rated good
    And the timing feedback says "the rota is no longer premature"
    When I choose "yes-and-dinner"
    Then the session ends in "new-deal"
