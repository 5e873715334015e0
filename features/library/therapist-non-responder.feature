Feature: Seventeen, the same as week one (therapist-non-responder)
  Session fifteen of sixteen with Tanvir, whose PHQ-9 has not moved. A trainee names the
  non-response without blame, asks about suicide when he says his family would manage better
  without him, lets the ending be a loss, lays out the options and builds a relapse plan from
  his own signs. Skipping the safety question caps the session at 49.

  Scenario: Non-response named without blame, a full safety check, the ending felt, options and his own plan
    Given the scenario "therapist-non-responder"
    When I choose "no-blame"
    Then the tone is rated good
    And the practice is rated good
    And the tone feedback says "you agreed with the facts and disagreed with the verdict"
    And Tanvir's charge is 5
    And the flag "named_no_blame" is set
    When I choose "credit-and-explain"
    Then the practice is rated good
    And the flag "gains_credited" is set
    When I choose "ask-safety"
    Then the tone feedback says "Asking plainly about suicide is part of good care"
    And I am at "passive"
    When I choose "how-far"
    Then the charge is rated good
    And Tanvir's charge is 6
    When I choose "into-plan"
    Then the flag "risk_checked" is set
    And I am at "ending-feel"
    When I play "explore-ending, other-end"
    Then the flag "ending_explored" is set
    And Tanvir's charge is 7
    And the charge is rated good
    When I choose "lay-out"
    Then the flag "options_discussed" is set
    When I play "his-view, his-signs, write-plan, plan-last"
    Then the session ends in "honest-ending"
    And the critical item "risk_recheck" is not missed
    And the objective "risk" is met
    And the objective "plan" is met
    And the practice score is 100
    And the overall score is 100

  Scenario: Arguing with 'better without me' instead of asking, and never going back
    Given the scenario "therapist-non-responder"
    When I play "no-blame, credit-and-explain, they-need-you"
    Then the practice is rated poor
    And the practice feedback says "Arguing with it is not asking about it"
    And the tone is rated mixed
    And the critical item "risk_recheck" is missed
    And "back-to-risk" is offered
    When I play "not-about-me, lay-out, his-view, his-signs, write-plan, plan-last"
    Then the session ends in "missed-check"
    And the critical item "risk_recheck" is missed
    And the objective "risk" is not met
    And the overall score is 49

  Scenario: Going back to the safety question later repairs the miss
    Given the scenario "therapist-non-responder"
    When I play "no-blame, credit-and-explain, they-need-you, back-to-risk"
    Then the timing is rated good
    And the timing feedback says "a late question is far better than none"
    And I am at "passive"
    When I play "how-far, into-plan"
    Then the critical item "risk_recheck" is not missed
    And the flag "risk_checked" is set

  Scenario: Notes while he cries, and no follow-up to the passive thoughts
    Given the scenario "therapist-non-responder"
    When I play "no-blame, credit-and-explain, ask-safety, write-it"
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "put the pen down"
    And the practice is rated poor
    And the practice feedback says "have they gone further, to plans or how?"
    And the critical item "risk_recheck" is missed
    And "back-to-plans" is offered
    When I play "back-to-plans, into-plan"
    Then the critical item "risk_recheck" is not missed

  Scenario: The right words, said flatly with a glance at the clock
    Given the scenario "therapist-non-responder"
    When I choose "no-blame" in a flat tone with clock_glance
    Then the tone is rated mixed
    And the tone feedback says "a flat tone makes it sound optional"
    And the nonverbal is rated poor
    And Tanvir's charge is 7
    And the practice is rated good

  Scenario: Opening a new wound in the second-to-last session, then letting it pass
    Given the scenario "therapist-non-responder"
    When I play "no-blame, credit-and-explain, ask-safety, how-far, into-plan, explore-ending, open-wound"
    Then the practice is rated poor
    And the practice feedback says "leaves no time to close it"
    And I am at "overwhelmed"
    And the charge is rated poor
    When I choose "stay-steady"
    Then the practice is rated good
    And the charge feedback says "A flood doesn't drain in one sentence."
    And I am at "settling"
    When I choose "stop-here"
    Then the session ends in "paused-ending"

  Scenario: Cheering him up, a plan with no ending, a leaflet and the form
    Given the scenario "therapist-non-responder"
    When I choose "so-much-progress"
    Then the tone is rated mixed
    And the charge is rated poor
    And the practice feedback says "Reassurance steps round the unchanged score"
    When I play "do-plan, leaflet, just-form"
    Then the session ends in "brisk-ending"
    And the objective "no-blame" is not met
    And the practice score is 0
    And the overall score is 27

  Scenario: Questioning the evidence for 'failed', then defending the question
    Given the scenario "therapist-non-responder"
    When I choose "what-evidence"
    Then the practice is rated poor
    And the practice feedback says "Weighing the evidence for a thought is cognitive therapy"
    And I am at "defended"
    When I choose "explain"
    Then the charge is rated poor
    And the session ends in "shut-down"
    And the overall score is 13
