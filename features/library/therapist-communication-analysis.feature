Feature: Nice of you to turn up: replaying Sunday's row (therapist-communication-analysis)
  A trainee takes Mei through one row with her wife Jo, line by line, and into a rehearsal.

  Scenario: The exact words, what Mei meant, a quiet moment, and a rehearsal built on 'lonely'
    Given the scenario "therapist-communication-analysis"
    When I choose "walk-me-through"
    Then Mei's charge is 4
    And the tone feedback says "that is where communication analysis starts"
    When I play "how-did-you-say-it, what-did-you-mean"
    Then the insight meter is 4
    When I choose "lodger-lonely"
    Then Mei's charge is 3
    And the charge is rated good
    And the charge feedback says "this is sadness finally being felt, not a fight starting"
    When I choose "stay-quiet"
    Then the timing is rated good
    And the timing feedback says "she goes on to the next step herself"
    When I choose "what-else"
    Then "use-lonely" is offered
    When I play "use-lonely, how-did-that-feel"
    Then the session ends in "rehearsed"
    And the overall score is 100

  Scenario: Calling her line sarcastic, then defending the verdict
    Given the scenario "therapist-communication-analysis"
    When I play "walk-me-through, that-was-sarcastic"
    Then the tone is rated poor
    And the tone feedback says "Judging the client's line shuts the analysis down."
    And Mei's charge is 6
    When I choose "justify"
    Then Mei's charge is 8
    And the timing feedback says "that was the moment to repair"
    And the session ends in "flooded"

  Scenario: A sigh under 'it makes sense', and alternatives before the meaning
    Given the scenario "therapist-communication-analysis"
    When I play "walk-me-through, mixed-makes-sense"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "folded arms and a sigh say 'here we go' (exactly what Jo said)"
    When I choose "rushed-alt"
    Then the timing is rated poor
    And the timing feedback says "otherwise the new line has nothing to stand on"
    And "use-lonely" is not offered
    When I play "try-it, critique"
    Then the timing feedback says "turns a brave moment into a test"
    And the session ends in "insight-no-practice"

  Scenario: A general question, then reassurance
    Given the scenario "therapist-communication-analysis"
    When I choose "vague-general"
    Then the tone is rated mixed
    And the tone feedback says "General questions get general answers."
    When I choose "reassure"
    Then the timing is rated poor
    And the insight meter is 0
    And the session ends in "nothing-changed"
