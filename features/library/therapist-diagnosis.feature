Feature: The runner who can't face the stand-up (therapist-diagnosis)
  A trainee helps Leila grieve her healthy self after an MS diagnosis, checks safety when she sounds hopeless, and rehearses telling her manager.

  Scenario: A silence for the runner she was, a calm safety question, and a true sentence rehearsed
    Given the scenario "therapist-diagnosis"
    When I choose "car-park"
    Then the tone feedback says "It invites the feeling rather than the logistics."
    When I choose "quiet"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "Silence here says the feeling is welcome and you can bear it with her."
    And the flag "grieved" is set
    When I choose "ask-safety"
    Then the tone is rated good
    And the tone feedback says "Asking plainly shows you can hear the worst"
    And Leila's charge is 4
    And the flag "safety_checked" is set
    When I play "keep-door-open, options, needing-loss, is-it-true"
    Then the courage meter is 5
    When I choose "once-more"
    Then the session ends in "told-truth"

  Scenario: Steering away from 'what's the point' and moving straight to the email
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet, control"
    Then the tone is rated poor
    And the tone feedback says "it leaves her safety unknown"
    And the timing feedback says "ask gently whether she has had thoughts of not wanting to live"
    And "check-back" is offered
    When I choose "write-email"
    Then the timing is rated poor
    And the session ends in "closed-door"

  Scenario: Going back to ask about safety after steering away
    Given the scenario "therapist-diagnosis"
    When I play "car-park, quiet, control, check-back"
    Then the tone feedback says "It's never too late in a session to check safety"
    And the flag "safety_checked" is set
    And I am at "safe-answer"
    When I play "keep-door-open, moment-after, fiona-fine"
    Then the tone feedback says "You don't know Fiona, and Leila knows it."
    And the session ends in "brave-face"

  Scenario: Reassuring her about MS, then pressing the bright side again
    Given the scenario "therapist-diagnosis"
    When I choose "full-lives"
    Then the tone is rated mixed
    And the timing is rated poor
    And Leila's charge is 7
    And "ask-now" is not offered
    When I choose "shows-possible"
    Then the tone is rated poor
    And the tone feedback says "it argues with her"
    And Leila's charge is 9
    And the session ends in "closed-door"

  Scenario: A glance at the time after her answer, and approving a promise she can't keep
    Given the scenario "therapist-diagnosis"
    When I play "car-park, grieving-her, ask-safety, so-work"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "she will notice the glance more than the words"
    When I play "moment-after, role-play, perfect"
    Then the tone is rated mixed
    And the tone feedback says "it approves a promise she cannot keep"
    And the session ends in "brave-face"
