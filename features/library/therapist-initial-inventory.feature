Feature: Five hundred miles from Tết (therapist-initial-inventory)
  A trainee's first session with Mai: the sick role, an interpersonal inventory, the link to the move, and a focus agreed together.

  Scenario: Naming the illness, a pause at Callum, and a focus in her own words
    Given the scenario "therapist-initial-inventory"
    When I choose "tell-more"
    Then the tone feedback says "You let her tell it her way before you explain anything."
    When I choose "symptoms"
    Then the flag "gave_sick_role" is set
    And the hope meter is 4
    When I choose "ease-duties"
    Then the tone feedback says "This is the sick role in full."
    When I choose "quiet"
    Then the timing is rated good
    And the timing feedback says "She stopped at Callum and her hand dropped."
    When I choose "when-tet"
    Then Mai's charge is 4
    And the charge is rated good
    When I choose "say-link"
    Then the flag "linked" is set
    And "recap" is offered
    When I choose "recap"
    Then the trust meter is 10
    And the session ends in "focus-agreed"

  Scenario: Tips, more tips, and advice about her family
    Given the scenario "therapist-initial-inventory"
    When I choose "pull-together"
    Then the timing is rated poor
    And the timing feedback says "which is exactly her fear"
    When I play "more-tips, fiona"
    Then the nonverbal feedback says "Pointing turns a suggestion into an instruction."
    When I choose "tell-them"
    Then I am at "pushback"
    When I choose "insist"
    Then Mai's charge is 9
    And the nonverbal is rated poor
    And the charge feedback says "she starts planning her exit"
    And the session ends in "not-returning"

  Scenario: A glance at the phone, then announcing the wrong focus
    Given the scenario "therapist-initial-inventory"
    When I play "pull-together, mixed-hear"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "the glance tells her she's boring you"
    When I play "one-by-one, photo, say-link, skills"
    Then the tone is rated mixed
    And the tone feedback says "This names the wrong problem."
    And the session ends in "wrong-focus"

  Scenario: Skipping past 'weak' to the inventory leaves the sick role unsaid
    Given the scenario "therapist-initial-inventory"
    When I play "tell-more, who-in-life"
    Then the timing is rated poor
    And the timing feedback says "Moving past that leaves her verdict standing."
    When I play "one-by-one, photo, say-link"
    Then "recap" is not offered
    When I choose "propose"
    Then the session ends in "going-along"
