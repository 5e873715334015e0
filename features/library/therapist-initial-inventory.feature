Feature: Five hundred miles from Tết (therapist-initial-inventory)
  A trainee's first session with Mai: symptoms reviewed and a risk screen before the diagnosis,
  a sick role that fits her family, an interpersonal inventory, the link to the move, and a
  formulation and a time-limited contract agreed together.

  Scenario: Symptoms first, a risk screen that follows the hedge, the illness named, and a contract in her words
    Given the scenario "therapist-initial-inventory"
    When I choose "tell-more"
    Then the tone is rated good
    And the tone feedback says "You let her tell it her way before you explain anything."
    When I choose "screen"
    Then the practice is rated good
    And the practice feedback says "Risk assessment: done with skill."
    And the tone is rated good
    And the tone feedback says "Saying you ask everyone makes the question ordinary"
    And the flag "asked_risk" is set
    When I choose "hedge-follow"
    Then the tone feedback says "You named the passive version out loud"
    And I am at "passive"
    When I choose "ask-plan"
    Then the tone feedback says "She learns that the truth is safe here"
    When I choose "safety-agree"
    Then the flag "safety_plan" is set
    And I am at "name-it"
    When I choose "diagnose"
    Then the flag "diagnosed" is set
    And the tone feedback says "built from her own list"
    When I play "ease-duties, their-words"
    Then the flag "gave_sick_role" is set
    And the tone feedback says "the sick role, shaped to fit this family"
    When I play "one-by-one, photo"
    Then the flag "inventory_done" is set
    And Mai's charge is 5
    When I choose "stay-with"
    Then Mai's charge is 6
    And the charge is rated good
    And the charge feedback says "This is grief for the life she left"
    When I choose "say-link"
    Then the flag "linked" is set
    And I am at "formulation"
    When I choose "formulate"
    Then the tone is rated good
    And the tone feedback says "offered as a proposal she can correct"
    When I choose "contract"
    Then the tone feedback says "A time limit, a focus and two shared roles"
    And the session ends in "focus-agreed"
    And the critical item "risk_assessment" is not missed
    And the objective "risk-screened" is met
    And the objective "formulation-contract" is met
    And the overall score is 100

  Scenario: Naming depression after one sentence, then stepping back to review the symptoms
    Given the scenario "therapist-initial-inventory"
    When I choose "not-pathetic"
    Then the practice is rated poor
    And the practice feedback says "Diagnosis given: attempted, misapplied."
    And the timing is rated poor
    And the timing feedback says "A diagnosis is the end of an assessment, not the start."
    And I am at "label"
    When I choose "step-back"
    Then the tone is rated good
    And the tone feedback says "Owning the jump in a few plain words costs nothing"
    And I am at "months"

  Scenario: The risk question buried in a list of four, then asked again on its own
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, stacked"
    Then the practice is rated poor
    And the practice feedback says "Buried in a list of four"
    And the critical item "risk_assessment" is missed
    And the timing is rated poor
    And the timing feedback says "the most important one gets the quickest answer"
    And the nonverbal is rated mixed
    And the nonverbal feedback says "Writing while Mai is upset says the notes matter more than the feeling"
    When I choose "ask-again"
    Then the critical item "risk_assessment" is not missed
    And the tone feedback says "this question is not a box to tick"
    And I am at "screen-answer"

  Scenario: Accepting 'not really', then planning the work without going back to ask
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, screen, accept-no"
    Then the practice is rated poor
    And the practice feedback says "a hedge, not a no"
    And the critical item "risk_assessment" is missed
    And the timing is rated poor
    And the timing feedback says "'Not really' needed one more question."
    And the flag "safety_plan" is not set
    And I am at "name-it"
    When I play "diagnose, ease-duties, their-words, one-by-one, photo, stay-with, say-link"
    Then I am at "unscreened-check"
    And "ask-properly" is offered
    And "go-back" is not offered
    When I choose "plan-ahead"
    Then the timing is rated poor
    And the practice is rated poor
    When I play "formulate, contract"
    Then the session ends in "going-along"
    And the critical item "risk_assessment" is missed
    And the objective "risk-screened" is not met
    And the objective "formulation-contract" is met
    And the overall score is 49

  Scenario: Going back at the end of the session clears the missed screen
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, symptoms"
    Then the practice is rated mixed
    And the practice feedback says "Risk assessment: missed."
    When I play "ease-duties, their-words, one-by-one, photo, stay-with, say-link"
    Then I am at "unscreened-check"
    And the critical item "risk_assessment" is missed
    And "go-back" is offered
    When I choose "go-back"
    Then the critical item "risk_assessment" is not missed
    And the tone feedback says "It is never too late in a session to ask."
    When I play "hedge-follow, ask-plan, safety-agree"
    Then I am at "formulation"
    When I play "formulate, contract"
    Then the session ends in "focus-agreed"

  Scenario: Alarm at a passive wish, and a repair that still asks about a plan
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, screen, hedge-follow, alarm"
    Then the practice is rated poor
    And the practice feedback says "not an emergency referral before you know more"
    And Mai's charge is 7
    And the charge is rated poor
    And the tone is rated mixed
    And the timing feedback says "The referral comes before the assessment."
    And I am at "retract"
    When I choose "slow-down"
    Then Mai's charge is 5
    And the charge is rated good
    And the tone feedback says "An apology for the alarm, not for the question."
    And I am at "no-plan"

  Scenario: A stereotype about her family, and arguing with her defence of them
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, symptoms, ease-duties, culture-assume"
    Then the timing feedback says "What it validates is your assumption, not her experience."
    And the tone feedback says "the delivery is not what went wrong here"
    And the charge is rated poor
    And I am at "pushback"
    When I choose "insist"
    Then the charge is rated poor
    And the charge feedback says "she is defending them from you"
    And the session ends in "not-returning"
    And the objective "inventory" is not met

  Scenario: Tips, more tips, and an inventory rushed through
    Given the scenario "therapist-initial-inventory"
    When I choose "pull-together"
    Then the timing is rated poor
    And the timing feedback says "which is exactly her fear"
    And the charge is rated poor
    When I choose "mixed-hear"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "your eyes went to the clock"
    When I choose "tick-through"
    Then the timing is rated poor
    When I play "when-tet, rush"
    Then the nonverbal is rated poor
    And the timing feedback says "Moving on without answering leaves the link unmade."

  Scenario: Tissues pushed across, a formulation said as a verdict, and the wrong problem announced
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, screen, hedge-follow, ask-plan, safety-agree, diagnose, ease-duties, their-words, one-by-one, photo"
    And I choose "stay-with" in a calm tone with offer_tissues
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "leave them within reach and let the tears be"
    When I choose "say-link"
    And I choose "formulate" in a neutral tone
    Then the tone is rated mixed
    And the tone feedback says "sounds like a verdict"
    When I take it back
    And I choose "skills"
    Then the timing is rated poor
    And the session ends in "wrong-focus"
