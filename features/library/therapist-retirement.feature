Feature: Thirty-eight years and a watch (therapist-retirement)
  A trainee helps Winston mourn the teaching he retired from, good and bad, before a first step back towards people.

  Scenario: 'Lucky you' doesn't fit, a silence for the staffroom, both sides of the old job, and the words for Derek
    Given the scenario "therapist-retirement"
    When I choose "lucky-you"
    Then Winston's charge is 3
    And the tone feedback says "the gap between what people say and what he feels"
    When I choose "stay"
    Then the timing is rated good
    And the charge is rated good
    And the timing feedback says "A silence here is the intervention."
    When I choose "glad-to-leave"
    Then the flag "named_bad" is set
    When I choose "both"
    Then the tone feedback says "Holding the good and the bad together is the heart of mourning an old role."
    When I play "good-tuesday, whats-stopping"
    Then "what-say" is offered
    When I choose "what-say"
    Then the hope meter is 7
    And the session ends in "new-chapter"
    And the overall score is 100

  Scenario: Cheering him on, a glance at the clock, and advice about the bowls club
    Given the scenario "therapist-retirement"
    When I choose "cheer"
    Then the tone is rated mixed
    And the timing is rated poor
    And the tone feedback says "it adds your voice to the chorus"
    When I choose "clock-glance"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "He will believe the glance over the words."
    When I choose "three-weeks"
    Then Winston's charge is 7
    And the charge is rated poor
    And the session ends in "polite-goodbye"

  Scenario: Owning the rush after cheering him on, and rehearsing with Derek
    Given the scenario "therapist-retirement"
    When I play "cheer, repair"
    Then the alliance meter is 6
    And the tone feedback says "shows him honesty is allowed in this room"
    And I am at "staffroom"
    When I play "miss-most, link-mood, both"
    Then "sick-role" is offered
    When I play "sick-role, whats-stopping, rehearse"
    Then the session ends in "new-chapter"

  Scenario: Letting him off the hook about being busy
    Given the scenario "therapist-retirement"
    When I play "lucky-you, stay, glad-to-leave, both, good-tuesday"
    Then the hope meter is 5
    When I choose "just-busy"
    Then the tone is rated poor
    And the timing feedback says "that was the moment to get curious"
    And the session ends in "a-list"

  Scenario: Homework first, a pat on the arm, and a timetable
    Given the scenario "therapist-retirement"
    When I choose "homework"
    Then the timing feedback says "He had just said he nearly cancelled."
    When I play "before, miss-most, cheer-up"
    Then the tone is rated mixed
    And the nonverbal feedback says "it comes with a request to stop crying"
    When I choose "timetable"
    Then the nonverbal is rated poor
    And the flag "told_routine" is set
    When I choose "ring-him"
    Then the session ends in "polite-goodbye"
