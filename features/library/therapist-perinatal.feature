Feature: Who baths the baby (therapist-perinatal)
  A trainee screens a new mother's own safety and her frightening thoughts about her baby without
  alarm, is open about what would be shared, agrees a sick role that fits her family's way of
  caring, and brings her husband in on her terms.

  Scenario: Both screens done calmly, safeguarding explained, a sick role agreed, and Daniel brought in
    Given the scenario "therapist-perinatal"
    When I choose "ask-item"
    Then the tone is rated good
    And Yan's charge is 5
    When I choose "name-it"
    Then the tone feedback says "You followed her own words"
    When I choose "what-holds"
    Then the flag "screened_self" is set
    When I play "room, carry-alone"
    Then the timing is rated good
    And the charge is rated good
    And the tone feedback says "asked before screening"
    When I play "wish-or-horror, psychosis-q"
    Then the flag "screened_baby" is set
    And the tone feedback says "'I ask every new mum' makes the question ordinary"
    When I choose "straight"
    Then the flag "safeguard_explained" is set
    And the tone feedback says "and that she would hear it first"
    When I play "illness-and-month, ease-and-keep"
    Then the flag "sick_role_agreed" is set
    And the flag "diagnosis_named" is set
    When I play "invite-daniel, fetch"
    Then I am at "daniel-in"
    When I choose "explain-both"
    Then the flag "daniel_informed" is set
    When I choose "next-steps"
    Then the session ends in "good-end"
    And the overall score is 100

  Scenario: Reassuring her instead of asking what 'not be here' means, and never going back
    Given the scenario "therapist-perinatal"
    When I play "ask-item, reassure-mum"
    Then the timing is rated poor
    And the timing feedback says "Reassurance lands before the question"
    And the charge is rated poor
    And Yan's charge is 2
    And I am at "lai-ming"
    When I play "illness-and-month, ease-and-keep, invite-daniel"
    Then "back-to-safety" is offered
    And "back-to-strange" is not offered
    When I play "fetch, explain-both, next-steps"
    Then the flag "screened_self" is not set
    And the flag "screened_baby" is not set
    And the session ends in "missed-check"

  Scenario: Going back to the three-in-the-morning thoughts before Daniel comes up
    Given the scenario "therapist-perinatal"
    When I play "ask-item, reassure-mum, illness-and-month, ease-and-keep, invite-daniel"
    When I choose "back-to-safety"
    Then the tone feedback says "Going back is always possible"
    When I choose "late-plan"
    Then the flag "screened_self" is set
    And I am at "something-else"
    When I play "room, carry-alone, wish-or-horror, psychosis-q, straight"
    Then I am at "before-daniel"
    When I play "fetch, explain-both, next-steps"
    Then the session ends in "good-end"

  Scenario: Asking, as she cries, whether she has ever hurt her baby, then letting her go
    Given the scenario "therapist-perinatal"
    When I play "ask-item, name-it, what-holds, room"
    When I choose "alarm"
    Then the timing is rated poor
    And the nonverbal is rated mixed
    And the nonverbal feedback says "put the pen down"
    And the charge is rated poor
    And the charge feedback says "flooded"
    And I am at "shut"
    When I choose "let-go"
    Then the session ends in "door-closes"

  Scenario: The right words with the pen moving while she cries
    Given the scenario "therapist-perinatal"
    When I play "ask-item, name-it, what-holds, room"
    When I choose "carry-alone" in a calm tone with note_taking
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "Writing while Yan is upset"
    And Yan's charge is 7
    And I am at "screen"

  Scenario: A secret promised, her mother-in-law cast as the problem, and the baby blues agreed with
    Given the scenario "therapist-perinatal"
    When I play "ask-item, name-it, what-holds, promise, carry-alone, wish-or-horror, psychosis-q, secret"
    Then the flag "promised" is set
    And the flag "safeguard_explained" is not set
    When I choose "boundaries"
    Then the timing is rated poor
    And the charge is rated poor
    And the charge feedback says "defensiveness on Lai-Ming's behalf"
    And I am at "defends-her"
    When I play "got-it-wrong, ease-and-keep, invite-daniel, fetch"
    When I choose "blues-agree"
    Then the flag "blues" is set
    When I choose "next-steps"
    Then the session ends in "partial-end"
