Feature: Ten weeks of silence: is this a dispute? (therapist-identify-dispute)
  A trainee helps Femi see the role dispute with his daughter Tolu, link it to his mood, and name its stage.

  Scenario: The story first, a silence, both expectations, the link, and the stage named
    Given the scenario "therapist-identify-dispute"
    When I choose "what-happened"
    Then Femi's charge is 5
    And the nonverbal feedback says "you can hear the anger without flinching"
    When I play "what-christmas-means, sit-with-it"
    Then the timing is rated good
    And the timing feedback says "a quiet moment says 'take your time' better than any words"
    When I play "name-his, two-pictures"
    Then the flag "named_both" is set
    And the tone feedback says "two people with different, understandable expectations of the same relationship"
    When I choose "when-did-it-start"
    Then the flag "linked_mood" is set
    When I choose "name-impasse"
    Then the clarity meter is 8
    And the session ends in "dispute-named"
    And the overall score is 100

  Scenario: Taking his side at the start, then taking the verdict back
    Given the scenario "therapist-identify-dispute"
    When I choose "sided"
    Then the timing is rated poor
    And the tone is rated mixed
    And the tone feedback says "In a dispute the therapist sides with understanding, not with one party."
    And the flag "took_side" is set
    When I play "what-christmas-means, sit-with-it, her-view"
    Then "backtrack" is offered
    When I choose "backtrack"
    Then the flag "took_side" is not set
    When I play "when-did-it-start, name-impasse"
    Then the session ends in "dispute-named"

  Scenario: Reassurance, a judgement, and defending yourself
    Given the scenario "therapist-identify-dispute"
    When I choose "come-round"
    Then the timing is rated poor
    And the charge feedback says "being told not to worry often lands as being brushed off"
    And Femi's charge is 7
    When I choose "you-overreacted"
    Then Femi's charge is 9
    And the tone feedback says "A judgement dressed as a question."
    When I choose "not-what-i-said"
    Then the session ends in "flooded"
    And the overall score is 17

  Scenario: Eyes on your notes, then calling the relationship over
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, mixed-painful"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "your eyes went to your notes and your pen kept moving"
    When I play "name-his, two-pictures, when-did-it-start, its-over"
    Then the tone is rated poor
    And the timing is rated poor
    And the tone feedback says "that is a stand-off, not an ending"
    And the timing feedback says "and then as a question"
    And Femi's charge is 5
    When I choose "let-him-go"
    Then the session ends in "stuck"

  Scenario: Sleep tips instead of the link to the rift
    Given the scenario "therapist-identify-dispute"
    When I play "what-happened, what-christmas-means, sit-with-it, name-his, two-pictures, sleep-tips"
    Then the timing is rated poor
    And the timing feedback says "they treat the symptom"
    And the flag "linked_mood" is not set
    When I choose "name-impasse"
    Then the session ends in "half-named"
