Feature: The runner who can't face the stand-up (therapist-diagnosis)
  A trainee helps Leila grieve her healthy self after an MS diagnosis, asks about safety when she
  sounds hopeless, tells MS fatigue from depression, takes the injections' possible effect on her
  mood to her MS team, and rehearses telling her manager.

  Scenario: A silence for the runner she was, a plain safety question, two kinds of tiredness, and a true sentence rehearsed
    Given the scenario "therapist-diagnosis"
    When I choose "car-park"
    Then the charge is rated good
    And the tone feedback says "It invites the feeling rather than the logistics."
    When I choose "quiet"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "Silence here says the feeling is welcome and you can bear it with her."
    And the flag "grieved" is set
    When I choose "ask-safety"
    Then the practice is rated good
    And the tone is rated good
    And the tone feedback says "Asking plainly shows you can hear the worst"
    And the flag "safety_checked" is set
    When I choose "keep-door-open"
    Then the tone feedback says "made room for the fears she does have"
    And I am at "tired"
    When I choose "two-tireds"
    Then the tone is rated good
    And the flag "sorted_fatigue" is set
    When I choose "liaise"
    Then the flag "liaised" is set
    And the tone feedback says "Her treatment stays hers"
    When I play "moment-after, needing-loss, is-it-true"
    Then the courage meter is 7
    And the tone feedback says "Curious, not catching her out."
    When I choose "once-more"
    Then the session ends in "told-truth"
    And the objective "fatigue" is met
    And the objective "request" is met
    And the overall score is 100

  Scenario: Steering away from 'what's the point', and moving straight to the email
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet, control"
    Then the practice is rated poor
    And the practice feedback says "Risk re-checked when cued: missed."
    And the critical item "risk_recheck" is missed
    And the tone is rated poor
    And the tone feedback says "it leaves her safety unknown"
    And the timing feedback says "ask gently whether she has had thoughts of not wanting to live"
    And "check-back" is offered
    When I choose "write-email"
    Then the timing is rated poor
    And the session ends in "closed-door"
    And the objective "safety" is not met
    And the overall score is 49

  Scenario: Going back to ask about safety after steering away, and finishing the work
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet, control, check-back"
    Then the tone feedback says "It's never too late in a session to check safety"
    And the critical item "risk_recheck" is not missed
    And the flag "safety_checked" is set
    And I am at "safe-answer"
    When I play "keep-door-open, two-tireds, liaise, moment-after, needing-loss, as-fiona"
    Then the flag "rehearsed" is set
    When I choose "not-giving-up"
    Then the session ends in "told-truth"
    And the overall score is at least 90

  Scenario: Reassuring her about MS, then pressing the bright side until she is flooded
    Given the scenario "therapist-diagnosis"
    When I choose "full-lives"
    Then the tone is rated mixed
    And the timing is rated poor
    And Leila's charge is 7
    And "ask-now" is not offered
    When I choose "shows-possible"
    Then the timing is rated poor
    And the tone feedback says "it argues with her"
    And Leila's charge is 9
    And the charge is rated poor
    And the charge feedback says "flooded"
    And the session ends in "walked-out"
    And the objective "grieve" is not met

  Scenario: A glance at the clock after her answer, and approving a promise she can't keep
    Given the scenario "therapist-diagnosis"
    When I play "car-park, grieving-her, ask-safety, so-work"
    Then the practice is rated mixed
    And the nonverbal is rated poor
    And the nonverbal feedback says "she will notice the glance more than the words"
    When I play "moment-after, role-play, perfect"
    Then the tone is rated mixed
    And the tone feedback says "it approves a promise she cannot keep"
    And the session ends in "brave-face"

  Scenario: All of it put down to MS, advice about her medication, and the request found but the fatigue left tangled
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet, ask-safety, keep-door-open, just-ms"
    Then the practice is rated poor
    And the practice feedback says "misses the depression inside it"
    And the timing is rated poor
    And the flag "sorted_fatigue" is not set
    When I choose "stop-them"
    Then the timing is rated poor
    And the flag "liaised" is not set
    When I play "moment-after, needing-loss, is-it-true, once-more"
    Then the session ends in "not-yet-said"
    And the objective "fatigue" is not met
    And the objective "request" is met

  Scenario: The safety question asked hesitantly with a hand on her arm, and an interpretation about her mother
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet"
    And I choose "ask-safety" in a tentative tone with gentle_touch
    Then the tone is rated mixed
    And the tone feedback says "it can also read as unsure"
    And the nonverbal is rated mixed
    And the nonverbal feedback says "Touch from a therapist is cautionary"
    When I play "keep-door-open, two-tireds, liaise, transference"
    Then the practice is rated poor
    And the practice feedback says "Non-IPT techniques avoided: attempted, misapplied."
    And the timing is rated poor
    And the timing feedback says "Looking for its roots in the past postpones it."
    And I am at "practical"

  Scenario: Finding the true request is not yet practising it
    Given the scenario "therapist-diagnosis"
    When I play "car-park, grieving-her, ask-safety, link-mood, two-tireds, liaise, options, needing-loss, is-it-true, not-giving-up"
    Then I am at "say-it-to-her"
    When I choose "words-will-come"
    Then the practice is rated poor
    And the session ends in "not-yet-said"
    And the objective "request" is not met

  Scenario: Her doubt about saying it becomes the reason to practise
    Given the scenario "therapist-diagnosis"
    When I play "car-park, grieving-her, ask-safety, link-mood, two-tireds, liaise, options, needing-loss, is-it-true, not-giving-up"
    And I choose "practise-it"
    Then the session ends in "told-truth"
    And the objective "request" is met
