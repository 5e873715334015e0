Feature: The box she never opened (therapist-delayed-grief)
  A trainee links Nadia's low mood to her brother's death, and asks about safety when she says 'what's the point'.

  Scenario: A timeline, a calm safety question, a quiet moment, and a link she agrees with
    Given the scenario "therapist-delayed-grief"
    When I choose "timeline"
    Then Nadia's charge is 2
    And the flag "asked_timeline" is set
    When I play "slow-sami, own-grief"
    Then I am at "pushed-down"
    When I choose "safety"
    Then the tone is rated good
    And the charge is rated good
    And the tone feedback says "Asking plainly about suicidal thoughts is part of good care"
    And Nadia's charge is 4
    When I choose "stay-quiet"
    Then the timing is rated good
    And the timing feedback says "the tears are the first she has let herself have for Sami"
    When I choose "link"
    Then the insight meter is 6
    And the session ends in "focus-agreed"
    And the overall score is 100

  Scenario: Stepping over 'what's the point' to ask about the box
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, box"
    Then the timing is rated poor
    And the timing feedback says "it steps over 'what's the point'"
    And the flag "skipped_safety" is set
    When I choose "link"
    Then the session ends in "missed-check"

  Scenario: Cheering her up instead of asking, then asking at the second chance
    Given the scenario "therapist-delayed-grief"
    When I play "joanne, silence"
    Then the timing is rated good
    And the timing feedback says "She does."
    When I play "own-grief, cheer"
    Then the timing is rated poor
    And the timing feedback says "listing reasons to live skips the question that matters most right now"
    And the flag "skipped_safety" is set
    And I am at "brisk"
    When I play "flat, safety-2"
    Then the flag "skipped_safety" is not set
    When I choose "door-open"
    Then "link-joanne" is offered
    When I choose "link-joanne"
    Then the session ends in "focus-agreed"

  Scenario: Announcing the link before she has been heard, and insisting on it
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, link-now"
    Then the timing is rated poor
    And the timing feedback says "A link offered this early feels like being told what she feels."
    And Nadia's charge is 5
    When I choose "insist"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Pointing while you insist turns it into a debate she has to win."
    And Nadia's charge is 7
    And the session ends in "closed"

  Scenario: Agreeing she should be grateful, then giving sleep tips
    Given the scenario "therapist-delayed-grief"
    When I choose "grateful"
    Then the timing is rated poor
    When I choose "sleep-tips"
    Then the timing feedback says "lets the real subject slip away"
    And the insight meter is 0
    And the session ends in "surface"
