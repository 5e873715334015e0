Feature: Handing back the keys (friend-dissolution)
  A client rehearses ending a twenty-five-year friendship and business partnership with Marek, with dignity.

  Scenario: Saying why you came, a silence, a shared memory, and an honest goodbye
    Given the scenario "friend-dissolution"
    When I choose "say-why"
    Then Marek's charge is 4
    And the nonverbal feedback says "Sitting down says you're staying for a moment, not inspecting."
    When I choose "silence"
    Then the timing is rated good
    And the timing feedback says "Sitting with him in the quiet lets him find his own way to what he feels."
    When I play "share-memory, copy"
    Then the closure meter is 6
    When I choose "receive"
    Then the flag "owned_part" is set
    And the charge feedback says "Blame is down to 0, and his charge to 2."
    And "grieve-first" is offered
    When I choose "grieve-first"
    Then the session ends in "dignified-goodbye"

  Scenario: Taking the bait, then shouting about his ideas
    Given the scenario "friend-dissolution"
    When I choose "take-bait"
    Then the tone is rated poor
    And the tone feedback says "He handed you an edge and you sharpened it."
    And Marek's charge is 7
    When I choose "escalate"
    Then the blame meter is 4
    And the charge feedback says "at 7 or more he's flooded and can't take words in"
    And the session ends in "blame-war"
    And the overall score is 0

  Scenario: Denying the blame with crossed arms and an eye-roll, then saying the true thing too late
    Given the scenario "friend-dissolution"
    When I play "say-why, agree-bitter"
    Then the tone feedback says "It answers his grief with a verdict on who was to blame"
    When I choose "not-blaming"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "is a mixed message: the words deny the blame and your body shows it"
    And Marek's charge is 7
    When I choose "one-true-thing"
    Then the tone is rated mixed
    And Marek's charge is 6
    And the session ends in "said-too-late"

  Scenario: Promising a pint that won't happen
    Given the scenario "friend-dissolution"
    When I play "say-why, say-meaning, thank-you, receive"
    Then I am at "last-words"
    When I choose "false-promise"
    Then the tone is rated mixed
    And the timing is rated poor
    And the tone feedback says "He asked you not to pretend, and this pretends."
    And the session ends in "hollow-promise"

  Scenario: Refusing the photo and leaving on 'bye, then'
    Given the scenario "friend-dissolution"
    When I play "say-why, silence, share-memory, keep-it"
    Then the nonverbal feedback says "Turning away from the photo turns away from him too."
    When I choose "just-go"
    Then the closure meter is 2
    And the session ends in "left-unsaid"
