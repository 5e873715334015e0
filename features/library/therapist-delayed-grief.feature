Feature: The box she never opened (therapist-delayed-grief)
  A trainee links Nadia's low mood to her brother's death in her own words, asks about
  safety when she says 'what's the point', and asks whether it was ever different after Sami.

  Scenario: A timeline, a calm safety question, the past asked about, and a link she agrees with
    Given the scenario "therapist-delayed-grief"
    When I choose "timeline"
    Then Nadia's charge is 3
    And the charge is rated good
    And the charge feedback says "She stays steady"
    And the flag "asked_timeline" is set
    When I play "slow-sami, own-grief"
    Then I am at "pushed-down"
    When I choose "safety"
    Then the tone is rated good
    And the charge is rated good
    And the tone feedback says "Asking plainly about suicidal thoughts is part of good care"
    And the charge feedback says "Her charge holds steady."
    And the flag "asked_safety" is set
    And "ask-past" is offered
    And "ask-past-bad" is not offered
    When I choose "ask-past"
    Then I am at "past-thoughts"
    And Nadia's charge is 6
    When I choose "door-open-past"
    Then the tone feedback says "a route for the night"
    When I choose "link"
    Then the insight meter is 6
    And the session ends in "focus-agreed"
    And the objective "follow-the-loss" is met
    And the objective "safety" is met
    And the objective "her-link" is met
    And the critical item "risk_assessment" is not missed
    And the overall score is 100

  Scenario: Her own words 'when things were bad' become the question about the past
    Given the scenario "therapist-delayed-grief"
    When I play "joanne, when-bad, own-grief, safety"
    Then "ask-past-bad" is offered
    And "ask-past" is not offered
    When I choose "ask-past-bad"
    Then the tone feedback says "'When things were bad' was a door she half-opened herself."
    When I play "door-open-past, link-joanne"
    Then the session ends in "focus-agreed"
    And the overall score is 100

  Scenario: Asking about the box steps over 'what's the point', and the session ends unasked
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, box"
    Then the timing is rated poor
    And the practice is rated mixed
    And the timing feedback says "it steps over 'what's the point'"
    And the critical item "risk_assessment" is missed
    And the flag "skipped_safety" is set
    When I choose "link"
    Then I am at "unchecked"
    When I choose "leave-it"
    Then the timing is rated poor
    And the timing feedback says "still unasked about"
    And the practice is rated poor
    And the practice feedback says "ask directly about thoughts of not wanting to be alive"
    And the session ends in "missed-check"
    And the critical item "risk_assessment" is missed
    And the objective "safety" is not met
    And the overall score is 49

  Scenario: Going back to ask before she leaves clears the missed question
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, box, link"
    Then I am at "unchecked"
    When I choose "late-ask"
    Then the timing is rated mixed
    And the timing feedback says "Coming back to it is the repair"
    And the flag "skipped_safety" is not set
    And the flag "asked_late" is set
    And the critical item "risk_assessment" is not missed
    When I choose "late-door"
    Then the session ends in "focus-agreed"
    And the objective "safety" is met
    And the overall score is at least 90

  Scenario: Cheering her up after 'what's the point', then sleep tips
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, cheer"
    Then the tone is rated mixed
    And the tone feedback says "Cheerfulness after 'what's the point' sounds like being talked out of it."
    And the timing is rated poor
    And the charge is rated mixed
    And the charge feedback says "because the lid went back on"
    And the practice is rated poor
    And the practice feedback says "Listing reasons to live argues with her instead of asking."
    And Nadia's charge is 3
    And I am at "brisk"
    And "back-timeline" is not offered
    When I choose "sleep-tips"
    Then the timing feedback says "lets the real subject slip away"
    And the charge is rated poor
    And the session ends in "surface"
    And the critical item "risk_assessment" is missed
    And the overall score is 49

  Scenario: Asked at the second chance, after the cheering up
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, cheer, flat"
    Then I am at "point"
    When I choose "safety-2"
    Then the flag "skipped_safety" is not set
    When I play "door-open, link"
    Then the session ends in "focus-agreed"

  Scenario: Announcing the link before she has been heard, and insisting on it
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, link-now"
    Then the timing is rated poor
    And the timing feedback says "A link offered this early feels like being told what she feels."
    And the charge is rated poor
    And the charge feedback says "as defence, not grief"
    And Nadia's charge is 6
    When I choose "insist"
    Then the practice is rated poor
    And the nonverbal is rated mixed
    And the nonverbal feedback says "Leaning in and writing as you insist makes the link sound settled"
    And the charge is rated poor
    And Nadia's charge is 7
    And the session ends in "closed"
    And the critical item "risk_assessment" is missed
    And the overall score is 49

  Scenario: The right question, asked while writing notes
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief"
    And I choose "safety" in a calm tone with note_taking
    Then the tone is rated good
    And the nonverbal is rated mixed
    And the nonverbal feedback says "put the pen down"
    And Nadia's charge is 6
    And the charge feedback says "how you asked it unsettled her"

  Scenario: Writing while the tears come, then owning the rush
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, safety, back-to-work"
    Then the tone is rated mixed
    And the nonverbal is rated mixed
    And the nonverbal feedback says "Writing as the tears come"
    And the charge is rated poor
    And Nadia's charge is 3
    And I am at "nights"
    When I choose "own-rush"
    Then the tone feedback says "the tears were welcome after all"
    And Nadia's charge is 5
    When I choose "link"
    Then the session ends in "focus-agreed"

  Scenario: Four questions at once while she cries, then an apology
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, safety, ask-past, stacked"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "Four questions at once"
    And the charge is rated poor
    And I am at "interrogated"
    When I choose "own-questions"
    Then the tone feedback says "A plain apology and a plain door."
    When I choose "link"
    Then the session ends in "focus-agreed"

  Scenario: A quiet moment for the tears, with the safety check left half done
    Given the scenario "therapist-delayed-grief"
    When I play "timeline, slow-sami, own-grief, safety, stay-quiet"
    Then the timing is rated good
    And the practice is rated mixed
    And the practice feedback says "Risk comes before the next topic"
    And the timing feedback says "The risk conversation still needs its last step"
    And the flag "door_opened" is not set
    When I choose "link"
    Then the session ends in "partial"
    And the objective "safety" is not met
