Feature: A lame ewe for a bit (therapist-initial-phase)
  A complete initial phase with Bethan: the questionnaire reviewed before the diagnosis, a risk
  screen, a sick role that fits her family's 'get on with it', the inventory and a timeline, a
  formulation with two possible focuses that she chooses between, and a contract.

  Scenario: Every task of the initial phase, done with her
    Given the scenario "therapist-initial-phase"
    When I choose "go-through"
    Then the practice is rated good
    When I choose "risk-ask"
    Then the tone feedback says "'As I do with everyone' tells her she isn't being singled out"
    When I play "plan-check, if-changes"
    Then the flag "risk_screened" is set
    And the flag "safety_net" is set
    When I choose "name-it"
    Then the tone is rated good
    And the flag "diagnosed" is set
    When I choose "farm-frame"
    Then the tone is rated good
    And the tone feedback says "The sick role fits her world instead of competing with it"
    When I choose "ease-and-keep"
    Then the flag "sick_role_agreed" is set
    When I play "inventory-ask, timeline-ask"
    Then I am at "timeline"
    When I choose "stay"
    Then Bethan's charge is 6
    And the charge is rated good
    When I choose "offer-both"
    Then the tone is rated good
    And I am at "choose"
    When I choose "contract"
    Then the flag "contracted" is set
    When I choose "summary"
    Then the session ends in "focus-agreed"
    And the objective "sick-role" is met
    And the objective "contract" is met
    And the overall score is 100

  Scenario: A label from the score before the review, argued for
    Given the scenario "therapist-initial-phase"
    When I choose "diagnose-now"
    Then the timing is rated poor
    And the practice is rated poor
    And the practice feedback says "A score is a starting point, not a diagnosis"
    And the flag "diagnosed_early" is set
    And I am at "not-ill"
    When I choose "insist-label"
    Then the session ends in "label"
    And the critical item "risk_assessment" is missed
    And the overall score is 32

  Scenario: Owning the early label, then correcting her family instead of fitting the frame to it
    Given the scenario "therapist-initial-phase"
    When I play "diagnose-now, step-back"
    Then the tone feedback says "Owning the jump in one sentence lowers her guard"
    And I am at "symptoms"
    When I play "risk-ask, plan-check, if-changes, name-it"
    And I choose "family-wrong"
    Then the tone is rated mixed
    And the practice feedback says "puts her between you and them"
    And Bethan's charge is 5
    When I choose "repair-frame"
    Then the flag "sick_role_framed" is set
    When I play "ease-and-keep, inventory-ask, timeline-ask, stay, offer-both, contract, summary"
    Then the session ends in "partly"
    And the objective "diagnosis-after-review" is not met

  Scenario: Stepping past item 9 costs the session, whatever else goes well
    Given the scenario "therapist-initial-phase"
    When I play "go-through, never-good"
    Then the timing feedback says "She hoped you would skip it, and you did"
    And the practice is rated poor
    And I am at "diagnosis"
    And "back-to-nine" is offered
    When I play "name-it, farm-frame, ease-and-keep, inventory-ask, timeline-ask, stay, offer-both, contract, summary"
    Then the session ends in "unasked"
    And the critical item "risk_assessment" is missed
    And the overall score is 49

  Scenario: Going back to item 9 before naming the diagnosis clears the miss
    Given the scenario "therapist-initial-phase"
    When I play "go-through, sleep-tips, back-to-nine"
    Then the tone feedback says "Going back is always allowed"
    And I am at "m4"
    When I play "plan-check, if-changes"
    Then I am at "diagnosis"
    And "back-to-nine" is not offered
    And the critical item "risk_assessment" is not missed

  Scenario: Announcing grief as the focus because a death is on the timeline
    Given the scenario "therapist-initial-phase"
    When I play "go-through, risk-ask, plan-check, if-changes, name-it, farm-frame, ease-and-keep, inventory-ask, timeline-ask"
    And I choose "write-dates"
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "the dates matter more than the tears"
    When I choose "choose-for-her"
    Then the practice feedback says "A death on the timeline doesn't make grief the focus"
    And I am at "for-her"
    When I choose "hold-grief"
    Then the session ends in "chosen-for-her"
    And the objective "formulation" is not met

  Scenario: The sick role said in the wrong voice, and a contract with the clock in view
    Given the scenario "therapist-initial-phase"
    When I play "go-through, risk-ask, plan-check, if-changes, name-it"
    And I choose "farm-frame" in a calm tone
    Then the tone is rated mixed
    And the tone feedback says "leaves Bethan room to correct you"
    When I play "ease-and-keep, inventory-ask, timeline-ask, stay, offer-both"
    And I choose "contract" in a calm tone with clock_glance
    Then the nonverbal is rated poor
    And Bethan's charge is 7
    And the charge is rated poor

  Scenario: Agreeing the focus with no end date
    Given the scenario "therapist-initial-phase"
    When I play "go-through, risk-ask, plan-check, if-changes, name-it, farm-frame, ease-and-keep, inventory-ask, timeline-ask, stay, offer-both"
    And I choose "open-ended"
    Then the practice feedback says "IPT is time-limited"
    And the session ends in "open-ended"
    And the objective "contract" is not met
