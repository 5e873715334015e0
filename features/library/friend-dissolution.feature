Feature: Handing back the keys (friend-dissolution)
  A client rehearses ending a twenty-five-year friendship and business partnership with
  Marek, with dignity. Marek's charge has a window (2 to 5): sadness he can speak from is
  welcome; closing up (below 2) and the blame war (flooded at 7) are not.

  Scenario: Saying why you came, a silence, a shared memory, and an honest goodbye
    Given the scenario "friend-dissolution"
    When I choose "say-why"
    Then Marek's charge is 4
    And the charge is rated good
    And the nonverbal feedback says "Sitting down says you're staying for a moment, not inspecting."
    When I choose "silence"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "Sitting with him in the quiet lets him find his own way to what he feels."
    When I play "share-memory, copy"
    Then the closure meter is 5
    And the flag "said_meaning" is set
    When I choose "receive"
    Then the flag "owned_part" is set
    And the charge feedback says "Blame is down to 0, and his charge is 3."
    And "grieve-first" is offered
    When I choose "grieve-first"
    Then the charge feedback says "He can take it"
    And the session ends in "dignified-goodbye"
    And the overall score is 100

  Scenario: Saying what it meant to the floor, then meaning it
    Given the scenario "friend-dissolution"
    When I choose "say-why"
    And I choose "say-meaning" in a flat tone with look_away
    Then the tone is rated poor
    And the nonverbal is rated poor
    And the charge feedback says "He hears a speech, not you."
    And I am at "hollow"
    When I choose "mean-it"
    Then the tone feedback says "The second time, he can hear it."
    And I am at "photo-wall"

  Scenario: An honest ending said turning away sounds like a door closing
    Given the scenario "friend-dissolution"
    When I play "say-why, say-meaning, thank-you, receive"
    And I choose "honest-end" in a calm tone with turning_away
    Then the nonverbal is rated poor
    And the charge feedback says "sound like a door closing"
    And the session ends in "honest-but-raw"

  Scenario: Taking the bait, then defending your judgement at full volume
    Given the scenario "friend-dissolution"
    When I choose "take-bait"
    Then the tone is rated poor
    And the tone feedback says "He handed you an edge and you sharpened it."
    And Marek's charge is 7
    And the charge feedback says "Marek is flooded"
    When I choose "escalate"
    Then the blame meter is 4
    And the charge feedback says "at 7 or more he can't take words in at all"
    And the session ends in "blame-war"
    And the overall score is 0

  Scenario: Denying the blame with folded arms, then saying the true thing while he is flooded
    Given the scenario "friend-dissolution"
    When I play "say-why, agree-bitter"
    Then the tone feedback says "that is the one conversation that can't be finished tonight"
    When I choose "not-blaming"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "is a mixed message: the words deny the blame and your body shows it"
    And Marek's charge is 7
    And I am at "guarded-hot"
    When I choose "one-true-thing"
    Then the timing is rated poor
    And the timing feedback says "The right words, a minute too soon."
    And Marek's charge is 7
    And the session ends in "said-too-late"

  Scenario: Giving him the minute he asks for, then the true thing lands
    Given the scenario "friend-dissolution"
    When I play "say-why, agree-bitter, not-blaming"
    And I choose "wait"
    Then Marek's charge is 5
    And the timing is rated good
    And I am at "cooled"
    When I choose "one-true-thing"
    Then the timing feedback says "Now it lands."
    And I am at "last-words"

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
    And the charge is rated poor
    And the charge feedback says "He shuts down"
    When I choose "just-go"
    Then the charge feedback says "below the window"
    And the closure meter is 1
    And the session ends in "left-unsaid"
