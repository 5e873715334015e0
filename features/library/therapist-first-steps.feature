Feature: Sorry, I'm boring: first steps out of isolation (therapist-first-steps)
  A trainee uses what happens in the room with Kasia, hears the hedge in 'not like that',
  agrees a safety plan that works at three in the morning, and rehearses one small step.

  Scenario: The apology explored, 'not like that' followed up, a plan for the night, and a rehearsed step
    Given the scenario "therapist-first-steps"
    When I choose "notice-sorry"
    Then Kasia's charge is 4
    And the tone feedback says "What happens in this room is a sample of her relationships outside it."
    And the flag "used_room" is set
    When I play "link-pattern, what-worked"
    Then the flag "reviewed_past" is set
    And I am at "too-long"
    When I choose "check-safety"
    Then the tone is rated good
    And the charge is rated good
    And the tone feedback says "Asking directly does not put the idea in someone's head"
    And I am at "safety-answer"
    When I choose "passive-ask"
    Then the tone is rated good
    And the practice is rated good
    And the tone feedback says "You heard the hedge in 'not like that'"
    And the flag "explored_hedge" is set
    And I am at "passive"
    When I choose "ask-plan"
    Then I am at "no-plan"
    When I choose "safety-plan"
    Then I am at "her-plan"
    When I choose "confirm-plan"
    Then the tone feedback says "respected how her family does things"
    And the flag "risk_done" is set
    And "like-agnieszka" is offered
    When I play "like-agnieszka, rehearse"
    Then I am at "rehearsal"
    When I choose "debrief-sorry"
    Then the hope meter is 10
    And Kasia's charge is 3
    And the session ends in "first-step"
    And the objective "in-the-room" is met
    And the objective "past-friendship" is met
    And the objective "safety" is met
    And the objective "her-step" is met
    And the overall score is 100

  Scenario: Taking 'not like that' as a no, then going back to it before she leaves
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, check-safety, thank-and-continue"
    Then the tone is rated good
    And the practice is rated mixed
    And the practice feedback says "Some people don't think of ending their life but wish they wouldn't wake up."
    And the tone feedback says "the door is left open"
    And the critical item "risk_recheck" is missed
    And the flag "explored_hedge" is not set
    When I play "like-agnieszka, make-it-concrete"
    Then I am at "before-you-go"
    And "go-back-hedge" is offered
    And "go-back-disappear" is not offered
    When I choose "go-back-hedge"
    Then the timing is rated mixed
    And the timing feedback says "you heard the hedge in the end"
    When I choose "late-plan"
    Then the flag "risk_done" is set
    And the critical item "risk_recheck" is not missed
    And the session ends in "first-step"

  Scenario: Stepping past 'if I disappeared', and letting her go without asking
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, move-on-people"
    Then the timing is rated poor
    And the timing feedback says "you stepped past 'if I disappeared'"
    And the flag "asked_safety" is not set
    When I play "like-agnieszka, make-it-concrete"
    Then I am at "before-you-go"
    And "go-back-disappear" is offered
    When I choose "see-you"
    Then the practice is rated poor
    And the session ends in "unasked"
    And the critical item "risk_recheck" is missed
    And the objective "safety" is not met
    And the overall score is 49

  Scenario: Explaining away 'not waking up', then owning the brush-off
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, check-safety, passive-ask, reassure-passive"
    Then the tone is rated mixed
    And the tone feedback says "it explains away the hardest thing she has ever told anyone"
    And I am at "passive-brushed"
    When I choose "go-back-passive"
    Then the tone feedback says "saying more does not make people stop listening"
    And I am at "no-plan"

  Scenario: A safety plan that overrides how her family does things
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, check-safety, passive-ask, ask-plan, safety-plan, tell-mum"
    Then the timing is rated poor
    And the practice is rated mixed
    And the tone feedback says "what goes wrong is whose plan it becomes"
    And the flag "risk_done" is set
    And I am at "current-people"

  Scenario: Arguing with her 'if I disappeared' instead of asking about it
    Given the scenario "therapist-first-steps"
    When I choose "not-boring"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "contradicting her straight away closes a door"
    When I choose "someone-would"
    Then the tone is rated mixed
    And the tone feedback says "it skips the check that a remark like this calls for"
    And the trust meter is 1
    And the session ends in "retreat"
    And the critical item "risk_recheck" is missed
    And the overall score is 32

  Scenario: A big goal, then pushing harder when she shrinks from it
    Given the scenario "therapist-first-steps"
    When I play "not-boring, skip-to-work"
    Then the nonverbal feedback says "one more detail for the file"
    When I choose "big-goal"
    Then Kasia's charge is 6
    And the charge is rated poor
    And the charge feedback says "a roomful of strangers"
    And I am at "too-big"
    When I choose "keep-pushing"
    Then the tone is rated mixed
    And the charge is rated poor
    And the timing feedback says "adds shame to fear"
    And the session ends in "shut-down"

  Scenario: Warm words with your eyes on your notes
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, special-friend"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "A mixed message: warm words with your eyes on your notes."
    And the charge is rated mixed
    And Kasia's charge is 4
    And "check-safety" is offered

  Scenario: An interpretation about her mother, then defending it
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, mother-cold"
    Then the timing is rated poor
    And the practice is rated poor
    And the practice feedback says "A genetic interpretation with nothing to stand on."
    And the charge is rated poor
    And the tone feedback says "An interpretation with nothing to stand on."
    When I choose "double-down"
    Then the timing is rated mixed
    And the timing feedback says "that was the moment to own the guess"
    And Kasia's charge is 5
    And the session ends in "shut-down"

  Scenario: Correcting her in the rehearsal instead of asking how it was
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, check-safety, passive-ask, ask-plan, safety-plan, confirm-plan, like-agnieszka, rehearse, correct-her"
    Then the tone is rated mixed
    And the charge is rated poor
    And the charge feedback says "now she's been told off for it"
    And the session ends in "maybe"

  Scenario: The passive-wish question, asked while glancing at the clock
    Given the scenario "therapist-first-steps"
    When I play "notice-sorry, link-pattern, what-worked, check-safety"
    And I choose "passive-ask" in a calm tone with clock_glance
    Then the tone is rated good
    And the nonverbal is rated poor
    And Kasia's charge is 5
