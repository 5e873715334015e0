Feature: Sorry, I'm boring: first steps out of isolation (therapist-first-steps)
  A trainee uses what happens in the room with Kasia, checks safety when she talks of disappearing, and agrees one small step.

  Scenario: Curiosity about the apology, a quiet nod, a safety check and a step of her own
    Given the scenario "therapist-first-steps"
    When I choose "notice-sorry"
    Then Kasia's charge is 4
    And the tone feedback says "What happens in this room is a sample of her relationships outside it."
    When I choose "stay-with-it"
    Then the timing is rated good
    And the timing feedback says "your quiet nod tells her it was safe to say"
    When I choose "what-worked"
    Then the flag "reviewed_past" is set
    When I choose "check-safety"
    Then the tone is rated good
    And the charge is rated good
    And the tone feedback says "Asking directly does not put the idea in someone's head"
    And Kasia's charge is 3
    When I choose "thank-and-continue"
    Then "like-agnieszka" is offered
    When I play "like-agnieszka, make-it-concrete"
    Then the hope meter is 7
    And the session ends in "first-step"
    And the overall score is 100

  Scenario: Stepping past 'if I disappeared' leaves even a good step shaky
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, move-on-people"
    Then the timing is rated poor
    And the timing feedback says "you stepped past 'if I disappeared'"
    And the flag "checked_safety" is not set
    When I play "small-step, make-it-concrete"
    Then the session ends in "maybe"

  Scenario: Arguing with her 'if I disappeared' instead of asking about it
    Given the scenario "therapist-first-steps"
    When I choose "not-boring"
    Then the timing is rated poor
    And the timing feedback says "contradicting her straight away closes a door"
    When I choose "someone-would"
    Then the tone is rated mixed
    And the tone feedback says "it skips the check that a remark like this calls for"
    And the trust meter is 1
    And the session ends in "retreat"

  Scenario: A big goal, then pushing harder when she shrinks from it
    Given the scenario "therapist-first-steps"
    When I play "not-boring, skip-to-work, big-goal"
    Then Kasia's charge is 7
    And the charge is rated poor
    And I am at "too-big"
    When I choose "keep-pushing"
    Then the tone is rated mixed
    And the timing feedback says "adds shame to fear"
    And the session ends in "shut-down"

  Scenario: Warm words with a blank face
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, special-friend"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "A mixed message: warm words with a blank face and eyes elsewhere."
    And Kasia's charge is 4
    And "check-safety" is offered

  Scenario: An interpretation about her mother, then defending it
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, mother-cold"
    Then the timing is rated poor
    And the tone feedback says "An interpretation with nothing to stand on."
    When I choose "double-down"
    Then the timing is rated mixed
    And the timing feedback says "that was the moment to own the guess"
    And Kasia's charge is 7
    And the session ends in "shut-down"
